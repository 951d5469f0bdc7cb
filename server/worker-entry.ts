// Starts a worker thread from a module beside the caller: the compiled .js in a build; under tsx (tests,
// `serve:dev`) the .ts, loaded through tsx's ESM hook registered inside the worker (Node 20 does not pass
// `--import` hooks on to workers).
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `callerUrl` is the caller's `import.meta.url`; `name` the worker module's name without extension. */
export function startWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (callerUrl.endsWith('.js')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  // import.meta.resolve is missing where a test runner rewrote import.meta; the bare name resolves from the cwd.
  const tsx = typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api';
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...options, eval: true });
}
