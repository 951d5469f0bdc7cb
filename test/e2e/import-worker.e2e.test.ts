// A started server (dist/server/main.js) keeps answering /healthz and classify while it reads a big table, answers a
// hostile one 413 at once, and still stops on SIGTERM in the middle of an import.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowBombXlsx, tableCsv } from '../spreadsheet/hostile-files.js';
import { type Spawned, spawnService } from './spawn-service.js';

const PASSWORD = 'import-e2e-password-1';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const start = (dbFile: string) => spawnService(dbFile, { SANHEYI_ADMIN_PASSWORD: PASSWORD });

let dir: string;
let server: Spawned;
let token: string;
let unit: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sanheyi-import-e2e-'));
  server = await start(join(dir, 'sanheyi.db'));
  const json = async (path: string, body: unknown, auth?: string) =>
    (
      await fetch(server.base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        body: JSON.stringify(body),
      })
    ).json();
  token = (await json('/api/v1/auth/login', { username: 'admin', password: PASSWORD })).token;
  const bureau = await json('/api/v1/orgs', { type: 'bureau', name: '某市档案局' }, token);
  const created = await json(
    '/api/v1/orgs',
    { type: 'unit', name: '甲有限公司', fonds: 'A001', kind: 'enterprise', supervisorId: bureau.id },
    token,
  );
  unit = created.id;
  if (typeof unit !== 'number') throw new Error(`no unit: ${JSON.stringify([bureau, created])}`);
});
afterAll(async () => {
  if (server.proc.exitCode === null) {
    server.proc.kill('SIGKILL');
    await server.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

const importTable = (bytes: Buffer, type = XLSX) =>
  fetch(`${server.base}/api/v1/units/${unit}/schemes/import?dryRun=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: new Uint8Array(bytes),
  });

async function healthDuring(work: Promise<unknown>): Promise<number[]> {
  let done = false;
  void work.finally(() => {
    done = true;
  });
  const times: number[] = [];
  while (!done) {
    const start = performance.now();
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    times.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 50));
  }
  return times;
}

describe('the import worker in a started server', () => {
  it('answers /healthz while it reads a 19,000-row table', async () => {
    // Read in the event loop, this CSV held every other request for about 2 s.
    const work = importTable(tableCsv(19_000), 'text/csv');
    const times = await healthDuring(work);
    const res = await work;
    expect(res.status).toBe(422); // every row read and checked: more clauses than a scheme may have
    expect(times.length).toBeGreaterThan(3);
    expect(Math.max(...times)).toBeLessThan(1_000);
  });

  it('answers a million-row workbook 413 at once', async () => {
    const start = performance.now();
    const res = await importTable(rowBombXlsx());
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].path).toBe('/');
    expect(performance.now() - start).toBeLessThan(5_000);
  });

  it('stops on SIGTERM in the middle of an import', async () => {
    const work = importTable(tableCsv(19_000), 'text/csv').then(
      (r) => r.status,
      () => 0,
    );
    await new Promise((r) => setTimeout(r, 300));
    const start = performance.now();
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(performance.now() - start).toBeLessThan(5_000);
    expect([0, 422, 503]).toContain(await work);
  });
});
