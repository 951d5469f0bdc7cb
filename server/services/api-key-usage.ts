// When and from where each API key was last used, without a database write per request: classification calls only
// note the use in memory (a map set), and the notes are written in one transaction at most once a minute (and when
// the server stops). The write does not move the change counter (ChangeCounter.unseen): no cache depends on it, so
// the principal and target caches survive it. Lists show the newest use, written or not yet.
import type { ApiKeyStore, KeyUse } from '../store/api-keys-store.js';
import type { ChangeCounter } from '../store/changes.js';
import type { Db } from '../store/db.js';
import type { Clock } from './clock.js';

/** How often noted uses are written. */
export const USAGE_FLUSH_MS = 60_000;

interface Noted {
  ms: number;
  from: string;
}

export class KeyUsage {
  private pending = new Map<number, Noted>();
  private timer: NodeJS.Timeout | null = null;
  /** Batches written (for tests). */
  flushes = 0;

  constructor(
    private readonly db: Db,
    private readonly store: ApiKeyStore,
    private readonly changes: ChangeCounter,
    private readonly clock: Clock,
    private readonly onError: (e: Error) => void = () => {},
  ) {}

  /** Notes a use of key `id` from `address` (memory only). */
  touch(id: number, address: string): void {
    this.pending.set(id, { ms: this.clock().getTime(), from: address });
  }

  /** The newest use not written yet, if any. */
  unwritten(id: number): { at: string; from: string } | undefined {
    const n = this.pending.get(id);
    return n && { at: new Date(n.ms).toISOString(), from: n.from };
  }

  /** Writes every noted use in one transaction; returns how many keys were written. */
  flush(): number {
    if (this.pending.size === 0) return 0;
    const batch = this.pending;
    this.pending = new Map();
    const uses: KeyUse[] = [...batch].map(([id, n]) => ({ id, at: new Date(n.ms).toISOString(), from: n.from }));
    try {
      this.changes.unseen(() =>
        this.db.transaction(() => {
          for (const u of uses) this.store.recordUse(u);
        })(),
      );
      this.flushes++;
      return uses.length;
    } catch (e) {
      // Kept for the next flush unless a newer use was noted meanwhile.
      for (const [id, n] of batch) if (!this.pending.has(id)) this.pending.set(id, n);
      this.onError(e as Error);
      return 0;
    }
  }

  /** Flushes every `intervalMs` (unref'd); the returned stop function flushes what is left. */
  start(intervalMs = USAGE_FLUSH_MS): () => void {
    if (!this.timer) {
      this.timer = setInterval(() => this.flush(), intervalMs);
      this.timer.unref();
    }
    return () => {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      this.flush();
    };
  }
}
