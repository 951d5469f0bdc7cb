// Runs table imports one at a time in a worker thread with a memory limit and a deadline; the event loop stays free.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-entry.js';
import type { TableFormat } from './grid.js';
import type { ImportOptions, ImportResult } from './import/index.js';

export interface ImportJob {
  bytes: Uint8Array;
  format: TableFormat;
  options: ImportOptions;
}

/** What one import came to: the result, or why there is none (`file`: unreadable; `limit`: too big; `timeout`). */
export type WorkerAnswer =
  | { kind: 'result'; result: ImportResult }
  | { kind: 'file'; message: string }
  | { kind: 'limit'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'busy'; message: string }
  | { kind: 'crash'; message: string };

export interface ImportRunnerOptions {
  /** Longest an import may take (default 30 s); the worker is then stopped and replaced. */
  timeoutMs?: number;
  /** The worker's V8 heap (old generation) in MB (default 384). */
  memoryMb?: number;
  /** Imports that may wait behind the running one (default 4); more are answered `busy`. */
  maxWaiting?: number;
}

function spawn(memoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
  return startWorker(import.meta.url, 'import-worker', { resourceLimits });
}

export class ImportRunner {
  /** Imports running now, waiting now, and how many workers were replaced (out of memory or too slow). */
  readonly stats = { running: 0, waiting: 0, replaced: 0, done: 0 };
  private worker: Worker | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly timeoutMs: number;
  private readonly memoryMb: number;
  private readonly maxWaiting: number;

  constructor(options: ImportRunnerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.memoryMb = options.memoryMb ?? 384;
    this.maxWaiting = options.maxWaiting ?? 4;
  }

  /** Reads the table in the worker, after the imports ahead of it. */
  run(job: ImportJob): Promise<WorkerAnswer> {
    if (this.closed) return Promise.resolve({ kind: 'busy', message: '服务正在停止，无法导入' });
    if (this.stats.waiting >= this.maxWaiting) {
      return Promise.resolve({ kind: 'busy', message: `正在导入的表格过多（${this.stats.waiting + 1} 个），请稍后重试` });
    }
    this.stats.waiting++;
    const run = this.tail.then(async () => {
      this.stats.waiting--;
      this.stats.running++;
      try {
        return await this.once(job);
      } finally {
        this.stats.running--;
        this.stats.done++;
      }
    });
    this.tail = run.catch(() => {});
    return run;
  }

  /** Stops the worker (a running import ends as `busy`); used on shutdown. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private once(job: ImportJob): Promise<WorkerAnswer> {
    if (this.closed) return Promise.resolve({ kind: 'busy', message: '服务正在停止，无法导入' });
    const worker = (this.worker ??= spawn(this.memoryMb));
    worker.unref();
    return new Promise<WorkerAnswer>((resolve) => {
      const finish = (answer: WorkerAnswer, replace: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (replace) {
          this.stats.replaced++;
          if (this.worker === worker) this.worker = undefined;
          void worker.terminate();
        }
        resolve(answer);
      };
      const onMessage = (answer: WorkerAnswer) => finish(answer, false);
      const onError = (e: Error & { code?: string }) =>
        finish(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { kind: 'limit', message: `读取表格所需内存超过 ${this.memoryMb} MB 上限` }
            : { kind: 'crash', message: e.stack ?? String(e) },
          true,
        );
      const onExit = () => finish({ kind: 'busy', message: '导入已中止（服务正在停止）' }, true);
      const timer = setTimeout(
        () => finish({ kind: 'timeout', message: `表格未能在 ${Math.round(this.timeoutMs / 1000)} 秒内读完，请拆分后再导入` }, true),
        this.timeoutMs,
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // A copy the worker owns (the upload may be a view of a pooled buffer): transferred, not cloned.
      const bytes = new Uint8Array(job.bytes);
      worker.postMessage({ ...job, bytes }, [bytes.buffer]);
    });
  }
}
