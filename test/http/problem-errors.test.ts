// docs/api.md states which problems name a path in errors[] and which are about the whole request (issue 17.13):
// the service answers as documented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type World, expectProblem, world } from './helpers.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.close());

const paths = (r: { body: { errors: { path: string }[] } }) => r.body.errors.map((e) => e.path);

describe('errors[] as docs/api.md states it', () => {
  it('names the header for a missing or malformed Authorization, and nothing for a token that does not verify', async () => {
    const missing = await w.req('GET', '/api/v1/me');
    expectProblem(missing, 401);
    expect(paths(missing)).toEqual(['/header/Authorization']);
    const malformed = await w.req('GET', '/api/v1/me', { headers: { authorization: 'Basic abc' } });
    expectProblem(malformed, 401);
    expect(paths(malformed)).toEqual(['/header/Authorization']);
    const stale = await w.req('GET', '/api/v1/me', { token: 'shs_not-a-real-token-0000' });
    expectProblem(stale, 401);
    expect(paths(stale)).toEqual([]);
  });

  it('403 and 404 are about the request as a whole; a 409 caused by one field and a 413 name it', async () => {
    const forbidden = await w.as('archA', 'GET', '/api/v1/users');
    expectProblem(forbidden, 403);
    expect(paths(forbidden)).toEqual([]);
    const missing = await w.as('archA', 'GET', '/api/v1/schemes/999999');
    expectProblem(missing, 404);
    expect(paths(missing)).toEqual([]);
    const duplicate = await w.as('admin', 'POST', '/api/v1/users', {
      username: 'archA',
      password: 'long enough pw',
      displayName: '重复',
      role: 'archivist',
      orgId: w.ids.unitA,
    });
    expectProblem(duplicate, 409);
    expect(paths(duplicate)).toEqual(['/username']);
    const large = await w.req('POST', '/api/v1/try', {
      token: w.tokens.archA,
      raw: JSON.stringify({ document: {}, records: [], pad: 'x'.repeat(6 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(large, 413);
    expect(paths(large)).toEqual(['/']);
  });
});
