// Backup under write load (issue 17.7, 14.5): the online copy finishes while another connection writes ≥ 16 times a
// second, shows progress, times out cleanly, never leaves a partial file; the copy carries the baselines and the
// anchored audit chain head, and a restore elsewhere brings the baselines back.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.js';
import { run as restoreCli } from '../../server/cli/restore.js';
import { readAuditKey } from '../../server/store/audit-key.js';
import { BackupAbortedError, backupDatabase, verifyDatabaseFile } from '../../server/store/backup.js';
import { openDatabase } from '../../server/store/db.js';
import { BASELINE_ID, type World, approvedScheme, world } from './helpers.js';

let w: World;
let out: string;
let tmp: string;
const dbFile = () => join(w.dir, 'test.db');
const key = () => readAuditKey(`${dbFile()}.audit-key`);

beforeAll(async () => {
  w = await world();
  await approvedScheme(w);
  // About 20 MB, so that the copy takes several steps.
  const insert = w.db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, 1, ?, ?)');
  const pad = 'x'.repeat(150);
  w.db.transaction(() => {
    for (let i = 0; i < 100_000; i++) insert.run(`bulk-${i}-${pad}`, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z');
  })();
  tmp = mkdtempSync(join(tmpdir(), 'sanheyi-backup-load-'));
});
afterAll(() => {
  w.close();
  rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

/**
 * Another connection in its own thread (as the running service is, to `sanheyi backup`), writing every 20 ms:
 * 50 writes a second, each its own transaction. Resolves once the first write has committed, so the backup never
 * starts (and, on a loaded machine, finishes) before the load does.
 */
async function writeLoop(): Promise<{ stop(): Promise<number> }> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const Database = require('better-sqlite3');
     const db = new Database(workerData.file);
     db.pragma('busy_timeout = 5000');
     const insert = db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, 1, ?, ?)');
     let n = 0;
     const write = () => insert.run('loop-' + Date.now() + '-' + n++, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z');
     write();
     parentPort.postMessage('writing');
     const timer = setInterval(write, 20);
     parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.postMessage(n); });`,
    { eval: true, workerData: { file: dbFile() } },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  return {
    stop: async () => {
      const n = await new Promise<number>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage('stop');
      });
      await worker.terminate();
      return n;
    },
  };
}

const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.includes('.partial'));

describe('backup under write load', () => {
  it('finishes while another connection writes ≥ 16 times a second, with progress, and leaves no partial file', async () => {
    const dest = join(tmp, 'loaded.db');
    const progress: number[] = [];
    const loop = await writeLoop();
    // Besides the loop (whose writes land between steps only when the scheduler lets them), one write by another
    // connection between the first steps, so that the copy is restarted at least once on any machine.
    const other = new Database(dbFile());
    other.pragma('busy_timeout = 5000');
    const nudge = other.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, 1, ?, ?)');
    const started = Date.now();
    let result: Awaited<ReturnType<typeof backupDatabase>>;
    try {
      result = await backupDatabase(w.db, dest, {
        key: key(),
        timeoutMs: 60_000,
        onProgress: (copied, total) => {
          progress.push(copied / total);
          if (progress.length <= 2) nudge.run(`nudge-${progress.length}`, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z');
        },
      });
    } finally {
      other.close();
      const writes = await loop.stop();
      const seconds = (Date.now() - started) / 1000;
      expect(writes / seconds).toBeGreaterThanOrEqual(16);
    }
    expect(result.restarts).toBeGreaterThan(0);
    expect(result).toMatchObject({ ok: true, integrity: 'ok' });
    expect(progress.length).toBeGreaterThan(1);
    expect(leftovers(tmp)).toEqual([]);
    expect(verifyDatabaseFile(dest, { key: key() })).toMatchObject({ ok: true });
  }, 90_000);

  it('times out cleanly (or on abort): nothing written, nothing left behind', async () => {
    const dest = join(tmp, 'timeout.db');
    const source = new Database(dbFile());
    try {
      await expect(backupDatabase(source, dest, { key: key(), timeoutMs: 0 })).rejects.toThrow(BackupAbortedError);
      const abort = new AbortController();
      abort.abort();
      await expect(backupDatabase(source, dest, { key: key(), signal: abort.signal })).rejects.toThrow('备份已取消');
    } finally {
      source.close();
    }
    expect(readdirSync(tmp).filter((f) => f.startsWith('timeout') || f.includes('.partial'))).toEqual([]);
  });
});

describe('what a backup carries', () => {
  it('anchors the audit chain head: a copy whose newest entries were dropped fails verification', async () => {
    const dest = join(tmp, 'anchored.db');
    const check = await backupDatabase(w.db, dest, { key: key() });
    expect(check.chain!.anchor).toMatchObject({ id: check.chain!.entries });
    const copy = new Database(dest);
    copy.exec('DROP TRIGGER audit_log_no_delete');
    copy.prepare('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)').run();
    copy.close();
    expect(verifyDatabaseFile(dest, { key: key() }).problems.join()).toMatch(/审计日志被截断/);
    const forged = new Database(dest);
    forged.prepare('UPDATE backup_anchor SET head_id = head_id - 1').run();
    forged.close();
    expect(verifyDatabaseFile(dest, { key: key() }).problems.join()).toMatch(/签名不符/);
  });

  it('carries the baselines: restored elsewhere without the rulesets folder, compliance still has its baseline', async () => {
    const dest = join(tmp, 'baselines.db');
    await backupDatabase(w.db, dest, { key: key() });
    const target = join(tmp, 'elsewhere', 'sanheyi.db');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out = String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((out = String(s)), true));
    expect(await restoreCli([dest, '--db', target, '--audit-key', `${dbFile()}.audit-key`]), out).toBe(0);
    write.mockRestore();
    const empty = join(tmp, 'no-rulesets');
    mkdirSync(empty, { recursive: true });
    const db = openDatabase(target);
    try {
      const app = createApp({ db, rulesetsDir: empty, log: () => {} });
      const b = app.services.baselines.get(BASELINE_ID);
      expect(b).toBeDefined();
      expect(b!.hash).toBe(w.app.services.baselines.get(BASELINE_ID)!.hash);
      expect(app.services.ready()).toBe(true);
    } finally {
      db.close();
    }
  });
});
