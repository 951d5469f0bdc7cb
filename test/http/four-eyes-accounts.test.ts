// Four eyes against accounts an author controls (found by the review of 2026-12-02): an admin who reset a reviewer's
// password, confirmed an admin with a new one or made up an archivist cannot decide through or against that account;
// and an admin cannot demote another admin (then reset its password) over the web.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PasswordResetWire, Problem, SchemeWithVersions, Session, User } from '../../server/schemas/api/index.js';
import { type World, approve, draft, expectProblem, newScheme, put, submit, world } from './helpers.js';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(() => w.close());
const idOf = (u: string) => w.app.services.stores.users.byUsername(u)!.id;

it('an admin who rewrote a draft cannot approve it through a reviewer whose password it reset', async () => {
  const id = await newScheme(w);
  const { doc, etag } = await draft(w, id, 1);
  doc.items[2].scope = `${doc.items[2].scope}（管理员改写）`;
  expect((await put(w, id, 1, doc, etag, 'admin')).status).toBe(200);
  expect((await submit(w, id)).status).toBe(200);
  expect((await approve(w, id, 1, 'admin')).status).toBe(403); // the direct path is closed
  // The same admin takes over revX (created long before the submission)
  const reset = await w.as<PasswordResetWire>('admin', 'POST', `/api/v1/users/${idOf('revX')}/reset-password`);
  expect(reset.status).toBe(200);
  const login = await w.req<Session>('POST', '/api/v1/auth/login', { body: { username: 'revX', password: reset.body.password } });
  expect(login.status).toBe(200);
  const tok = login.body.token;
  const ch = await w.req('POST', '/api/v1/me/password', {
    token: tok,
    body: { currentPassword: reset.body.password, newPassword: 'admin owns revX now 123' },
  });
  expect(ch.status).toBeLessThan(300);
  const a = await w.req<Problem>('POST', `/api/v1/schemes/${id}/versions/1/approve`, {
    token: tok,
    body: {
      approvalNumber: '某档复〔2026〕12号',
      decidedOn: '2026-03-02',
      effectiveFrom: '2026-03-02',
    },
  });
  expectProblem(a, 403);
  expect(a.body.detail).toContain('由该版本的提交人或最后修改人设置');
});

it('an admin cannot demote another admin, so cannot reset its password that way', async () => {
  const d = await w.as('admin', 'PATCH', `/api/v1/users/${idOf('admin2')}`, { role: 'archivist', orgId: w.ids.unitA });
  expectProblem(d, 403);
  expectProblem(await w.as('admin', 'POST', `/api/v1/users/${idOf('admin2')}/reset-password`), 403);
});

it('an admin cannot approve what an archivist it created (with its password) submitted', async () => {
  const mk = await w.as<User>('admin', 'POST', '/api/v1/users', {
    username: 'puppet',
    password: 'puppet password 123',
    displayName: '傀儡',
    role: 'archivist',
    orgId: w.ids.unitA,
  });
  expect(mk.status).toBe(201);
  const login = await w.req<Session>('POST', '/api/v1/auth/login', { body: { username: 'puppet', password: 'puppet password 123' } });
  const tok = login.body.token;
  const created = await w.req<SchemeWithVersions>('POST', `/api/v1/units/${w.ids.unitA}/schemes`, {
    token: tok,
    body: { name: '傀儡表', baseline: 'demo-enterprise' },
  });
  expect(created.status).toBe(201);
  const sid = created.body.id;
  expect((await w.req('POST', `/api/v1/schemes/${sid}/versions/1/submit`, { token: tok })).status).toBe(200);
  const a = await approve(w, sid, 1, 'admin');
  expectProblem(a, 403);
  expect(a.body.detail).toContain('由您设置');
});

it('the admin who confirmed an admin (with a new password) cannot approve its own rewrite through it', async () => {
  // admin creates pending admin P (before the submission)
  const mk = await w.as<User>('admin', 'POST', '/api/v1/users', {
    username: 'newadm',
    password: 'chosen by admin 123',
    displayName: '新管理员',
    role: 'admin',
    orgId: null,
  });
  expect(mk.status).toBe(201);
  // admin2 rewrites a draft, archA submits
  const id = await newScheme(w);
  const { doc, etag } = await draft(w, id, 1);
  doc.items[2].scope = `${doc.items[2].scope}（admin2改写）`;
  expect((await put(w, id, 1, doc, etag, 'admin2')).status).toBe(200);
  expect((await submit(w, id)).status).toBe(200);
  expect((await approve(w, id, 1, 'admin2')).status).toBe(403);
  // admin2 confirms P and is handed P's password
  const conf = await w.as<PasswordResetWire>('admin2', 'POST', `/api/v1/users/${mk.body.id}/confirm`);
  expect(conf.status).toBe(200);
  const login = await w.req<Session>('POST', '/api/v1/auth/login', { body: { username: 'newadm', password: conf.body.password } });
  expect(login.status).toBe(200);
  const tok = login.body.token;
  expect(
    (
      await w.req('POST', '/api/v1/me/password', {
        token: tok,
        body: { currentPassword: conf.body.password, newPassword: 'admin2 owns this 123' },
      })
    ).status,
  ).toBeLessThan(300);
  const a = await w.req<Problem>('POST', `/api/v1/schemes/${id}/versions/1/approve`, {
    token: tok,
    body: { approvalNumber: '某档复〔2026〕12号', decidedOn: '2026-03-02', effectiveFrom: '2026-03-02' },
  });
  expectProblem(a, 403);
});
