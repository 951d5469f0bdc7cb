// Where the decision log's batches go. In a database file they are inserted by a worker thread with its own
// connection, so the SQLite work (≈ 10–15 µs a row with the log's indexes) leaves the thread that serves
// classification; in memory (`:memory:` cannot be shared between connections), or if the worker is gone, they are
// inserted here.
import type { Worker } from 'node:worker_threads';
import type { ChangeCounter } from '../../store/changes.js';
import type { Db } from '../../store/db.js';
import type { DecisionLogStore, LogValues } from '../../store/decision-log-store.js';
import { startWorker } from '../../worker-entry.js';

export interface LogSink {
  /** Hands a batch over; it may be written later. */
  write(rows: LogValues[]): void;
  /** Returns once everything handed over so far is committed (readers call it so they see every classification). */
  settle(): void;
  /** Settles and stops (shutdown). */
  close(): void;
}

/** Inserts on the caller's connection, in one transaction, as a write no cache depends on. */
export class InThreadSink implements LogSink {
  constructor(
    private readonly db: Db,
    private readonly store: DecisionLogStore,
    private readonly changes: ChangeCounter,
  ) {}

  write(rows: LogValues[]): void {
    if (this.db.open) this.changes.unseen(() => this.store.insertValues(rows));
  }

  settle(): void {}

  close(): void {}
}

/** What the worker posts back: a batch that could not be written. */
export interface SinkFailure {
  seq: number;
  rows: number;
  message: string;
}

/** Longest the classify thread waits for the worker to commit what readers need (it never waits otherwise). */
const SETTLE_TIMEOUT_MS = 10_000;
/** Stored in the shared sequence number by a worker that could not open the database. */
export const SINK_DEAD = -1;

/**
 * Batches go to a worker thread (started on the first batch) that inserts each in one transaction and then stores
 * the batch's sequence number in shared memory; `settle()` blocks on that number (Atomics.wait), so a reader after
 * it sees every batch committed. Batches are kept until the worker has finished them: should it stop (or fail to
 * open the database), what it had not finished is written here, and so is everything after. The worker's commits
 * move `PRAGMA data_version` for this connection, so caches of database state revalidate after them: at most once
 * per batch (every few milliseconds under load).
 */
export class WorkerSink implements LogSink {
  private worker: Worker | null = null;
  /** [0]: the sequence number of the last batch the worker finished (written or failed), or SINK_DEAD. */
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private sent = 0;
  private readonly unfinished: { seq: number; rows: LogValues[] }[] = [];
  private gone = false;

  constructor(
    private readonly file: string,
    /** Takes the batches once the worker has stopped unexpectedly. */
    private readonly fallback: LogSink,
    private readonly onError: (e: Error) => void,
  ) {}

  write(rows: LogValues[]): void {
    if (this.gone) return this.fallback.write(rows);
    this.forgetFinished();
    this.sent++;
    this.unfinished.push({ seq: this.sent, rows });
    this.start().postMessage({ seq: this.sent, rows });
  }

  settle(): void {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (!this.gone) {
      const done = Atomics.load(this.done, 0);
      if (done === SINK_DEAD) return this.takeOver('写入线程无法打开数据库');
      if (done >= this.sent) return this.forgetFinished();
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`分类记录写入超时：${this.sent - done} 批尚未写入`);
      Atomics.wait(this.done, 0, done, left);
    }
  }

  close(): void {
    if (!this.worker) return;
    try {
      this.settle();
    } finally {
      const w = this.worker;
      this.worker = null;
      this.gone = true;
      // Everything is committed; the thread's connection closes with it.
      if (w) void w.terminate();
    }
  }

  private forgetFinished(): void {
    const done = Atomics.load(this.done, 0);
    while (this.unfinished.length && this.unfinished[0].seq <= done) this.unfinished.shift();
  }

  /** The worker is gone: what it had not finished, and everything from now on, is written on this thread. */
  private takeOver(why: string): void {
    if (this.gone) return;
    this.gone = true;
    const w = this.worker;
    this.worker = null;
    if (w) void w.terminate();
    if (Atomics.load(this.done, 0) !== SINK_DEAD) this.forgetFinished();
    const left = this.unfinished.splice(0);
    this.onError(new Error(`分类记录写入线程已停止（${why}）；${left.length} 批改在主线程写入，此后亦然`));
    for (const b of left) this.fallback.write(b.rows);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker(import.meta.url, 'log-worker', { workerData: { file: this.file, done: this.done } });
    w.unref();
    w.on('message', (f: SinkFailure) => this.onError(new Error(`分类记录第 ${f.seq} 批（${f.rows} 条）写入失败：${f.message}`)));
    w.on('error', (e) => this.onError(e));
    w.on('exit', (code) => {
      if (this.worker === w) this.takeOver(`退出码 ${code}`);
    });
    this.worker = w;
    return w;
  }
}

export function logSink(db: Db, store: DecisionLogStore, changes: ChangeCounter, onError: (e: Error) => void, useWorker: boolean): LogSink {
  const here = new InThreadSink(db, store, changes);
  return useWorker && !db.memory ? new WorkerSink(db.name, here, onError) : here;
}
