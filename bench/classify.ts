// `npm run bench`: classification throughput of the compiled engine versus a naive json-logic-js loop over every row.
//
// Run with --expose-gc (the npm script does): each timed window starts after a full collection, so that garbage
// left by the other loop is not charged to this one. Both loops are warmed up for at least 2 s each; rates are taken
// from this process's CPU time per window (process.cpuUsage), which the other agents' load on a shared machine
// disturbs far less than wall time; wall-time figures are printed too. The naive loop classifies every tenth record of
// the engine's window in the same round (the same records, fewer of them), and on those records the two must agree
// on the decision: the rows that match, the branch each row takes, and whether an exclusion applies.
import * as jsonLogicModule from 'json-logic-js';
import { type ClassifyResult, compile, validateScheme } from '../server/engine/index.js';
import type { ClassifiableRecord } from '../server/schemas/record.js';
import { generateRecords, generateScheme } from './generate.js';

// json-logic-js is a UMD bundle: under Node's ESM loader its functions sit on the default export.
const jsonLogic = ((jsonLogicModule as { default?: unknown }).default ?? jsonLogicModule) as typeof jsonLogicModule;
type Logic = Parameters<typeof jsonLogic.apply>[0];

const ROWS = 300;
const RECORDS = 200_000;
const NAIVE_RECORDS = 20_000;
const SAMPLE = 2_000;
const TARGET = 100;
const ROUNDS = 20;
const WARM_UP = 20_000;
const WARM_UP_MS = 2_000;
const NAIVE_EVERY = RECORDS / NAIVE_RECORDS;
const gc = (globalThis as { gc?: () => void }).gc;

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const now = () => performance.now();
/** CPU milliseconds this process has used (user + system). */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function main(): number {
  const gen = generateScheme(1, ROWS);
  const checked = validateScheme(gen.scheme);
  if (!checked.ok) {
    console.error('生成的方案无效：');
    for (const e of checked.errors.slice(0, 20)) console.error(`  ${e.path} ${e.message}`);
    return 1;
  }

  let t = now();
  // Records as business systems send them: parsed from JSON (the HTTP API and `sanheyi classify` both parse JSON).
  // The generator builds titles by concatenation; a parsed record holds flat strings, as real input does.
  const records = JSON.parse(JSON.stringify([...generateRecords(gen, RECORDS, 2)])) as ClassifiableRecord[];
  const genMs = now() - t;

  t = now();
  const compiled = compile(gen.scheme);
  const compileMs = now() - t;

  // Naive evaluator: every leaf row's condition through json-logic-js, then the matched rows' branches and every
  // exclusion (what a classifier without an index has to do to find the same candidates).
  const leafRows = compiled.rows.map((r) => compiled.scheme.items[r.order]);
  const exclusions = gen.scheme.exclusions ?? [];
  // Its decision: each matching row with the branch that holds (none: undecided), and whether an exclusion holds.
  interface Decision {
    rows: string[];
    excluded: boolean;
  }
  const naive = (record: unknown): Decision => {
    const rows: string[] = [];
    for (const item of leafRows) {
      if (item.when === undefined || !jsonLogic.truthy(jsonLogic.apply(item.when as Logic, record))) continue;
      let branch = '';
      if (Array.isArray(item.retention)) {
        branch = '?';
        for (const b of item.retention) {
          if (b.when === undefined || jsonLogic.truthy(jsonLogic.apply(b.when as Logic, record))) {
            branch = b.label;
            break;
          }
        }
      }
      rows.push(branch ? `${item.id}:${branch}` : item.id);
    }
    let excluded = false;
    for (const x of exclusions) {
      if (jsonLogic.truthy(jsonLogic.apply(x.when as Logic, record))) {
        excluded = true;
        break;
      }
    }
    return { rows: rows.sort(), excluded };
  };
  const engineDecision = (r: ClassifyResult): Decision => ({
    rows: r.candidates.map((c) => (c.branch ? `${c.id}:${c.branch}` : c.retention === null ? `${c.id}:?` : c.id)).sort(),
    excluded: r.outcome === 'exclude' || r.exclusion !== undefined,
  });
  /** Same rows and branches; an exclusion the engine applied must hold, and one that holds must exclude or ask. */
  let mismatches = 0;
  const histogram = [0, 0, 0, 0, 0];
  const compare = (record: ClassifiableRecord, e: ClassifyResult, n: Decision) => {
    histogram[Math.min(n.rows.length, 4)]++;
    const d = engineDecision(e);
    const agree = d.rows.join(',') === n.rows.join(',') && (d.excluded ? n.excluded : !n.excluded || e.outcome === 'review');
    if (!agree) {
      if (mismatches < 5)
        console.error(
          `不一致：${JSON.stringify(record)}\n  引擎 [${d.rows}]${d.excluded ? ' 不归档' : ''} ${e.outcome}\n  朴素 [${n.rows}]${n.excluded ? ' 不归档条目成立' : ''}`,
        );
      mismatches++;
    }
  };

  // Warm up both paths on records of their own for at least WARM_UP_MS each, so that the measured records are new
  // to the engine and both loops run optimised code.
  const warmUp = JSON.parse(JSON.stringify([...generateRecords(gen, WARM_UP, 3)])) as ClassifiableRecord[];
  for (let t0 = now(), i = 0; now() - t0 < WARM_UP_MS; i++) compiled.classify(warmUp[i % WARM_UP]);
  for (let t0 = now(), i = 0; now() - t0 < WARM_UP_MS; i++) naive(warmUp[i % WARM_UP]);

  // Interleaved rounds, so that a busy machine slows both loops alike. The ratio is the median of the rounds'
  // ratios: a burst of load from elsewhere (this machine's speed swings by a third) skews one round, not the figure.
  const outcomes = { file: 0, exclude: 0, review: 0 };
  let engineMs = 0;
  let naiveMs = 0;
  let engineCpu = 0;
  let naiveCpu = 0;
  let sink = 0;
  const roundRatios: number[] = [];
  // The engine's results of the records the naive loop also classifies (every NAIVE_EVERY-th); the rest are dropped
  // at once, as a caller would, so that keeping them does not load the collector.
  const engineResults: ClassifyResult[] = new Array(NAIVE_RECORDS / ROUNDS);
  const naiveResults: Decision[] = new Array(NAIVE_RECORDS / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const from = (round * RECORDS) / ROUNDS;
    const to = ((round + 1) * RECORDS) / ROUNDS;
    gc?.();
    let c = cpu();
    t = now();
    for (let i = from; i < to; i++) {
      const r = compiled.classify(records[i]);
      outcomes[r.outcome]++;
      if ((i - from) % NAIVE_EVERY === 0) engineResults[(i - from) / NAIVE_EVERY] = r;
    }
    const e = now() - t;
    const ec = cpu() - c;
    gc?.();
    c = cpu();
    t = now();
    for (let i = from, k = 0; i < to; i += NAIVE_EVERY, k++) naiveResults[k] = naive(records[i]);
    const n = now() - t;
    const nc = cpu() - c;
    for (let i = from, k = 0; i < to; i += NAIVE_EVERY, k++) {
      compare(records[i], engineResults[k], naiveResults[k]);
      sink += naiveResults[k].rows.length;
    }
    engineMs += e;
    naiveMs += n;
    engineCpu += ec;
    naiveCpu += nc;
    roundRatios.push(RECORDS / ec / (NAIVE_RECORDS / nc));
  }

  // How well the guards narrow the search: rows evaluated per record.
  let evaluated = 0;
  for (let i = 0; i < SAMPLE; i++) evaluated += compiled.indexCandidates(records[i]).length;

  const engineRate = (RECORDS / engineCpu) * 1000;
  const naiveRate = (NAIVE_RECORDS / naiveCpu) * 1000;
  const wallRatio = RECORDS / engineMs / (NAIVE_RECORDS / naiveMs);
  const ratio = median(roundRatios);

  const out = [
    `方案：${compiled.stats.rows} 条条款（有索引 ${compiled.stats.indexedRows} 条${compiled.stats.rows > compiled.stats.indexedRows ? `，其余 ${compiled.stats.rows - compiled.stats.indexedRows} 条每条记录都要求值` : ''}），不归档条目 ${compiled.stats.exclusions} 条`,
    `记录：${fmt(RECORDS)} 条（生成用时 ${fmt(genMs)} ms）`,
    `编译：${compileMs.toFixed(1)} ms；索引筛选后每条记录平均求值 ${(evaluated / SAMPLE).toFixed(1)} 条条款（共 ${compiled.stats.rows} 条）`,
    `预热：两个循环各 ≥ ${WARM_UP_MS / 1000} 秒；每个计时窗口前 gc()${gc ? '' : '（未启用：请用 node --expose-gc 运行）'}，按本进程 CPU 时间计速`,
    `引擎 compiled.classify：${fmt(RECORDS)} 条 CPU ${fmt(engineCpu)} ms（墙钟 ${fmt(engineMs)} ms），${fmt(engineRate)} 条/秒（归档 ${fmt(outcomes.file)}，不归档 ${fmt(outcomes.exclude)}，人工判断 ${fmt(outcomes.review)}）`,
    `朴素循环 json-logic-js（逐条求值全部条款、其分支和不归档条目；每轮取引擎同一批记录中每 ${NAIVE_EVERY} 条的 1 条，共 ${fmt(NAIVE_RECORDS)} 条）：CPU ${fmt(naiveCpu)} ms（墙钟 ${fmt(naiveMs)} ms），${fmt(naiveRate)} 条/秒（匹配 ${fmt(sink)} 次）`,
    `倍数：${ratio.toFixed(1)}×（${ROUNDS} 轮交替测量、按 CPU 时间各轮倍数的中位数，最低 ${Math.min(...roundRatios).toFixed(1)}×，最高 ${Math.max(...roundRatios).toFixed(1)}×；按 CPU 总时间 ${(engineRate / naiveRate).toFixed(1)}×，按墙钟总时间 ${wallRatio.toFixed(1)}×；目标 ≥ ${TARGET}×）${ratio >= TARGET ? '' : '  ← 未达到目标'}`,
    `一致性：朴素循环的 ${fmt(NAIVE_RECORDS)} 条记录上，两者的决定（匹配的条款及各自的分支、是否不归档）${mismatches ? `有 ${mismatches} 条不一致` : '完全一致'}；匹配条款数 0/1/2/3/4+：${histogram.join(' / ')}`,
  ];
  console.log(out.join('\n'));
  return mismatches ? 1 : 0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

process.exitCode = main();
