// HTTP tests of API keys: shown once, stored hashed, scoped to one unit, allowed only to classify, revocable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type World, approvedScheme, expectProblem, world } from './helpers.js';
import { conformance } from './openapi-conformance.js';
import type { ApiKey, ApiKeyCreated, ApiKeyRotated } from '../../server/schemas/api/index.js';

let w: World;
beforeAll(async () => {
  w = await world();
  await approvedScheme(w);
});
afterAll(() => w.close());

const keysUrl = (unit: number) => `/api/v1/units/${unit}/api-keys`;

describe('API keys', () => {
  it('shows a new key once, stores only its hash, lists it without the secret', async () => {
    const r = await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.unitA), { name: 'OA 系统' });
    expect(r.status).toBe(201);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toMatchObject({ name: 'OA 系统', unitId: w.ids.unitA, createdBy: 'archA', revokedAt: null });
    expect(r.body.key).toMatch(/^shk_/);
    expect(r.body.key.startsWith(r.body.prefix)).toBe(true);
    const list = await w.as<ApiKey[]>('archA', 'GET', keysUrl(w.ids.unitA));
    expect(list.body.find((k) => k.id === r.body.id)).toMatchObject({ name: 'OA 系统', prefix: r.body.prefix });
    expect(list.text).not.toContain(r.body.key);
    const rows = JSON.stringify(w.db.prepare('SELECT * FROM api_keys').all());
    expect(rows).not.toContain(r.body.key);
    const audit = JSON.stringify(w.db.prepare('SELECT * FROM audit_log').all());
    expect(audit).not.toContain(r.body.key);
  });

  it('classifies for its unit only, and does nothing else', async () => {
    const { key } = (await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.unitA), { name: 'ERP' })).body;
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
    const { key, id } = (await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.unitA), { name: '合同系统' })).body;
    expect((await w.as('archA', 'DELETE', `${keysUrl(w.ids.unitA)}/${id}`)).status).toBe(204);
    expectProblem(await w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, { token: key, body: { title: 'x' } }), 401);
    expect((await w.as<ApiKey[]>('archA', 'GET', keysUrl(w.ids.unitA))).body.find((k) => k.id === id)!.revokedAt).not.toBe(null);
    expectProblem(await w.as('archA', 'DELETE', `${keysUrl(w.ids.unitA)}/99999`), 404);
    expectProblem(await w.as('archB', 'DELETE', `${keysUrl(w.ids.unitA)}/${id}`), 404);
  });

  it('is managed by the unit’s archivists and admins only', async () => {
    expect((await w.as('admin', 'POST', keysUrl(w.ids.unitA), { name: '管理员建' })).status).toBe(201);
    expectProblem(await w.as('revX', 'POST', keysUrl(w.ids.unitA), { name: 'x' }), 403);
    expectProblem(await w.as('revX', 'GET', keysUrl(w.ids.unitA)), 403);
    expectProblem(await w.as('archB', 'POST', keysUrl(w.ids.unitA), { name: 'x' }), 404);
    expectProblem(await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.unitA), { name: '' }), 400);
    expectProblem(await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.bureauX), { name: 'x' }), 404);
  });
});

describe('API key lifecycle: expiry, rotation, last use', () => {
  const classifyWith = (token: string, address?: string) =>
    w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, { token, body: { title: '2026年度计划' }, address });
  const listed = async (id: number) => (await w.as<ApiKey[]>('archA', 'GET', keysUrl(w.ids.unitA))).body.find((k) => k.id === id)!;
  const hours = (n: number) => n * 3600_000;
  /** Runs `fn` with the clock moved by `ms`, and moves it back. */
  async function later<T>(ms: number, fn: () => Promise<T>): Promise<T> {
    const start = w.now.value;
    w.now.value = new Date(start.getTime() + ms);
    try {
      return await fn();
    } finally {
      w.now.value = start;
    }
  }

  it('an expiring key works until its expiry, then gets 401 “API 密钥已过期” even while cached', async () => {
    const expiresAt = new Date(w.now.value.getTime() + hours(1)).toISOString();
    const r = await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.unitA), { name: '短期', expiresAt });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ expiresAt, state: 'active' });
    expect((await classifyWith(r.body.key)).status).toBe(200); // now verified and cached
    await later(hours(1) - 1000, async () => expect((await classifyWith(r.body.key)).status).toBe(200));
    await later(hours(1), async () => {
      const refused = await classifyWith(r.body.key);
      expectProblem(refused, 401);
      expect(refused.body.detail).toBe('API 密钥已过期');
      expect(refused.body.errors[0]).toMatchObject({ path: '/header/Authorization' });
      expect(refused.body.errors[0].message).toContain('过期');
      expect((await listed(r.body.id)).state).toBe('expired');
    });
  });

  it('refuses an expiry that is not in the future or not a real date-time, naming the field', async () => {
    const past = await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.unitA), { name: 'x', expiresAt: '2026-03-01T00:00:00Z' });
    expectProblem(past, 400);
    expect(past.body.errors).toEqual([{ path: '/expiresAt', message: '到期时间必须晚于现在' }]);
    const impossible = await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.unitA), { name: 'x', expiresAt: '2026-02-30T00:00:00Z' });
    expectProblem(impossible, 400);
    expect(impossible.body.errors[0].path).toBe('/expiresAt');
    const none = await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.unitA), { name: '不过期', expiresAt: null });
    expect(none.body).toMatchObject({ expiresAt: null, state: 'active' });
  });

  it('rotation: a new secret at once, the old one working through the grace period, both listed, then only the new', async () => {
    const old = (await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.unitA), { name: '档案系统' })).body;
    expect((await classifyWith(old.key)).status).toBe(200);
    const r = await w.as<ApiKeyRotated>('archA', 'POST', `${keysUrl(w.ids.unitA)}/${old.id}/rotate`, { graceHours: 2 });
    expect(r.status).toBe(201);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body.key).toMatch(/^shk_/);
    expect(r.body.key).not.toBe(old.key);
    expect(r.body).toMatchObject({ name: '档案系统', rotatedFrom: old.id, replacedBy: null, expiresAt: null, state: 'active' });
    const openapi = conformance((await w.req<object>('GET', '/api/v1/openapi.json')).body);
    openapi.conforms('ApiKeyRotated', r.body);
    for (const k of (await w.as<ApiKey[]>('archA', 'GET', keysUrl(w.ids.unitA))).body) openapi.conforms('ApiKey', k);
    const graceEnd = new Date(w.now.value.getTime() + hours(2)).toISOString();
    expect(r.body.replaced).toMatchObject({ id: old.id, replacedBy: r.body.id, expiresAt: graceEnd, state: 'rotating' });
    // Both work, and the list shows both as valid.
    expect((await classifyWith(old.key)).status).toBe(200);
    expect((await classifyWith(r.body.key)).status).toBe(200);
    expect([(await listed(old.id)).state, (await listed(r.body.id)).state]).toEqual(['rotating', 'active']);
    await later(hours(2), async () => {
      const refused = await classifyWith(old.key);
      expectProblem(refused, 401);
      expect(refused.body.detail).toBe('API 密钥已过期');
      expect(refused.body.errors[0].message).toContain('已轮换为新密钥');
      expect((await classifyWith(r.body.key)).status).toBe(200);
      expect((await listed(old.id)).state).toBe('expired');
    });
    // Audited without the secret.
    const audit = w.db.prepare("SELECT * FROM audit_log WHERE action = 'apiKey.rotate' AND subject = ?").get(`apiKey:${old.id}`) as {
      after: string;
    };
    expect(JSON.parse(audit.after)).toMatchObject({ replacedBy: r.body.id, expiresAt: graceEnd, graceHours: 2, newKey: { id: r.body.id } });
    expect(JSON.stringify(audit)).not.toContain(r.body.key);
    // The old key cannot be rotated again; the new one can.
    expectProblem(await w.as<ApiKeyRotated>('archA', 'POST', `${keysUrl(w.ids.unitA)}/${old.id}/rotate`, {}), 409);
  });

  it('rotation defaults to a 24 h grace, never past the old key’s own expiry, and renews its lifetime', async () => {
    const plain = (await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.unitA), { name: '默认过渡' })).body;
    const r1 = await w.as<ApiKeyRotated>('archA', 'POST', `${keysUrl(w.ids.unitA)}/${plain.id}/rotate`);
    expect(r1.status).toBe(201);
    expect(r1.body.replaced.expiresAt).toBe(new Date(w.now.value.getTime() + hours(24)).toISOString());
    const expiring = (
      await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.unitA), {
        name: '90 天',
        expiresAt: new Date(w.now.value.getTime() + hours(5)).toISOString(),
      })
    ).body;
    const r2 = await later(hours(4), () =>
      w.as<ApiKeyRotated>('archA', 'POST', `${keysUrl(w.ids.unitA)}/${expiring.id}/rotate`, { graceHours: 24 }),
    );
    expect(r2.body.replaced.expiresAt).toBe(expiring.expiresAt);
    expect(r2.body.expiresAt).toBe(new Date(w.now.value.getTime() + hours(4) + hours(5)).toISOString());
    const r3 = await w.as<ApiKeyRotated>('archA', 'POST', `${keysUrl(w.ids.unitA)}/${r1.body.id}/rotate`, { graceHours: 721 });
    expectProblem(r3, 400);
    expect(r3.body.errors[0].path).toBe('/graceHours');
    expectProblem(await w.as('revX', 'POST', `${keysUrl(w.ids.unitA)}/${r1.body.id}/rotate`), 403);
    expectProblem(await w.as('archB', 'POST', `${keysUrl(w.ids.unitA)}/${r1.body.id}/rotate`), 404);
    expectProblem(await w.as('archA', 'POST', `${keysUrl(w.ids.unitA)}/999999/rotate`), 404);
    const revoked = (await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.unitA), { name: '将吊销' })).body;
    await w.as('archA', 'DELETE', `${keysUrl(w.ids.unitA)}/${revoked.id}`);
    expectProblem(await w.as<ApiKeyRotated>('archA', 'POST', `${keysUrl(w.ids.unitA)}/${revoked.id}/rotate`), 409);
  });

  it('last use (time and address) is shown at once, written in one batch later, not per request', async () => {
    const usage = w.app.services.apiKeys.usage;
    usage.flush();
    const { key, id } = (await w.as<ApiKeyCreated>('archA', 'POST', keysUrl(w.ids.unitA), { name: '用量' })).body;
    const stored = () => w.db.prepare('SELECT last_used_at, last_used_from FROM api_keys WHERE id = ?').get(id);
    for (let i = 0; i < 20; i++) expect((await classifyWith(key, '10.1.2.3')).status).toBe(200);
    const usedAt = w.now.value.toISOString();
    await later(5000, async () => expect((await classifyWith(key, '::ffff:10.9.8.7')).status).toBe(200));
    const lastAt = new Date(w.now.value.getTime() + 5000).toISOString();
    // Nothing written yet, but the list shows it.
    expect(stored()).toEqual({ last_used_at: null, last_used_from: null });
    expect(await listed(id)).toMatchObject({ lastUsedAt: lastAt, lastUsedFrom: '10.9.8.7' });
    expect(usedAt < lastAt).toBe(true);
    // One batch writes every key's newest use, without moving the change counter (the key cache survives).
    const epoch = w.app.services.changes.epoch();
    const flushes = usage.flushes;
    expect(usage.flush()).toBeGreaterThanOrEqual(1);
    expect(usage.flushes).toBe(flushes + 1);
    expect(w.app.services.changes.epoch()).toBe(epoch);
    expect(stored()).toEqual({ last_used_at: lastAt, last_used_from: '10.9.8.7' });
    expect(usage.flush()).toBe(0);
    // Stopping the timer (as the server does on shutdown) writes what is left.
    const stop = usage.start();
    await later(60_000, () => classifyWith(key, '10.1.2.3'));
    expect(stored()).toMatchObject({ last_used_from: '10.9.8.7' });
    stop();
    expect(stored()).toEqual({ last_used_at: new Date(w.now.value.getTime() + 60_000).toISOString(), last_used_from: '10.1.2.3' });
  });
});
