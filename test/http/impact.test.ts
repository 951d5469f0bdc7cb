// HTTP tests of a draft's impact: the logged records replayed through the version in force and the draft (counts,
// transitions, examples for the archivist only), an uploaded sample, and 100,000 logged records within 5 s.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogRow } from '../../server/store/decision-log-store.js';
import { reviewingScheme } from './decision-log-fixture.js';
import { type World, draft, expectProblem, put, world } from './helpers.js';
import type { ClassifyResponse, ImpactReportWire } from '../../server/schemas/api/index.js';

let w: World;
let key: string;
let scheme: number;
const impactUrl = (n = 2, q = '') => `/api/v1/schemes/${scheme}/versions/${n}/impact${q}`;
const classify = (body: unknown) => w.req<ClassifyResponse>('POST', `/api/v1/units/${w.ids.unitA}/classify`, { token: key, body });

beforeAll(async () => {
  w = await world();
  ({ key, scheme } = await reviewingScheme(w));
  for (const title of ['1号合同', '2号合同', '关于放假的通知', '关于停电的通知', '2026年度计划', '会议室借用登记'])
    expect((await classify({ title, date: '2026-05-01' })).status).toBe(200);
  // Draft 2: contracts without an amount are kept 永久 by default (从长), 通知 30 years, 年度计划 10 years.
  await w.as('archA', 'POST', `/api/v1/schemes/${scheme}/versions`, { from: 1 });
  const { doc, etag } = await draft(w, scheme, 2);
  const row = (id: string) => doc.items.find((i) => i.id === id)!;
  row('2').default = '从长';
  delete row('2').review;
  row('3').retention = 'D30';
  row('1.2').retention = 'D10';
  expect((await put(w, scheme, 2, doc, etag)).status).toBe(200);
});
afterAll(() => w.close());

describe('impact of a draft on the logged records', () => {
  it('counts and groups what would change', async () => {
    const r = await w.as<ImpactReportWire>('archA', 'GET', impactUrl());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      version: 2,
      against: { number: 1, effectiveFrom: '2026-03-01' },
      source: 'log',
      records: 6,
      changed: 5,
      counts: { nowFiledFromReview: 2, longer: 2, shorter: 1, nowExcluded: 0 },
    });
    const [first] = r.body.transitions;
    expect(first).toMatchObject({
      kind: 'nowFiledFromReview',
      before: { outcome: 'review', row: '2', retention: null },
      after: { outcome: 'file', row: '2', retention: 'Y' },
      count: 2,
    });
    expect(r.body.examples[first.ids[0]]).toEqual({ title: '1号合同', date: '2026-05-01' });
  });

  it('shows the reviewer the changes without the records; other units see nothing', async () => {
    const r = await w.as<ImpactReportWire>('revX', 'GET', impactUrl());
    expect(r.body.changed).toBe(5);
    expect(r.body.examples).toEqual({});
    expectProblem(await w.as('archB', 'GET', impactUrl()), 404);
    expectProblem(await w.req('GET', impactUrl(), { token: key }), 403);
  });

  it('takes a window of dates and a version with no change', async () => {
    expect((await w.as<ImpactReportWire>('archA', 'GET', impactUrl(2, '?from=2026-03-03'))).body.records).toBe(0);
    expect((await w.as('archA', 'GET', impactUrl(1))).body).toMatchObject({ records: 6, changed: 0 });
    expectProblem(await w.as('archA', 'GET', impactUrl(9)), 404);
    expectProblem(await w.as('archA', 'GET', impactUrl(2, '?from=yesterday')), 400);
  });

  it('replays an uploaded sample, validated like classify', async () => {
    const r = await w.as<ImpactReportWire>('archA', 'POST', impactUrl(), {
      records: [{ title: '关于放假的通知' }, { title: '5号合同', amount: 10 }],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ source: 'sample', records: 2, changed: 1, counts: { longer: 1 } });
    expect(r.body.examples).toEqual({ 0: { title: '关于放假的通知' } });
    const bad = await w.as('archA', 'POST', impactUrl(), { records: [{ title: 'x' }, { nope: 1 }] });
    expectProblem(bad, 422);
    expect(bad.body.errors[0].path).toBe('/records/1/title');
    expectProblem(await w.as('archA', 'POST', impactUrl(), { records: [] }), 400);
  });
});

describe('every changed record, as a file', () => {
  it("exports each logged record the draft decides differently, to the unit's archivists only", async () => {
    const r = await w.as('archA', 'GET', impactUrl(2, '/changes?format=csv'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toContain('attachment');
    const lines = r.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('编号,变化,现行第 1 版,第 2 版,现行类目,新类目,题名,文号,文件日期,记录');
    expect(lines).toHaveLength(6); // the five changed of six
    const contract = lines.find((l) => l.includes(',1号合同,'))!;
    expect(contract).toMatch(/^\d+,原需人工判断、现可归档,需人工判断（2）,条款 2 · Y,/);
    expect(lines.some((l) => l.includes('会议室借用登记'))).toBe(false); // unchanged: not listed
    expectProblem(await w.as('revX', 'GET', impactUrl(2, '/changes?format=csv')), 403);
    expectProblem(await w.as('archB', 'GET', impactUrl(2, '/changes?format=csv')), 404);
    expectProblem(await w.as('archA', 'GET', impactUrl(2, '/changes')), 400);
  });

  it('writes the same as xlsx', async () => {
    const r = await w.app.request(impactUrl(2, '/changes?format=xlsx'), { headers: { authorization: `Bearer ${w.tokens.archA}` } });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(2 + 5);
    expect(String(ws.getRow(1).getCell(1).value)).toContain('结论不同的分类记录（5 条）');
  });

  it("returns every changed index of a sample, beyond the log report's first 50", async () => {
    const records = Array.from({ length: 120 }, (_, i) => ({ title: `关于第${i}次停电的通知` }));
    const r = await w.as<ImpactReportWire>('archA', 'POST', impactUrl(), { records });
    expect(r.body.changed).toBe(120);
    expect(r.body.transitions[0].ids).toHaveLength(120);
  });
});

describe('speed', () => {
  it('replays 100,000 logged records in under 5 s', async () => {
    const titles = ['关于放假的通知', '2026年度计划', '会议室借用登记', '关于设立的申请'];
    const rows: LogRow[] = [];
    const first = w.app.services.stores.decisionLog.reserveIds().first + 10_000;
    for (let i = 0; i < 100_000; i++) {
      const record =
        i % 5 === 4 ? { title: `${i}号合同`, amount: i * 100, date: '2026-05-01' } : { title: titles[i % 4], date: '2026-05-01' };
      rows.push({
        id: first + i,
        unitId: w.ids.unitA,
        at: '2026-03-02T01:00:00.000Z',
        schemeId: scheme,
        version: 1,
        outcome: 'file',
        itemId: null,
        exclusionId: null,
        classCode: null,
        retention: null,
        needs: null,
        record: JSON.stringify(record),
        requestId: null,
        apiKeyId: null,
        userId: null,
        source: 'batch',
      });
    }
    w.app.services.stores.decisionLog.insertMany(rows);
    const started = performance.now();
    const r = await w.as<ImpactReportWire>('archA', 'GET', impactUrl());
    const wall = performance.now() - started;
    expect(r.status).toBe(200);
    expect(r.body.records).toBe(100_006);
    expect(r.body.changed).toBe(40_005); // 20,000 通知 longer, 20,000 年度计划 shorter, and the 5 above
    expect(r.body.counts).toMatchObject({ longer: 20_002, shorter: 20_001 });
    console.log(`impact: ${r.body.records} records replayed in ${r.body.ms} ms (request ${Math.round(wall)} ms)`);
    expect(wall).toBeLessThan(5000);
  }, 60_000);
});
