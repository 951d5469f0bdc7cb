// The decision log's writer: classifications are queued in memory and handed to the sink (a worker thread's
// connection, log-sink.ts) in one batch every few milliseconds or every N entries (and on close), so the classify
// path pays for a push, not for a write. Ids are handed out from blocks reserved in the database, so a review's id
// is known before its row is written.
import type { ClassifyResult } from '../../engine/result.js';
import type { ChangeCounter } from '../../store/changes.js';
import type { DecisionLogStore, LogSource, LogValues, MaskRule } from '../../store/decision-log-store.js';
import type { LogSink } from './log-sink.js';
import { maskRecord } from './masks.js';

export interface Pending {
  id: number;
  unitId: number;
  at: string;
  schemeId: number;
  version: number | null;
  result: ClassifyResult;
  record: Record<string, unknown>;
  /** The JSON text `record` was parsed from, if the caller had it (an NDJSON line). */
  text: string | null;
  masks: readonly MaskRule[];
  requestId: string | null;
  apiKeyId: number | null;
  userId: number | null;
  source: LogSource;
}

export interface WriterOptions {
  /** Longest time an entry waits in memory (ms). */
  flushMs?: number;
  /** Queue length that triggers a write at once. */
  maxQueue?: number;
  /** Insert from a worker thread with its own connection (default true; a `:memory:` database always inserts here). */
  worker?: boolean;
}

/**
 * The row's values, in column order. Taken when the classification is queued, so the result (with its reasons and
 * candidates) can die young instead of waiting for the next batch. The record goes as it is kept (masked or not):
 * the writer thread serialises it, which on the classify thread was two thirds of what a batch's log cost there
 * (JSON.stringify of 1,000 records ≈ 1.3 ms; passing them as objects costs about what passing their text did).
 */
export function toValues(p: Pending): LogValues {
  const r = p.result;
  const kept = maskRecord(p.record, p.masks);
  // The text parses to the very record (JSON.parse is all it went through), so it is stored as it came when no mask
  // applies: readers parse it either way.
  const json = kept === p.record && p.text !== null ? p.text : kept;
  return [
    p.id,
    p.unitId,
    p.at,
    p.schemeId,
    p.version,
    r.outcome,
    r.item?.id ?? (r.outcome === 'review' ? (r.candidates[0]?.id ?? null) : null),
    r.exclusion?.id ?? null,
    r.classCode ?? null,
    r.retention?.code ?? null,
    r.needs?.length ? JSON.stringify(r.needs) : null,
    json,
    p.requestId,
    p.apiKeyId,
    p.userId,
    p.source,
  ];
}

export class DecisionLogWriter {
  private queue: LogValues[] = [];
  private next = 0;
  private end = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly flushMs: number;
  private readonly maxQueue: number;
  private closed = false;

  constructor(
    private readonly sink: LogSink,
    private readonly store: DecisionLogStore,
    private readonly changes: ChangeCounter,
    private readonly onError: (e: Error) => void,
    options: WriterOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 5;
    this.maxQueue = options.maxQueue ?? 1000;
  }

  /** The id the entry will have. */
  nextId(): number {
    if (this.next >= this.end) {
      // A block the writer thread reserved, else one reserved here (a write no in-memory cache depends on).
      const block = this.sink.takeIds() ?? this.changes.unseen(() => this.store.reserveIds());
      this.next = block.first;
      this.end = block.first + block.count;
    }
    return this.next++;
  }

  add(p: Pending): void {
    if (this.closed) return;
    this.queue.push(toValues(p));
    if (this.queue.length >= this.maxQueue) this.handOver();
    else if (this.timer === null) {
      this.timer = setTimeout(() => this.handOverQuietly(), this.flushMs);
      this.timer.unref();
    }
  }

  /** Writes what is queued and waits until it is committed. Readers call it first, so they see every classification so far. */
  flush(): void {
    this.handOver();
    this.sink.settle();
  }

  /** Hands what is queued to the sink as one batch, without waiting for it to be written. */
  private handOver(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.sink.write(batch);
  }

  /** A timer's hand-over: a failure is reported, never thrown into the event loop. */
  private handOverQuietly(): void {
    try {
      this.handOver();
    } catch (e) {
      this.onError(e as Error);
    }
  }

  /** Flushes and takes no more entries (shutdown). */
  close(): void {
    this.handOver();
    this.closed = true;
    this.sink.close();
  }
}
