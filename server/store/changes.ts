// A cheap change counter for caches of database state: it moves whenever anything in the database changed, written
// by this connection (`total_changes()`) or committed by any other connection or process (`PRAGMA data_version`).
import type { Db } from './db.js';

export class ChangeCounter {
  private readonly stmt;
  private changes = -1;
  private dataVersion = -1;
  private epoch = 0;

  constructor(db: Db) {
    this.stmt = db.prepare<[], [number, number]>('SELECT total_changes(), data_version FROM pragma_data_version').raw();
  }

  /** A number that differs from the last one returned iff the database may have changed since (one small query). */
  current(): number {
    const [changes, dataVersion] = this.stmt.get()!;
    if (changes !== this.changes || dataVersion !== this.dataVersion) {
      this.changes = changes;
      this.dataVersion = dataVersion;
      this.epoch++;
    }
    return this.epoch;
  }
}
