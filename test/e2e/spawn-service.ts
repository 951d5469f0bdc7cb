// Starts the built service (`node dist/server/main.js`) as its own process on a free port, for the e2e tests that
// need the process itself: signals, restarts, stdout/stderr, the worker thread.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MAIN = join(ROOT, 'dist', 'server', 'main.js');
/** The small test baseline the HTTP tests use too. */
export const TEST_RULESETS = fileURLToPath(new URL('../http/fixtures/rulesets/', import.meta.url));

export interface Spawned {
  proc: ChildProcess;
  base: string;
  /** Every log line printed on stdout so far. */
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

/** Resolves once the service logs the port it listens on; rejects if it exits first or takes over 30 s. */
export async function spawnService(dbFile: string, env: Record<string, string> = {}): Promise<Spawned> {
  if (!existsSync(MAIN)) throw new Error('dist/server/main.js is missing: run `npm run build` (npm test does)');
  const proc = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SANHEYI_DB: dbFile,
      SANHEYI_RULESETS: TEST_RULESETS,
      SANHEYI_SCRYPT_N: '1024',
      SANHEYI_LOG: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr.join('')}`)), 30_000);
    proc.stdout?.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        stdout.push(line);
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening' && entry.port) {
          clearTimeout(timer);
          resolve(entry.port);
        }
      }
    });
    proc.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    void exited.then((code) => reject(new Error(`server exited (${code}): ${stderr.join('')}`)));
  });
  return { proc, base: `http://127.0.0.1:${port}`, stdout, stderr, exited };
}
