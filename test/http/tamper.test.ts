// Tampering with the database file behind the service's back (issue 17.2, 14.2): approved content changed or forged
// is never served, and edits, re-hashing, truncation and forged entries of the audit chain are all detected.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { contentHash } from '../../server/engine/index.js';
import { type AuditRow, entryHash } from '../../server/store/audit-store.js';
import { type World, FIXTURE_RULESETS, approvedScheme, expectProblem, world } from './helpers.js';
import type { ApiKeyCreated, ChainCheck, ClassifyResponse } from '../../server/schemas/api/index.js';

let w: World;
let scheme: number;
let key: string;
beforeEach(async () => {
  w = await world();
  scheme = await approvedScheme(w);
  key = (await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: 'OA' })).body.key;
});
afterEach(() => w.close());

const classify = () =>
  w.req<ClassifyResponse>('POST', `/api/v1/units/${w.ids.unitA}/classify`, {
    token: key,
    body: { title: '关于放假的通知', date: '2026-05-10' },
  });
const verify = async () => (await w.as<ChainCheck>('admin', 'GET', '/api/v1/audit/verify')).body;
/** The service restarted on the same database file. */
const restart = () => createApp({ db: w.db, rulesetsDir: FIXTURE_RULESETS, log: (e) => w.logs.push(e) });

/**
 * Changes the stored approved document's retention for row 3 (via SQL, the freeze trigger dropped and re-created),
 * through the service's own connection or `db`, another one on the same file.
 */
function tamperDocument(rehash: boolean, db: Database.Database = w.db): void {
  const row = db.prepare('SELECT id, document FROM scheme_versions WHERE scheme_id = ? AND number = 1').get(scheme) as {
    id: number;
    document: string;
  };
  const doc = JSON.parse(row.document);
  const item = doc.items.find((i: { id: string }) => i.id === '3');
  item.retention = 'Y';
  const trigger = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'scheme_versions_frozen_content'").get() as { sql: string }).sql;
  db.exec('DROP TRIGGER scheme_versions_frozen_content');
  db.prepare('UPDATE scheme_versions SET document = ? WHERE id = ?').run(JSON.stringify(doc), row.id);
  if (rehash) {
    // A careful attacker also recomputes the stored hash with the library.
    db.prepare('UPDATE scheme_versions SET hash = ? WHERE id = ?').run(contentHash(doc), row.id);
  }
  db.exec(trigger);
}

describe('approved content verified where it is used', () => {
  it('a tampered approved document is never served: 503 naming the version, /readyz, the log, /audit/verify', async () => {
    tamperDocument(false);
    // The version compiled at approval is still what classification uses: the approved content, not the changed one.
    expect((await classify()).body.retention?.code).toBe('D10');
    // Found by a check (here /audit/verify; also start-up and the periodic sweep), it is no longer used at all.
    expect((await verify()).ok).toBe(false);
    const r = await classify();
    expectProblem(r, 503);
    expect(r.body.type).toMatch(/version-integrity$/);
    expect(r.body.detail).toContain(`方案 ${scheme} 第 1 版`);
    expect(r.body.errors[0].path).toBe(`/schemes/${scheme}/versions/1`);
    const ready = await w.req('GET', '/readyz');
    expectProblem(ready, 503);
    expect(ready.body.detail).toContain(`方案 ${scheme} 第 1 版：存储的文档与其内容哈希不符`);
    expect(w.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'version_integrity', schemeId: scheme, version: 1 }));
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.versions?.problems).toEqual([expect.objectContaining({ schemeId: scheme, number: 1, state: 'approved' })]);
  });

  it('a re-hashed tampered document (stored hash recomputed) is refused even after the version was cached', async () => {
    expect((await classify()).body.retention?.code).toBe('D10');
    tamperDocument(true);
    const r = await classify();
    expectProblem(r, 503);
    expect(r.body.detail).toContain('内容哈希与审计日志中报审时记录的');
  });

  it('a tampered approved document is not handed out: reading the version, its bundle and its export answer 503', async () => {
    expect((await w.as('archA', 'GET', `/api/v1/schemes/${scheme}/versions/1`)).status).toBe(200);
    // The document and its hash both rewritten, and nothing (no watch, no sweep) has looked yet.
    tamperDocument(true);
    for (const path of [
      `/api/v1/schemes/${scheme}/versions/1`,
      `/api/v1/units/${w.ids.unitA}/bundle`,
      `/api/v1/schemes/${scheme}/versions/1/export?format=csv`,
    ]) {
      const r = await w.as('archA', 'GET', path);
      expectProblem(r, 503);
      expect(r.body.detail, path).toContain(`方案 ${scheme} 第 1 版的存储内容未通过校验`);
    }
    // Nor does a new draft start from it.
    expectProblem(await w.as('archA', 'POST', `/api/v1/schemes/${scheme}/versions`, { from: 1 }), 503);
  });

  it('a document changed by another connection after it was compiled is refused within a second, with no request', async () => {
    const watch = w.app.services.contentWatch;
    const stop = watch.start();
    try {
      // Compiled and cached by its (unchanged) stored hash: without the watch the cache would go on serving it.
      expect((await classify()).body.retention?.code).toBe('D10');
      const other = new Database(join(w.dir, 'test.db'));
      try {
        tamperDocument(false, other);
      } finally {
        other.close();
      }
      const deadline = Date.now() + 3000;
      while (watch.passes === 0 && Date.now() < deadline) await sleep(20);
      expect(watch.passes).toBe(1);
      // Found by the watch alone, before any request: logged, and both classify and /readyz name the version.
      expect(w.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'version_integrity', schemeId: scheme, version: 1 }));
      const r = await classify();
      expectProblem(r, 503);
      expect(r.body.type).toMatch(/version-integrity$/);
      expect(r.body.detail).toContain(`方案 ${scheme} 第 1 版`);
      const ready = await w.req('GET', '/readyz');
      expectProblem(ready, 503);
      expect(ready.body.errors[0].path).toBe(`/schemes/${scheme}/versions/1`);
    } finally {
      stop();
    }
  });

  it("the watch does nothing while no other connection writes (the service's own writes included)", async () => {
    const watch = w.app.services.contentWatch;
    const stop = watch.start();
    try {
      await w.as('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: '另一个' });
      watch.poll();
      expect(watch.passes).toBe(0);
      const other = new Database(join(w.dir, 'test.db'));
      other.prepare("UPDATE orgs SET name = '甲股份有限公司' WHERE id = ?").run(w.ids.unitA);
      other.close();
      // A sound write: one pass (re-hashing is sliced, the first slice runs at once), nothing found.
      watch.poll();
      await sleep(20);
      expect(watch.passes).toBe(1);
      expect(w.logs).not.toContainEqual(expect.objectContaining({ msg: 'version_integrity' }));
      expect((await classify()).status).toBe(200);
    } finally {
      stop();
    }
  });

  it('a restarted service finds the tampered version at start-up: /readyz says so before any classification', async () => {
    tamperDocument(true);
    const app = restart();
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(503);
    expect((await ready.json()).errors[0].path).toBe(`/schemes/${scheme}/versions/1`);
  });
});

describe('rows forged in the database', () => {
  it('a version cannot be inserted as approved; one moved to approved without the workflow is detected', async () => {
    const v1 = w.db.prepare('SELECT * FROM scheme_versions WHERE scheme_id = ? AND number = 1').get(scheme) as Record<string, unknown>;
    const insert = (state: string) =>
      w.db
        .prepare(
          `INSERT INTO scheme_versions (scheme_id, number, state, document, hash, created_by, created_at, updated_at, submitted_by, decided_by, approval_number, effective_from)
           VALUES (?, 2, ?, ?, ?, ?, ?, ?, ?, ?, '伪〔2026〕1号', '2026-04-01')`,
        )
        .run(scheme, state, v1.document, v1.hash, v1.created_by, v1.created_at, v1.created_at, v1.submitted_by, v1.decided_by);
    expect(() => insert('approved')).toThrow(/inserted as drafts only/);
    w.db.exec('DROP TRIGGER scheme_versions_insert_draft');
    insert('approved');
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.versions?.problems).toEqual([expect.objectContaining({ number: 2, reason: '审计日志中没有该版本的报审记录' })]);
    // In force from 1 April: classification refuses it rather than use it.
    expectProblem(await classify(), 503);
  });
});

describe('the audit chain is keyed and anchored', () => {
  const rows = () => w.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
  function rewrite(fromId: number, edit: (r: AuditRow) => void, hashOf: (r: Omit<AuditRow, 'hash'>) => string): void {
    w.db.exec('DROP TRIGGER audit_log_no_update');
    let prev: string | null = null;
    for (const r of rows()) {
      if (r.id < fromId) continue;
      if (r.id === fromId) edit(r);
      if (prev !== null) r.prev_hash = prev;
      r.hash = hashOf(r);
      w.db.prepare('UPDATE audit_log SET after = ?, prev_hash = ?, hash = ? WHERE id = ?').run(r.after, r.prev_hash, r.hash, r.id);
      prev = r.hash;
    }
  }
  const forgeApproval = (r: AuditRow) => {
    r.after = JSON.stringify({ ...JSON.parse(r.after!), approvalNumber: '伪造' });
  };
  const approveId = () => (w.db.prepare("SELECT id FROM audit_log WHERE action = 'version.approve'").get() as { id: number }).id;

  it('an edit followed by re-hashing the rest of the chain (plain SHA-256) is detected', async () => {
    const id = approveId();
    rewrite(id, forgeApproval, (r) => entryHash(r));
    expect(await verify()).toMatchObject({ ok: false, brokenAt: id, reason: '该记录应以审计密钥签名，却只有普通哈希' });
  });

  it('re-hashing with a guessed key is detected', async () => {
    const id = approveId();
    const guess = { key: randomBytes(32), keyedFrom: 1, file: null };
    rewrite(id, forgeApproval, (r) => entryHash(r, guess));
    expect(await verify()).toMatchObject({ ok: false, brokenAt: id, reason: '记录内容与其密钥签名不符' });
  });

  it('truncation (the newest entries dropped) is detected by the head anchored outside the database', async () => {
    const before = rows().length;
    expect((await verify()).anchor).toMatchObject({ id: before });
    w.db.exec('DROP TRIGGER audit_log_no_delete');
    w.db.prepare('DELETE FROM audit_log WHERE id > ?').run(before - 2);
    expect(await verify()).toMatchObject({ ok: false, reason: `审计日志被截断：锚定的最新记录（第 ${before} 条）已不存在` });
  });

  it('a forged appended entry is detected', async () => {
    const last = rows().at(-1)!;
    const forged: Omit<AuditRow, 'hash'> = {
      ...last,
      id: last.id + 1,
      action: 'version.approve',
      prev_hash: last.hash,
      after: '{"hash":"x"}',
    };
    const hash = entryHash(forged, { key: randomBytes(32), keyedFrom: 1, file: null });
    w.db
      .prepare(
        'INSERT INTO audit_log (id, at, actor_id, actor, action, unit_id, scheme_id, version, subject, before, after, prev_hash, hash) VALUES (@id, @at, @actor_id, @actor, @action, @unit_id, @scheme_id, @version, @subject, @before, @after, @prev_hash, @hash)',
      )
      .run({ ...forged, hash });
    expect(await verify()).toMatchObject({ ok: false, brokenAt: last.id + 1, reason: '记录内容与其密钥签名不符' });
    // An entry out of place is refused by the database itself.
    expect(() =>
      w.db
        .prepare('INSERT INTO audit_log (id, at, actor, action, subject, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(999, 'x', 'x', 'x', 'x', 'x', 'y'),
    ).toThrow(/appended after the last one/);
  });
});
