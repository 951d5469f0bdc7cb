// The worker thread that inserts the decision log's batches on its own connection (see log-sink.ts). At the first
// batch it cannot write it stops writing (and says why): the classify thread then writes what it had not committed.
import { parentPort, workerData } from 'node:worker_threads';
import { type Db, openDatabase } from '../../store/db.js';
import { DecisionLogStore, type LogValues } from '../../store/decision-log-store.js';
import { DEAD, DONE, SPARE_IDS, type SinkFailure } from './log-sink.js';

const port = parentPort;
if (!port) throw new Error('log-worker.ts runs only as a worker thread');
const { file, state, spare, synchronous } = workerData as {
  file: string;
  state: Int32Array;
  spare: BigInt64Array;
  synchronous: 'NORMAL' | 'FULL';
};

function stop(failure: SinkFailure): void {
  port!.postMessage(failure);
  Atomics.store(state, DEAD, 1);
  Atomics.notify(state, DONE);
  port!.close();
}

let store: DecisionLogStore | null = null;
let db: Db | null = null;
/** Inserts a batch and, when the classify thread has no spare block of ids, reserves one: in one transaction. */
let write: ((rows: LogValues[], reserve: boolean) => number | null) | null = null;
try {
  db = openDatabase(file, { migrate: false, synchronous });
  const s = new DecisionLogStore(db);
  store = s;
  write = db.transaction((rows: LogValues[], reserve: boolean) => {
    s.insertValues(rows);
    return reserve ? s.reserveIds(SPARE_IDS).first : null;
  });
} catch (e) {
  stop({ seq: 0, rows: 0, message: `无法打开数据库：${(e as Error).message}` });
}

port.on('message', ({ seq, rows }: { seq: number; rows: LogValues[] }) => {
  if (!store || !write || Atomics.load(state, DEAD) === 1) return;
  let first: number | null;
  try {
    // Only this thread fills the slot, and only the classify thread empties it.
    first = write(rows, Atomics.load(spare, 0) === 0n);
  } catch (e) {
    db?.close();
    return stop({ seq, rows: rows.length, message: (e as Error).message });
  }
  // Published once committed: ids another process could still be given must never be handed out.
  if (first !== null) Atomics.store(spare, 0, BigInt(first));
  Atomics.store(state, DONE, seq);
  Atomics.notify(state, DONE);
});
