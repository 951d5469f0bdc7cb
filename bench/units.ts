// `npm run bench:units`: classification with many units in rotation. A database with N units (default 1,000), each
// with its own approved generated 300-row scheme and API key, is built by a child process (so that what building it
// leaves behind is not counted); this process then serves it, as `npm start` would, and takes, in interleaved rounds,
// single-record requests for one unit only and requests that go round all N units in turn (32 connections, closed
// loop). Prints both throughputs, their ratio, the server's RSS and what the compiled cache holds.
//
//   node dist/bench/units.js [--units 1000] [--rounds 3] [--seconds 5] [--budget-mb 768] [--detail full|minimal]
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createApp } from '../server/app.js';
import type { ClassifiableRecord } from '../server/schemas/record.js';
import { openDatabase } from '../server/store/db.js';
import { LoadChild, median } from './http.js';
import { httpRequest } from './load.js';
import { benchWorld, devNullLogger } from './setup.js';

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (x: number) => `${fmt(x / 1024 / 1024)} MB`;
const PER_UNIT = 4;

interface Built {
  dbFile: string;
  units: { id: number; key: string; records: ClassifiableRecord[] }[];
}

/** The child's part: builds the database and writes what the load needs (unit ids, keys, records) to `out`. */
function build(units: number, out: string): void {
  const world = benchWorld({ units, recordsPerUnit: PER_UNIT });
  const built: Built = { dbFile: world.dbFile, units: world.units.map(({ id, key, records }) => ({ id, key, records })) };
  writeFileSync(out, JSON.stringify(built));
  world.release();
}

async function main(): Promise<number> {
  const { values: args } = parseArgs({
    options: {
      units: { type: 'string', default: '1000' },
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '5' },
      'budget-mb': { type: 'string', default: '768' },
      detail: { type: 'string', default: 'full' },
      build: { type: 'string' },
    },
  });
  const units = Number(args.units);
  if (args.build) {
    build(units, args.build);
    return 0;
  }
  const rounds = Number(args.rounds);
  const ms = Number(args.seconds) * 1000;
  const budgetMb = Number(args['budget-mb']);
  const query = args.detail === 'minimal' ? '?detail=minimal' : '';

  let t = performance.now();
  const out = `${process.env.TMPDIR ?? '/tmp'}/sanheyi-units-${process.pid}.json`;
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--units', String(units), '--build', out], { stdio: 'inherit' });
  const world = JSON.parse(readFileSync(out, 'utf8')) as Built;
  rmSync(out);
  const setupS = (performance.now() - t) / 1000;
  const db = openDatabase(world.dbFile);
  const app = createApp({ db, log: devNullLogger(), compiledCacheBytes: budgetMb * 1024 * 1024 });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  const rssAtStart = process.memoryUsage().rss;
  const request = (u: (typeof world.units)[number], k: number) =>
    httpRequest(
      `/api/v1/units/${u.id}/classify${query}`,
      { Authorization: `Bearer ${u.key}`, 'Content-Type': 'application/json' },
      JSON.stringify(u.records[k % PER_UNIT]),
    );
  const one = Array.from({ length: 64 }, (_, k) => request(world.units[0], k));
  // Round-robin: request j goes to unit j mod N (records vary per pass).
  const rotation = Array.from({ length: units * PER_UNIT }, (_, j) => request(world.units[j % units], Math.floor(j / units)));
  const cache = app.services.cache;
  const load = new LoadChild();

  // Warm-up: every unit once (each version compiled, or refused admission once the cache is full), then one unit.
  t = performance.now();
  const warm = await load.run({ port, requests: rotation.slice(0, units), connections: 4, ms: 600_000, count: units });
  const warmS = (performance.now() - t) / 1000;
  if (warm.failures) throw new Error(`预热失败：${warm.firstFailure}`);
  await load.run({ port, requests: one, connections: 32, ms: 1000 });

  console.log(
    `${fmt(units)} 个单位（各自 300 条条款的方案与 API 密钥，建库 ${setupS.toFixed(0)} 秒）；编译缓存 ${fmt(budgetMb)} MB；${query ? 'detail=minimal' : '完整说明'}；预热轮转一遍 ${warmS.toFixed(0)} 秒；${rounds} 轮交替，每轮每方 ${ms / 1000} 秒，32 个连接`,
  );
  const single: number[] = [];
  const rotating: number[] = [];
  const ratios: number[] = [];
  let compiledDuring = 0;
  for (let round = 0; round < rounds; round++) {
    const a = await load.run({ port, requests: one, connections: 32, ms });
    const before = cache.compilations;
    const b = await load.run({ port, requests: rotation, connections: 32, ms });
    compiledDuring += cache.compilations - before;
    for (const x of [a, b]) if (x.failures) throw new Error(`${x.failures} 个请求失败（${x.firstFailure}）`);
    single.push(a.perSecond);
    rotating.push(b.perSecond);
    ratios.push(b.perSecond / a.perSecond);
    console.log(
      `  第 ${round + 1} 轮：单一单位 ${fmt(a.perSecond)}/s（p99 ${a.p99.toFixed(1)} ms）；${fmt(units)} 个单位轮转 ${fmt(b.perSecond)}/s（p99 ${b.p99.toFixed(1)} ms）`,
    );
  }
  const mem = process.memoryUsage();
  // What is live (with --expose-gc): the heap after a full collection, and the RSS then.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const live = gc ? process.memoryUsage() : null;
  console.log(
    `轮转 ÷ 单一单位：${median(ratios).toFixed(2)}×（目标 ≥ 0.5×）；单一单位 ${fmt(median(single))}/s，轮转 ${fmt(median(rotating))}/s；测量期间编译 ${fmt(compiledDuring)} 次`,
  );
  console.log(
    `服务进程 RSS ${mb(mem.rss)}（目标 < 1 GB；启动时 ${mb(rssAtStart)}），堆 ${mb(mem.heapUsed)}；编译缓存保留 ${fmt(cache.size)} 个版本，估计 ${mb(cache.estimatedBytes)}`,
  );
  if (live) console.log(`完全回收后：RSS ${mb(live.rss)}，堆 ${mb(live.heapUsed)}`);
  load.close();
  await new Promise((r) => server.close(r));
  db.close();
  rmSync(dirname(world.dbFile), { recursive: true, force: true });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
