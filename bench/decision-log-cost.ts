// `npm run bench:http -- --log`: what the decision log costs the classify path. The same sanheyi server, the same
// requests, in interleaved rounds with the unit's log switched on and off; prints the median of the rounds'
// throughput ratios (on ÷ off) and the CPU time per request of both (the target: ≥ 0.9×): of the thread that
// serves requests (the classify path) and of the whole process (with the log's writer thread).
import { readFileSync } from 'node:fs';
import type { LoadChild } from './http.js';
import type { LoadResult } from './load.js';
import type { BenchWorld } from './setup.js';

export interface CostScenario {
  label: string;
  connections: number;
  requests: Buffer[];
}

/** CPU time (µs) of this process's main thread so far, from /proc (Linux; clock ticks of 10 ms); null elsewhere. */
function mainThreadCpu(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000; // utime, stime (fields 14 and 15)
  } catch {
    return null;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export async function logCost(o: {
  load: LoadChild;
  port: number;
  world: BenchWorld;
  unitId: number;
  scenarios: CostScenario[];
  rounds: number;
  ms: number;
}): Promise<string[]> {
  const { stores } = o.world.app.services;
  const setLog = (enabled: boolean) =>
    stores.decisionLog.putSettings({ unitId: o.unitId, enabled, retentionDays: 400, masks: [] }, null, new Date().toISOString());
  const measure = async (s: CostScenario) => {
    const cpu = process.cpuUsage();
    const main = mainThreadCpu();
    const r: LoadResult = await o.load.run({ port: o.port, requests: s.requests, connections: s.connections, ms: o.ms });
    o.world.app.services.decisionLog.writer.flush(); // the round's log written within the round
    const used = process.cpuUsage(cpu);
    const mainUsed = main === null ? null : mainThreadCpu()! - main;
    if (r.failures) throw new Error(`${s.label}：${r.failures} 个请求失败（${r.firstFailure}）`);
    const n = Math.max(1, r.requests);
    return { ...r, cpu: (used.user + used.system) / n, mainCpu: mainUsed === null ? Number.NaN : mainUsed / n };
  };
  const lines: string[] = [];
  for (const s of o.scenarios) {
    const rows: { ratio: number; on: number; off: number; cpuOn: number; cpuOff: number; mainOn: number; mainOff: number }[] = [];
    for (let round = 0; round < o.rounds; round++) {
      const order = round % 2 ? [false, true] : [true, false];
      const got: Record<string, Awaited<ReturnType<typeof measure>>> = {};
      for (const enabled of order) {
        setLog(enabled);
        got[String(enabled)] = await measure(s);
      }
      const on = got.true;
      const off = got.false;
      rows.push({
        ratio: on.perSecond / off.perSecond,
        on: on.perSecond,
        off: off.perSecond,
        cpuOn: on.cpu,
        cpuOff: off.cpu,
        mainOn: on.mainCpu,
        mainOff: off.mainCpu,
      });
    }
    const m = (pick: (r: (typeof rows)[number]) => number) => median(rows.map(pick));
    const line =
      `分类记录开/关，${s.label}：${median(rows.map((r) => r.ratio)).toFixed(2)}×（各轮 ${rows.map((r) => r.ratio.toFixed(2)).join(' ')}）` +
      ` 开 ${Math.round(m((r) => r.on))}/s CPU ${Math.round(m((r) => r.cpuOn))} µs/请求（主线程 ${Math.round(m((r) => r.mainOn))}）；` +
      `关 ${Math.round(m((r) => r.off))}/s CPU ${Math.round(m((r) => r.cpuOff))} µs/请求（主线程 ${Math.round(m((r) => r.mainOff))}）；` +
      `主线程开/关 ${(m((r) => r.mainOn) / m((r) => r.mainOff)).toFixed(2)}`;
    console.log(line);
    lines.push(line);
  }
  setLog(true);
  o.world.app.services.decisionLog.writer.flush();
  const logged = stores.decisionLog.count(o.unitId, {});
  console.log(`分类记录：本次测量共写入 ${logged.toLocaleString('en-US')} 条`);
  return lines;
}
