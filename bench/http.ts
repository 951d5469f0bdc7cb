// `npm run bench:http`: the classify endpoint against a bare node:http server that serves the same compiled engine
// (the very object sanheyi's cache holds) in the same process, driven by the same load from a child process
// (bench/load.ts), in interleaved rounds. Prints per scenario the median of the rounds' throughput ratios
// (sanheyi ÷ bare), p50/p99 of both, and the server's CPU time per request.
//
//   node dist/bench/http.js [--rounds 5] [--seconds 3] [--only single1,single32,single128,rate,batch,ndjson] [--log]
//
// --log measures instead what the decision log costs: the same scenarios with the unit's log on and off
// (bench/decision-log-cost.ts).
//
// The bare server does only what any server must: read the body, JSON.parse, classify, JSON.stringify. The
// difference is what sanheyi adds: routing, the request id and headers, authentication, resolving the unit's
// version in force, validating the record (ajv, declared fields), problem+json errors and the request log.
import { type ChildProcess, fork } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import type { CompiledScheme } from '../server/engine/index.js';
import { logCost } from './decision-log-cost.js';
import { type LoadJob, type LoadResult, httpRequest } from './load.js';
import { type BenchWorld, benchWorld } from './setup.js';

const BATCH = 1000;
let ROUNDS = 5;
let MS = 3000;

/** The load generator in its own process: runs one job at a time. */
export class LoadChild {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly waiting = new Map<number, (r: LoadResult) => void>();

  constructor() {
    this.child = fork(fileURLToPath(new URL('./load.js', import.meta.url)), ['--load-child'], { stdio: 'inherit' });
    this.child.on('message', (m: { id: number; result: LoadResult }) => this.waiting.get(m.id)?.(m.result));
  }

  run(job: LoadJob): Promise<LoadResult> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ id, job: { ...job, requests: job.requests.map((r) => r.toString('base64')) } });
    });
  }

  close(): void {
    this.child.kill();
  }
}

/** A bare node:http server around one compiled scheme: body → JSON.parse → classify → JSON.stringify. */
export function bareServer(compiled: () => CompiledScheme): Server {
  return createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const engine = compiled();
      if (req.headers['content-type'] === 'application/x-ndjson') {
        let out = '';
        let n = 0;
        for (const line of text.split('\n')) {
          n++;
          if (line.trim() !== '') out += JSON.stringify({ line: n, ...engine.classify(JSON.parse(line)) }) + '\n';
        }
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.end(out);
        return;
      }
      const value = JSON.parse(text);
      const body = JSON.stringify(
        Array.isArray(value.records) ? { results: value.records.map((r: unknown) => engine.classify(r)) } : engine.classify(value),
      );
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
}

export function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

interface Side {
  name: string;
  port: number;
  requests: Buffer[];
}

interface Scenario {
  id: string;
  label: string;
  connections: number;
  rate?: number;
  sanheyi: Buffer[];
  bare: Buffer[];
}

/** CPU microseconds this process spent per request during `run` (only one server is loaded at a time). */
async function measured(load: LoadChild, side: Side, s: Scenario): Promise<LoadResult & { cpuPerRequest: number }> {
  const cpu = process.cpuUsage();
  const r = await load.run({ port: side.port, requests: side.requests, connections: s.connections, ms: MS, rate: s.rate });
  const used = process.cpuUsage(cpu);
  return { ...r, cpuPerRequest: (used.user + used.system) / Math.max(1, r.requests) };
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

async function main(): Promise<number> {
  const { values: args } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '3' },
      only: { type: 'string' },
      log: { type: 'boolean', default: false },
    },
  });
  ROUNDS = Number(args.rounds);
  MS = Number(args.seconds) * 1000;
  const world: BenchWorld = benchWorld({ units: 1, recordsPerUnit: 2000 });
  const unit = world.units[0];
  const sanheyiServer = serve({ fetch: world.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => sanheyiServer.once('listening', r));
  const sanheyiPort = (sanheyiServer.address() as AddressInfo).port;

  // The same compiled object sanheyi's cache holds for the unit's version (compiled on the first request).
  const path = `/api/v1/units/${unit.id}/classify`;
  const warm = await fetch(`http://127.0.0.1:${sanheyiPort}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${unit.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(unit.records[0]),
  });
  if (warm.status !== 200) throw new Error(`sanheyi answered ${warm.status}: ${await warm.text()}`);
  const vid = world.app.services.stores.schemes.meta(unit.schemeId, 1)!.id;
  const compiled = () => world.app.services.cache.get(unit.hash, 1, () => world.app.services.stores.schemes.document(vid)).compiled;
  const bare = bareServer(compiled);
  const barePort = await listen(bare);

  const auth = { Authorization: `Bearer ${unit.key}` };
  const json = { 'Content-Type': 'application/json' };
  const nd = { 'Content-Type': 'application/x-ndjson' };
  const records = unit.records;
  const singles = records.map((r) => JSON.stringify(r));
  const batches = [0, 1].map((k) => JSON.stringify({ records: records.slice(k * BATCH, (k + 1) * BATCH) }));
  const lines = [0, 1].map(
    (k) =>
      records
        .slice(k * BATCH, (k + 1) * BATCH)
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
  );
  const both = (bodies: string[], headers: Record<string, string>) => ({
    sanheyi: bodies.map((b) => httpRequest(path, { ...auth, ...headers }, b)),
    bare: bodies.map((b) => httpRequest('/', headers, b)),
  });

  // Same answers: the bare server and sanheyi classify the same records alike.
  let differ = 0;
  for (const r of records.slice(0, 200)) {
    const a = await (
      await fetch(`http://127.0.0.1:${sanheyiPort}${path}`, { method: 'POST', headers: { ...auth, ...json }, body: JSON.stringify(r) })
    ).json();
    const b = await (await fetch(`http://127.0.0.1:${barePort}/`, { method: 'POST', headers: json, body: JSON.stringify(r) })).json();
    // sanheyi's answer to a review also carries its decision-log entry's id (reviewId): not part of the decision.
    const { reviewId: _id, ...decision } = a as { reviewId?: number };
    if (JSON.stringify(decision) !== JSON.stringify(b)) differ++;
  }

  const load = new LoadChild();
  const scenarios: Scenario[] = [
    { id: 'single1', label: '单条记录，1 个连接', connections: 1, ...both(singles, json) },
    { id: 'single32', label: '单条记录，32 个连接', connections: 32, ...both(singles, json) },
    { id: 'single128', label: '单条记录，128 个连接', connections: 128, ...both(singles, json) },
    { id: 'batch', label: `批量 ${fmt(BATCH)} 条，4 个连接`, connections: 4, ...both(batches, json) },
    { id: 'ndjson', label: `NDJSON ${fmt(BATCH)} 行，4 个连接`, connections: 4, ...both(lines, nd) },
  ];
  const only = args.only?.split(',');
  const chosen = scenarios.filter((s) => !only || only.includes(s.id));

  // Warm-up: both servers, every scenario's requests, one second each.
  for (const s of chosen) {
    await load.run({ port: sanheyiPort, requests: s.sanheyi, connections: s.connections, ms: 1000 });
    await load.run({ port: barePort, requests: s.bare, connections: s.connections, ms: 1000 });
  }

  if (args.log) {
    const scenarios = chosen.map((s) => ({ label: s.label, connections: s.connections, requests: s.sanheyi }));
    console.log(`分类记录的开销：同一 sanheyi 服务，单位的分类记录开、关交替，${ROUNDS} 轮，每轮每方 ${MS / 1000} 秒`);
    await logCost({ load, port: sanheyiPort, world, unitId: unit.id, scenarios, rounds: ROUNDS, ms: MS });
    load.close();
    bare.close();
    await new Promise((r) => sanheyiServer.close(r));
    world.close();
    return 0;
  }

  const out: string[] = [];
  const run = async (s: Scenario) => {
    const rows: { ratio: number; a: LoadResult & { cpuPerRequest: number }; b: LoadResult & { cpuPerRequest: number } }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which side goes first, so that a drift in the machine's speed favours neither.
      const sides: [Side, Side] = [
        { name: 'sanheyi', port: sanheyiPort, requests: s.sanheyi },
        { name: 'bare', port: barePort, requests: s.bare },
      ];
      if (round % 2) sides.reverse();
      const first = await measured(load, sides[0], s);
      const second = await measured(load, sides[1], s);
      const [a, b] = round % 2 ? [second, first] : [first, second];
      for (const x of [a, b]) if (x.failures) throw new Error(`${s.label}：${x.failures} 个请求失败（${x.firstFailure}）`);
      rows.push({ ratio: a.perSecond / b.perSecond, a, b });
    }
    const ratios = rows.map((r) => r.ratio);
    const m = (pick: (r: (typeof rows)[number]) => number) => median(rows.map(pick));
    out.push(
      `${s.label}${s.rate ? `，固定 ${fmt(s.rate)} 次/秒` : ''}：${f2(median(ratios))}×（各轮 ${ratios.map(f2).join(' ')}）` +
        ` sanheyi ${fmt(m((r) => r.a.perSecond))}/s p50 ${f1(m((r) => r.a.p50))} ms p99 ${f1(m((r) => r.a.p99))} ms CPU ${fmt(m((r) => r.a.cpuPerRequest))} µs/请求；` +
        `裸服务 ${fmt(m((r) => r.b.perSecond))}/s p50 ${f1(m((r) => r.b.p50))} ms p99 ${f1(m((r) => r.b.p99))} ms CPU ${fmt(m((r) => r.b.cpuPerRequest))} µs/请求`,
    );
    console.log(out[out.length - 1]);
    return rows;
  };

  console.log(`sanheyi 对比同进程裸 node:http（同一个编译结果），${ROUNDS} 轮交替，每轮每方 ${MS / 1000} 秒；倍数为各轮吞吐比的中位数`);
  let bareAt32: number | undefined;
  for (const s of chosen) {
    const rows = await run(s);
    if (s.id === 'single32') bareAt32 = median(rows.map((r) => r.b.perSecond));
  }
  // A fixed load both should hold (a quarter of the bare server's closed-loop throughput at 32 connections): latency
  // of both, counted from when each request was due.
  if (bareAt32 && (!only || only.includes('rate'))) {
    const rate = Math.round(bareAt32 / 4 / 100) * 100;
    await run({ id: 'rate', label: '单条记录，32 个连接', connections: 32, rate, ...both(singles, json) });
  }
  console.log(`一致性：前 200 条记录两个服务的分类结果${differ ? `有 ${differ} 条不同` : '完全相同'}`);

  load.close();
  bare.close();
  await new Promise((r) => sanheyiServer.close(r));
  world.close();
  return differ ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
