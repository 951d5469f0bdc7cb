// Differential tests: the compiled, indexed engine must agree with json-logic-js on large generated corpora.
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { RETENTIONS, type RetentionCode } from '../../server/schemas/retention-codes.js';
import { compile } from '../../server/engine/compile.js';
import { compileLogic } from '../../server/engine/logic-compile.js';
import { checkLogic } from '../../server/engine/logic-check.js';
import { RecordFields } from '../../server/engine/record-fields.js';
import { fieldNames } from '../../server/engine/validate.js';
import { DOC_TYPES, Gen, WORDS, mulberry32, randomLogic, randomRecord } from './random-logic.js';

type Eval = { ok: true; value: unknown } | { ok: false };

function run(f: () => unknown): Eval {
  try {
    return { ok: true, value: f() };
  } catch {
    return { ok: false };
  }
}

/** Equality of evaluation results: NaN equals NaN, arrays element-wise, objects by JSON. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

const fields = fieldNames({
  fields: [
    { name: 'extra.level', label: '级别', type: 'string' },
    { name: 'extra.flag', label: '标记', type: 'boolean' },
  ],
});

describe('compiled JSON-Logic ≡ json-logic-js', () => {
  it('gives identical values (and throws alike) on 40,000 generated condition × record pairs', () => {
    const g = new Gen(mulberry32(20261121));
    let compared = 0;
    for (let i = 0; i < 4000; i++) {
      const logic = randomLogic(g);
      expect(checkLogic(logic, '', { fields }), JSON.stringify(logic)).toEqual([]);
      // Compiled alone, and as the engine compiles it: reading the record through shared fields (cached while the
      // record is in use, read directly otherwise).
      const fn = compileLogic(logic);
      const recordFields = new RecordFields();
      const withFields = compileLogic(logic, recordFields);
      const inUse = (record: unknown) => {
        recordFields.use(record);
        try {
          return withFields(record);
        } finally {
          recordFields.release();
        }
      };
      for (let j = 0; j < 10; j++) {
        const record = randomRecord(g, j % 3 === 0);
        const expected = run(() => jsonLogic.apply(logic as jsonLogic.RulesLogic, record));
        for (const [how, actual] of [
          ['alone', run(() => fn(record))],
          ['in use', run(() => inUse(record))],
          ['not in use', run(() => withFields(record))],
        ] as const) {
          if (expected.ok !== actual.ok || (expected.ok && actual.ok && !same(expected.value, actual.value))) {
            throw new Error(
              `differs (${how}) for ${JSON.stringify(logic)} on ${JSON.stringify(record)}: json-logic-js ${JSON.stringify(expected)} vs compiled ${JSON.stringify(actual)}`,
            );
          }
        }
        compared++;
      }
    }
    expect(compared).toBe(40_000);
  });

  it('walks lists in "all", "some" and "none" as json-logic-js does, holes included', () => {
    const sparse: unknown[] = [];
    sparse[2] = 'x';
    const list = { var: 'keywords' };
    const isX = { '===': [{ var: '' }, 'x'] };
    const isMissing = { '===': [{ var: '' }, null] };
    for (const keywords of [sparse, ['x', 'x'], ['y'], [], 'xx', null]) {
      for (const op of ['all', 'some', 'none']) {
        for (const test of [isX, isMissing]) {
          const logic = { [op]: [list, test] };
          expect(compileLogic(logic)({ keywords }), JSON.stringify({ logic, keywords })).toBe(
            jsonLogic.apply(logic as jsonLogic.RulesLogic, { keywords }),
          );
        }
      }
    }
  });
});

/** Row conditions as schemes write them: indexable shapes mixed with arbitrary logic. */
function rowCondition(g: Gen): unknown {
  const atom = (): unknown => {
    switch (g.int(7)) {
      case 0:
        return { or: Array.from({ length: 1 + g.int(3) }, () => ({ in: [g.pick(WORDS.filter(Boolean)), { var: 'title' }] })) };
      // A word in the title with a default for a missing title: the default is not the field's value.
      case 5:
        return { in: [g.pick(WORDS.filter(Boolean)), { var: ['title', g.pick(['', '决议纪要', '通知', '年度计划'])] }] };
      case 1:
        return { in: [{ var: 'docType' }, [g.pick(DOC_TYPES), g.pick(DOC_TYPES)]] };
      case 2:
        return {
          '==': [{ var: g.pick(['origin', 'businessType', 'docType']) }, g.pick(['own', 'superior', '会计凭证', '5', ...DOC_TYPES])],
        };
      case 3:
        return { some: [{ var: 'keywords' }, { in: [{ var: '' }, [g.pick(WORDS), g.pick(WORDS)]] }] };
      case 4:
        return { '===': [{ var: 'extra.level' }, g.pick(['重要', '一般'])] };
      default: {
        const logic = randomLogic(g, 2);
        return typeof logic === 'object' && logic !== null && !Array.isArray(logic) ? logic : { '!!': [logic] };
      }
    }
  };
  const n = 1 + g.int(3);
  return n === 1 ? atom() : { [g.pick(['and', 'and', 'or'])]: Array.from({ length: n }, atom) };
}

const CODES: RetentionCode[] = ['Y', 'D30', 'D10'];

function randomScheme(g: Gen, rows: number) {
  const items: Record<string, unknown>[] = [];
  for (let i = 1; i <= rows; i++) {
    const deep = g.chance(0.3);
    const retention = g.chance(0.25)
      ? [
          { label: '重要的', when: rowCondition(g), code: g.pick(CODES) },
          ...(g.chance(0.5) ? [{ label: '一般的', code: g.pick(CODES) }] : []),
        ]
      : g.pick(CODES);
    const leaf: Record<string, unknown> = { scope: `第${i}条`, class: 'WS/A', when: rowCondition(g), retention };
    if (Array.isArray(retention) && retention.length === 1) leaf.review = '需判断是否重要';
    if (deep) {
      items.push({ id: `${i}`, scope: `标题${i}` });
      items.push({ id: `${i}.1`, ...leaf });
    } else items.push({ id: `${i}`, ...leaf });
  }
  return {
    format: 'sanheyi.scheme/1',
    title: '随机方案',
    unit: '测试单位',
    kind: 'enterprise',
    fonds: 'Z1',
    fields: [
      { name: 'extra.level', label: '级别', type: 'string' },
      { name: 'extra.flag', label: '标记', type: 'boolean' },
    ],
    classes: [{ code: 'WS', name: '文书', children: [{ code: 'A', name: '甲' }] }],
    items,
    exclusions: g.chance(0.5)
      ? [{ id: 'E1', scope: '草稿', when: g.chance(0.5) ? { '==': [{ var: 'manuscript' }, '草稿'] } : rowCondition(g) }]
      : [],
  };
}

/** The reference: every row evaluated with json-logic-js, then the documented policy. */
function leavesOf(scheme: ReturnType<typeof randomScheme>) {
  const parents = new Set(scheme.items.map((it) => String(it.id).split('.').slice(0, -1).join('.')).filter(Boolean));
  return scheme.items.map((it, order) => ({ it, order })).filter(({ it }) => !parents.has(String(it.id)));
}

function naiveClassify(scheme: ReturnType<typeof randomScheme>, leaves: ReturnType<typeof leavesOf>, record: unknown) {
  const truthy = (logic: unknown) => {
    const r = run(() => jsonLogic.apply(logic as jsonLogic.RulesLogic, record));
    return r.ok && jsonLogic.truthy(r.value);
  };
  const matched = leaves.filter(({ it }) => truthy(it.when));
  const excluded = scheme.exclusions.find((x) => truthy(x.when));
  const decided = matched.map(({ it, order }) => {
    const r = it.retention as RetentionCode | { when?: unknown; code: RetentionCode }[];
    const code = typeof r === 'string' ? r : (r.find((b) => b.when === undefined || truthy(b.when))?.code ?? null);
    const max = typeof r === 'string' ? RETENTIONS[r].rank : Math.max(...r.map((b) => RETENTIONS[b.code].rank));
    return { id: String(it.id), depth: String(it.id).split('.').length, order, code, max };
  });
  if (excluded) return { outcome: 'exclude', matched: decided.map((d) => d.id) };
  if (!decided.length) return { outcome: 'review', matched: [] };
  const best = decided
    .filter((d) => d.code)
    .sort((a, b) => RETENTIONS[b.code!].rank - RETENTIONS[a.code!].rank || b.depth - a.depth || a.order - b.order)[0];
  const bestRank = best ? RETENTIONS[best.code!].rank : 0;
  const wins = (d: (typeof decided)[number]) =>
    !best || d.max > bestRank || (d.max === bestRank && (d.depth > best.depth || (d.depth === best.depth && d.order < best.order)));
  const open = decided.find((d) => !d.code && wins(d));
  if (open) return { outcome: 'review', item: open.id, matched: decided.map((d) => d.id) };
  return { outcome: 'file', item: best.id, retention: best.code, matched: decided.map((d) => d.id) };
}

describe('indexed classify ≡ naive evaluation of every row', () => {
  it('agrees on matched rows, outcome, deciding row and retention for 40 schemes × 1,000 records', () => {
    const g = new Gen(mulberry32(79));
    let records = 0;
    for (let s = 0; s < 40; s++) {
      const scheme = randomScheme(g, 10 + g.int(60));
      const compiled = compile(scheme);
      const leaves = leavesOf(scheme);
      expect(compiled.stats.indexedRows).toBeGreaterThan(0);
      for (let r = 0; r < 1000; r++) {
        const record = randomRecord(g, r % 4 === 0);
        const expected = naiveClassify(scheme, leaves, record);
        const result = compiled.classify(record);
        const actual = {
          outcome: result.outcome,
          ...(result.item ? { item: result.item.id } : {}),
          ...(result.outcome === 'file' ? { retention: result.retention!.code } : {}),
          matched: result.candidates.map((c) => c.id),
        };
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          throw new Error(
            `scheme ${s} record ${JSON.stringify(record)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
          );
        }
        records++;
      }
    }
    expect(records).toBe(40_000);
  });
});
