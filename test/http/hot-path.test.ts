// The classify hot path keeps what does not change per request in memory (API keys, the unit's versions in force):
// these tests prove it never serves stale state — a revoked key is refused on the very next request, in this app and
// in a second app instance on the same database file, and an approval is used at once. Over a real socket: NDJSON
// read from the Node request, body limits, and the headers every response carries.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../server/app.js';
import { type Db, openDatabase } from '../../server/store/db.js';
import { FIXTURE_RULESETS, TEST_SCRYPT, type World, approve, approvedScheme, draft, expectProblem, put, submit, world } from './helpers.js';
import type { ApiKeyCreated, ClassifyBatchResponse, ClassifyResponse } from '../../server/schemas/api/index.js';

let w: World;
let scheme: number;
let db2: Db;
let app2: App;
const url = () => `/api/v1/units/${w.ids.unitA}/classify`;
const newKey = async (name: string): Promise<{ key: string; id: number }> =>
  (await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name })).body;
const classifyOn = async (app: App, token: string, body: unknown) => {
  const res = await app.request(url(), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown, type: res.headers.get('content-type') };
};

beforeAll(async () => {
  w = await world();
  scheme = await approvedScheme(w);
  // A second app instance on the same database file, as a second process would be (its own connection).
  db2 = openDatabase(join(w.dir, 'test.db'));
  app2 = createApp({ db: db2, clock: () => w.now.value, rulesetsDir: FIXTURE_RULESETS, log: () => {}, scrypt: TEST_SCRYPT });
});
afterAll(() => {
  db2.close();
  w.close();
});

describe('API keys from memory', () => {
  it('refuses a revoked key on the very next request, in this app and in another instance on the same file', async () => {
    const { key, id } = await newKey('OA');
    // Both apps verify the key once and keep it.
    for (let i = 0; i < 2; i++) {
      expect((await w.req('POST', url(), { token: key, body: { title: '2026年度计划' } })).status).toBe(200);
      expect((await classifyOn(app2, key, { title: '2026年度计划' })).status).toBe(200);
    }
    expect((await w.as('archA', 'DELETE', `/api/v1/units/${w.ids.unitA}/api-keys/${id}`)).status).toBe(204);
    expectProblem(await w.req('POST', url(), { token: key, body: { title: '2026年度计划' } }), 401);
    const other = await classifyOn(app2, key, { title: '2026年度计划' });
    expect([other.status, other.type]).toEqual([401, 'application/problem+json; charset=utf-8']);
  });

  it('refuses a key revoked by the other instance (as by the CLI) on the very next request here', async () => {
    const { key, id } = await newKey('ERP');
    expect((await w.req('POST', url(), { token: key, body: { title: '2026年度计划' } })).status).toBe(200);
    app2.services.apiKeys.revokeAs(w.ids.unitA, id, { actorId: null, actor: 'system' });
    expectProblem(await w.req('POST', url(), { token: key, body: { title: '2026年度计划' } }), 401);
  });

  it('still refuses an unknown key, and a key of another unit', async () => {
    expectProblem(await w.req('POST', url(), { token: 'shk_0000000000000000000000', body: { title: 'x' } }), 401);
    const { key } = await newKey('档案系统');
    expectProblem(await w.req('POST', `/api/v1/units/${w.ids.unitB}/classify`, { token: key, body: { title: 'x' } }), 404);
  });
});

describe('the unit and its versions in force, from memory', () => {
  it('uses a version approved after the unit was resolved on the next request, here and in the other instance', async () => {
    const { key } = await newKey('公文系统');
    const record = { title: '关于放假的通知', date: '2026-09-01' };
    expect((await w.req('POST', url(), { token: key, body: record })).body).toMatchObject({ version: 1, retention: { code: 'D10' } });
    expect((await classifyOn(app2, key, record)).body).toMatchObject({ version: 1 });
    await w.as('archA', 'POST', `/api/v1/schemes/${scheme}/versions`, { from: 1 });
    const { doc, etag } = await draft(w, scheme, 2);
    doc.items[4].retention = 'D30';
    expect((await put(w, scheme, 2, doc, etag)).status).toBe(200);
    await submit(w, scheme, 2);
    expect((await approve(w, scheme, 2, 'revX', { effectiveFrom: '2026-07-01' })).status).toBe(200);
    expect((await w.req('POST', url(), { token: key, body: record })).body).toMatchObject({ version: 2, retention: { code: 'D30' } });
    expect((await classifyOn(app2, key, record)).body).toMatchObject({ version: 2, retention: { code: 'D30' } });
    // Before its effective date the earlier version still decides, from the same cached list.
    expect((await w.req('POST', url(), { token: key, body: { ...record, date: '2026-06-30' } })).body).toMatchObject({ version: 1 });
  });
});

describe('?detail=minimal', () => {
  it('gives the decision without wording, for one record, a batch and NDJSON', async () => {
    const { key } = await newKey('只要结论');
    const record = { title: '厂房建设合同', amount: 5e6, date: '2026-05-01' };
    const full = (await w.req<ClassifyResponse>('POST', url(), { token: key, body: record })).body;
    const minimal = (await w.req<ClassifyResponse>('POST', `${url()}?detail=minimal`, { token: key, body: record })).body;
    expect(full.reasons.length).toBeGreaterThan(0);
    expect(full.candidates.length).toBe(1);
    const { reasons: _r, candidates: _c, ...decision } = full;
    expect(minimal).toEqual({ ...decision, reasons: [], candidates: [] });
    const batch = (
      await w.req<ClassifyBatchResponse>('POST', `${url()}?detail=minimal`, { token: key, body: { records: [record, record] } })
    ).body;
    expect(batch.results).toEqual([minimal, minimal]);
    const nd = await w.req('POST', `${url()}?detail=minimal`, {
      token: key,
      raw: `${JSON.stringify(record)}\n`,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(JSON.parse(nd.text)).toEqual({ line: 1, ...minimal });
    expectProblem(await w.req('POST', `${url()}?detail=short`, { token: key, body: record }), 400);
  });
});

describe('over a real socket', () => {
  let server: ServerType;
  let base: string;
  let key: string;
  beforeAll(async () => {
    key = (await newKey('套接字')).key;
    server = serve({ fetch: w.app.fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: BodyInit, headers: Record<string, string> = {}, extra: RequestInit = {}) =>
    fetch(base + url(), {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      ...extra,
    });

  it('classifies one record and carries the request id and nosniff', async () => {
    const r = await post(JSON.stringify({ title: '2026年度计划', date: '2026-05-01' }), { 'x-request-id': 'hot-1' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ outcome: 'file', item: { id: '1.2' } });
    expect([r.headers.get('x-request-id'), r.headers.get('x-content-type-options')]).toEqual(['hot-1', 'nosniff']);
  });

  it('refuses a key revoked by another instance on the next request over the socket', async () => {
    // Over a socket the database is looked at once per turn of the event loop: the next request is a later turn.
    const revoked = await newKey('套接字撤销');
    const send = () =>
      post(JSON.stringify({ title: '2026年度计划' }), { authorization: `Bearer ${revoked.key}` }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      });
    expect(await send()).toBe(200);
    app2.services.apiKeys.revokeAs(w.ids.unitA, revoked.id, { actorId: null, actor: 'system' });
    expect(await send()).toBe(401);
  });

  it('gives problems and unknown paths the same headers', async () => {
    const bad = await post(JSON.stringify({ nope: 1 }), { 'x-request-id': 'hot-2' });
    expect([
      bad.status,
      bad.headers.get('content-type'),
      bad.headers.get('x-request-id'),
      bad.headers.get('x-content-type-options'),
    ]).toEqual([422, 'application/problem+json; charset=utf-8', 'hot-2', 'nosniff']);
    expect((await bad.json()).requestId).toBe('hot-2');
    const missing = await fetch(`${base}/api/v1/nothing-here`, {
      headers: { 'x-request-id': 'hot-3', authorization: `Bearer ${w.tokens.archA}` },
    });
    expect([missing.status, missing.headers.get('x-request-id'), missing.headers.get('x-content-type-options')]).toEqual([
      404,
      'hot-3',
      'nosniff',
    ]);
  });

  it('refuses a body over 5 MB by Content-Length and, chunked, while reading', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(5 * 1024 * 1024) });
    const declared = await post(big);
    expect([declared.status, declared.headers.get('content-type')]).toEqual([413, 'application/problem+json; charset=utf-8']);
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 6; i++) c.enqueue(new TextEncoder().encode(' '.repeat(1024 * 1024)));
        c.close();
      },
    });
    const chunked = await post(chunks, {}, { duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('streams NDJSON read from the Node request, line by line, in order', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify(i % 1000 === 7 ? { bogus: i } : { title: i % 2 ? '关于放假的通知' : '2026年度计划', date: '2026-05-01' }),
    );
    const r = await post(lines.join('\r\n') + '\n', { 'content-type': 'application/x-ndjson' });
    expect([r.status, r.headers.get('content-type'), r.headers.get('x-content-type-options')]).toEqual([
      200,
      'application/x-ndjson; charset=utf-8',
      'nosniff',
    ]);
    const out = (await r.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((l) => l.line)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    expect(out.filter((l) => l.error).map((l) => [l.line, l.error.status])).toEqual([
      [8, 422],
      [1008, 422],
      [2008, 422],
    ]);
    expect(out[1]).toMatchObject({ outcome: 'file', retention: { code: 'D10' } });
  });
});
