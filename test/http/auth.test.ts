// HTTP tests of signing in and out, sessions, and the user/organisation endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me, Org, Problem, Session } from '../../server/schemas/api/index.js';
import { PASSWORD, type World, expectProblem, world } from './helpers.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.close());

const login = (username: string, password = PASSWORD) => w.req<Session>('POST', '/api/v1/auth/login', { body: { username, password } });

describe('login and logout', () => {
  it('returns a bearer token, its expiry and the user; stores only the token’s hash', async () => {
    const r = await login('archA');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body.token).toMatch(/^shs_/);
    expect(r.body.user).toMatchObject({ username: 'archA', role: 'archivist', orgId: w.ids.unitA, displayName: 'archA' });
    expect(r.body.user).not.toHaveProperty('passwordHash');
    expect(Date.parse(r.body.expiresAt)).toBeGreaterThan(w.now.value.getTime());
    const stored = w.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(stored.some((s) => s.token_hash.includes(r.body.token) || r.body.token.includes(s.token_hash))).toBe(false);
    expect(stored).toHaveLength(new Set(stored.map((s) => s.token_hash)).size);
  });

  it('hashes passwords with scrypt and a per-user salt', () => {
    const rows = w.db.prepare('SELECT password_hash FROM users').all() as { password_hash: string }[];
    expect(rows.every((r) => r.password_hash.startsWith('scrypt$1024$8$1$'))).toBe(true);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length); // same password, different salts
    expect(rows.some((r) => r.password_hash.includes(PASSWORD))).toBe(false);
  });

  it('refuses a wrong password or an unknown user with the same answer', async () => {
    const a = await login('archA', 'wrong password!');
    const b = await login('nobody');
    expectProblem(a, 401);
    expectProblem(b, 401);
    expect(a.body.detail).toBe(b.body.detail);
  });

  it('revokes the token on logout', async () => {
    const { token } = (await login('archB')).body;
    expect((await w.req('GET', '/api/v1/me', { token })).status).toBe(200);
    expect((await w.req('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expectProblem(await w.req('GET', '/api/v1/me', { token }), 401);
  });

  it('expires sessions', async () => {
    const { token } = (await login('archB')).body;
    const saved = w.now.value;
    w.now.value = new Date(saved.getTime() + 367 * 24 * 3600_000);
    expectProblem(await w.req('GET', '/api/v1/me', { token }), 401);
    w.now.value = saved;
  });

  it('refuses disabled users and ends their sessions', async () => {
    const s = w.app.services;
    await s.auth.createUser(null, { username: 'leaver', password: PASSWORD, displayName: '离职者', role: 'archivist', orgId: w.ids.unitA });
    const { token } = (await login('leaver')).body;
    s.users.setDisabled(null, s.stores.users.byUsername('leaver')!.id, true);
    expectProblem(await w.req('GET', '/api/v1/me', { token }), 401);
    expectProblem(await login('leaver'), 401);
  });

  it('signs in even when a stale token is still sent', async () => {
    const r = await w.req('POST', '/api/v1/auth/login', {
      token: 'shs_' + 'x'.repeat(43),
      body: { username: 'archA', password: PASSWORD },
    });
    expect(r.status).toBe(200);
  });

  it('rejects malformed Authorization headers and unknown tokens', async () => {
    expectProblem(await w.req('GET', '/api/v1/me', { headers: { authorization: 'Basic abc' } }), 401);
    expectProblem(await w.req('GET', '/api/v1/me', { token: 'shs_' + 'x'.repeat(43) }), 401);
    expectProblem(await w.req('GET', '/api/v1/me'), 401);
  });
});

describe('me, orgs, users', () => {
  it('GET /me gives the user and its organisation', async () => {
    const r = await w.as('revX', 'GET', '/api/v1/me');
    expect(r.body).toMatchObject({
      user: { username: 'revX', role: 'reviewer' },
      org: { id: w.ids.bureauX, type: 'bureau', name: '某市档案局' },
    });
    expect((await w.as<Me>('admin', 'GET', '/api/v1/me')).body.org).toBe(null);
  });

  it('GET /orgs shows each caller only what it may see', async () => {
    const names = async (who: 'archA' | 'revX' | 'revY' | 'admin' | 'revP') =>
      (await w.as<Org[]>(who, 'GET', '/api/v1/orgs')).body.map((o) => o.id).sort();
    const { bureauX, bureauY, unitA, unitB, parentP, subS } = w.ids;
    expect(await names('archA')).toEqual([bureauX, unitA].sort());
    expect(await names('revX')).toEqual([bureauX, unitA, parentP].sort());
    expect(await names('revY')).toEqual([bureauY, unitB].sort());
    expect(await names('revP')).toEqual([bureauX, parentP, subS].sort());
    expect(await names('admin')).toEqual([bureauX, bureauY, unitA, unitB, parentP, subS].sort());
  });

  it('POST /orgs: admins create bureaus and units, checked', async () => {
    const b = await w.as<Org>('admin', 'POST', '/api/v1/orgs', { type: 'bureau', name: '省档案局' });
    expect(b.status).toBe(201);
    expect(b.body).toMatchObject({ type: 'bureau', fonds: null, kind: null });
    const u = await w.as<Org>('admin', 'POST', '/api/v1/orgs', {
      type: 'unit',
      name: '丁公司',
      fonds: 'D001',
      kind: 'organ',
      supervisorId: b.body.id,
    });
    expect(u.status).toBe(201);
    expect(u.body).toMatchObject({ type: 'unit', fonds: 'D001', kind: 'organ', supervisorId: b.body.id });
    expectProblem(
      await w.as('admin', 'POST', '/api/v1/orgs', { type: 'unit', name: '重复', fonds: 'D001', kind: 'organ', supervisorId: b.body.id }),
      409,
    );
    expectProblem(
      await w.as('admin', 'POST', '/api/v1/orgs', { type: 'unit', name: '无全宗号', kind: 'organ', supervisorId: b.body.id }),
      400,
    );
    expectProblem(
      await w.as('admin', 'POST', '/api/v1/orgs', { type: 'unit', name: '机关监管', fonds: 'E1', kind: 'organ', supervisorId: u.body.id }),
      400,
    );
    expectProblem(await w.as('admin', 'POST', '/api/v1/orgs', { type: 'bureau', name: 'x', colour: 'red' }), 400);
    expectProblem(await w.as('revX', 'POST', '/api/v1/orgs', { type: 'bureau', name: 'x' }), 403);
  });

  it('users: admins list and create; others may not; passwords never leave', async () => {
    const list = await w.as('admin', 'GET', '/api/v1/users');
    expect(list.status).toBe(200);
    expect(list.text).not.toMatch(/scrypt|"password(Hash)?"/i);
    const created = await w.as('admin', 'POST', '/api/v1/users', {
      username: 'newrev',
      password: 'long enough pw',
      displayName: '新审核员',
      role: 'reviewer',
      orgId: w.ids.bureauY,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'newrev', role: 'reviewer', orgId: w.ids.bureauY, disabled: false });
    expect((await login('newrev', 'long enough pw')).status).toBe(200);
    expectProblem(
      await w.as('admin', 'POST', '/api/v1/users', {
        username: 'newrev',
        password: 'long enough pw',
        displayName: 'x',
        role: 'reviewer',
        orgId: w.ids.bureauY,
      }),
      409,
    );
    expectProblem(
      await w.as('admin', 'POST', '/api/v1/users', {
        username: 'short',
        password: 'short',
        displayName: 'x',
        role: 'reviewer',
        orgId: w.ids.bureauY,
      }),
      400,
    );
    const misplaced = await w.as('admin', 'POST', '/api/v1/users', {
      username: 'arch-in-bureau',
      password: 'long enough pw',
      displayName: 'x',
      role: 'archivist',
      orgId: w.ids.bureauY,
    });
    expectProblem(misplaced, 400);
    expect(misplaced.body.errors[0].path).toBe('/orgId');
    expectProblem(
      await w.as('admin', 'POST', '/api/v1/users', { username: 'noorg', password: 'long enough pw', displayName: 'x', role: 'archivist' }),
      400,
    );
    expectProblem(await w.as('revX', 'GET', '/api/v1/users'), 403);
    expectProblem(
      await w.as('archA', 'POST', '/api/v1/users', { username: 'x1', password: 'long enough pw', displayName: 'x', role: 'admin' }),
      403,
    );
  });

  it('GET /baselines and /baselines/{id}', async () => {
    const list = await w.as('archA', 'GET', '/api/v1/baselines');
    expect(list.body).toEqual([
      { id: 'demo-enterprise', title: expect.any(String), kind: 'enterprise', hash: expect.stringMatching(/^sha256:/), items: 5 },
    ]);
    const one = await w.as('archA', 'GET', '/api/v1/baselines/demo-enterprise');
    expect(one.body).toMatchObject({ format: 'sanheyi.scheme/1', id: 'demo-enterprise' });
    expectProblem(await w.as('archA', 'GET', '/api/v1/baselines/nope'), 404);
    expectProblem(await w.as(null, 'GET', '/api/v1/baselines'), 401);
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, refuses a short or unchanged one, and the new one signs in', async () => {
    const token = (await login('archB')).body.token as string;
    const change = (body: unknown) =>
      w.req<Problem>('POST', '/api/v1/me/password', { body, headers: { authorization: `Bearer ${token}` } });
    const wrong = await change({ currentPassword: 'not my password', newPassword: 'a-new-password-1' });
    expectProblem(wrong, 400);
    expect(wrong.body.errors).toEqual([{ path: '/currentPassword', message: '当前密码不正确' }]);
    expectProblem(await change({ currentPassword: PASSWORD, newPassword: 'short' }), 400);
    expect((await change({ currentPassword: PASSWORD, newPassword: PASSWORD })).body.errors).toEqual([
      { path: '/newPassword', message: '新密码不能与当前密码相同' },
    ]);
    expect((await change({ currentPassword: PASSWORD, newPassword: 'a-new-password-1' })).status).toBe(204);
    expect((await login('archB')).status).toBe(401);
    expect((await login('archB', 'a-new-password-1')).status).toBe(200);
    expectProblem(await w.req('POST', '/api/v1/me/password', { body: { currentPassword: 'x', newPassword: 'a-new-password-2' } }), 401);
  });
});
