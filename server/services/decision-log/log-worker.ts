// The worker thread that inserts the decision log's batches on its own connection (see log-sink.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { type Db, openDatabase } from '../../store/db.js';
import { DecisionLogStore, type LogValues } from '../../store/decision-log-store.js';
import { SINK_DEAD, type SinkFailure } from './log-sink.js';

const port = parentPort;
if (!port) throw new Error('log-worker.ts runs only as a worker thread');
const { file, done } = workerData as { file: string; done: Int32Array };

let db: Db;
try {
  db = openDatabase(file, { migrate: false });
} catch (e) {
  // The classify thread takes over the batches it handed over (and any to come).
  Atomics.store(done, 0, SINK_DEAD);
  Atomics.notify(done, 0);
  throw e;
}
const store = new DecisionLogStore(db);

port.on('message', ({ seq, rows }: { seq: number; rows: LogValues[] }) => {
  try {
    store.insertValues(rows);
  } catch (e) {
    port.postMessage({ seq, rows: rows.length, message: (e as Error).message } satisfies SinkFailure);
  } finally {
    Atomics.store(done, 0, seq);
    Atomics.notify(done, 0);
  }
});
