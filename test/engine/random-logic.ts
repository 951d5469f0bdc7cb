// Seeded generators of JSON-Logic conditions and records for the differential tests.
import { prng } from '../../bench/random.js';
import { STANDARD_FIELDS } from '../../server/schemas/fields.js';

/** The bench's seeded PRNG (mulberry32). */
export const mulberry32 = prng;

export class Gen {
  constructor(readonly rand: () => number) {}
  int(n: number): number {
    return Math.floor(this.rand() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
}

export const WORDS = [
  '决议',
  '纪要',
  '通知',
  '请示',
  '批复',
  '合同',
  '章程',
  '报告',
  '计划',
  '总结',
  '会计',
  '凭证',
  '董事会',
  '年度',
  '5',
  '',
  '10',
];
export const DOC_TYPES = ['决议', '决定', '纪要', '通知', '请示', '批复', '报告', '合同', '函'];
const FIELDS = [...STANDARD_FIELDS.map((f) => f.name), 'extra.level', 'extra.flag'];

function constant(g: Gen): unknown {
  switch (g.int(8)) {
    case 0:
      return g.int(200) - 50;
    case 1:
      return g.pick([true, false, null]);
    case 2:
      return g.pick(['2020-01-01', '2015-06-30', '2024-12-31']);
    case 3:
      return [g.pick(WORDS), g.pick(DOC_TYPES)];
    case 4:
      return String(g.int(100));
    default:
      return g.pick([...WORDS, ...DOC_TYPES]);
  }
}

function scalar(g: Gen): unknown {
  const c = constant(g);
  return Array.isArray(c) ? c[0] : c;
}

const VALUE_OPS = [
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'cat',
  'substr',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'merge',
  '!',
  '!!',
  'missing',
  'missing_some',
];

/** A random condition over the standard fields, using every allowed operator. */
export function randomLogic(g: Gen, depth = 0, scoped = false): unknown {
  const leaf = depth >= 4 || g.chance(0.3);
  if (leaf) {
    if (scoped) return g.chance(0.7) ? { var: '' } : constant(g);
    return g.chance(0.6) ? { var: g.chance(0.85) ? g.pick(FIELDS) : [g.pick(FIELDS), scalar(g)] } : constant(g);
  }
  const sub = () => randomLogic(g, depth + 1, scoped);
  const kind = g.int(12);
  if (kind === 0) return { and: Array.from({ length: 1 + g.int(3) }, sub) };
  if (kind === 1) return { or: Array.from({ length: 1 + g.int(3) }, sub) };
  if (kind === 2) return { if: Array.from({ length: 1 + g.int(4) }, sub) };
  if (kind === 3 && !scoped) {
    const op = g.pick(['some', 'all', 'none']);
    return { [op]: [{ var: g.pick(['keywords', 'title', 'extra.level']) }, randomLogic(g, depth + 1, true)] };
  }
  if (kind === 4 && !scoped) return { in: [g.pick(WORDS), { var: g.pick(['title', 'keywords', 'docType']) }] };
  if (kind === 5 && !scoped)
    return { in: [{ var: g.pick(['docType', 'origin', 'businessType']) }, [g.pick(DOC_TYPES), g.pick(DOC_TYPES)]] };
  if (kind === 6 && !scoped)
    return { [g.pick(['==', '==='])]: [{ var: g.pick(['docType', 'origin', 'amount', 'actionRequired']) }, constant(g)] };
  const op = g.pick(VALUE_OPS);
  switch (op) {
    case '!':
    case '!!': {
      const arg = sub();
      return { [op]: g.chance(0.5) && !Array.isArray(arg) ? arg : [arg] };
    }
    case '<':
    case '<=':
      return { [op]: Array.from({ length: 2 + g.int(2) }, sub) };
    case 'substr':
      return { substr: [sub(), g.int(6) - 3, ...(g.chance(0.5) ? [g.int(6) - 3] : [])] };
    case '-':
      return { '-': Array.from({ length: 1 + g.int(2) }, sub) };
    case 'missing':
      if (scoped) return { missing: [''] };
      return { missing: Array.from({ length: 1 + g.int(3) }, () => g.pick(FIELDS)) };
    case 'missing_some':
      if (scoped) return { '!!': [sub()] };
      return { missing_some: [g.int(3), Array.from({ length: 1 + g.int(3) }, () => g.pick(FIELDS))] };
    case 'cat':
    case '+':
    case '*':
    case 'min':
    case 'max':
    case 'merge':
      return { [op]: Array.from({ length: 1 + g.int(3) }, sub) };
    default:
      return { [op]: [sub(), sub()] };
  }
}

/** A record as a business system sends it (mostly well typed, sometimes odd). */
export function randomRecord(g: Gen, odd = false): Record<string, unknown> {
  const r: Record<string, unknown> = { title: Array.from({ length: 1 + g.int(3) }, () => g.pick(WORDS)).join('关于') };
  if (g.chance(0.7)) r.docType = g.pick(DOC_TYPES);
  if (g.chance(0.5)) r.origin = g.pick(['own', 'superior', 'peer', 'subordinate', 'external']);
  if (g.chance(0.3)) r.role = g.pick(['host', 'co']);
  if (g.chance(0.5)) r.date = g.pick(['2011-05-01', '2020-01-01', '2024-12-31', '2019-02-28T10:00:00+08:00']);
  if (g.chance(0.4)) r.amount = g.pick([0, 5, 10, 9999, 100000, 2.5]);
  if (g.chance(0.3)) r.actionRequired = g.chance(0.5);
  if (g.chance(0.3)) r.businessType = g.pick(['会计凭证', '合同', '5', '']);
  if (g.chance(0.4)) r.keywords = Array.from({ length: g.int(3) }, () => g.pick(WORDS));
  if (g.chance(0.3)) r.manuscript = g.pick(['正本', '草稿', '副本']);
  if (g.chance(0.3)) r.extra = { level: g.pick(['重要', '一般', 5]), flag: g.chance(0.5) };
  if (odd) {
    // Types a validated record would not have, to prove the index falls back correctly.
    if (g.chance(0.3)) r.docType = g.pick([5, ['决议'], true, null, '']);
    if (g.chance(0.3)) r.title = g.pick([10, ['决议', '纪要'], '']);
    if (g.chance(0.2)) r.origin = g.pick([0, ['own']]);
    if (g.chance(0.2)) delete r.title; // a `var` default then stands in for it
  }
  return r;
}
