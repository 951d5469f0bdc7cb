// Operations: migrations, refusing a newer database, online backup with verification, restore, and the CLI.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as apiKeysCli } from '../../server/cli/api-keys.js';
import { run as backupCli } from '../../server/cli/backup.js';
import { run as restoreCli } from '../../server/cli/restore.js';
import { run as usersCli } from '../../server/cli/users.js';
import { readAuditKey } from '../../server/store/audit-key.js';
import { verifyDatabaseFile } from '../../server/store/backup.js';
import {
  DatabaseTooNewError,
  loadMigrations,
  migrationDirCandidates,
  migrationsDir,
  openDatabase,
  schemaVersion,
} from '../../server/store/db.js';

/** Every migration file in the folder: what a fresh database is migrated to. */
const LATEST = loadMigrations().length;
import { type World, approvedScheme, world } from './helpers.js';
import type { Session } from '../../server/schemas/api/index.js';

let w: World;
let tmp: string;
let out: string[];
beforeAll(async () => {
  w = await world();
  await approvedScheme(w);
  tmp = mkdtempSync(join(tmpdir(), 'sanheyi-ops-'));
  process.env.SANHEYI_SCRYPT_N = '1024';
});
afterAll(() => {
  w.close();
  rmSync(tmp, { recursive: true, force: true });
  delete process.env.SANHEYI_SCRYPT_N;
});

function capture() {
  out = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (out.push(String(s)), true));
}
afterEach(() => vi.restoreAllMocks());

describe('migrations', () => {
  it('are found from the source tree and from dist/', () => {
    expect(existsSync(join(migrationsDir(), '0001-init.sql'))).toBe(true);
    const fromDist = migrationDirCandidates(pathToFileURL(join(process.cwd(), 'dist/server/store/db.js')).href);
    expect(fromDist[1]).toBe(join(process.cwd(), 'server/store/migrations/'));
  });

  it('apply once, tracked by user_version, and a newer database is refused', () => {
    const file = join(tmp, 'm.db');
    const db = openDatabase(file);
    expect(LATEST).toBeGreaterThanOrEqual(2);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
  });
});

describe('backup and restore', () => {
  it('backs up online (while the app holds the database) and verifies the copy', async () => {
    capture();
    const dest = join(tmp, 'backup.db');
    expect(await backupCli([dest, '--db', join(w.dir, 'test.db')])).toBe(0);
    expect(out.join('')).toMatch(/哈希链完整/);
    const check = verifyDatabaseFile(dest, { key: readAuditKey(join(w.dir, 'test.db.audit-key')) });
    expect(check).toMatchObject({ ok: true, integrity: 'ok', schema: LATEST });
    // Without the key the keyed chain cannot be verified.
    expect(verifyDatabaseFile(dest).problems.join()).toMatch(/缺少密钥/);
    expect(check.chain!.entries).toBeGreaterThan(5);
    expect(existsSync(dest + '-wal')).toBe(false);
    expect(await backupCli([dest, '--db', join(w.dir, 'test.db')])).toBe(2); // never overwrites
  });

  it('restores a verified backup and keeps the database it replaces', async () => {
    capture();
    const target = join(tmp, 'restored', 'sanheyi.db');
    // Elsewhere, the original service's key is needed to verify the copy; it then sits beside the restored database.
    expect(await restoreCli([join(tmp, 'backup.db'), '--db', target])).toBe(1);
    expect(out.join('')).toMatch(/缺少密钥/);
    expect(await restoreCli([join(tmp, 'backup.db'), '--db', target, '--audit-key', join(w.dir, 'test.db.audit-key')])).toBe(0);
    expect(existsSync(`${target}.audit-key`)).toBe(true);
    const db = new Database(target, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM scheme_versions').get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
    expect(await restoreCli([join(tmp, 'backup.db'), '--db', target])).toBe(0);
    expect(readdirSync(join(tmp, 'restored')).some((f) => f.startsWith('sanheyi.db.before-restore-'))).toBe(true);
  });

  it('refuses a corrupt backup or one whose audit chain was tampered with', async () => {
    capture();
    const garbage = join(tmp, 'garbage.db');
    writeFileSync(garbage, 'not a database at all'.repeat(100));
    const target = join(tmp, 'untouched.db');
    expect(await restoreCli([garbage, '--db', target])).toBe(1);
    expect(existsSync(target)).toBe(false);

    const tampered = join(tmp, 'tampered.db');
    copyFileSync(join(tmp, 'backup.db'), tampered);
    const db = new Database(tampered);
    db.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;');
    db.close();
    expect(await restoreCli([tampered, '--db', target, '--audit-key', join(w.dir, 'test.db.audit-key')])).toBe(1);
    expect(out.join('')).toMatch(/哈希链在第 3 条断开/);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses to restore over a database that looks in use', async () => {
    capture();
    expect(await restoreCli([join(tmp, 'backup.db'), '--db', join(w.dir, 'test.db')])).toBe(1); // own key beside it
    expect(out.join('')).toMatch(/仍在使用/);
  });
});

describe('operator CLI on a running service’s database', () => {
  it('creates a user whose generated password signs in', async () => {
    capture();
    expect(
      await usersCli([
        'create',
        'clerk',
        '--role',
        'archivist',
        '--org',
        String(w.ids.unitA),
        '--name',
        '王档案',
        '--db',
        join(w.dir, 'test.db'),
      ]),
    ).toBe(0);
    const password = /初始密码：(\S+)（/.exec(out.join(''))![1];
    const r = await w.req<Session>('POST', '/api/v1/auth/login', { body: { username: 'clerk', password } });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ displayName: '王档案', orgId: w.ids.unitA });
    expect(await usersCli(['create', 'clerk2', '--role', 'archivist', '--db', join(w.dir, 'test.db')])).toBe(1);
    expect(await usersCli(['frobnicate', '--db', join(w.dir, 'test.db')])).toBe(2);
  });

  it('issues an API key that classifies, and revokes it', async () => {
    capture();
    const db = join(w.dir, 'test.db');
    expect(await apiKeysCli(['create', '--unit', String(w.ids.unitA), '--name', 'ERP', '--db', db])).toBe(0);
    const key = out
      .join('')
      .split('\n')
      .find((l) => l.startsWith('shk_'))!;
    const r = await w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, { token: key, body: { title: '年度计划' } });
    expect(r.status).toBe(200);
    const id = /编号 (\d+)/.exec(out.join(''))![1];
    expect(await apiKeysCli(['revoke', id, '--unit', String(w.ids.unitA), '--db', db])).toBe(0);
    expect((await w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, { token: key, body: { title: '年度计划' } })).status).toBe(401);
    expect(await apiKeysCli(['list', '--unit', '999', '--db', db])).toBe(1);
  });
});
