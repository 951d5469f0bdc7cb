// Impossible dates and weak preconditions (issue 17.12): refused with 400/422 naming the field, never a 500 or a
// silently rolled-over date; draft edits need the version's own strong ETag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type World, approve, draft, expectProblem, newScheme, put, submit, world } from './helpers.js';
import type { ApiKeyCreated, Version } from '../../server/schemas/api/index.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.close());

describe('audit query dates', () => {
  it('a time that does not exist is a 400 on /query/from, not a 500', async () => {
    const r = await w.as('admin', 'GET', '/api/v1/audit?from=2024-01-01T99:99');
    expectProblem(r, 400);
    expect(r.body.errors[0].path).toBe('/query/from');
  });

  it('a day that does not exist is a 400, not rolled over into March', async () => {
    const r = await w.as('admin', 'GET', '/api/v1/audit?from=2024-02-30&to=2024-02-31T10:00');
    expectProblem(r, 400);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(['/query/from', '/query/to']);
    expect((await w.as('admin', 'GET', '/api/v1/audit?from=2024-02-29&to=2024-03-01T10:00')).status).toBe(200);
  });
});

describe('decision dates', () => {
  it('approve refuses 2026-02-30 and 2026-02-31 naming each field; reject too', async () => {
    const id = await newScheme(w);
    expect((await submit(w, id)).status).toBe(200);
    const r = await approve(w, id, 1, 'revX', { decidedOn: '2026-02-30', effectiveFrom: '2026-02-31' });
    expectProblem(r, 422);
    expect(r.body.type).toBe('https://sanheyi.dev/problems/invalid-decision');
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(['/decidedOn', '/effectiveFrom']);
    const rej = await w.as('revX', 'POST', `/api/v1/schemes/${id}/versions/1/reject`, {
      reason: '请补充会计档案的条款',
      decidedOn: '2026-04-31',
    });
    expectProblem(rej, 422);
    expect(rej.body.errors[0].path).toBe('/decidedOn');
    // Nothing was recorded: the version is still waiting.
    expect((await w.as<Version>('revX', 'GET', `/api/v1/schemes/${id}/versions/1`)).body.state).toBe('submitted');
    expect((await approve(w, id)).status).toBe(200);
  });
});

describe('classify record times', () => {
  it('a record dated T99:99 is refused naming /date', async () => {
    const key = (await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: 'OA' })).body.key;
    const r = await w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, {
      token: key,
      body: { title: '年度计划', date: '2026-05-01T99:99' },
    });
    expectProblem(r, 422);
    expect(r.body.errors.some((e: { path: string }) => e.path === '/date')).toBe(true);
  });
});

describe('If-Match on draft edits', () => {
  it('refuses * and weak tags with 428 naming the header; the strong ETag works', async () => {
    const id = await newScheme(w, 'archB', w.ids.unitB);
    const { doc, etag } = await draft(w, id, 1, 'archB');
    for (const header of ['*', `W/${etag}`, `"v9.r9", *`]) {
      const r = await put(w, id, 1, doc, header, 'archB');
      expectProblem(r, 428);
      expect(r.body.errors[0].path).toBe('/header/If-Match');
    }
    expect((await put(w, id, 1, doc, etag, 'archB')).status).toBe(200);
    expectProblem(await put(w, id, 1, doc, etag, 'archB'), 412);
  });
});
