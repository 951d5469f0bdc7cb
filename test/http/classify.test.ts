// HTTP tests of classification: version in force by date, pinning, batches, NDJSON streams, validation, caching.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyCreated, ClassifyBatchResponse, ClassifyResponse, Problem, TryResponse } from '../../server/schemas/api/index.js';
import { type Res, type World, approve, approvedScheme, draft, expectProblem, newScheme, put, submit, world } from './helpers.js';

let w: World;
let scheme: number;
let key: string;
const url = () => `/api/v1/units/${w.ids.unitA}/classify`;
const post = <T = ClassifyResponse>(body: unknown, query = '', token = key) => w.req<T>('POST', url() + query, { token, body });

beforeAll(async () => {
  w = await world();
  expectProblem(await w.as('archA', 'POST', `/api/v1/units/${w.ids.unitA}/classify`, { title: '关于设立的申请' }), 409);
  scheme = await approvedScheme(w); // v1, effective 2026-03-01
  // v2 (effective 2026-07-01) files 一般行政事务通知 for 30 years instead of 10.
  await w.as('archA', 'POST', `/api/v1/schemes/${scheme}/versions`, { from: 1 });
  const { doc, etag } = await draft(w, scheme, 2);
  doc.items[4].retention = 'D30';
  await put(w, scheme, 2, doc, etag);
  await submit(w, scheme, 2);
  expect((await approve(w, scheme, 2, 'revX', { effectiveFrom: '2026-07-01' })).status).toBe(200);
  key = (await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: 'OA 系统' })).body.key;
});
afterAll(() => w.close());

describe('one record', () => {
  it('uses the version in force on the record’s date', async () => {
    const before = await post({ title: '关于放假的通知', date: '2026-05-10' });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ outcome: 'file', version: 1, retention: { code: 'D10' }, item: { id: '3' } });
    const after = await post({ title: '关于放假的通知', date: '2026-07-01' });
    expect(after.body).toMatchObject({ outcome: 'file', version: 2, retention: { code: 'D30' }, archivalCode: 'A001-WS·2026-D30-XZ' });
  });

  it('uses today (China time) for an undated record', async () => {
    w.now.value = new Date('2026-06-30T16:30:00Z'); // already 1 July in China
    expect((await post({ title: '关于放假的通知' })).body.version).toBe(2);
    w.now.value = new Date('2026-06-30T15:30:00Z'); // still 30 June in China
    expect((await post({ title: '关于放假的通知' })).body.version).toBe(1);
    w.now.value = new Date('2026-03-02T02:00:00Z');
  });

  it('pins a version with ?version=N, but only an approved one', async () => {
    expect((await post({ title: '关于放假的通知', date: '2026-09-01' }, '?version=1')).body.version).toBe(1);
    expectProblem(await post({ title: 'x' }, '?version=9'), 404);
    await w.as('archA', 'POST', `/api/v1/schemes/${scheme}/versions`, { from: 2 }); // v3 draft
    const r = await post({ title: 'x' }, '?version=3');
    expectProblem(r, 409);
    expect(r.body.type).toMatch(/no-version-in-force$/);
    expectProblem(await post({ title: 'x' }, '?version=abc'), 400);
    expectProblem(await post({ title: 'x' }, '?colour=red'), 400);
  });

  it('says clearly when no version was in force on the record’s date', async () => {
    const r = await post({ title: '关于放假的通知', date: '2025-12-31' });
    expectProblem(r, 409);
    expect(r.body.detail).toBe(
      '2025-12-31 时尚无生效的三合一表版本（最早的第 1 版自 2026-03-01 起生效）。此前形成的文件（存量档案）不自动按本表判定：如本单位规定早期文件也按本表执行，请指定版本分类（?version=1）；否则按本单位对早期文件的规定处理',
    );
    expect(r.body.errors).toEqual([{ path: '/date', message: expect.stringContaining('2026-03-01') }]);
    // The way the detail names works: pinned, the early record is decided by that version.
    expect((await post({ title: '关于放假的通知', date: '2025-12-31' }, '?version=1')).body.version).toBe(1);
  });

  it('validates the record: schema and real dates in every date field', async () => {
    const missing = await post({ docType: '通知' });
    expectProblem(missing, 422);
    expect(missing.body.errors[0].path).toBe('/title');
    expectProblem(await post({ title: 'x', date: '2026-02-30' }), 422);
    const signed = await post({ title: 'x', date: '2026-05-01', signedOn: '2026-02-31' });
    expectProblem(signed, 422);
    expect(signed.body.errors[0].path).toBe('/signedOn');
    const ended = await post({ title: 'x', date: '2026-05-01', contract: { endedOn: '2026-04-31' } });
    expectProblem(ended, 422);
    expect(ended.body.errors[0].path).toBe('/contract/endedOn');
    expectProblem(await post({ title: 'x', date: '2026-05-01T99:99' }), 422);
  });

  it('accepts fields the scheme does not read and lists them (real OA payloads carry more)', async () => {
    const r = await post({
      title: '关于放假的通知',
      date: '2026-05-01',
      colour: 'red',
      oaFlowId: 'F-1',
      extra: { projectCode: 'P1' },
      contract: { bank: '工行' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'file' });
    expect(r.body.ignoredFields).toEqual(['colour', 'oaFlowId', 'extra.projectCode', 'contract.bank']);
    const plain = await post({ title: '关于放假的通知', date: '2026-05-01' });
    expect(plain.body.ignoredFields).toBeUndefined();
  });

  it('lets users who may read the unit classify too', async () => {
    expect((await w.as('revX', 'POST', url(), { title: '厂房建设合同', amount: 5e6, date: '2026-05-01' })).body).toMatchObject({
      outcome: 'file',
      retention: { code: 'Y' },
      branch: '重要的',
    });
    expectProblem(await w.as('archB', 'POST', url(), { title: 'x' }), 404);
  });
});

describe('batches', () => {
  it('classifies {records:[…]}, each with its own version', async () => {
    const r: Res<ClassifyBatchResponse> = await post({
      records: [
        { title: '关于放假的通知', date: '2026-05-01' },
        { title: '关于放假的通知', date: '2026-08-01' },
        { title: '会议室借用登记' },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x) => [x.outcome, x.version])).toEqual([
      ['file', 1],
      ['file', 2],
      ['review', 1],
    ]);
  });

  it('fails the whole batch naming every bad record', async () => {
    const r: Res<Problem> = await post({ records: [{ title: 'ok' }, { nope: 1 }, { title: 'x', date: '2026-13-01' }] });
    expectProblem(r, 422);
    expect(r.body.errors.map((e) => e.path)).toEqual(['/records/1/title', '/records/2/date']);
  });

  it('limits a batch to 10,000 records', async () => {
    const records = Array.from({ length: 10_001 }, () => ({ title: 'x' }));
    const r = await post({ records });
    expectProblem(r, 400);
    expect(r.body.errors[0].path).toBe('/records');
  });

  it('classifies 10,000 records in one call', async () => {
    const records = Array.from({ length: 10_000 }, (_, i) => ({ title: i % 2 ? `${i}号合同` : '年度计划', amount: i, date: '2026-05-01' }));
    const r = await post<ClassifyBatchResponse>({ records });
    expect(r.status).toBe(200);
    expect(r.body.results).toHaveLength(10_000);
  });
});

describe('NDJSON', () => {
  const ndjson = (text: string, query = '') =>
    w.req('POST', url() + query, { token: key, raw: text, headers: { 'content-type': 'application/x-ndjson' } });

  it('streams one line out per line in, with per-line errors that do not stop the stream', async () => {
    const input = [
      JSON.stringify({ title: '关于放假的通知', date: '2026-05-01' }),
      '{not json',
      '',
      JSON.stringify({ title: 'x', bogus: true }),
      JSON.stringify({ title: '关于放假的通知', date: '2025-01-01' }),
      JSON.stringify({ title: '2026年度计划', date: '2026-08-01' }),
    ].join('\n');
    const r = await ndjson(input);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = r.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.line)).toEqual([1, 2, 4, 5, 6]);
    expect(lines[0]).toMatchObject({ outcome: 'file', version: 1 });
    expect(lines[1].error).toMatchObject({ status: 400, type: expect.stringMatching(/invalid-json$/) });
    expect(lines[2]).toMatchObject({ outcome: 'review', ignoredFields: ['bogus'] });
    expect(lines[3].error).toMatchObject({ status: 409 });
    expect(lines[4]).toMatchObject({ outcome: 'file', version: 2, item: { id: '1.2' } });
  });

  it('handles a last line without newline, CRLF and a line that is too long', async () => {
    const long = JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10) });
    const r = await ndjson(`${JSON.stringify({ title: '年度计划' })}\r\n${long}\n${JSON.stringify({ title: '年度计划' })}`);
    const lines = r.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.line, l.outcome ?? l.error.status])).toEqual([
      [1, 'file'],
      [2, 413],
      [3, 'file'],
    ]);
  });

  it('still answers 409 up front when the unit has no approved version', async () => {
    const r = await w.req('POST', `/api/v1/units/${w.ids.unitB}/classify`, {
      token: w.tokens.archB,
      raw: '{"title":"x"}\n',
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expectProblem(r, 409);
  });
});

describe('the compiled-version cache', () => {
  it('compiles each approved version once, not per request', async () => {
    const cache = w.app.services.cache;
    await post({ title: '关于放假的通知', date: '2026-05-01' });
    const before = cache.compilations;
    for (let i = 0; i < 5; i++) await post({ title: '关于放假的通知', date: i % 2 ? '2026-05-01' : '2026-08-01' });
    expect(cache.compilations).toBe(before);
  });

  it('compiles at approval, so the first classification after it does not', async () => {
    const id = await newScheme(w, 'archS', w.ids.subS);
    await submit(w, id, 1, 'archS');
    expect((await approve(w, id, 1, 'revP')).status).toBe(200);
    const before = w.app.services.cache.compilations;
    const r = await w.as('archS', 'POST', `/api/v1/units/${w.ids.subS}/classify`, { title: '2026年度计划', date: '2026-05-01' });
    expect(r.body).toMatchObject({ outcome: 'file', version: 1, archivalCode: 'S001-WS·2026-D30-GL' });
    expect(w.app.services.cache.compilations).toBe(before);
  });

  it('asks which scheme when a unit has several approved ones', async () => {
    const second = await newScheme(w, 'archS', w.ids.subS, '会计档案');
    await submit(w, second, 1, 'archS');
    await approve(w, second, 1, 'revP');
    const r = await w.as('archS', 'POST', `/api/v1/units/${w.ids.subS}/classify`, { title: 'x' });
    expectProblem(r, 409);
    expect(r.body.errors[0].path).toBe('/query/scheme');
    expect((await w.as('archS', 'POST', `/api/v1/units/${w.ids.subS}/classify?scheme=${second}`, { title: '年度计划' })).status).toBe(200);
    expectProblem(await w.as('archS', 'POST', `/api/v1/units/${w.ids.subS}/classify?scheme=${scheme}`, { title: 'x' }), 404);
  });
});

describe('try', () => {
  it('classifies against an unsaved document', async () => {
    const { doc } = await draft(w, scheme, 1);
    const r = await w.as<TryResponse>('archA', 'POST', '/api/v1/try', {
      document: doc,
      records: [{ title: '2026年度计划', date: '2026-01-01' }, { nope: 1 }],
    });
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(true);
    expect(r.body.results[0]).toMatchObject({ outcome: 'file', item: { id: '1.2' } });
    expect(r.body.results[1]).toBe(null);
    expect(r.body.errors.map((e) => e.path)).toContain('/records/1/title');
  });

  it('reports an invalid document with paths under /document', async () => {
    const r = await w.as<TryResponse>('archA', 'POST', '/api/v1/try', { document: { format: 'sanheyi.scheme/1' }, records: [] });
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(false);
    expect(r.body.errors[0].path).toMatch(/^\/document/);
  });

  it('is for signed-in people, not API keys', async () => {
    expectProblem(await w.req('POST', '/api/v1/try', { token: key, body: { document: {}, records: [] } }), 403);
    expectProblem(await w.req('POST', '/api/v1/try', { body: { document: {}, records: [] } }), 401);
  });
});
