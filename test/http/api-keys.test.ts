// HTTP tests of API keys: shown once, stored hashed, scoped to one unit, allowed only to classify, revocable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type World, approvedScheme, expectProblem, world } from './helpers.js';

let w: World;
beforeAll(async () => {
  w = await world();
  await approvedScheme(w);
});
afterAll(() => w.close());

const keysUrl = (unit: number) => `/api/v1/units/${unit}/api-keys`;

describe('API keys', () => {
  it('shows a new key once, stores only its hash, lists it without the secret', async () => {
    const r = await w.as('archA', 'POST', keysUrl(w.ids.unitA), { name: 'OA 系统' });
    expect(r.status).toBe(201);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toMatchObject({ name: 'OA 系统', unitId: w.ids.unitA, createdBy: 'archA', revokedAt: null });
    expect(r.body.key).toMatch(/^shk_/);
    expect(r.body.key.startsWith(r.body.prefix)).toBe(true);
    const list = await w.as('archA', 'GET', keysUrl(w.ids.unitA));
    expect(list.body.find((k: any) => k.id === r.body.id)).toMatchObject({ name: 'OA 系统', prefix: r.body.prefix });
    expect(list.text).not.toContain(r.body.key);
    const rows = JSON.stringify(w.db.prepare('SELECT * FROM api_keys').all());
    expect(rows).not.toContain(r.body.key);
    const audit = JSON.stringify(w.db.prepare('SELECT * FROM audit_log').all());
    expect(audit).not.toContain(r.body.key);
  });

  it('classifies for its unit only, and does nothing else', async () => {
    const { key } = (await w.as('archA', 'POST', keysUrl(w.ids.unitA), { name: 'ERP' })).body;
    const ok = await w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, { token: key, body: { title: '2026年度计划' } });
    expect(ok.status).toBe(200);
    expectProblem(await w.req('POST', `/api/v1/units/${w.ids.unitB}/classify`, { token: key, body: { title: 'x' } }), 404);
    for (const [method, path] of [
      ['GET', '/api/v1/me'],
      ['GET', `/api/v1/units/${w.ids.unitA}/schemes`],
      ['GET', keysUrl(w.ids.unitA)],
      ['GET', '/api/v1/audit'],
      ['GET', '/api/v1/baselines'],
    ]) {
      expectProblem(await w.req(method, path, { token: key }), 403);
    }
    const log = w.logs.find((l) => l.path === `/api/v1/units/${w.ids.unitA}/classify` && String(l.actor).startsWith('key:'));
    expect(log).toBeDefined();
    expect(JSON.stringify(w.logs)).not.toContain(key);
  });

  it('can be revoked; a revoked key is refused', async () => {
    const { key, id } = (await w.as('archA', 'POST', keysUrl(w.ids.unitA), { name: '合同系统' })).body;
    expect((await w.as('archA', 'DELETE', `${keysUrl(w.ids.unitA)}/${id}`)).status).toBe(204);
    expectProblem(await w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, { token: key, body: { title: 'x' } }), 401);
    expect((await w.as('archA', 'GET', keysUrl(w.ids.unitA))).body.find((k: any) => k.id === id).revokedAt).not.toBe(null);
    expectProblem(await w.as('archA', 'DELETE', `${keysUrl(w.ids.unitA)}/99999`), 404);
    expectProblem(await w.as('archB', 'DELETE', `${keysUrl(w.ids.unitA)}/${id}`), 404);
  });

  it('is managed by the unit’s archivists and admins only', async () => {
    expect((await w.as('admin', 'POST', keysUrl(w.ids.unitA), { name: '管理员建' })).status).toBe(201);
    expectProblem(await w.as('revX', 'POST', keysUrl(w.ids.unitA), { name: 'x' }), 403);
    expectProblem(await w.as('revX', 'GET', keysUrl(w.ids.unitA)), 403);
    expectProblem(await w.as('archB', 'POST', keysUrl(w.ids.unitA), { name: 'x' }), 404);
    expectProblem(await w.as('archA', 'POST', keysUrl(w.ids.unitA), { name: '' }), 400);
    expectProblem(await w.as('archA', 'POST', keysUrl(w.ids.bureauX), { name: 'x' }), 404);
  });
});
