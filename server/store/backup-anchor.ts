// A backup copy's anchor: the audit chain's head when the copy was made, MACed under the audit key and written into
// the copy, so a copy whose newest audit entries were dropped (or whose anchor was edited) fails verification.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../engine/canonical-json.js';
import type { ChainHead } from './audit-head.js';
import type { AuditKey } from './audit-key.js';
import type { Db } from './db.js';

export interface BackupAnchor {
  createdAt: string;
  head: ChainHead;
}

function macOf(key: AuditKey, a: BackupAnchor): string {
  const body = canonicalJson({ createdAt: a.createdAt, headId: a.head.id, headHash: a.head.hash });
  return 'hmac-sha256:' + createHmac('sha256', key.key).update(body).digest('hex');
}

/** Writes the anchor into the copy (replacing one a copy of a restored backup may carry). */
export function writeAnchor(copy: Db, key: AuditKey, a: BackupAnchor): void {
  copy.transaction(() => {
    copy.prepare('DELETE FROM backup_anchor').run();
    copy
      .prepare('INSERT INTO backup_anchor (id, created_at, head_id, head_hash, mac) VALUES (1, ?, ?, ?, ?)')
      .run(a.createdAt, a.head.id, a.head.hash, macOf(key, a));
  })();
}

/**
 * The copy's anchor: `null` if it has none (made without a key, or by an older version); `problem` if its MAC does
 * not verify under `key` (or there is no key to check it with).
 */
export function readAnchor(copy: Db, key: AuditKey | null): { anchor: BackupAnchor | null; problem: string | null } {
  const hasTable = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'backup_anchor'").get();
  if (!hasTable) return { anchor: null, problem: null };
  const row = copy.prepare('SELECT created_at, head_id, head_hash, mac FROM backup_anchor WHERE id = 1').get() as
    | { created_at: string; head_id: number; head_hash: string; mac: string }
    | undefined;
  if (!row) return { anchor: null, problem: null };
  const anchor = { createdAt: row.created_at, head: { id: row.head_id, hash: row.head_hash } };
  if (!key) return { anchor, problem: '缺少审计密钥，无法校验备份锚定的哈希链末条' };
  const expected = Buffer.from(macOf(key, anchor));
  const actual = Buffer.from(row.mac);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { anchor, problem: '备份锚定的哈希链末条被改动（签名不符）' };
  }
  return { anchor, problem: null };
}
