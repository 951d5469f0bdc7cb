// The audit chain's head anchored outside the database: a small file beside it, rewritten after every committed
// entry (and copied into each backup), so that dropping the newest entries is detectable even though what is left
// still links up.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface ChainHead {
  id: number;
  hash: string;
}

export function defaultAuditHeadFile(dbFile: string): string {
  return `${dbFile}.audit-head`;
}

/** The anchored head, or null when there is no (readable) anchor yet. */
export function readHead(file: string): ChainHead | null {
  if (!existsSync(file)) return null;
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<ChainHead>;
    return Number.isInteger(h.id) && typeof h.hash === 'string' ? { id: h.id as number, hash: h.hash } : null;
  } catch {
    return null;
  }
}

/** Writes the head (temporary name, then rename). Never moves it back: an older head than the anchored one is ignored. */
export function writeHead(file: string, head: ChainHead, at: string): void {
  const current = readHead(file);
  if (current && current.id >= head.id) return;
  writeHeadFile(file, head, at);
}

/** Writes the head whatever the anchored one says (restore puts the backup's head in place). */
export function writeHeadFile(file: string, head: ChainHead, at: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...head, at }) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}
