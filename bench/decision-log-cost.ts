// `npm run bench:http -- --log`: what the decision log costs the classify path. The same sanheyi server, the same
// requests, in interleaved rounds with the unit's log switched on and off; prints the median of the rounds'
// throughput ratios (on ÷ off) and the CPU time per request of both (the target: ≥ 0.9×).
import type { LoadChild } from './http.js';
import type { LoadResult } from './load.js';
import type { BenchWorld } from './setup.js';

export interface CostScenario {
  label: string;
  connections: number;
  requests: Buffer[];
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
    const r: LoadResult = await o.load.run({ port: o.port, requests: s.requests, connections: s.connections, ms: o.ms });
    const used = process.cpuUsage(cpu);
    if (r.failures) throw new Error(`${s.label}：${r.failures} 个请求失败（${r.firstFailure}）`);
    return { ...r, cpu: (used.user + used.system) / Math.max(1, r.requests) };
  };
  const lines: string[] = [];
  for (const s of o.scenarios) {
    const rows: { ratio: number; on: number; off: number; cpuOn: number; cpuOff: number }[] = [];
    for (let round = 0; round < o.rounds; round++) {
      const order = round % 2 ? [false, true] : [true, false];
      const got: Record<string, Awaited<ReturnType<typeof measure>>> = {};
      for (const enabled of order) {
        setLog(enabled);
        got[String(enabled)] = await measure(s);
      }
      const on = got.true;
      const off = got.false;
      rows.push({ ratio: on.perSecond / off.perSecond, on: on.perSecond, off: off.perSecond, cpuOn: on.cpu, cpuOff: off.cpu });
    }
    const m = (pick: (r: (typeof rows)[number]) => number) => median(rows.map(pick));
    const line =
      `分类记录开/关，${s.label}：${median(rows.map((r) => r.ratio)).toFixed(2)}×（各轮 ${rows.map((r) => r.ratio.toFixed(2)).join(' ')}）` +
      ` 开 ${Math.round(m((r) => r.on))}/s CPU ${Math.round(m((r) => r.cpuOn))} µs/请求；关 ${Math.round(m((r) => r.off))}/s CPU ${Math.round(m((r) => r.cpuOff))} µs/请求`;
    console.log(line);
    lines.push(line);
  }
  setLog(true);
  o.world.app.services.decisionLog.writer.flush();
  const logged = stores.decisionLog.count(o.unitId, {});
  console.log(`分类记录：本次测量共写入 ${logged.toLocaleString('en-US')} 条`);
  return lines;
}
