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
  /**
   * A block of ids reserved (and committed) by the sink's own connection, or null: the writer then reserves on the
   * caller's connection.
   */
  takeIds(): { first: number; count: number } | null;
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

  takeIds(): null {
    return null;
  }
}

/** What the worker posts back: why it stopped (a batch it could not write, or the database it could not open). */
export interface SinkFailure {
  seq: number;
  rows: number;
  message: string;
}

/** The worker's shared state: [DONE] the last batch it committed, [DEAD] 1 once it has stopped writing. */
export const DONE = 0;
export const DEAD = 1;

/**
 * Ids the worker reserves at a time for the classify thread. Reserving on the classify thread's connection needs the
 * write lock, which the worker holds most of the time under load: the classify thread then waited (up to the busy
 * timeout, and failed past it) in the middle of a request.
 */
export const SPARE_IDS = 10_000;

/** Longest the classify thread waits for the worker to commit what readers need (it never waits otherwise). */
const SETTLE_TIMEOUT_MS = 10_000;

/**
 * Batches go to a worker thread (started on the first batch) that inserts each in one transaction and then stores
 * the batch's sequence number in shared memory; `settle()` blocks on that number (Atomics.wait), so a reader after
 * it sees every batch committed. Batches are kept until the worker has committed them: should it fail to write one
 * (the database busy past its timeout, a full disk), fail to open the database or stop, it stops writing and what it
 * had not committed is written here (inserts ignore ids already there), and so is everything after. The worker's commits
 * move `PRAGMA data_version` for this connection, so caches of database state revalidate after them: at most once
 * per batch (every few milliseconds under load). With a batch, while it has no block of ids ready for this thread, the
 * worker reserves one in the batch's transaction (see `takeIds`).
 */
export class WorkerSink implements LogSink {
  private worker: Worker | null = null;
  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  /** [0] the first id of a block the worker has reserved and committed for this thread, 0 when there is none. */
  private readonly spare = new BigInt64Array(new SharedArrayBuffer(8));
  private sent = 0;
  private readonly unfinished: { seq: number; rows: LogValues[] }[] = [];
  /** Once the worker is gone: batches to write here that could not be written yet (the database busy), oldest first. */
  private readonly stranded: LogValues[][] = [];
  private gone = false;

  constructor(
    private readonly file: string,
    /** Takes the batches once the worker has stopped unexpectedly. */
    private readonly fallback: LogSink,
    private readonly onError: (e: Error) => void,
    /** The caller's `synchronous` setting, which the worker's connection keeps too. */
    private readonly synchronous: 'NORMAL' | 'FULL' = 'NORMAL',
  ) {}

  write(rows: LogValues[]): void {
    if (!this.gone && Atomics.load(this.state, DEAD) === 1) this.takeOver('写入失败');
    if (this.gone) {
      this.stranded.push(rows);
      return this.drain(false);
    }
    this.forgetFinished();
    this.sent++;
    this.unfinished.push({ seq: this.sent, rows });
    this.start().postMessage({ seq: this.sent, rows });
  }

  settle(): void {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (!this.gone) {
      if (Atomics.load(this.state, DEAD) === 1) return this.takeOver('写入失败');
      const done = Atomics.load(this.state, DONE);
      if (done >= this.sent) return this.forgetFinished();
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`分类记录写入超时：${this.sent - done} 批尚未写入`);
      Atomics.wait(this.state, DONE, done, Math.min(left, 50));
    }
    // A reader must not go on as if batches that are still not written were there.
    this.drain(true);
  }

  /** Writes the stranded batches here; one that fails stays (with those after it) for the next try. */
  private drain(throwing: boolean): void {
    while (this.stranded.length) {
      try {
        this.fallback.write(this.stranded[0]);
      } catch (e) {
        if (throwing) throw e;
        return this.onError(e as Error);
      }
      this.stranded.shift();
    }
  }

  close(): void {
    if (this.worker) {
      try {
        this.settle();
      } catch (e) {
        this.onError(e as Error);
      }
      // Everything is committed after a settle; what is not (it timed out) is written here, ids already there ignored.
      this.detach();
    }
    this.drain(false);
  }

  takeIds(): { first: number; count: number } | null {
    // A block committed by the worker stays valid after it has stopped.
    const first = Atomics.exchange(this.spare, 0, 0n);
    return first === 0n ? null : { first: Number(first), count: SPARE_IDS };
  }

  private forgetFinished(): void {
    const done = Atomics.load(this.state, DONE);
    while (this.unfinished.length && this.unfinished[0].seq <= done) this.unfinished.shift();
  }

  /** Stops using the worker: what it had not committed is stranded here. Returns how many batches that was. */
  private detach(): number {
    this.gone = true;
    const w = this.worker;
    this.worker = null;
    if (w) void w.terminate();
    this.forgetFinished();
    const left = this.unfinished.splice(0);
    for (const b of left) this.stranded.push(b.rows);
    return left.length;
  }

  /** The worker is gone: what it had not finished, and everything from now on, is written on this thread. */
  private takeOver(why: string): void {
    if (this.gone) return;
    const left = this.detach();
    this.onError(new Error(`分类记录写入线程已停止（${why}）；${left} 批改在主线程写入，此后亦然`));
    this.drain(false);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker(import.meta.url, 'log-worker', {
      workerData: { file: this.file, state: this.state, spare: this.spare, synchronous: this.synchronous },
    });
    w.unref();
    w.on('message', (f: SinkFailure) => this.onError(new Error(`分类记录第 ${f.seq} 批（${f.rows} 条）写入失败：${f.message}`)));
    w.on('error', (e) => this.onError(e));
    w.on('exit', (code) => {
      if (this.worker === w) this.takeOver(Atomics.load(this.state, DEAD) === 1 ? '写入失败' : `退出码 ${code}`);
    });
    this.worker = w;
    return w;
  }
}

export function logSink(db: Db, store: DecisionLogStore, changes: ChangeCounter, onError: (e: Error) => void, useWorker: boolean): LogSink {
  const here = new InThreadSink(db, store, changes);
  if (!useWorker || db.memory) return here;
  const synchronous = db.pragma('synchronous', { simple: true }) === 2 ? 'FULL' : 'NORMAL';
  return new WorkerSink(db.name, here, onError, synchronous);
}
