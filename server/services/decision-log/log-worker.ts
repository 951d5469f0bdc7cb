// The worker thread that inserts the decision log's batches on its own connection (see log-sink.ts). At the first
// batch it cannot write it stops writing (and says why): the classify thread then writes what it had not committed.
import { parentPort, workerData } from 'node:worker_threads';
import { type Db, openDatabase } from '../../store/db.js';
import { DecisionLogStore, type LogValues } from '../../store/decision-log-store.js';
import { DEAD, DONE, type SinkFailure } from './log-sink.js';

const port = parentPort;
if (!port) throw new Error('log-worker.ts runs only as a worker thread');
const { file, state, synchronous } = workerData as { file: string; state: Int32Array; synchronous: 'NORMAL' | 'FULL' };

function stop(failure: SinkFailure): void {
  port!.postMessage(failure);
  Atomics.store(state, DEAD, 1);
  Atomics.notify(state, DONE);
  port!.close();
}

let store: DecisionLogStore | null = null;
let db: Db | null = null;
try {
  db = openDatabase(file, { migrate: false, synchronous });
  store = new DecisionLogStore(db);
} catch (e) {
  stop({ seq: 0, rows: 0, message: `无法打开数据库：${(e as Error).message}` });
}

port.on('message', ({ seq, rows }: { seq: number; rows: LogValues[] }) => {
  if (!store || Atomics.load(state, DEAD) === 1) return;
  try {
    store.insertValues(rows);
  } catch (e) {
    db?.close();
    return stop({ seq, rows: rows.length, message: (e as Error).message });
  }
  Atomics.store(state, DONE, seq);
  Atomics.notify(state, DONE);
});
