// Online backup (SQLite backup API, consistent while the service runs) and verification of a database file.
import { existsSync, linkSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { readAnchor, writeAnchor } from './backup-anchor.js';
import type { AuditKey } from './audit-key.js';
import { AuditStore, type ChainCheck } from './audit-store.js';
import { type Db, knownVersion, schemaVersion } from './db.js';
import { VersionCheck, describeProblem } from './version-check.js';

export interface FileCheck {
  ok: boolean;
  integrity: string;
  schema: number;
  known: number;
  chain: ChainCheck | null;
  problems: string[];
}

export interface VerifyOptions {
  /** The audit chain's key: without it a keyed chain cannot be verified (and the check fails). */
  key?: AuditKey | null;
}

/**
 * Checks a database file: PRAGMA integrity_check, schema version not newer than the code, audit chain intact (keyed
 * under `key`), and every version past draft what the audit log says was submitted or approved.
 */
export function verifyDatabaseFile(file: string, options: VerifyOptions = {}): FileCheck {
  if (!existsSync(file))
    return { ok: false, integrity: '', schema: 0, known: knownVersion(), chain: null, problems: [`文件不存在：${file}`] };
  const unreadable = (e: unknown): FileCheck => ({
    ok: false,
    integrity: '',
    schema: 0,
    known: knownVersion(),
    chain: null,
    problems: [`无法作为数据库读取：${(e as Error).message}`],
  });
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('schema_version');
  } catch (e) {
    db?.close();
    return unreadable(e);
  }
  try {
    const problems: string[] = [];
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const integrity = rows.map((r) => r.integrity_check).join('; ');
    if (integrity !== 'ok') problems.push(`完整性检查未通过：${integrity}`);
    const schema = schemaVersion(db);
    const known = knownVersion();
    if (schema > known) problems.push(`数据库版本 ${schema} 比程序（${known}）新`);
    let chain: ChainCheck | null = null;
    if (schema >= 1) {
      const audit = new AuditStore(db, { key: options.key ?? null });
      const { anchor, problem } = readAnchor(db, options.key ?? null);
      if (problem) problems.push(problem);
      chain = audit.verify(anchor?.head ?? null);
      if (!chain.ok) problems.push(`审计日志哈希链在第 ${chain.brokenAt} 条断开：${chain.reason}`);
      for (const p of new VersionCheck(db, audit).checkAll().problems) problems.push(describeProblem(p));
    } else problems.push('不是 sanheyi 数据库（尚未初始化）');
    return { ok: problems.length === 0, integrity, schema, known, chain, problems };
  } catch (e) {
    return unreadable(e);
  } finally {
    db.close();
  }
}

export interface BackupOptions extends VerifyOptions {
  /** Give up (and leave nothing behind) after this many milliseconds; default 10 minutes. */
  timeoutMs?: number;
  /** Called after every step with the pages copied so far and the database's page count. */
  onProgress?: (copied: number, total: number) => void;
  /** Aborting it stops the backup at the next step (and leaves nothing behind). */
  signal?: AbortSignal;
}

export class BackupAbortedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupAbortedError';
  }
}

/** Pages copied per step at first (4 MB with 4 KB pages); multiplied by 4 whenever a write restarted the copy. */
const FIRST_STEP_PAGES = 1024;

/**
 * Copies the live database to `dest` in bounded steps while other connections keep writing. SQLite restarts an
 * online copy when another connection writes between two steps; each restart here quadruples the step, so under
 * any write rate the copy ends (at worst in one step over the whole file, a read that never blocks WAL writers).
 * The copy is written under a temporary name beside `dest`, turned into a single self-contained file (rollback
 * journal, not WAL), anchored (the audit chain head, MACed with the key) and verified; only then is it linked to
 * `dest`, which it never replaces. On timeout, abort or any error nothing is left behind.
 */
export async function backupDatabase(db: Db, dest: string, options: BackupOptions = {}): Promise<FileCheck & { restarts: number }> {
  if (existsSync(dest)) throw new Error(`备份文件已存在：${dest}`);
  const tmp = join(dirname(dest), `.${basename(dest)}.${process.pid}-${Date.now()}.partial`);
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  let rate = FIRST_STEP_PAGES;
  let lastRemaining = Number.POSITIVE_INFINITY;
  let restarts = 0;
  try {
    await db.backup(tmp, {
      progress: ({ totalPages, remainingPages }) => {
        if (options.signal?.aborted) throw new BackupAbortedError('备份已取消');
        if (Date.now() > deadline) throw new BackupAbortedError(`备份超时（${Math.round((options.timeoutMs ?? 600_000) / 1000)} 秒）`);
        if (remainingPages >= lastRemaining) {
          restarts++;
          rate = Math.min(rate * 4, Math.max(totalPages, 1));
        }
        lastRemaining = remainingPages;
        options.onProgress?.(totalPages - remainingPages, totalPages);
        return rate;
      },
    });
    const copy = new Database(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
      const head = new AuditStore(copy).chainHead();
      const anchored = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'backup_anchor'").get();
      if (options.key && head && anchored) writeAnchor(copy, options.key, { createdAt: new Date().toISOString(), head });
    } finally {
      copy.close();
    }
    const check = verifyDatabaseFile(tmp, options);
    // A hard link: atomic, and it fails rather than replace a file that appeared meanwhile.
    linkSync(tmp, dest);
    return { ...check, restarts };
  } finally {
    for (const f of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  }
}
