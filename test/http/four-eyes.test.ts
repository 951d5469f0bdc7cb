// Four eyes between admins (issue 17.6): besides the submitter, whoever wrote any of a version's content (its creator
// and every editor of the draft) and any account created after its submission may not approve or reject it; the
// version stays submitted for someone else.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openDatabase } from '../../server/store/db.js';
import { type Who, type World, approve, draft, expectProblem, newScheme, PASSWORD, put, submit, world } from './helpers.js';
import type { Version } from '../../server/schemas/api/index.js';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(() => w.close());

const reject = (scheme: number, who: Who) =>
  w.as(who, 'POST', `/api/v1/schemes/${scheme}/versions/1/reject`, { reason: '请补充本单位的会计档案条款' });
const state = async (scheme: number) => (await w.as<Version>('admin', 'GET', `/api/v1/schemes/${scheme}/versions/1`)).body.state;

/** Creates a user now (by the world's clock) and signs it in. */
async function newUser(username: string, role: 'admin' | 'reviewer', orgId: number | null): Promise<string> {
  await w.app.services.auth.createUser(null, { username, password: PASSWORD, displayName: username, role, orgId });
  const r = await w.req<{ token: string }>('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } });
  expect(r.status).toBe(200);
  return r.body.token;
}

describe('the last editor of the content', () => {
  it('an admin who rewrote an archivist’s draft may not approve or reject it; another reviewer may', async () => {
    const id = await newScheme(w);
    const { doc, etag } = await draft(w, id, 1);
    doc.items[2].scope = `${doc.items[2].scope}（管理员改写）`;
    expect((await put(w, id, 1, doc, etag, 'admin')).status).toBe(200);
    expect((await submit(w, id)).status).toBe(200); // archA submits what the admin wrote
    const approved = await approve(w, id, 1, 'admin');
    expectProblem(approved, 403);
    expect(approved.body.detail).toBe('不能批准自己最后修改过内容的版本（双人审核）');
    const rejected = await reject(id, 'admin');
    expectProblem(rejected, 403);
    expect(rejected.body.detail).toBe('不能退回自己最后修改过内容的版本（双人审核）');
    expect(await state(id)).toBe('submitted');
    expect((await approve(w, id, 1, 'admin2')).status).toBe(200);
  });

  it('whoever created the version (here an admin, from the baseline) stays one of its authors after others edit it', async () => {
    const id = await newScheme(w, 'admin');
    expect((await submit(w, id, 1, 'archA')).status).toBe(200);
    expectProblem(await approve(w, id, 1, 'admin'), 403);
    // An archivist's later edit does not wash the admin's part out.
    const other = await newScheme(w, 'admin', w.ids.unitA, '会计档案三合一表');
    const { doc, etag } = await draft(w, other, 1);
    doc.items[2].scope = `${doc.items[2].scope}（档案员修改）`;
    expect((await put(w, other, 1, doc, etag, 'archA2')).status).toBe(200);
    expect((await submit(w, other, 1, 'archA')).status).toBe(200);
    const refused = await approve(w, other, 1, 'admin');
    expectProblem(refused, 403);
    expect(refused.body.detail).toBe('不能批准自己参与编写或修改过内容的版本（双人审核）');
    expect((await approve(w, other, 1, 'admin2')).status).toBe(200);
  });

  it('an admin who edited the draft may not decide it, even when an archivist edited it after', async () => {
    const id = await newScheme(w);
    let { doc, etag } = await draft(w, id, 1);
    doc.items[2].scope = `${doc.items[2].scope}（管理员改写）`;
    expect((await put(w, id, 1, doc, etag, 'admin')).status).toBe(200);
    ({ doc, etag } = await draft(w, id, 1));
    doc.items[2].scope = `${doc.items[2].scope}（档案员再改）`;
    expect((await put(w, id, 1, doc, etag, 'archA')).status).toBe(200); // the last editor is now archA
    expect((await submit(w, id)).status).toBe(200);
    const refused = await reject(id, 'admin');
    expectProblem(refused, 403);
    expect(refused.body.detail).toBe('不能退回自己参与编写或修改过内容的版本（双人审核）');
    expect((await approve(w, id, 1, 'admin2')).status).toBe(200);
  });

  it('the author is kept in the database and frozen once submitted', async () => {
    const id = await newScheme(w);
    const { doc, etag } = await draft(w, id, 1);
    expect((await put(w, id, 1, doc, etag, 'archA2')).status).toBe(200);
    const row = () =>
      w.db.prepare('SELECT edited_by FROM scheme_versions WHERE scheme_id = ? AND number = 1').get(id) as { edited_by: number };
    const archA2 = w.app.services.stores.users.byUsername('archA2')!.id;
    expect(row().edited_by).toBe(archA2);
    expect((await submit(w, id)).status).toBe(200);
    expect(() => w.db.prepare('UPDATE scheme_versions SET edited_by = NULL WHERE scheme_id = ?').run(id)).toThrow(/frozen/);
    expect(row().edited_by).toBe(archA2);
  });
});

describe('accounts created after the submission', () => {
  it('a reviewer or admin account made after the version was submitted may not decide it', async () => {
    const id = await newScheme(w);
    expect((await submit(w, id)).status).toBe(200);
    w.now.value = new Date(w.now.value.getTime() + 3600_000);
    const reviewer = await newUser('revX2', 'reviewer', w.ids.bureauX);
    const admin = await newUser('admin3', 'admin', null);
    for (const token of [reviewer, admin]) {
      const a = await w.req('POST', `/api/v1/schemes/${id}/versions/1/approve`, {
        token,
        body: { approvalNumber: '某档复〔2026〕12号', decidedOn: '2026-03-02', effectiveFrom: '2026-03-02' },
      });
      expectProblem(a, 403);
      expect(a.body.detail).toBe('您的账号创建于该版本提交之后，不能批准该版本（双人审核）');
      const r = await w.req('POST', `/api/v1/schemes/${id}/versions/1/reject`, { token, body: { reason: '请补充本单位的会计档案条款' } });
      expectProblem(r, 403);
      expect(r.body.detail).toBe('您的账号创建于该版本提交之后，不能退回该版本（双人审核）');
    }
    expect(await state(id)).toBe('submitted');
    // A version submitted after the account was made is theirs to decide.
    const later = await newScheme(w, 'archA', w.ids.unitA, '会计档案三合一表');
    expect((await submit(w, later)).status).toBe(200);
    const ok = await w.req('POST', `/api/v1/schemes/${later}/versions/1/reject`, { token: reviewer, body: { reason: '请补充条款内容' } });
    expect(ok.status).toBe(200);
    // The accounts that existed at submission still decide the first one.
    expect((await approve(w, id, 1, 'revX', { decidedOn: '2026-03-02' })).status).toBe(200);
  });
});

describe('the content-author migration', () => {
  it('takes each existing version’s author from its last edit in the audit log, or its creator', () => {
    const db = openDatabase(':memory:', { migrate: false });
    const all = loadMigrations();
    const authors = all.findIndex((m) => m.name.endsWith('-content-author.sql'));
    expect(authors).toBeGreaterThan(0);
    migrate(db, all.slice(0, authors));
    const at = '2026-03-02T02:00:00.000Z';
    db.prepare("INSERT INTO orgs (id, type, name, created_at) VALUES (1, 'bureau', '局', ?)").run(at);
    for (const [id, name] of [
      [1, 'creator'],
      [2, 'editor'],
    ] as const) {
      db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, 'admin', 'x', ?)").run(
        id,
        name,
        name,
        at,
      );
    }
    const scheme = db.prepare("INSERT INTO schemes (id, unit_id, name, created_by, created_at) VALUES (?, 1, 's', 1, ?)");
    const version = db.prepare(
      "INSERT INTO scheme_versions (id, scheme_id, number, state, document, hash, created_by, created_at, updated_at) VALUES (?, ?, 1, 'draft', '{}', 'h', 1, ?, ?)",
    );
    for (const id of [1, 2]) {
      scheme.run(id, at);
      version.run(id, id, at, at);
    }
    // Version 1 was edited by user 2 (and then submitted); version 2 never edited.
    db.prepare(
      "INSERT INTO audit_log (id, at, actor_id, actor, action, subject, prev_hash, hash) VALUES (1, ?, 2, 'editor', 'version.edit', 'scheme_version:1', ?, 'sha256:1')",
    ).run(at, `sha256:${'0'.repeat(64)}`);
    db.prepare("UPDATE scheme_versions SET state = 'submitted', submitted_by = 1, submitted_at = ? WHERE id = 1").run(at);
    migrate(db, all);
    const editors = db.prepare('SELECT id, edited_by FROM scheme_versions ORDER BY id').all();
    expect(editors).toEqual([
      { id: 1, edited_by: 2 },
      { id: 2, edited_by: 1 },
    ]);
    db.close();
  });
});
