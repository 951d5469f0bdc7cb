// `npm run bench:units`: classification with many units in rotation. A database with N units (default 1,000), each
// with its own approved generated 300-row scheme and API key; the same server then takes, in interleaved rounds,
// single-record requests for one unit only and requests that go round all N units in turn (32 connections, closed
// loop). Prints both throughputs, their ratio, the server's RSS and what the compiled cache holds.
//
//   node dist/bench/units.js [--units 1000] [--rounds 3] [--seconds 5] [--budget-mb 512]
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { LoadChild, median } from './http.js';
import { httpRequest } from './load.js';
import { benchWorld } from './setup.js';

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (x: number) => `${fmt(x / 1024 / 1024)} MB`;

async function main(): Promise<number> {
  const { values: args } = parseArgs({
    options: {
      units: { type: 'string', default: '1000' },
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '5' },
    },
  });
  const units = Number(args.units);
  const rounds = Number(args.rounds);
  const ms = Number(args.seconds) * 1000;
  const PER_UNIT = 4;

  let t = performance.now();
  const world = benchWorld({ units, recordsPerUnit: PER_UNIT });
  const setupS = (performance.now() - t) / 1000;
  const server = serve({ fetch: world.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  const request = (u: (typeof world.units)[number], k: number) =>
    httpRequest(
      `/api/v1/units/${u.id}/classify`,
      { Authorization: `Bearer ${u.key}`, 'Content-Type': 'application/json' },
      JSON.stringify(u.records[k % PER_UNIT]),
    );
  const one = Array.from({ length: 64 }, (_, k) => request(world.units[0], k));
  // Round-robin: request j goes to unit j mod N (records vary per pass).
  const rotation = Array.from({ length: units * PER_UNIT }, (_, j) => request(world.units[j % units], Math.floor(j / units)));
  const cache = world.app.services.cache;
  const load = new LoadChild();

  // Warm-up: every unit once (each version compiled, or refused admission once the cache is full), then one unit.
  t = performance.now();
  const warm = await load.run({ port, requests: rotation.slice(0, units), connections: 4, ms: 600_000, count: units });
  const warmS = (performance.now() - t) / 1000;
  if (warm.failures) throw new Error(`预热失败：${warm.firstFailure}`);
  await load.run({ port, requests: one, connections: 32, ms: 1000 });

  console.log(
    `${fmt(units)} 个单位（各自 300 条条款的方案与 API 密钥，建库 ${setupS.toFixed(0)} 秒）；预热轮转一遍 ${warmS.toFixed(0)} 秒；${rounds} 轮交替，每轮每方 ${ms / 1000} 秒，32 个连接`,
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
  console.log(
    `轮转 ÷ 单一单位：${median(ratios).toFixed(2)}×（目标 ≥ 0.5×）；单一单位 ${fmt(median(single))}/s，轮转 ${fmt(median(rotating))}/s；测量期间编译 ${fmt(compiledDuring)} 次`,
  );
  console.log(
    `服务进程 RSS ${mb(mem.rss)}（目标 < 1 GB），堆 ${mb(mem.heapUsed)}；编译缓存保留 ${fmt(cache.size)} 个版本，估计 ${mb(cache.estimatedBytes)}`,
  );
  load.close();
  await new Promise((r) => server.close(r));
  world.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
