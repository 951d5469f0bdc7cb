// Administering accounts (issue 12 "Accounts", issue 17.6): admins edit, disable/enable and reset users, and an admin
// made by an admin waits for a second admin's confirmation. Every rule with its failing cases, and its audit entry.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformance } from './openapi-conformance.js';
import { PASSWORD, type Who, type World, expectProblem, world } from './helpers.js';
import type { Me, PasswordResetWire, Problem, Session, User } from '../../server/schemas/api/index.js';

let w: World;
let conforms: ReturnType<typeof conformance>['conforms'];
beforeAll(async () => {
  w = await world();
  conforms = conformance((await w.req<object>('GET', '/api/v1/openapi.json')).body).conforms;
});
afterAll(() => w.close());

const login = <T = Session>(username: string, password = PASSWORD) =>
  w.req<T>('POST', '/api/v1/auth/login', { body: { username, password } });
const idOf = (username: string) => w.app.services.stores.users.byUsername(username)!.id;
const audit = (action: string) =>
  (
    w.db.prepare('SELECT actor, subject, before, after FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
      actor: string;
      subject: string;
      before: string | null;
      after: string | null;
    }[]
  ).map((e) => ({ ...e, before: e.before && JSON.parse(e.before), after: e.after && JSON.parse(e.after) }));
const patch = (who: Who, id: number, body: unknown) => w.as<User>(who, 'PATCH', `/api/v1/users/${id}`, body);
const newUser = async (username: string, role: string, orgId: number | null) => {
  const r = await w.as<User>('admin', 'POST', '/api/v1/users', { username, password: PASSWORD, displayName: username, role, orgId });
  if (r.status !== 201) throw new Error(`${r.status} ${r.text}`);
  return r.body;
};

describe('PATCH /users/{id}', () => {
  it('changes the display name, audited with before and after', async () => {
    const r = await patch('admin', idOf('archA'), { displayName: '张三' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ username: 'archA', displayName: '张三', role: 'archivist', orgId: w.ids.unitA });
    conforms('User', r.body);
    expect(audit('user.update').at(-1)).toMatchObject({
      actor: 'admin',
      subject: `user:${idOf('archA')}`,
      before: { displayName: 'archA' },
      after: { displayName: '张三' },
    });
    expect((await w.as<Me>('archA', 'GET', '/api/v1/me')).body.user.displayName).toBe('张三');
  });

  it('is for admins only, and checks its body and the user', async () => {
    expectProblem(await patch('archA', idOf('archA'), { displayName: 'x' }), 403);
    expectProblem(await patch('revX', idOf('archA'), { displayName: 'x' }), 403);
    expectProblem(await patch('admin', 99999, { displayName: 'x' }), 404);
    const empty = await patch('admin', idOf('archA'), {});
    expectProblem(empty, 400);
    const unknown = await patch('admin', idOf('archA'), { username: 'renamed' });
    expectProblem(unknown, 400);
    expect(unknown.body.errors[0].path).toBe('/username');
    const blank = await patch('admin', idOf('archA'), { displayName: '' });
    expectProblem(blank, 400);
    expect(blank.body.errors[0].path).toBe('/displayName');
  });

  it('places accounts by the rules of creation: errors name /orgId', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ role: 'reviewer' }, '该单位没有下属单位'], // unit A has no subsidiaries
      [{ orgId: w.ids.bureauX }, '档案员只能属于单位'],
      [{ orgId: null }, '必须指定所属组织'],
      [{ orgId: 424242 }, '组织不存在'],
      [{ role: 'archivist', orgId: w.ids.parentP }, ''], // allowed: P is a unit
    ];
    for (const [body, message] of cases) {
      const r = await patch('admin', idOf('archA2'), body);
      if (!message) {
        expect(r.status, JSON.stringify(body)).toBe(200);
        continue;
      }
      expectProblem(r, 400);
      expect(r.body.errors, JSON.stringify(body)).toEqual([{ path: '/orgId', message }]);
    }
    // Back home, and a reviewer of a parent enterprise with subsidiaries is fine.
    expect((await patch('admin', idOf('archA2'), { orgId: w.ids.unitA })).status).toBe(200);
    expect((await patch('admin', idOf('revP'), { orgId: w.ids.parentP, role: 'reviewer' })).status).toBe(200);
  });

  it('a role or organisation change takes effect on the user’s very next request', async () => {
    const { unitB, bureauY, unitA } = w.ids;
    const token = (await login('archA2')).body.token;
    const schemesOfB = () => w.req('GET', `/api/v1/units/${unitB}/schemes`, { token });
    const queue = () => w.req('GET', '/api/v1/review/queue', { token });
    expectProblem(await schemesOfB(), 404);
    expect((await patch('admin', idOf('archA2'), { role: 'reviewer', orgId: bureauY })).status).toBe(200);
    expect((await schemesOfB()).status).toBe(200);
    expect((await queue()).status).toBe(200);
    expect((await w.req<Me>('GET', '/api/v1/me', { token })).body.user).toMatchObject({ role: 'reviewer', orgId: bureauY });
    expect((await patch('admin', idOf('archA2'), { role: 'archivist', orgId: unitA })).status).toBe(200);
    expectProblem(await schemesOfB(), 404);
  });

  it('an admin cannot change its own role; its own name it can', async () => {
    expectProblem(await patch('admin', idOf('admin'), { role: 'reviewer', orgId: w.ids.bureauX }), 403);
    expect((await patch('admin', idOf('admin'), { displayName: '王管理' })).body.displayName).toBe('王管理');
  });
});

describe('disable and enable', () => {
  it('ends the user’s sessions at once; it cannot sign in until enabled again', async () => {
    const id = idOf('archB');
    const token = (await login('archB')).body.token;
    expect((await w.req('GET', '/api/v1/me', { token })).status).toBe(200);
    const r = await w.as<User>('admin', 'POST', `/api/v1/users/${id}/disable`);
    expect(r.status).toBe(200);
    expect(r.body.disabled).toBe(true);
    expectProblem(await w.req('GET', '/api/v1/me', { token }), 401);
    expectProblem(await w.as('archB', 'GET', '/api/v1/me'), 401);
    expectProblem(await login('archB'), 401);
    expect((await w.as<User[]>('admin', 'GET', '/api/v1/users')).body.find((u) => u.id === id)!.disabled).toBe(true);
    expect(audit('user.disable').at(-1)).toMatchObject({ actor: 'admin', subject: `user:${id}`, after: { disabled: true } });

    const back = await w.as<User>('admin', 'POST', `/api/v1/users/${id}/enable`);
    expect(back.body.disabled).toBe(false);
    expect(audit('user.enable').at(-1)).toMatchObject({ actor: 'admin', subject: `user:${id}` });
    // The old session stays ended; a new sign-in works.
    expectProblem(await w.req('GET', '/api/v1/me', { token }), 401);
    expect((await login('archB')).status).toBe(200);
  });

  it('is refused on the next request even when another connection (the CLI, another instance) disabled the user', async () => {
    const token = (await login('archS')).body.token;
    expect((await w.req('GET', '/api/v1/me', { token })).status).toBe(200);
    const other = new Database(join(w.dir, 'test.db'));
    other.prepare("UPDATE users SET disabled = 1 WHERE username = 'archS'").run();
    other.close();
    expectProblem(await w.req('GET', '/api/v1/me', { token }), 401);
    w.db.prepare("UPDATE users SET disabled = 0 WHERE username = 'archS'").run();
  });

  it('an admin cannot disable itself; non-admins cannot disable anyone', async () => {
    const self = await w.as('admin', 'POST', `/api/v1/users/${idOf('admin')}/disable`);
    expectProblem(self, 403);
    expect(self.body.detail).toBe('不能停用自己的账号');
    expectProblem(await w.as('archA', 'POST', `/api/v1/users/${idOf('archB')}/disable`), 403);
    expectProblem(await w.as('admin', 'POST', '/api/v1/users/99999/disable'), 404);
  });

  it('the last admin that can act cannot be disabled, from the console neither; a pending admin does not count', async () => {
    const fresh = await world();
    try {
      const s = fresh.app.services;
      const admin2 = s.stores.users.byUsername('admin2')!.id;
      const admin = s.stores.users.byUsername('admin')!.id;
      // Two admins: one may disable the other.
      expect((await fresh.as('admin', 'POST', `/api/v1/users/${admin2}/disable`)).status).toBe(200);
      // Now `admin` is the only one: not from the console either, and not by demotion.
      expect(() => s.users.setDisabled(null, admin, true)).toThrow(/唯一可用的系统管理员/);
      // A pending admin does not count as one that can act.
      const pending = await fresh.as<User>('admin', 'POST', '/api/v1/users', {
        username: 'newadmin',
        password: PASSWORD,
        displayName: '新管理员',
        role: 'admin',
      });
      expect(pending.body.pendingBy).toBe(admin);
      expect(() => s.users.setDisabled(null, admin, true)).toThrow(/唯一可用的系统管理员/);
      expect((await fresh.as('admin', 'POST', `/api/v1/users/${admin2}/enable`)).status).toBe(200);
      // With admin2 back, one admin still may not demote the other over the web (it could then reset its password).
      const demoted = await fresh.as('admin', 'PATCH', `/api/v1/users/${admin2}`, { role: 'reviewer', orgId: fresh.ids.bureauX });
      expect(demoted.status).toBe(403);
    } finally {
      fresh.close();
    }
  });
});

describe('POST /users/{id}/reset-password', () => {
  it('returns a generated password once; the old password and sessions stop working; it must be changed', async () => {
    const id = idOf('revY');
    const old = (await login('revY')).body.token;
    const r = await w.as<PasswordResetWire>('admin', 'POST', `/api/v1/users/${id}/reset-password`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body.user).toMatchObject({ id, mustChangePassword: true });
    expect(r.body.password).toMatch(/^\S{16,}$/);
    conforms('PasswordReset', r.body);
    expectProblem(await w.req('GET', '/api/v1/me', { token: old }), 401);
    expectProblem(await login('revY'), 401);
    const fresh = await login('revY', r.body.password);
    expect(fresh.body.user.mustChangePassword).toBe(true);
    expectProblem(await w.req('GET', '/api/v1/review/queue', { token: fresh.body.token }), 403);
    const entry = audit('user.password').at(-1)!;
    expect(entry).toMatchObject({ actor: 'admin', subject: `user:${id}`, after: { reset: true, mustChangePassword: true } });
    expect(JSON.stringify(w.db.prepare('SELECT * FROM audit_log').all())).not.toContain(r.body.password);
    // Changing it frees the account.
    const changed = await w.req('POST', '/api/v1/me/password', {
      token: fresh.body.token,
      body: { currentPassword: r.body.password, newPassword: PASSWORD + ' 2' },
    });
    expect(changed.status).toBe(204);
    expect((await w.req('GET', '/api/v1/review/queue', { token: fresh.body.token })).status).toBe(200);
  });

  it('is not for oneself, nor for another admin (one admin could then sign in as the other)', async () => {
    expectProblem(await w.as('admin', 'POST', `/api/v1/users/${idOf('admin')}/reset-password`), 403);
    const other = await w.as('admin', 'POST', `/api/v1/users/${idOf('admin2')}/reset-password`);
    expectProblem(other, 403);
    expect(other.body.detail).toContain('sanheyi users reset-password');
    expectProblem(await w.as('archA', 'POST', `/api/v1/users/${idOf('archB')}/reset-password`), 403);
    expectProblem(await w.as('admin', 'POST', '/api/v1/users/99999/reset-password'), 404);
  });
});

describe('a second admin confirms an admin made by an admin (issue 17.6)', () => {
  it('an admin created over the API cannot sign in until a different admin confirms it', async () => {
    const created = await newUser('admin3', 'admin', null);
    expect(created.pendingBy).toBe(idOf('admin'));
    expect(audit('user.create').at(-1)).toMatchObject({ actor: 'admin', after: { username: 'admin3', pendingBy: idOf('admin') } });

    const refused = await login('admin3');
    expectProblem(refused, 403);
    expect(refused.body.type).toBe('https://sanheyi.dev/problems/account-pending');
    expect(refused.body.errors).toEqual([{ path: '/username', message: '账号待另一位管理员确认' }]);
    expect(refused.body.detail).toContain('王管理'); // who set it up, by display name
    // A wrong password learns nothing about the pending state.
    expectProblem(await login('admin3', 'not the password'), 401);

    const own = await w.as<Problem>('admin', 'POST', `/api/v1/users/${created.id}/confirm`);
    expectProblem(own, 403);
    expect(own.body.detail).toContain('另一位管理员');
    expectProblem(await w.as('revX', 'POST', `/api/v1/users/${created.id}/confirm`), 403);

    const ok = await w.as<PasswordResetWire>('admin2', 'POST', `/api/v1/users/${created.id}/confirm`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    conforms('PasswordReset', ok.body);
    expect(ok.body.user).toMatchObject({ id: created.id, pendingBy: null, mustChangePassword: true });
    expect(audit('user.confirm').at(-1)).toMatchObject({
      actor: 'admin2',
      subject: `user:${created.id}`,
      before: { pendingBy: idOf('admin') },
      after: { pendingBy: null, passwordReset: true },
    });
    // The password its creator chose no longer works: only the one the confirming admin hands over does.
    expectProblem(await login('admin3'), 401);
    const first = await login('admin3', ok.body.password);
    expect([first.status, first.body.user.mustChangePassword]).toEqual([200, true]);
    expectProblem(await w.as('admin2', 'POST', `/api/v1/users/${created.id}/confirm`), 409);
  });

  it('a promotion to admin waits too, and ends the sessions it had', async () => {
    const user = await newUser('promoted', 'archivist', w.ids.unitA);
    const token = (await login('promoted')).body.token;
    const r = await patch('admin', user.id, { role: 'admin' });
    expect(r.body).toMatchObject({ role: 'admin', pendingBy: idOf('admin') });
    expectProblem(await w.req('GET', '/api/v1/me', { token }), 401);
    expect((await login<Problem>('promoted')).body.type).toBe('https://sanheyi.dev/problems/account-pending');
    expect(audit('user.update').at(-1)).toMatchObject({ before: { role: 'archivist', pendingBy: null }, after: { role: 'admin' } });
    const confirmed = await w.as<PasswordResetWire>('admin2', 'POST', `/api/v1/users/${user.id}/confirm`);
    expect(confirmed.status).toBe(200);
    expectProblem(await login('promoted'), 401);
    expect((await login('promoted', confirmed.body.password)).status).toBe(200);
    // The confirmation does not bring the old session back.
    expectProblem(await w.req('GET', '/api/v1/me', { token }), 401);
  });

  it('admins made at the console or at the first start need no confirmation; the console confirms, keeping the password', async () => {
    expect(w.app.services.stores.users.byUsername('admin2')!.pendingBy).toBeNull();
    const pending = await newUser('admin4', 'admin', null);
    w.app.services.users.confirmAtConsole(pending.id);
    expect((await login('admin4')).status).toBe(200);
    expect(audit('user.confirm').at(-1)).toMatchObject({ actor: 'console', subject: `user:${pending.id}` });
    expectProblem(await w.as('admin', 'POST', `/api/v1/users/${idOf('archA')}/confirm`), 409);
  });
});
