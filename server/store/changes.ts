// A cheap change counter for caches of database state: it moves whenever anything in the database changed, written
// by this connection (`total_changes()`, ~0.1 µs) or committed by any other connection or process
// (`PRAGMA data_version`, ~5 µs: it takes the WAL lock). The HTTP edge calls `refresh()` once per request, before
// any cache is consulted; within the request `epoch()` checks this connection's own writes only.
import type { Db } from './db.js';

export class ChangeCounter {
  private readonly totalChanges;
  private readonly dataVersion;
  private changes = -1;
  private version = -1;
  private count = 0;

  constructor(db: Db) {
    this.totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** Takes in what other connections committed since the last refresh; returns `epoch()`. */
  refresh(): number {
    const version = this.dataVersion.get()!;
    if (version !== this.version) {
      this.version = version;
      this.count++;
    }
    return this.epoch();
  }

  /**
   * A number that differs from the last one returned iff the database may have changed since: by this connection
   * at any time, by others up to the latest `refresh()`.
   */
  epoch(): number {
    const changes = this.totalChanges.get()!;
    if (changes !== this.changes) {
      this.changes = changes;
      this.count++;
    }
    return this.count;
  }

  /**
   * Runs a write no cache depends on (the decision log) without moving the epoch for it: when nothing else had
   * changed since the last `epoch()`, the write's own changes are taken as seen.
   */
  unseen<T>(write: () => T): T {
    const before = this.totalChanges.get()!;
    const result = write();
    if (before === this.changes) this.changes = this.totalChanges.get()!;
    return result;
  }
}

/**
 * `PRAGMA data_version` of this connection: it moves only when another connection (another process, the CLI, a
 * tool editing the file) committed, never for this connection's own writes.
 */
export function dataVersionOf(db: Db): () => number {
  const stmt = db.prepare<[], number>('PRAGMA data_version').pluck();
  return () => stmt.get()!;
}
