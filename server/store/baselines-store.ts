// Baseline documents the service has loaded, kept by content hash so that backups carry them and a restore on
// another machine checks compliance against the same baselines (the rulesets folder there may differ).
import type { Db } from './db.js';

export interface StoredBaseline {
  hash: string;
  id: string;
  title: string;
  document: string;
}

export class BaselinesStore {
  private readonly insert;
  private readonly latest;

  constructor(db: Db) {
    this.insert = db.prepare<{ hash: string; id: string; title: string; document: string; at: string }>(
      'INSERT OR IGNORE INTO baselines (hash, id, title, document, recorded_at) VALUES (@hash, @id, @title, @document, @at)',
    );
    // The newest recorded document of each baseline id.
    this.latest = db.prepare<[], StoredBaseline>(
      `SELECT hash, id, title, document FROM baselines b
       WHERE recorded_at = (SELECT max(recorded_at) FROM baselines WHERE id = b.id) ORDER BY id`,
    );
  }

  /** Records a loaded baseline (nothing if this exact content is already kept). */
  record(b: StoredBaseline, at: string): void {
    this.insert.run({ ...b, at });
  }

  /** The newest kept document of every baseline id. */
  newest(): StoredBaseline[] {
    return this.latest.all();
  }
}
