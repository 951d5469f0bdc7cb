// Sign-in sessions: only the SHA-256 of each bearer token is stored, with its expiry.
import type { Db } from './db.js';

export class SessionStore {
  private readonly insert;
  private readonly find;
  private readonly revokeStmt;
  private readonly revokeAll;
  private readonly purge;
  private readonly anyHash;

  constructor(db: Db) {
    this.insert = db.prepare<[string, number, string, string]>(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.find = db.prepare<[string, string], { user_id: number; expires_at: string }>(
      'SELECT user_id, expires_at FROM sessions WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?',
    );
    this.revokeStmt = db.prepare<[string, string]>('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL');
    this.revokeAll = db.prepare<[string, number]>('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL');
    this.purge = db.prepare<[string]>('DELETE FROM sessions WHERE expires_at <= ?');
    this.anyHash = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM sessions WHERE token_hash = ?');
  }

  /** Whether this token was ever issued (expired or revoked included, until purged): a stale token is not a guess. */
  issued(tokenHash: string): boolean {
    return this.anyHash.get(tokenHash) !== undefined;
  }

  create(tokenHash: string, userId: number, at: string, expiresAt: string): void {
    this.insert.run(tokenHash, userId, at, expiresAt);
  }

  /** The user id of a live (unexpired, unrevoked) session. */
  userOf(tokenHash: string, now: string): number | undefined {
    return this.find.get(tokenHash, now)?.user_id;
  }

  revoke(tokenHash: string, at: string): void {
    this.revokeStmt.run(at, tokenHash);
  }

  revokeAllOf(userId: number, at: string): void {
    this.revokeAll.run(at, userId);
  }

  purgeExpired(now: string): number {
    return this.purge.run(now).changes;
  }
}
