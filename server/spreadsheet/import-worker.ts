// The worker thread that reads uploaded tables, so a heavy workbook never blocks the event loop serving classify.
import { parentPort } from 'node:worker_threads';
import { GridError, TableLimitError, readGrid } from './grid.js';
import { importSheets } from './import/index.js';
import type { ImportJob, WorkerAnswer } from './import-runner.js';

const port = parentPort;
if (!port) throw new Error('import-worker.ts runs only as a worker thread');

port.on('message', async (job: ImportJob) => {
  let answer: WorkerAnswer;
  try {
    const sheets = await readGrid(job.bytes, job.format);
    answer = { kind: 'result', result: importSheets(sheets, job.format, job.options) };
  } catch (e) {
    if (e instanceof TableLimitError) answer = { kind: 'limit', message: e.message };
    else if (e instanceof GridError) answer = { kind: 'file', message: e.message };
    else answer = { kind: 'crash', message: (e as Error)?.stack ?? String(e) };
  }
  port.postMessage(answer);
});
