// The audit log: append-only (triggers) and hash-chained, so that any edited or removed entry is detectable. From
// the key's `keyedFrom` entry on, each link is an HMAC-SHA256 under a key kept outside the database (audit-key.ts),
// and the head is anchored outside it (audit-head.ts): re-hashing an edited chain, appending a forged entry and
// dropping the newest entries are all detected.
import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '../engine/hash.js';
import type { AuditKey } from './audit-key.js';
import { type ChainHead, readHead, writeHead } from './audit-head.js';
import type { Db } from './db.js';

export type { ChainHead } from './audit-head.js';

export const GENESIS_HASH = 'sha256:' + '0'.repeat(64);

/** The closed vocabulary of the audit log: every change the service records, by what it changed. */
export type AuditAction =
  | 'org.create'
  | 'org.update'
  | 'user.create'
  | 'user.update'
  | 'user.confirm'
  | 'user.password'
  | 'user.disable'
  | 'user.enable'
  | 'user.lock'
  | 'user.unlock'
  | 'auth.failure'
  | 'auth.limit'
  | 'apiKey.create'
  | 'apiKey.rotate'
  | 'apiKey.revoke'
  | 'scheme.create'
  | 'version.create'
  | 'version.edit'
  | 'version.submit'
  | 'version.approve'
  | 'version.reject'
  | 'version.supersede'
  | 'decisionLog.settings'
  | 'review.decide'
  | 'unit.change'
  | 'signingKey.rotate'
  | 'webhook.create'
  | 'webhook.update'
  | 'webhook.delete';

export interface AuditInput {
  at: string;
  actorId: number | null;
  actor: string;
  action: AuditAction;
  unitId?: number | null;
  schemeId?: number | null;
  version?: number | null;
  subject: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  unitId: number | null;
  schemeId: number | null;
  version: number | null;
  subject: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  /** Only entries of these units; undefined = any (incl. entries without a unit). */
  unitIds?: number[];
  schemeId?: number;
  from?: string;
  to?: string;
  /** Entries with an id lower than this (paging backwards from the newest). */
  before?: number;
  limit: number;
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  /** The first entry whose hash or link does not verify. */
  brokenAt?: number;
  reason?: string;
  /** The first entry linked with the key (HMAC); entries before it are plain SHA-256. Null when checked without a key. */
  keyedFrom?: number | null;
  /** The head anchored outside the database that the chain was checked against (null: none). */
  anchor?: ChainHead | null;
}

export interface AuditStoreOptions {
  /** The chain's key; without it entries are written and checked unkeyed (and a keyed chain cannot be extended). */
  key?: AuditKey | null;
  /** The head anchor file, rewritten after every committed entry. */
  headFile?: string | null;
}

const HMAC_PREFIX = 'hmac-sha256:';

export interface AuditRow {
  id: number;
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  unit_id: number | null;
  scheme_id: number | null;
  version: number | null;
  subject: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * The hash of one entry: over the canonical JSON of every stored column but `hash` itself; SHA-256 (`sha256:`), or
 * HMAC-SHA256 under the audit key (`hmac-sha256:`) from the key's `keyedFrom` entry on.
 */
export function entryHash(r: Omit<AuditRow, 'hash'>, key?: AuditKey | null): string {
  const body = canonicalJson({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actor: r.actor,
    action: r.action,
    unitId: r.unit_id,
    schemeId: r.scheme_id,
    version: r.version,
    subject: r.subject,
    before: r.before,
    after: r.after,
    prevHash: r.prev_hash,
  });
  if (key && r.id >= key.keyedFrom) return HMAC_PREFIX + createHmac('sha256', key.key).update(body).digest('hex');
  return 'sha256:' + createHash('sha256').update(body).digest('hex');
}

/** Whether an entry hash was written with a key. */
export const isKeyed = (hash: string) => hash.startsWith(HMAC_PREFIX);

const toEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actor: r.actor,
  action: r.action,
  unitId: r.unit_id,
  schemeId: r.scheme_id,
  version: r.version,
  subject: r.subject,
  before: r.before === null ? null : JSON.parse(r.before),
  after: r.after === null ? null : JSON.parse(r.after),
  prevHash: r.prev_hash,
  hash: r.hash,
});

export class AuditStore {
  private readonly last;
  private readonly insert;
  private readonly iterate;
  private readonly recordedAfter;
  private readonly key: AuditKey | null;
  private readonly headFile: string | null;
  private anchorPending = false;
  /** Why the head anchor could not be written last time (null: it was). */
  anchorError: string | null = null;

  constructor(
    private readonly db: Db,
    options: AuditStoreOptions = {},
  ) {
    this.key = options.key ?? null;
    this.headFile = options.headFile ?? null;
    this.recordedAfter = db
      .prepare<[number, string, string], string | null>(
        'SELECT after FROM audit_log WHERE scheme_id = ? AND subject = ? AND action = ? ORDER BY id DESC LIMIT 1',
      )
      .pluck();
    this.last = db.prepare<[], { id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
    this.insert = db.prepare<AuditRow>(
      `INSERT INTO audit_log (id, at, actor_id, actor, action, unit_id, scheme_id, version, subject, before, after, prev_hash, hash)
       VALUES (@id, @at, @actor_id, @actor, @action, @unit_id, @scheme_id, @version, @subject, @before, @after, @prev_hash, @hash)`,
    );
    this.iterate = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY id');
  }

  /** Appends one entry. Call inside the transaction that makes the change (so both commit or neither). */
  append(e: AuditInput): AuditEntry {
    if (!this.db.inTransaction) throw new Error('audit entries are written in the transaction of the change');
    const prev = this.last.get();
    if (!this.key && prev && isKeyed(prev.hash)) throw new Error('审计日志已启用密钥签名，但未提供审计密钥');
    const row: Omit<AuditRow, 'hash'> = {
      id: (prev?.id ?? 0) + 1,
      at: e.at,
      actor_id: e.actorId,
      actor: e.actor,
      action: e.action,
      unit_id: e.unitId ?? null,
      scheme_id: e.schemeId ?? null,
      version: e.version ?? null,
      subject: e.subject,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      prev_hash: prev?.hash ?? GENESIS_HASH,
    };
    const full = { ...row, hash: entryHash(row, this.key) };
    this.insert.run(full);
    this.scheduleAnchor();
    return toEntry(full);
  }

  /** The newest entry's id and hash (null for an empty log): what backups and bundles anchor. */
  chainHead(): ChainHead | null {
    return this.last.get() ?? null;
  }

  /** The `after` member of the newest `action` entry about `subject` (e.g. `scheme_version:12`), or null. */
  recorded(schemeId: number, subject: string, action: AuditAction): Record<string, unknown> | null {
    const after = this.recordedAfter.get(schemeId, subject, action);
    return after ? (JSON.parse(after) as Record<string, unknown>) : null;
  }

  /**
   * The head file is written once the change's transaction has committed (a microtask runs after the synchronous
   * transaction returns), from what the database then holds, so a rolled-back entry is never anchored.
   */
  private scheduleAnchor(): void {
    if (!this.headFile || this.anchorPending) return;
    this.anchorPending = true;
    queueMicrotask(() => this.anchor());
  }

  private anchor(): void {
    if (this.db.inTransaction) {
      setImmediate(() => this.anchor());
      return;
    }
    this.anchorPending = false;
    try {
      const head = this.chainHead();
      if (head && this.headFile && this.db.open) writeHead(this.headFile, head, new Date().toISOString());
      this.anchorError = null;
    } catch (e) {
      this.anchorError = (e as Error).message;
    }
  }

  /** Writes the anchor now (after a batch of changes, before the process exits). */
  anchorNow(): void {
    if (this.headFile && !this.db.inTransaction) this.anchor();
  }

  list(f: AuditFilter): AuditEntry[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: f.limit };
    if (f.unitIds) {
      if (!f.unitIds.length) return [];
      // Integers only (ids from our own tables), so inlining them is safe and keeps one statement shape per count.
      where.push(`unit_id IN (${f.unitIds.map((n) => Math.trunc(n)).join(',')})`);
    }
    if (f.schemeId !== undefined) {
      where.push('scheme_id = @schemeId');
      params.schemeId = f.schemeId;
    }
    if (f.from !== undefined) {
      where.push('at >= @from');
      params.from = f.from;
    }
    if (f.to !== undefined) {
      where.push('at < @to');
      params.to = f.to;
    }
    if (f.before !== undefined) {
      where.push('id < @before');
      params.before = f.before;
    }
    const sql = `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT @limit`;
    return this.db.prepare<Record<string, unknown>, AuditRow>(sql).all(params).map(toEntry);
  }

  /**
   * Recomputes every entry's hash and link from the first (HMAC from the key's `keyedFrom` on) and compares the
   * newest entries with the anchored head (by default the head file's); reports the first entry that does not verify.
   */
  verify(anchor: ChainHead | null = this.headFile ? readHead(this.headFile) : null): ChainCheck {
    return verifyChain(this.iterate.iterate(), this.key, anchor);
  }
}

/** Checks a chain of rows (in id order) with the key (or without one: then a keyed entry cannot be checked). */
export function verifyChain(rows: Iterable<AuditRow>, key: AuditKey | null, anchor: ChainHead | null): ChainCheck {
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let entries = 0;
  let anchored: string | undefined;
  const base = { keyedFrom: key?.keyedFrom ?? null, anchor };
  const broken = (id: number, reason: string): ChainCheck => ({ ok: false, entries, brokenAt: id, reason, ...base });
  for (const r of rows) {
    entries++;
    if (r.id !== expectedId) return broken(r.id, `缺少第 ${expectedId} 条记录`);
    if (r.prev_hash !== prevHash) return broken(r.id, '与上一条记录的哈希不衔接');
    const keyed = key !== null && r.id >= key.keyedFrom;
    if (!key && isKeyed(r.hash)) return broken(r.id, '该记录以审计密钥签名，缺少密钥无法校验');
    if (keyed !== isKeyed(r.hash))
      return broken(r.id, keyed ? '该记录应以审计密钥签名，却只有普通哈希' : '该记录早于启用密钥的位置，却带有密钥签名');
    if (entryHash(r, key) !== r.hash) return broken(r.id, keyed ? '记录内容与其密钥签名不符' : '记录内容与其哈希不符');
    if (anchor && r.id === anchor.id) anchored = r.hash;
    prevHash = r.hash;
    expectedId++;
  }
  if (anchor && anchored === undefined) {
    return { ok: false, entries, brokenAt: entries + 1, reason: `审计日志被截断：锚定的最新记录（第 ${anchor.id} 条）已不存在`, ...base };
  }
  if (anchor && anchored !== anchor.hash) {
    return { ok: false, entries, brokenAt: anchor.id, reason: `第 ${anchor.id} 条记录与锚定的哈希不符`, ...base };
  }
  return { ok: true, entries, ...base };
}
