// HTTP tests of the edge: malformed input, content types, sizes, nesting, unknown fields — always a 4xx problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../server/schemas/api/index.js';
import type { SchemeItem } from '../../server/schemas/scheme.js';
import { type Res, type World, draft, expectProblem, newScheme, put, world } from './helpers.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.close());

const post = (
  path: string,
  raw: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  who: 'admin' | 'archA' = 'archA',
) => w.req<Problem>('POST', path, { token: w.tokens[who], raw, headers });

describe('request bodies', () => {
  it('malformed JSON → 400 invalid-json', async () => {
    const r = await post('/api/v1/try', '{"document": ');
    expectProblem(r, 400);
    expect(r.body.type).toMatch(/invalid-json$/);
  });

  it('wrong or missing content type → 415', async () => {
    expectProblem(await post('/api/v1/try', '{}', { 'content-type': 'text/plain' }), 415);
    expectProblem(await post('/api/v1/try', '{}', {}), 415);
    expect((await post('/api/v1/try', '{"document":{},"records":[]}', { 'content-type': 'application/json; charset=utf-8' })).status).toBe(
      200,
    );
  });

  it('empty body where one is required → 400', async () => {
    expectProblem(await post('/api/v1/try', ''), 400);
  });

  it('unknown fields → 400 naming each', async () => {
    const r: Res<Problem> = await post('/api/v1/try', JSON.stringify({ document: {}, records: [], extra: 1, more: 2 }));
    expectProblem(r, 400);
    expect(r.body.errors.map((e) => e.path).sort()).toEqual(['/extra', '/more']);
    expect(r.body.errors[0].message).toMatch(/不允许的字段/);
  });

  it('a body over 5 MB → 413, by Content-Length or while reading', async () => {
    const big = JSON.stringify({ document: { description: 'x'.repeat(5 * 1024 * 1024) }, records: [] });
    expectProblem(await post('/api/v1/try', big), 413);
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 6; i++) c.enqueue(new TextEncoder().encode(' '.repeat(1024 * 1024)));
        c.close();
      },
    });
    const res = await w.app.request('/api/v1/try', {
      method: 'POST',
      body: stream,
      headers: { authorization: `Bearer ${w.tokens.archA}`, 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('deeply nested JSON → 400, without overflowing anything', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = await post('/api/v1/try', `{"document":${deep},"records":[]}`);
    expect([400, 413]).toContain(r.status);
    const moderately = JSON.stringify({ document: { a: JSON.parse('['.repeat(200) + ']'.repeat(200)) }, records: [] });
    const m = await post('/api/v1/try', moderately);
    expectProblem(m, 400);
    expect(m.body.detail).toMatch(/嵌套/);
  });

  it('huge or deeply nested rules in a document → 422 with the path of the rule', async () => {
    const id = await newScheme(w);
    const { doc, etag } = await draft(w, id, 1);
    let when: unknown = { in: ['设立', { var: 'title' }] };
    for (let i = 0; i < 40; i++) when = { and: [when, true] };
    doc.items[1].when = when as SchemeItem['when'];
    const deep = await put(w, id, 1, doc, etag);
    expectProblem(deep, 422);
    expect(deep.body.errors[0].path).toMatch(/^\/items\/1\/when/);
    doc.items[1].when = {
      or: Array.from({ length: 200 }, (_, i) => ({
        or: Array.from({ length: 20 }, (_, j) => ({ in: [`词${i}-${j}`, { var: 'title' }] })),
      })),
    };
    const huge = await put(w, id, 1, doc, etag);
    expectProblem(huge, 422);
    doc.items[1].when = { eval: ['process.exit()'] };
    const op = await put(w, id, 1, doc, etag);
    expectProblem(op, 422);
  });

  it('a non-object where an object is expected → 400', async () => {
    expectProblem(await post('/api/v1/try', '[1,2,3]'), 400);
    expectProblem(await post('/api/v1/try', '"text"'), 400);
    expectProblem(await post('/api/v1/try', 'null'), 400);
  });

  it('an empty-body action accepts nothing or {}, and refuses anything else', async () => {
    const id = await newScheme(w);
    const r = await w.req('POST', `/api/v1/schemes/${id}/versions/1/submit`, {
      token: w.tokens.archA,
      raw: '{"force":true}',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(r, 400);
    expect(
      (
        await w.req('POST', `/api/v1/schemes/${id}/versions/1/submit`, {
          token: w.tokens.archA,
          raw: '{}',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(200);
  });
});

describe('paths and queries', () => {
  it('unknown routes and non-numeric ids → 404 problem', async () => {
    expectProblem(await w.as('archA', 'GET', '/api/v1/nope'), 404);
    expectProblem(await w.as('archA', 'GET', '/api/v1/schemes/abc'), 404);
    expectProblem(await w.as('archA', 'GET', '/api/v1/schemes/99999999'), 404);
    expectProblem(await w.as('archA', 'GET', '/api/v1/schemes/1/versions/0'), 404);
  });

  it('unknown or repeated query parameters → 400', async () => {
    const r = await w.as('archA', 'GET', '/api/v1/me?debug=1');
    expectProblem(r, 400);
    expect(r.body.errors[0].path).toBe('/query/debug');
    const twice = await w.as('admin', 'GET', '/api/v1/audit?limit=1&limit=2');
    expectProblem(twice, 400);
  });
});

describe('responses', () => {
  it('every error is the same problem document, with the request id', async () => {
    const r = await w.req('GET', '/api/v1/me', { headers: { 'x-request-id': 'trace-123' } });
    expectProblem(r, 401);
    expect(r.headers.get('x-request-id')).toBe('trace-123');
    expect(r.body).toMatchObject({
      type: 'https://sanheyi.dev/problems/unauthenticated',
      title: '未登录或凭据无效',
      status: 401,
      errors: [{ path: '/header/Authorization', message: '缺少凭据' }],
      requestId: 'trace-123',
    });
  });

  it('logs one JSON line per request without tokens, passwords or record contents', async () => {
    w.logs.length = 0;
    await w.req('POST', '/api/v1/auth/login', { body: { username: 'archA', password: 'secret-password-x' } });
    await w.as('archA', 'POST', '/api/v1/try', { document: {}, records: [{ title: '绝密文件题名' }] });
    expect(w.logs).toHaveLength(2);
    expect(w.logs[1]).toMatchObject({
      msg: 'request',
      method: 'POST',
      path: '/api/v1/try',
      status: 200,
      actor: 'archA',
      requestId: expect.any(String),
      ms: expect.any(Number),
    });
    const text = JSON.stringify(w.logs);
    expect(text).not.toContain('secret-password-x');
    expect(text).not.toContain(w.tokens.archA);
    expect(text).not.toContain('绝密文件题名');
  });

  it('an unexpected failure is a 500 problem and is logged, never a crash', async () => {
    const app = w.app;
    const original = app.services.baselines.list;
    app.services.baselines.list = () => {
      throw new Error('boom');
    };
    w.logs.length = 0;
    const r = await w.as('archA', 'GET', '/api/v1/baselines');
    app.services.baselines.list = original;
    expectProblem(r, 500);
    expect(r.body.detail).not.toContain('boom');
    expect(w.logs.some((l) => l.level === 'error' && String(l.error).includes('boom'))).toBe(true);
  });
});
