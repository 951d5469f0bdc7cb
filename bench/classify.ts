// `npm run bench`: classification throughput of the compiled engine versus a naive json-logic-js loop over every row.
import * as jsonLogicModule from 'json-logic-js';
import { compile, validateScheme } from '../server/engine/index.js';
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

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const now = () => performance.now();

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
  const leafRows = compiled.rows.map((r) => r.item);
  const exclusions = gen.scheme.exclusions ?? [];
  const naive = (record: unknown): string[] => {
    const matched: string[] = [];
    for (const item of leafRows) {
      if (item.when === undefined || !jsonLogic.truthy(jsonLogic.apply(item.when as Logic, record))) continue;
      matched.push(item.id);
      if (Array.isArray(item.retention)) {
        for (const b of item.retention) if (b.when === undefined || jsonLogic.truthy(jsonLogic.apply(b.when as Logic, record))) break;
      }
    }
    for (const x of exclusions) if (jsonLogic.truthy(jsonLogic.apply(x.when as Logic, record))) break;
    return matched;
  };

  // Sanity: the index finds exactly the rows json-logic-js says hold.
  let mismatches = 0;
  const histogram = [0, 0, 0, 0, 0];
  for (let i = 0; i < SAMPLE; i++) {
    const r = records[Math.floor((i * RECORDS) / SAMPLE)];
    const engine = compiled.classify(r).candidates.map((c) => c.id).sort().join(',');
    const reference = naive(r).sort();
    histogram[Math.min(reference.length, 4)]++;
    if (engine !== reference.join(',')) {
      if (mismatches < 5) console.error(`不一致：${JSON.stringify(r)}\n  引擎 [${engine}]\n  朴素 [${reference.join(',')}]`);
      mismatches++;
    }
  }

  // Warm up both paths on records of their own, so that the measured ones are new to the engine, then measure.
  const warmUp = JSON.parse(JSON.stringify([...generateRecords(gen, WARM_UP, 3)])) as ClassifiableRecord[];
  for (const r of warmUp) compiled.classify(r);
  for (let i = 0; i < WARM_UP / 20; i++) naive(warmUp[i]);

  // Interleaved rounds, so that a busy machine slows both loops alike. The ratio is the median of the rounds'
  // ratios: a burst of load from elsewhere (this machine's speed swings by a third) skews one round, not the figure.
  const outcomes = { file: 0, exclude: 0, review: 0 };
  let engineMs = 0;
  let naiveMs = 0;
  let sink = 0;
  const roundRatios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    t = now();
    for (let i = (round * RECORDS) / ROUNDS; i < ((round + 1) * RECORDS) / ROUNDS; i++) outcomes[compiled.classify(records[i]).outcome]++;
    const e = now() - t;
    t = now();
    for (let i = (round * NAIVE_RECORDS) / ROUNDS; i < ((round + 1) * NAIVE_RECORDS) / ROUNDS; i++) sink += naive(records[i]).length;
    const n = now() - t;
    engineMs += e;
    naiveMs += n;
    roundRatios.push(RECORDS / e / (NAIVE_RECORDS / n));
  }

  // How well the guards narrow the search: rows evaluated per record.
  let evaluated = 0;
  for (let i = 0; i < SAMPLE; i++) evaluated += compiled.indexCandidates(records[i]).length;

  const engineRate = (RECORDS / engineMs) * 1000;
  const naiveRate = (NAIVE_RECORDS / naiveMs) * 1000;
  const ratio = median(roundRatios);

  const out = [
    `方案：${compiled.stats.rows} 条条款（有索引 ${compiled.stats.indexedRows} 条${compiled.stats.rows > compiled.stats.indexedRows ? `，其余 ${compiled.stats.rows - compiled.stats.indexedRows} 条每条记录都要求值` : ''}），不归档条目 ${compiled.stats.exclusions} 条`,
    `记录：${fmt(RECORDS)} 条（生成用时 ${fmt(genMs)} ms）；抽样 ${fmt(SAMPLE)} 条匹配条款数 0/1/2/3/4+：${histogram.join(' / ')}`,
    `编译：${compileMs.toFixed(1)} ms；索引筛选后每条记录平均求值 ${(evaluated / SAMPLE).toFixed(1)} 条条款（共 ${compiled.stats.rows} 条）`,
    `引擎 compiled.classify：${fmt(RECORDS)} 条 ${fmt(engineMs)} ms，${fmt(engineRate)} 条/秒（归档 ${fmt(outcomes.file)}，不归档 ${fmt(outcomes.exclude)}，人工判断 ${fmt(outcomes.review)}）`,
    `朴素循环 json-logic-js（逐条求值全部条款、其分支和不归档条目；为缩短运行时间只测前 ${fmt(NAIVE_RECORDS)} 条）：${fmt(naiveMs)} ms，${fmt(naiveRate)} 条/秒（匹配 ${fmt(sink)} 次）`,
    `倍数：${ratio.toFixed(1)}×（${ROUNDS} 轮交替测量各轮倍数的中位数，最低 ${Math.min(...roundRatios).toFixed(1)}×，最高 ${Math.max(...roundRatios).toFixed(1)}×；按总用时为 ${(engineRate / naiveRate).toFixed(1)}×；目标 ≥ ${TARGET}×）${ratio >= TARGET ? '' : '  ← 未达到目标'}`,
    `一致性：抽样 ${fmt(SAMPLE)} 条，引擎与朴素循环匹配的条款集合${mismatches ? `有 ${mismatches} 条不一致` : '完全一致'}`,
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
