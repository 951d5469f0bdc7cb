// Opens the SQLite database (WAL, foreign keys) and applies the numbered migrations in one transaction.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * The .sql files live next to this module in the source tree; tsc does not copy them into dist/, so a module
 * running from dist/server/store/ reads them from the source tree (../../../server/store/migrations).
 */
export function migrationDirCandidates(moduleUrl: string = import.meta.url): string[] {
  return [new URL('./migrations/', moduleUrl), new URL('../../../server/store/migrations/', moduleUrl)].map((u) => fileURLToPath(u));
}

export function migrationsDir(moduleUrl: string = import.meta.url): string {
  const candidates = migrationDirCandidates(moduleUrl);
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`找不到数据库迁移脚本目录（${candidates.join('，')}）`);
  return found;
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-[a-z0-9-]+\.sql$/.test(f))
    .sort();
  const out = files.map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(`${dir}/${f}`, 'utf8') }));
  out.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`迁移脚本编号不连续：${m.name}`);
  });
  return out;
}

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`数据库版本（${found}）比程序支持的版本（${known}）新，请升级程序后再启动`);
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration newer than `PRAGMA user_version`, all in one transaction. Returns the versions applied. */
export function migrate(db: Db, migrations = loadMigrations()): number[] {
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (!pending.length) return [];
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    // PRAGMA cannot take a bound parameter; the value is an integer we computed.
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return pending.map((m) => m.version);
}

/**
 * SQLite's `synchronous` under WAL: NORMAL (the default) syncs at checkpoints, so a power loss may lose the last
 * committed transactions but never corrupts the file; FULL syncs the WAL on every commit (durable per commit, slower
 * writes). A process crash loses nothing either way. Chosen with SANHEYI_SYNCHRONOUS (config.ts, docs/service.md).
 */
export type Synchronous = 'NORMAL' | 'FULL';

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  readonly?: boolean;
  /** Default NORMAL. */
  synchronous?: Synchronous;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && !options.readonly) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // PRAGMA takes no bound parameter; the value is one of the two names above.
    db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    if (options.migrate ?? !options.readonly) migrate(db);
    else if (schemaVersion(db) > knownVersion()) throw new DatabaseTooNewError(schemaVersion(db), knownVersion());
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

let known: number | undefined;
/** The schema version this code brings (number of migrations). */
export function knownVersion(): number {
  return (known ??= loadMigrations().length);
}

/** Readiness: the database answers and its schema is the one this code expects. */
export function isCurrent(db: Db): boolean {
  db.prepare('SELECT 1').get();
  return schemaVersion(db) === knownVersion();
}
