// API keys of business systems (OA, ERP, …): scoped to one unit; only the key's SHA-256 is stored. A key may expire,
// remembers its last use (written in batches, see services/api-key-usage.ts) and is rotated by issuing a new key
// linked to it, whose predecessor keeps working until its `expires_at` (moved to the end of the grace period).
import type { Db } from './db.js';

export interface ApiKey {
  id: number;
  unitId: number;
  name: string;
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
  /** When the key stops working (null: never); for a rotated key, the end of its grace period. */
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedFrom: string | null;
  /** The key this one replaced by rotation. */
  rotatedFrom: number | null;
  /** The key that replaced this one by rotation. */
  replacedBy: number | null;
}

export interface NewApiKey {
  unitId: number;
  name: string;
  prefix: string;
  keyHash: string;
  createdBy: number;
  expiresAt: string | null;
  rotatedFrom: number | null;
}

/** One key's latest use, as the usage batch writes it. */
export interface KeyUse {
  id: number;
  at: string;
  from: string;
}

interface Row {
  id: number;
  unit_id: number;
  name: string;
  prefix: string;
  created_by_name: string | null;
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
  last_used_at: string | null;
  last_used_from: string | null;
  rotated_from: number | null;
  replaced_by: number | null;
}

const SELECT = `SELECT k.id, k.unit_id, k.name, k.prefix, u.username AS created_by_name, k.created_at, k.revoked_at, k.expires_at,
  k.last_used_at, k.last_used_from, k.rotated_from, k.replaced_by FROM api_keys k LEFT JOIN users u ON u.id = k.created_by`;
const toKey = (r: Row): ApiKey => ({
  id: r.id,
  unitId: r.unit_id,
  name: r.name,
  prefix: r.prefix,
  createdBy: r.created_by_name,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  lastUsedFrom: r.last_used_from,
  rotatedFrom: r.rotated_from,
  replacedBy: r.replaced_by,
});

export class ApiKeyStore {
  private readonly insert;
  private readonly byId;
  private readonly byUnit;
  private readonly byHash;
  private readonly revokeStmt;
  private readonly replaceStmt;
  private readonly useStmt;
  private readonly anyHash;

  constructor(db: Db) {
    this.insert = db.prepare<NewApiKey & { at: string }, { id: number }>(
      `INSERT INTO api_keys (unit_id, name, prefix, key_hash, created_by, created_at, expires_at, rotated_from)
       VALUES (@unitId, @name, @prefix, @keyHash, @createdBy, @at, @expiresAt, @rotatedFrom) RETURNING id`,
    );
    this.byId = db.prepare<[number], Row>(`${SELECT} WHERE k.id = ?`);
    this.byUnit = db.prepare<[number], Row>(`${SELECT} WHERE k.unit_id = ? ORDER BY k.id`);
    this.byHash = db.prepare<[string], Row>(`${SELECT} WHERE k.key_hash = ? AND k.revoked_at IS NULL`);
    this.revokeStmt = db.prepare<[string, number]>('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.replaceStmt = db.prepare<[number, string, number]>(
      'UPDATE api_keys SET replaced_by = ?, expires_at = ? WHERE id = ? AND replaced_by IS NULL AND revoked_at IS NULL',
    );
    // A later use is never overwritten by an earlier one (two instances flushing out of order).
    this.useStmt = db.prepare<KeyUse>(
      'UPDATE api_keys SET last_used_at = @at, last_used_from = @from WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @at)',
    );
    this.anyHash = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM api_keys WHERE key_hash = ?');
  }

  /** Whether a key with this hash was ever issued (revoked ones included): a stale key is not a guess. */
  issued(keyHash: string): boolean {
    return this.anyHash.get(keyHash) !== undefined;
  }

  create(key: NewApiKey, at: string): ApiKey {
    const { id } = this.insert.get({ ...key, at })!;
    return this.get(id)!;
  }

  get(id: number): ApiKey | undefined {
    const r = this.byId.get(id);
    return r && toKey(r);
  }

  listForUnit(unitId: number): ApiKey[] {
    return this.byUnit.all(unitId).map(toKey);
  }

  /** The unrevoked key with this hash, if any (expired ones included: the caller says why it is refused). */
  findActive(keyHash: string): ApiKey | undefined {
    const r = this.byHash.get(keyHash);
    return r && toKey(r);
  }

  revoke(id: number, at: string): boolean {
    return this.revokeStmt.run(at, id).changes === 1;
  }

  /** Marks `id` as replaced by `by`, working until `until`; false if it was already replaced or revoked. */
  replace(id: number, by: number, until: string): boolean {
    return this.replaceStmt.run(by, until, id).changes === 1;
  }

  /** Writes the latest use of each key (the caller wraps it in one transaction). */
  recordUse(use: KeyUse): void {
    this.useStmt.run(use);
  }
}
