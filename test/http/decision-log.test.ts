// HTTP tests of the decision log: what classify records (single, batch, NDJSON; not /try, not a refused batch),
// reviewId, listing with filters and paging, who may read it, settings (off, masks), statistics and the purge.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reviewingScheme } from './decision-log-fixture.js';
import { type World, expectProblem, world } from './helpers.js';
import type { AuditPage, ClassifyBatchResponse, ClassifyResponse, DecisionLogPageWire, Version } from '../../server/schemas/api/index.js';

let w: World;
let key: string;
const unit = () => w.ids.unitA;
const classify = <T = ClassifyResponse>(body: unknown, token = key) =>
  w.req<T>('POST', `/api/v1/units/${unit()}/classify`, { token, body });
const log = (query = '', who: 'archA' | 'archB' | 'revX' | 'admin' = 'archA') =>
  w.as<DecisionLogPageWire>(who, 'GET', `/api/v1/units/${unit()}/decision-log${query}`);
const rows = () => (w.db.prepare('SELECT count(*) AS n FROM decision_log').get() as { n: number }).n;
const storedText = (id: number) => (w.db.prepare('SELECT record FROM decision_log WHERE id = ?').get(id) as { record: string }).record;

beforeAll(async () => {
  w = await world();
  ({ key } = await reviewingScheme(w));
});
afterAll(() => w.close());

describe('recording', () => {
  it('records a single classification with version, outcome, row, retention, record, request id and caller', async () => {
    const r = await w.req<ClassifyResponse>('POST', `/api/v1/units/${unit()}/classify`, {
      token: key,
      body: { title: '关于放假的通知', date: '2026-05-01' },
      headers: { 'x-request-id': 'req-1' },
    });
    expect(r.status).toBe(200);
    expect(r.body.reviewId).toBeUndefined();
    const page = await log();
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(1);
    const keyId = w.app.services.stores.apiKeys.listForUnit(unit())[0].id;
    expect(page.body.entries[0]).toMatchObject({
      unitId: unit(),
      version: 1,
      outcome: 'file',
      itemId: '3',
      retention: 'D10',
      classCode: 'WS/XZ',
      needs: null,
      record: { title: '关于放假的通知', date: '2026-05-01' },
      requestId: 'req-1',
      apiKeyId: keyId,
      userId: null,
      source: 'single',
    });
  });

  it('gives a review its log entry id as reviewId, with needs', async () => {
    const r = await classify({ title: '3号合同', date: '2026-05-01' });
    expect(r.body).toMatchObject({ outcome: 'review', needs: ['amount'] });
    expect(r.body.reviewId).toEqual(expect.any(Number));
    const page = await log('?outcome=review');
    expect(page.body.entries.map((e) => e.id)).toEqual([r.body.reviewId]);
    expect(page.body.entries[0]).toMatchObject({ itemId: '2', needs: ['amount'], retention: null });
  });

  it('records every record of a batch and every good NDJSON line, but nothing of a refused batch or /try', async () => {
    const before = (await log()).body.total;
    const batch = await classify<ClassifyBatchResponse>({ records: [{ title: '年度计划' }, { title: '5号合同' }] });
    expect(batch.status).toBe(200);
    expect(batch.body.results[1].reviewId).toEqual(expect.any(Number));
    expectProblem(await classify({ records: [{ title: '年度计划' }, { nope: 1 }] }), 422);
    const nd = await w.req('POST', `/api/v1/units/${unit()}/classify`, {
      token: key,
      raw: `${JSON.stringify({ title: '年度计划' })}\n{bad\n${JSON.stringify({ title: '6号合同' })}\n`,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(nd.status).toBe(200);
    const version = await w.as<Version>('archA', 'GET', `/api/v1/schemes/1/versions/1`);
    expect((await w.as('archA', 'POST', '/api/v1/try', { document: version.body.document, records: [{ title: '年度计划' }] })).status).toBe(
      200,
    );
    const page = await log();
    expect(page.body.total).toBe(before + 4);
    expect(page.body.entries.slice(0, 4).map((e) => e.source)).toEqual(['ndjson', 'ndjson', 'batch', 'batch']);
  });

  it('stores an NDJSON line as it came, which reads back as the record', async () => {
    const line = '{ "title" : "年度计划", "date":"2026-05-01", "amount": 1.50 }';
    const nd = await w.req('POST', `/api/v1/units/${unit()}/classify`, {
      token: key,
      raw: `${line}\r\n`,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(nd.status).toBe(200);
    const [entry] = (await log('?limit=1')).body.entries;
    expect(entry).toMatchObject({ source: 'ndjson', record: { title: '年度计划', date: '2026-05-01', amount: 1.5 } });
    expect(storedText(entry.id)).toBe(line);
  });

  it('stores a batch’s records as sent (serialised by the writer thread), without the 文号 parts it derived', async () => {
    const records = [
      { title: '年度计划', date: '2026-05-01', amount: 1.5, extra: { colour: 'red' } },
      { title: '关于放假的通知', docNumber: '华能发〔2024〕12号' },
    ];
    expect((await classify<ClassifyBatchResponse>({ records })).status).toBe(200);
    const entries = (await log('?limit=2')).body.entries.reverse();
    expect(entries.map((e) => storedText(e.id))).toEqual(records.map((r) => JSON.stringify(r)));
    expect(entries.map((e) => e.record)).toEqual(records);
  });

  it('writes the queue within milliseconds without anyone reading', async () => {
    const before = rows();
    await classify({ title: '年度计划' });
    expect(rows()).toBe(before); // queued, not yet written
    await vi.waitFor(() => expect(rows()).toBe(before + 1), { timeout: 2000, interval: 5 });
  });
});

describe('listing', () => {
  it('filters by outcome, row and date and pages backwards', async () => {
    const all = (await log('?limit=1000')).body;
    const first = await log('?limit=2');
    expect(first.body.entries).toHaveLength(2);
    expect(first.body.total).toBe(all.total);
    const second = await log(`?limit=2&before=${first.body.next}`);
    expect(second.body.entries.map((e) => e.id)).toEqual(all.entries.slice(2, 4).map((e) => e.id));
    const row2 = (await log('?row=2')).body;
    expect(row2.total).toBe(all.entries.filter((e) => e.itemId === '2').length);
    expect((await log('?from=2026-03-02&to=2026-03-02')).body.total).toBe(all.total); // the world's clock: 2 March
    expect((await log('?from=2026-03-03')).body.total).toBe(0);
    expectProblem(await log('?outcome=maybe'), 400);
    expectProblem(await log('?limit=0'), 400);
  });

  it('is for the unit’s archivists and admins only', async () => {
    expect((await log('', 'admin')).status).toBe(200);
    expectProblem(await log('', 'revX'), 403);
    expectProblem(await log('', 'archB'), 404);
    expectProblem(await w.req('GET', `/api/v1/units/${unit()}/decision-log`, { token: key }), 403);
    expectProblem(await w.req('GET', `/api/v1/units/${unit()}/decision-log`), 401);
  });
});

describe('export', () => {
  const exportAs = (q: string) => w.req('GET', `/api/v1/units/${unit()}/decision-log/export${q}`, { token: w.tokens.archA });

  it('writes CSV with formula cells neutralised, filtered like the listing', async () => {
    await classify({ title: '=HYPERLINK("http://x","点我")通知' });
    const r = await exportAs('?format=csv&outcome=review');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="decision-log.csv"; filename\*=UTF-8''/);
    const lines = r.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('编号,时间,版本,结论,条款,不归档条目,类目,保管期限,待确认字段,题名,记录,请求编号,调用方,方式');
    expect(lines.slice(1).every((l) => l.includes(',需人工判断,'))).toBe(true);
    const all = (await exportAs('?format=csv')).text;
    expect(all).toContain(`"'=HYPERLINK(""http://x"",""点我"")通知"`);
  });

  it('writes xlsx', async () => {
    const res = await w.app.request(`/api/v1/units/${unit()}/decision-log/export?format=xlsx`, {
      headers: { authorization: `Bearer ${w.tokens.archA}` },
    });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // a zip (xlsx)
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const ws = wb.getWorksheet('分类记录')!;
    expect(ws.getRow(2).getCell(4).value).toBe('结论');
    expect(ws.rowCount).toBe(2 + (await log()).body.total);
  });

  it('is for the unit’s archivists; the format is required', async () => {
    expectProblem(await exportAs(''), 400);
    expectProblem(await w.as('revX', 'GET', `/api/v1/units/${unit()}/decision-log/export?format=csv`), 403);
  });
});

describe('settings', () => {
  const settings = (body: unknown, who: 'archA' | 'revX' = 'archA') =>
    w.as(who, 'PUT', `/api/v1/units/${unit()}/decision-log/settings`, body);

  it('defaults to on, 400 days, nothing masked', async () => {
    const r = await w.as('archA', 'GET', `/api/v1/units/${unit()}/decision-log/settings`);
    expect(r.body).toEqual({ unitId: unit(), enabled: true, retentionDays: 400, masks: [], updatedAt: null });
  });

  it('masks the title of 机密 records and leaves out a field, audited', async () => {
    const r = await settings({
      enabled: true,
      retentionDays: 30,
      masks: [
        { field: 'title', action: 'mask', securityLevels: ['机密', '绝密'] },
        { field: 'author', action: 'omit' },
      ],
    });
    expect(r.status).toBe(200);
    await classify({ title: '关于放假的通知', securityLevel: '机密', author: '张三' });
    await classify({ title: '年度计划', securityLevel: '内部', author: '李四' });
    const [open, secret] = (await log('?limit=2')).body.entries;
    expect(secret.record).toEqual({ title: '＊＊＊', securityLevel: '机密' });
    expect(open.record).toEqual({ title: '年度计划', securityLevel: '内部' });
    const audit = await w.as<AuditPage>('admin', 'GET', `/api/v1/audit?unit=${unit()}`);
    expect(audit.body.entries[0]).toMatchObject({ action: 'decisionLog.settings', after: { retentionDays: 30 } });
  });

  it('masks NDJSON lines too: a line a rule applies to is not stored as it came', async () => {
    const lines = [
      '{"title": "关于放假的通知", "securityLevel": "机密"}',
      '{"title": "年度计划", "author": "李四"}',
      '{"title": "年度计划", "securityLevel": "内部"}',
    ];
    const nd = await w.req('POST', `/api/v1/units/${unit()}/classify`, {
      token: key,
      raw: lines.join('\n'),
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(nd.status).toBe(200);
    const [open, omitted, secret] = (await log('?limit=3')).body.entries;
    expect(secret.record).toEqual({ title: '＊＊＊', securityLevel: '机密' });
    expect(storedText(secret.id)).not.toContain('放假');
    expect(omitted.record).toEqual({ title: '年度计划' });
    expect(storedText(omitted.id)).not.toContain('李四');
    expect(storedText(open.id)).toBe(lines[2]);
  });

  it('switched off, records nothing and gives no reviewId', async () => {
    await settings({ enabled: false, retentionDays: 30, masks: [] });
    const before = (await log()).body.total;
    const r = await classify({ title: '7号合同' });
    expect(r.body.outcome).toBe('review');
    expect(r.body.reviewId).toBeUndefined();
    expect((await log()).body.total).toBe(before);
    await settings({ enabled: true, retentionDays: 30, masks: [] });
  });

  it('refuses bad settings and other roles', async () => {
    expectProblem(await settings({ enabled: true, retentionDays: 0, masks: [] }), 400);
    const bad = await settings({ enabled: true, retentionDays: 10, masks: [{ field: 'title', action: 'hide' }] });
    expectProblem(bad, 400);
    expect(bad.body.errors[0].path).toBe('/masks/0/action');
    expectProblem(await settings({ enabled: true, retentionDays: 10, masks: [] }, 'revX'), 403);
  });
});

describe('statistics and purge', () => {
  it('counts calls, outcomes, the rows and missing fields that cause review', () => {
    const s = w.app.services.decisionLog.unitStats(unit(), '2026-01-01T00:00:00Z');
    const total = w.app.services.stores.decisionLog.count(unit(), {});
    expect(s.calls).toBe(total);
    expect(s.filed + s.excluded + s.review).toBe(total);
    expect(s.review).toBe(3); // 3号, 5号 and 6号合同 (7号 went unlogged)
    expect(s.topReviewRows).toEqual([{ key: '2', count: 3 }]);
    expect(s.topMissingFields).toEqual([{ key: 'amount', count: 3 }]);
    expect(w.app.services.decisionLog.unitStats(unit(), '2026-03-03T00:00:00Z').calls).toBe(0);
  });

  it('purges entries older than the unit’s window', async () => {
    const total = w.app.services.stores.decisionLog.count(unit(), {});
    w.now.value = new Date('2026-03-31T02:00:00Z'); // 29 days later: within 30
    await classify({ title: '年度计划' });
    expect(w.app.services.decisionLog.purge()).toBe(0);
    w.now.value = new Date('2026-04-02T02:00:00Z'); // 31 days after the first entries
    expect(w.app.services.decisionLog.purge()).toBe(total);
    expect((await log()).body.total).toBe(1);
    w.now.value = new Date('2026-03-02T02:00:00Z');
  });
});

// Last: it adds 1,000 entries the figures above do not expect.
describe('writing', () => {
  it('inserts from a worker thread: a batch of 1,000 writes nothing on the connection that serves requests', async () => {
    w.app.services.decisionLog.writer.flush();
    const own = w.db.prepare<[], number>('SELECT total_changes()').pluck();
    const before = { rows: rows(), own: own.get()! };
    const records = Array.from({ length: 1000 }, (_, i) => ({ title: `${i}号合同`, date: '2026-05-01' }));
    expect((await classify({ records })).status).toBe(200);
    w.app.services.decisionLog.writer.flush();
    expect(rows()).toBe(before.rows + 1000);
    expect(own.get()! - before.own).toBeLessThanOrEqual(1); // at most a block of ids reserved
    // The records reached the worker as objects and were serialised there, each as sent.
    const stored = w.db.prepare<[], string>('SELECT record FROM decision_log ORDER BY id DESC LIMIT 1000').pluck().all().reverse();
    expect(stored).toEqual(records.map((r) => JSON.stringify(r)));
  });
});
