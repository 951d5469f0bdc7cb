// API keys of business systems (OA, ERP, …): scoped to one unit; only the key's SHA-256 is stored.
import type { Db } from './db.js';

export interface ApiKey {
  id: number;
  unitId: number;
  name: string;
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
}

interface Row {
  id: number;
  unit_id: number;
  name: string;
  prefix: string;
  created_by_name: string | null;
  created_at: string;
  revoked_at: string | null;
}

const SELECT =
  'SELECT k.id, k.unit_id, k.name, k.prefix, u.username AS created_by_name, k.created_at, k.revoked_at FROM api_keys k LEFT JOIN users u ON u.id = k.created_by';
const toKey = (r: Row): ApiKey => ({
  id: r.id,
  unitId: r.unit_id,
  name: r.name,
  prefix: r.prefix,
  createdBy: r.created_by_name,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

export class ApiKeyStore {
  private readonly insert;
  private readonly byId;
  private readonly byUnit;
  private readonly byHash;
  private readonly revokeStmt;
  private readonly anyHash;

  constructor(db: Db) {
    this.insert = db.prepare<
      { unitId: number; name: string; prefix: string; keyHash: string; createdBy: number; at: string },
      { id: number }
    >(
      'INSERT INTO api_keys (unit_id, name, prefix, key_hash, created_by, created_at) VALUES (@unitId, @name, @prefix, @keyHash, @createdBy, @at) RETURNING id',
    );
    this.byId = db.prepare<[number], Row>(`${SELECT} WHERE k.id = ?`);
    this.byUnit = db.prepare<[number], Row>(`${SELECT} WHERE k.unit_id = ? ORDER BY k.id`);
    this.byHash = db.prepare<[string], Row>(`${SELECT} WHERE k.key_hash = ? AND k.revoked_at IS NULL`);
    this.revokeStmt = db.prepare<[string, number]>('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.anyHash = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM api_keys WHERE key_hash = ?');
  }

  /** Whether a key with this hash was ever issued (revoked ones included): a stale key is not a guess. */
  issued(keyHash: string): boolean {
    return this.anyHash.get(keyHash) !== undefined;
  }

  create(key: { unitId: number; name: string; prefix: string; keyHash: string; createdBy: number }, at: string): ApiKey {
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

  /** The live key with this hash, if any. */
  findActive(keyHash: string): ApiKey | undefined {
    const r = this.byHash.get(keyHash);
    return r && toKey(r);
  }

  revoke(id: number, at: string): boolean {
    return this.revokeStmt.run(at, id).changes === 1;
  }
}
