// `npm run soak`: does the service's memory stay flat under a steady classify load? Starts the built service
// (dist/server/main.js, its own process) on a temp SQLite file with one unit, an approved generated 300-row scheme
// and an API key (bench/setup.ts), measures its capacity (closed loop, single records, a few connections), then
// drives 80 % of it for SOAK_SECONDS, reading the server's RSS (/proc/<pid>/status VmRSS) every 10 s.
//
//   SOAK_SECONDS=600 npm run soak            # NODE_OPTIONS (e.g. --max-old-space-size=96) reaches the server too
//
// Verdict: after a warm-up (the first sixth, at most 60 s), the mean RSS of the last third of the samples against
// the first third; "memory grows" when it rose by more than SOAK_GROWTH_PERCENT (default 10) and by more than 8 MB.
// Exit code 0 when memory stays flat and every request succeeded, 1 otherwise.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { cpus, hostname, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LoadChild } from './http.js';
import { httpRequest } from './load.js';
import { benchWorld } from './setup.js';

const SAMPLE_MS = 10_000;
const CAPACITY_MS = 10_000;
const CAPACITY_CONNECTIONS = 4;
const SOAK_CONNECTIONS = 8;
const SHARE = 0.8;
/** Growth below this many MB is flat whatever the percentage (allocator and JIT noise). */
const MIN_GROWTH_MB = 8;

export interface RssSample {
  /** Seconds since the soak started. */
  t: number;
  rssMb: number;
}

export interface Verdict {
  flat: boolean;
  firstMb: number;
  lastMb: number;
  growthPercent: number;
  /** Samples left after the warm-up. */
  used: number;
}

/** Compares the mean RSS of the last third of the post-warm-up samples with the first third. */
export function memoryVerdict(samples: RssSample[], warmupSeconds: number, thresholdPercent: number): Verdict {
  const used = samples.filter((s) => s.t > warmupSeconds);
  const pool = used.length >= 3 ? used : samples;
  const third = Math.max(1, Math.floor(pool.length / 3));
  const mean = (xs: RssSample[]) => xs.reduce((a, s) => a + s.rssMb, 0) / xs.length;
  const firstMb = mean(pool.slice(0, third));
  const lastMb = mean(pool.slice(-third));
  const growthPercent = ((lastMb - firstMb) / firstMb) * 100;
  const flat = !(growthPercent > thresholdPercent && lastMb - firstMb > MIN_GROWTH_MB);
  return { flat, firstMb, lastMb, growthPercent, used: pool.length };
}

function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`/proc/${pid}/status 中没有 VmRSS`);
  return Number(m[1]) / 1024;
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${raw} 无效，应为正数`);
  return n;
}

/** Starts dist/server/main.js on the file; resolves with the process and its port once it logs "listening". */
function startService(dbFile: string): Promise<{ child: ChildProcess; port: number }> {
  const main = fileURLToPath(new URL('../server/main.js', import.meta.url));
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SANHEYI_DB: dbFile, SANHEYI_LOG: 'json' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let found = false;
    // Every log line is read (the request log is part of what the service costs), only the first "listening" used.
    lines.on('line', (line) => {
      if (found) return;
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening' && entry.port) {
          found = true;
          resolve({ child, port: entry.port });
        }
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => {
      if (!found) reject(new Error(`服务未能启动（退出码 ${code}）`));
    });
  });
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (x: number) => `${x.toFixed(1)} MB`;

async function main(): Promise<number> {
  const seconds = envNumber('SOAK_SECONDS', 600);
  const threshold = envNumber('SOAK_GROWTH_PERCENT', 10);
  const warmup = Math.min(60, seconds / 6);
  const world = benchWorld({ units: 1, recordsPerUnit: 2000 });
  const unit = world.units[0];
  const dbFile = world.dbFile;
  world.release();

  const { child, port } = await startService(dbFile);
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  const load = new LoadChild();
  const path = `/api/v1/units/${unit.id}/classify`;
  const headers = { Authorization: `Bearer ${unit.key}`, 'Content-Type': 'application/json' };
  const requests = unit.records.map((r) => httpRequest(path, headers, JSON.stringify(r)));
  const pid = child.pid!;
  let failures = 0;
  let firstFailure: string | undefined;
  try {
    console.log(
      `soak：${new Date().toISOString()}，${hostname()}，${cpus().length} 核 ${cpus()[0]?.model ?? ''}，负载 ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    console.log(`服务 pid ${pid}，NODE_OPTIONS=${process.env.NODE_OPTIONS ?? '（无）'}，启动后 RSS ${mb(rssMb(pid))}`);
    const capacity = await load.run({ port, requests, connections: CAPACITY_CONNECTIONS, ms: CAPACITY_MS });
    if (capacity.failures) throw new Error(`测容量时 ${capacity.failures} 个请求失败（${capacity.firstFailure}）`);
    const rate = Math.max(1, Math.round(capacity.perSecond * SHARE));
    console.log(
      `容量：单条分类，${CAPACITY_CONNECTIONS} 个连接，${CAPACITY_MS / 1000} 秒 ${fmt(capacity.perSecond)} 次/秒（p50 ${capacity.p50.toFixed(1)} ms，p99 ${capacity.p99.toFixed(1)} ms），RSS ${mb(rssMb(pid))}`,
    );
    console.log(
      `持续负载：${fmt(rate)} 次/秒（容量的 ${SHARE * 100}%），${SOAK_CONNECTIONS} 个连接，${seconds} 秒，每 ${SAMPLE_MS / 1000} 秒采样 RSS`,
    );

    const samples: RssSample[] = [];
    const started = performance.now();
    let requestsDone = 0;
    while (performance.now() - started < seconds * 1000 && exited === null) {
      const ms = Math.min(SAMPLE_MS, seconds * 1000 - (performance.now() - started));
      const r = await load.run({ port, requests, connections: SOAK_CONNECTIONS, ms, rate });
      requestsDone += r.requests;
      if (r.failures) {
        failures += r.failures;
        firstFailure ??= r.firstFailure;
      }
      if (exited !== null) break;
      const t = Math.round((performance.now() - started) / 1000);
      const sample = { t, rssMb: rssMb(pid) };
      samples.push(sample);
      console.log(
        `  ${String(t).padStart(4)} s  RSS ${mb(sample.rssMb).padStart(9)}  ${fmt(r.perSecond).padStart(6)} 次/秒  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms${r.failures ? `  失败 ${r.failures}` : ''}`,
      );
    }
    if (exited !== null) throw new Error(`服务在持续负载中退出（退出码 ${exited}）`);
    const v = memoryVerdict(samples, warmup, threshold);
    console.log(
      `共 ${fmt(requestsDone)} 个请求，失败 ${failures}${firstFailure ? `（首个：${firstFailure}）` : ''}；` +
        `RSS 首个样本 ${mb(samples[0].rssMb)}，最后一个 ${mb(samples[samples.length - 1].rssMb)}，最大 ${mb(Math.max(...samples.map((s) => s.rssMb)))}`,
    );
    console.log(
      `预热 ${Math.round(warmup)} 秒后 ${v.used} 个样本：前三分之一平均 ${mb(v.firstMb)}，后三分之一平均 ${mb(v.lastMb)}（${v.growthPercent >= 0 ? '+' : ''}${v.growthPercent.toFixed(1)}%，阈值 ${threshold}% 且 ${MIN_GROWTH_MB} MB）`,
    );
    console.log(v.flat ? 'memory flat（内存平稳）' : 'memory grows（内存增长）');
    return v.flat && failures === 0 ? 0 : 1;
  } finally {
    load.close();
    if (exited === null) {
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    }
    rmSync(dirname(dbFile), { recursive: true, force: true });
  }
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
