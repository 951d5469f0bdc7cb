// A cheap change counter for caches of database state: it moves whenever anything in the database changed, written
// by this connection (`total_changes()`, ~0.1 µs) or committed by any other connection or process to a table
// caches depend on (`PRAGMA data_version`, ~5 µs: it takes the WAL lock; then the `change_stamp` row that triggers
// on those tables move, migration 0012). The HTTP edge calls `refresh()` before any cache is consulted, once per
// request, or for requests read from a socket once per turn of the event loop (`refreshInTurn()`); within the request
// `epoch()` checks this connection's own writes only. Commits by the decision log's
// writer thread move `data_version` every few milliseconds but not the stamp, so they leave the caches alone.
import type { Db } from './db.js';

/** Tables no cache depends on: written without moving the change stamp (no triggers; checked by a test). */
export const UNSTAMPED_TABLES = ['decision_log', 'decision_log_ids', 'review_decisions', 'version_finding_counts', 'change_stamp'];

export class ChangeCounter {
  private readonly totalChanges;
  private readonly dataVersion;
  private readonly stampRow;
  private changes = -1;
  private version = -1;
  private stamp = -1;
  private count = 0;

  constructor(db: Db) {
    this.totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.stampRow = db.prepare<[], number>('SELECT n FROM change_stamp').pluck();
  }

  /** Takes in what other connections committed since the last refresh; returns `epoch()`. */
  refresh(): number {
    const version = this.dataVersion.get()!;
    if (version !== this.version) {
      this.version = version;
      const stamp = this.stampRow.get()!;
      if (stamp !== this.stamp) {
        this.stamp = stamp;
        this.count++;
      }
    }
    return this.epoch();
  }

  /**
   * As `refresh()`, but at most once per turn of the event loop, for requests read from a socket. Node reads every
   * request of a turn from sockets that were ready when the turn began — requests sent before its first refresh — so
   * a commit that has finished before a request is sent is seen by it; a request sent later is read in a later turn,
   * which refreshes again. Not for requests made in-process (`app.request`), where one turn may span a write by
   * another connection and the next request: those call `refresh()`.
   */
  refreshInTurn(): void {
    if (this.refreshedInTurn) return;
    this.refresh();
    this.refreshedInTurn = true;
    setImmediate(this.endTurn);
  }

  private refreshedInTurn = false;
  private readonly endTurn = () => {
    this.refreshedInTurn = false;
  };

  /**
   * A number that differs from the last one returned iff the database may have changed since: by this connection
   * at any time, by others up to the latest `refresh()`.
   */
  epoch(): number {
    const changes = this.totalChanges.get()!;
    if (changes !== this.changes) {
      this.changes = changes;
      // This connection's writes moved the stamp too: take it in, so a later foreign commit to the log alone does
      // not look like a change (anything else committed meanwhile is covered by this move of the count).
      this.stamp = this.stampRow.get()!;
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
 * A value that moves when another connection (another process, the CLI, a tool editing the file) may have changed
 * what caches rely on: `PRAGMA data_version` gates it (it moves for every foreign commit, the decision log's
 * writer thread included), then the change stamp and `PRAGMA schema_version` (a dropped or re-created trigger)
 * decide. Commits to the log alone leave it where it was; this connection's own writes move it at the next foreign
 * commit at most.
 */
export function foreignChangeProbe(db: Db): () => string {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const stamp = db.prepare<[], number>('SELECT n FROM change_stamp').pluck();
  const schema = db.prepare<[], number>('PRAGMA schema_version').pluck();
  let seen = Number.NaN;
  let value = '';
  return () => {
    const v = dataVersion.get()!;
    if (v !== seen) {
      seen = v;
      value = `${stamp.get()}/${schema.get()}`;
    }
    return value;
  };
}
