// Online backup (SQLite backup API, consistent while the service runs) and verification of a database file.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
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
      chain = audit.verify(null);
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

/**
 * Copies the live database to `dest` page by page (other connections may keep writing), then turns the copy into a
 * single self-contained file (rollback journal, not WAL) and verifies it.
 */
export async function backupDatabase(db: Db, dest: string, options: VerifyOptions = {}): Promise<FileCheck> {
  await db.backup(dest);
  const copy = new Database(dest);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return verifyDatabaseFile(dest, options);
}
