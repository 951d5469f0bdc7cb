// Authenticate before any lookup (issue 17.4): every operation of the OpenAPI document, called without credentials,
// is a 401 before anything is looked up — except the public ones (sign-in, health, the OpenAPI document itself).
// And a session with a generated or admin-reset password may only change it (17.5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../server/http/openapi.js';
import { PASSWORD, type World, expectProblem, world } from './helpers.js';
import type { Me, Problem, Session } from '../../server/schemas/api/index.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.close());

const PUBLIC = new Set(['post /api/v1/auth/login', 'get /api/v1/openapi.json', 'get /api/v1/keys', 'get /healthz', 'get /readyz']);

const operations = () => {
  const paths = buildOpenApi().paths as Record<string, Record<string, { security?: unknown[] }>>;
  return Object.entries(paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, op })));
};

describe('without credentials', () => {
  it('every operation but the public ones is a 401 naming the Authorization header, for ids that exist or not', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(25);
    const publicOps = ops.filter((o) => o.op.security?.length === 0).map((o) => `${o.method} ${o.path}`);
    expect(new Set(publicOps)).toEqual(PUBLIC);
    for (const { method, path } of ops) {
      if (PUBLIC.has(`${method} ${path}`)) continue;
      for (const id of [String(w.ids.unitA), '999999', 'x']) {
        const url = path.replace(/\{[^}]+\}/g, id);
        const r = await w.req(method.toUpperCase(), url, method === 'get' ? {} : { body: {} });
        expect([method, url, r.status]).toEqual([method, url, 401]);
        expectProblem(r, 401);
        expect(r.body.errors).toEqual([{ path: '/header/Authorization', message: '缺少凭据' }]);
      }
    }
  });

  it('classify for a missing unit and for an existing one answer alike', async () => {
    const a = await w.req<Problem>('POST', `/api/v1/units/${w.ids.unitA}/classify`, { body: { title: '年度计划' } });
    const b = await w.req<Problem>('POST', '/api/v1/units/999999/classify', { body: { title: '年度计划' } });
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(a.body.detail).toBe(b.body.detail);
  });

  it('unknown paths under /api/v1 too; the public ones still answer', async () => {
    expectProblem(await w.req('GET', '/api/v1/no-such-thing'), 401);
    expect((await w.req('GET', '/api/v1/openapi.json')).status).toBe(200);
    expect((await w.req('GET', '/healthz')).status).toBe(200);
    // A stale token does not stop signing in.
    const r = await w.req('POST', '/api/v1/auth/login', {
      token: 'shs_stale-token-000000',
      body: { username: 'archA', password: PASSWORD },
    });
    expect(r.status).toBe(200);
  });
});

describe('a password that must be changed', () => {
  it('the generated admin password signs in to a session that may only change it', async () => {
    const fresh = await world();
    try {
      // A database whose only user is the bootstrapped admin, as on a first start without SANHEYI_ADMIN_PASSWORD.
      fresh.db.exec('DELETE FROM sessions; DELETE FROM users');
      const boot = await fresh.app.services.auth.bootstrapAdmin();
      expect(boot?.generated).toBe(true);
      const session = await fresh.req<Session>('POST', '/api/v1/auth/login', { body: { username: 'admin', password: boot!.password } });
      expect(session.status).toBe(200);
      expect(session.body.user.mustChangePassword).toBe(true);
      const token = session.body.token;
      const blocked = await fresh.req('GET', '/api/v1/users', { token });
      expectProblem(blocked, 403);
      expect(blocked.body.type).toBe('https://sanheyi.dev/problems/password-change-required');
      expectProblem(await fresh.req('POST', '/api/v1/orgs', { token, body: { type: 'bureau', name: '某局' } }), 403);
      expect((await fresh.req<Me>('GET', '/api/v1/me', { token })).body.user.mustChangePassword).toBe(true);
      const changed = await fresh.req('POST', '/api/v1/me/password', {
        token,
        body: { currentPassword: boot!.password, newPassword: 'my own long password' },
      });
      expect(changed.status).toBe(204);
      expect((await fresh.req('GET', '/api/v1/users', { token })).status).toBe(200);
      expect((await fresh.req<Me>('GET', '/api/v1/me', { token })).body.user.mustChangePassword).toBe(false);
    } finally {
      fresh.close();
    }
  });

  it('a password set by SANHEYI_ADMIN_PASSWORD is the operator’s own and need not be changed', async () => {
    const fresh = await world();
    try {
      fresh.db.exec('DELETE FROM sessions; DELETE FROM users');
      await fresh.app.services.auth.bootstrapAdmin('operator chosen password');
      const r = await fresh.req<Session>('POST', '/api/v1/auth/login', {
        body: { username: 'admin', password: 'operator chosen password' },
      });
      expect(r.body.user.mustChangePassword).toBe(false);
    } finally {
      fresh.close();
    }
  });

  it('a reset password (console) must be changed too', async () => {
    await w.app.services.users.setPassword('archA2', 'reset by the admin 1');
    const r = await w.req<Session>('POST', '/api/v1/auth/login', { body: { username: 'archA2', password: 'reset by the admin 1' } });
    expect(r.body.user.mustChangePassword).toBe(true);
    expectProblem(await w.req('GET', `/api/v1/units/${w.ids.unitA}/schemes`, { token: r.body.token }), 403);
    expect((await w.req('POST', '/api/v1/auth/logout', { token: r.body.token })).status).toBe(204);
  });
});
