// The key of the audit chain (HMAC-SHA256), kept in a file outside the database: whoever can only write the
// database cannot re-hash an edited chain, append a forged entry or hide a truncation. The file also records from
// which entry on the chain is keyed (entries before it were written unkeyed, by an older version, and stay
// verifiable by their SHA-256 links up to that point).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './db.js';

export const AUDIT_KEY_FORMAT = 'sanheyi.audit-key/1';

export interface AuditKey {
  key: Buffer;
  /** The first entry id written with the key. */
  keyedFrom: number;
  /** Where it was read from (null: in memory only, for `:memory:` databases). */
  file: string | null;
}

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

/** The default place of the key: beside the database file. */
export function defaultAuditKeyFile(dbFile: string): string {
  return `${dbFile}.audit-key`;
}

/** Reads the key file; null if there is none. Throws AuditKeyError if it is unreadable or malformed. */
export function readAuditKey(file: string): AuditKey | null {
  if (!existsSync(file)) return null;
  let parsed: { format?: unknown; key?: unknown; keyedFrom?: unknown };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AuditKeyError(`审计密钥文件无法读取：${file}（${(e as Error).message}）`);
  }
  const key = typeof parsed.key === 'string' ? Buffer.from(parsed.key, 'base64') : Buffer.alloc(0);
  if (parsed.format !== AUDIT_KEY_FORMAT || key.length !== 32 || !Number.isInteger(parsed.keyedFrom) || (parsed.keyedFrom as number) < 1) {
    throw new AuditKeyError(`审计密钥文件格式不对：${file}`);
  }
  return { key, keyedFrom: parsed.keyedFrom as number, file };
}

/** Creates a new key file (mode 0600, written under a temporary name and renamed), keyed from `keyedFrom`. */
export function createAuditKey(file: string, keyedFrom: number, at: string): AuditKey {
  const key = randomBytes(32);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const text = JSON.stringify({ format: AUDIT_KEY_FORMAT, key: key.toString('base64'), keyedFrom, createdAt: at }, null, 2) + '\n';
  writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return { key, keyedFrom, file };
}

/** A key for a database that lives only in memory (tests, `:memory:`): keyed from the first entry. */
export function memoryAuditKey(): AuditKey {
  return { key: randomBytes(32), keyedFrom: 1, file: null };
}

/**
 * The key for `db`'s audit chain: read from `file`, or created there on first start, keyed from the entry after
 * the newest one (older entries stay plain SHA-256). Refuses to create a new key when the chain is already keyed:
 * the old key was lost or moved, and a new one would not verify what it signed.
 */
export function openAuditKey(db: Db, file: string | null, at: string): AuditKey {
  if (file === null) return memoryAuditKey();
  const found = readAuditKey(file);
  if (found) return found;
  const keyed = db.prepare<[], number>("SELECT count(*) FROM audit_log WHERE hash LIKE 'hmac-sha256:%'").pluck().get()!;
  if (keyed > 0) {
    throw new AuditKeyError(
      `审计日志已用密钥签名，但找不到审计密钥文件 ${file}。请把原密钥文件放回该位置，或用 SANHEYI_AUDIT_KEY 指明其位置`,
    );
  }
  const last = db.prepare<[], number | null>('SELECT max(id) FROM audit_log').pluck().get() ?? 0;
  return createAuditKey(file, last + 1, at);
}

/** The database's file, or null for an in-memory database. */
export function databaseFile(db: Db): string | null {
  return db.memory || !db.name || db.name === ':memory:' ? null : db.name;
}
