// Notices promptly when the database file was changed behind the service's back. Compiled versions are cached by
// content hash, so a document edited in the SQLite file after it was compiled would otherwise go on being served
// from the cache (with the rules originally approved) until the next sweep, verify or restart. A short timer reads
// a probe (store/changes.ts: `PRAGMA data_version`, about 5 µs, then the change stamp and the schema version when
// another connection committed, so the decision log's writer thread does not count) and, when it moved, re-hashes
// every version past draft against the audit log: in slices of a few milliseconds with the
// event loop free between them, one pass at a time. What fails is remembered by ApprovedContent: classification
// with it answers 503 naming the version, /readyz reports it and the log names it. Nothing runs per request.
import type { ApprovedContent } from './audit-integrity.js';

export interface ContentWatchOptions {
  /** How often the probe is read (default WATCH_MS). */
  intervalMs?: number;
  /** Longest stretch of re-hashing before the event loop gets a turn (default SLICE_MS). */
  sliceMs?: number;
}

export const WATCH_MS = 500;
export const SLICE_MS = 10;
/** Versions checked between two looks at the slice's clock (a 300-row version hashes in about 1 ms). */
const STEP = 4;

export class ContentWatch {
  private last: string | number = Number.NaN;
  /** Where the running pass goes on (null: no pass running). */
  private cursor: number | null = null;
  /** Another connection wrote while a pass was running: one more pass follows it. */
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private pending: NodeJS.Immediate | null = null;
  /** Passes completed (for tests and the log). */
  passes = 0;

  constructor(
    private readonly probe: () => string | number,
    private readonly integrity: ApprovedContent,
    private readonly options: ContentWatchOptions = {},
  ) {}

  /** Starts polling (unref'd, so it never keeps the process alive); returns the stop function. */
  start(): () => void {
    if (!this.timer) {
      this.last = this.probe();
      this.timer = setInterval(() => this.poll(), this.options.intervalMs ?? WATCH_MS);
      this.timer.unref();
    }
    return () => this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.pending) clearImmediate(this.pending);
    this.timer = null;
    this.pending = null;
    this.cursor = null;
  }

  /** One look at the probe; starts a pass when another connection changed content since the last look. */
  poll(): void {
    const version = this.probe();
    if (version === this.last) return;
    this.last = version;
    if (this.cursor !== null) {
      this.again = true;
      return;
    }
    this.cursor = 0;
    this.slice();
  }

  private slice(): void {
    this.pending = null;
    if (this.cursor === null) return;
    const budget = this.options.sliceMs ?? SLICE_MS;
    const started = performance.now();
    let cursor = this.cursor;
    do {
      cursor = this.integrity.checkFrom(cursor, STEP);
    } while (cursor !== 0 && performance.now() - started < budget);
    if (cursor !== 0) {
      this.cursor = cursor;
      this.pending = setImmediate(() => this.slice());
      return;
    }
    this.passes++;
    this.cursor = null;
    if (this.again) {
      this.again = false;
      this.cursor = 0;
      this.pending = setImmediate(() => this.slice());
    }
  }
}
