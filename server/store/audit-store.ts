// The audit log: append-only (triggers) and hash-chained, so that any edited or removed entry is detectable.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../engine/hash.js';
import type { Db } from './db.js';

export const GENESIS_HASH = 'sha256:' + '0'.repeat(64);

/** The closed vocabulary of the audit log: every change the service records, by what it changed. */
export type AuditAction =
  | 'org.create'
  | 'user.create'
  | 'user.password'
  | 'user.disable'
  | 'user.enable'
  | 'user.lock'
  | 'user.unlock'
  | 'auth.failure'
  | 'auth.limit'
  | 'apiKey.create'
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
}

interface Row {
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

/** The hash of one entry: SHA-256 over the canonical JSON of every stored column but `hash` itself. */
export function entryHash(r: Omit<Row, 'hash'>): string {
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
  return 'sha256:' + createHash('sha256').update(body).digest('hex');
}

const toEntry = (r: Row): AuditEntry => ({
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

  constructor(private readonly db: Db) {
    this.last = db.prepare<[], { id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
    this.insert = db.prepare<Row>(
      `INSERT INTO audit_log (id, at, actor_id, actor, action, unit_id, scheme_id, version, subject, before, after, prev_hash, hash)
       VALUES (@id, @at, @actor_id, @actor, @action, @unit_id, @scheme_id, @version, @subject, @before, @after, @prev_hash, @hash)`,
    );
    this.iterate = db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY id');
  }

  /** Appends one entry. Call inside the transaction that makes the change (so both commit or neither). */
  append(e: AuditInput): AuditEntry {
    if (!this.db.inTransaction) throw new Error('audit entries are written in the transaction of the change');
    const prev = this.last.get();
    const row: Omit<Row, 'hash'> = {
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
    const full = { ...row, hash: entryHash(row) };
    this.insert.run(full);
    return toEntry(full);
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
    return this.db.prepare<Record<string, unknown>, Row>(sql).all(params).map(toEntry);
  }

  /** Recomputes every entry's hash and link from the first; reports the first entry that does not verify. */
  verify(): ChainCheck {
    let prevHash = GENESIS_HASH;
    let expectedId = 1;
    let entries = 0;
    for (const r of this.iterate.iterate()) {
      entries++;
      if (r.id !== expectedId) return { ok: false, entries, brokenAt: r.id, reason: `缺少第 ${expectedId} 条记录` };
      if (r.prev_hash !== prevHash) return { ok: false, entries, brokenAt: r.id, reason: '与上一条记录的哈希不衔接' };
      if (entryHash(r) !== r.hash) return { ok: false, entries, brokenAt: r.id, reason: '记录内容与其哈希不符' };
      prevHash = r.hash;
      expectedId++;
    }
    return { ok: true, entries };
  }
}
