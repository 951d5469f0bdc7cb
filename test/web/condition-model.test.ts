// Condition builder model: exact JSON-Logic round trips (seeded property tests) and advanced-view detection.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guardOf } from '../../server/engine/guards.js';
import { checkLogic } from '../../server/engine/logic-check.js';
import { compileLogic, holds } from '../../server/engine/logic-compile.js';
import {
  type ConditionGroup,
  type ConditionNode,
  type ConditionRule,
  type FieldOption,
  type OperatorId,
  type Scalar,
  OPERATORS_BY_TYPE,
  OPERATOR_SHAPE,
  fieldCatalogue,
  updateAt,
  withOperator,
} from '../../web-components/lib/condition-model.js';
import type { SchemeParameter } from '../../server/schemas/scheme.js';
import { validateCondition } from '../../web-components/lib/condition-check.js';
import { describeCondition } from '../../web-components/lib/condition-describe.js';
import { normalizeCondition, parseCondition } from '../../web-components/lib/condition-parse.js';
import { toJsonLogic } from '../../web-components/lib/condition-to-logic.js';
import { deepEqual } from '../../web-components/lib/deep-equal.js';

const FIELDS = fieldCatalogue([
  { name: 'extra.contractAmount', label: '合同金额', type: 'number' },
  { name: 'extra.level', label: '重要程度', type: 'enum', values: ['重要', '一般'] },
  { name: 'extra.scrappedOn', label: '报废日期', type: 'date' },
]);
const FIELD_NAMES = new Set(FIELDS.map((f) => f.name));

/** mulberry32: small, seedable, good enough to spread cases. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const WORDS = ['会议纪要', '纪要', '决议', '合同', '"引号"', 'a,b', '年度 计划', 'X', '通知', '请示', '批复', '{"var":"x"}', '\\', '总结'];

function scalarFor(r: Rng, field: FieldOption): Scalar {
  switch (field.type) {
    case 'number':
      return r.pick([0, 1, 10000, 2.5, -3, 1e6]);
    case 'boolean':
      return r.chance(0.5);
    case 'date':
      return r.pick(['2020-01-01', '2024-05-01', '2015-12-31T09:30:00+08:00']);
    case 'enum':
      return r.pick(field.values ?? ['x']);
    default:
      return r.pick(WORDS);
  }
}

function genRule(r: Rng): ConditionRule {
  const field = r.pick(FIELDS);
  const op = r.pick(OPERATORS_BY_TYPE[field.type]);
  const shape = OPERATOR_SHAPE[op];
  const strings = () => Array.from({ length: 1 + r.int(4) }, () => (field.type === 'enum' ? r.pick(field.values!) : r.pick(WORDS)));
  const values: Scalar[] =
    shape === 'none'
      ? []
      : shape === 'list'
        ? strings()
        : shape === 'range'
          ? [scalarFor(r, field), scalarFor(r, field)]
          : [scalarFor(r, field)];
  return { kind: 'rule', field: field.name, op, values };
}

function genNode(r: Rng, depth: number): ConditionNode {
  if (depth >= 4 || r.chance(0.55)) return genRule(r);
  return genGroup(r, depth);
}

function genGroup(r: Rng, depth: number): ConditionGroup {
  const children = Array.from({ length: 1 + r.int(4) }, () => genNode(r, depth + 1));
  const group: ConditionGroup = { kind: 'group', combinator: r.chance(0.5) ? 'and' : 'or', children };
  if (depth > 0 && r.chance(0.25)) group.negate = true;
  return group;
}

/** What storage does to a condition: JSON text and back. */
const stored = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('condition model → JSON-Logic → model', () => {
  it('writes the forms the engine indexes', () => {
    const title = (op: OperatorId, values: Scalar[]): ConditionRule => ({ kind: 'rule', field: 'title', op, values });
    expect(toJsonLogic(title('containsAny', ['纪要', '会议记录']))).toEqual({
      or: [{ in: ['纪要', { var: 'title' }] }, { in: ['会议记录', { var: 'title' }] }],
    });
    expect(toJsonLogic({ kind: 'rule', field: 'docType', op: 'in', values: ['决议', '纪要'] })).toEqual({
      in: [{ var: 'docType' }, ['决议', '纪要']],
    });
    expect(toJsonLogic({ kind: 'rule', field: 'origin', op: 'eq', values: ['own'] })).toEqual({ '==': [{ var: 'origin' }, 'own'] });
    expect(toJsonLogic({ kind: 'rule', field: 'docNumber', op: 'empty', values: [] })).toEqual({ '!': { var: 'docNumber' } });
    expect(toJsonLogic({ kind: 'rule', field: 'amount', op: 'between', values: [1, 10] })).toEqual({ '<=': [1, { var: 'amount' }, 10] });
    expect(guardOf(toJsonLogic(title('containsAny', ['纪要', '会议记录'])))?.[0]).toHaveLength(2);
    expect(guardOf(toJsonLogic({ kind: 'rule', field: 'docType', op: 'in', values: ['决议', '纪要'] }))?.[0]).toHaveLength(2);
  });

  it('reads back exactly what it writes (2,000 seeded random conditions)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const r = rng(seed);
      const model = r.chance(0.2) ? genRule(r) : genGroup(r, 0);
      const logic = stored(toJsonLogic(model));
      const parsed = parseCondition(logic);
      if (!parsed.ok) throw new Error(`seed ${seed}: not read back (${parsed.reason}): ${JSON.stringify(logic)}`);
      expect(parsed.node, `seed ${seed}`).toEqual(normalizeCondition(model));
      expect(toJsonLogic(parsed.node), `seed ${seed}`).toEqual(logic);
      // Everything the builder writes passes the service's own checks (operators, arity, declared fields).
      expect(checkLogic(logic, '/when', { fields: FIELD_NAMES }), `seed ${seed}`).toEqual([]);
    }
  });

  it('normalising never changes the JSON-Logic and is idempotent', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const r = rng(seed * 7919);
      const model = genGroup(r, 0);
      const n = normalizeCondition(model);
      expect(toJsonLogic(n)).toEqual(toJsonLogic(model));
      expect(normalizeCondition(n)).toEqual(n);
    }
  });

  it('merges an OR group of one-keyword rows on one field (the encoding is shared)', () => {
    const group: ConditionGroup = {
      kind: 'group',
      combinator: 'or',
      children: [
        { kind: 'rule', field: 'title', op: 'containsAny', values: ['纪要'] },
        { kind: 'rule', field: 'title', op: 'containsAny', values: ['记录'] },
      ],
    };
    const parsed = parseCondition(toJsonLogic(group));
    expect(parsed).toEqual({ ok: true, node: { kind: 'rule', field: 'title', op: 'containsAny', values: ['纪要', '记录'] } });
  });

  it('reads “none of these” groups, as the national baselines write them', () => {
    const logic = {
      and: [
        { in: ['章程', { var: 'title' }] },
        { '!': { or: [{ '==': [{ var: 'extra.adopted' }, false] }, { in: ['未通过', { var: 'title' }] }] } },
      ],
    };
    const parsed = parseCondition(logic);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const group = (parsed.node as ConditionGroup).children[1] as ConditionGroup;
    expect(group).toMatchObject({ kind: 'group', combinator: 'or', negate: true });
    expect(toJsonLogic(parsed.node)).toEqual(logic);
    const fields = fieldCatalogue([{ name: 'extra.adopted', label: '已通过', type: 'boolean' }]);
    expect(describeCondition(parsed.node, fields)).toBe('题名包含“章程”，且（以下都不成立：已通过：否；题名包含“未通过”）');
  });

  it('keeps a one-row group as a group and a bare row as a row', () => {
    const rule: ConditionRule = { kind: 'rule', field: 'docType', op: 'eq', values: ['纪要'] };
    expect(parseCondition({ and: [toJsonLogic(rule)] })).toEqual({
      ok: true,
      node: { kind: 'group', combinator: 'and', children: [rule] },
    });
    expect(parseCondition(toJsonLogic(rule))).toEqual({ ok: true, node: rule });
  });
});

describe('the shipped national baselines', () => {
  const dir = new URL('../../rulesets/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  // Parameters ({"param": "largeAmount"}) open as rows too: compared with (大于等于 参数“大额资金标准”) or as the list
  // of a 属于 row (属于 参数“重要合同类型”). A parameter searched for inside a field would not (none is, here).
  const paramNeedle = (logic: unknown) => JSON.stringify(logic).includes('{"in":[{"param":');
  it.each(files)('%s: every condition opens as rows and is written back unchanged', (file) => {
    const doc = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as {
      items: { id: string; when?: unknown; retention?: unknown }[];
      exclusions?: { id: string; when: unknown }[];
    };
    const conditions: [string, unknown][] = [];
    for (const it of doc.items) {
      if (it.when !== undefined) conditions.push([it.id, it.when]);
      if (Array.isArray(it.retention))
        for (const b of it.retention as { label: string; when?: unknown }[])
          if (b.when !== undefined) conditions.push([`${it.id} ${b.label}`, b.when]);
    }
    for (const x of doc.exclusions ?? []) conditions.push([x.id, x.when]);
    expect(conditions.length).toBeGreaterThan(0);
    for (const [where, logic] of conditions) {
      const parsed = parseCondition(logic);
      expect(parsed.ok, `${file} ${where}: ${parsed.ok ? '' : parsed.reason}`).toBe(!paramNeedle(logic));
      if (parsed.ok) expect(toJsonLogic(parsed.node)).toEqual(logic);
    }
  });
});

describe('JSON-Logic the rows cannot show', () => {
  const unrepresentable: unknown[] = [
    true,
    false,
    null,
    'text',
    [1, 2],
    {},
    { '===': [{ var: 'origin' }, 'own'] },
    { '==': ['own', { var: 'origin' }] },
    { '==': [{ var: 'origin' }, null] },
    { '==': [{ var: ['origin'] }, 'own'] },
    { '==': [{ var: ['origin', 'own'] }, 'own'] },
    { '==': [{ var: 'origin' }, { var: 'author' }] },
    { '>': [{ '+': [{ var: 'amount' }, 1] }, 10] },
    { '<': [1, { var: 'amount' }, 10] },
    { '!': [{ var: 'docNumber' }] },
    { '!!': [{ var: 'docNumber' }] },
    { '!': { '!': { and: [{ '==': [{ var: 'origin' }, 'own'] }] } } },
    { '!': { '==': [{ var: 'origin' }, 'own'] } },
    { and: [] },
    { or: [] },
    { and: { '==': [{ var: 'origin' }, 'own'] } },
    { if: [{ var: 'actionRequired' }, true, false] },
    { some: [{ var: 'keywords' }, { in: [{ var: '' }, ['a', 'b']] }] },
    { in: [{ var: 'amount' }, [1, 2]] },
    { in: [{ var: 'docType' }, { var: 'keywords' }] },
    { in: [5, { var: 'title' }] },
    { or: [{ in: ['a', { var: 'title' }] }, { in: ['b', { var: 'title' }], extra: 1 }] },
    { '==': [{ var: 'origin' }, 'own'], '!=': [{ var: 'role' }, 'co'] },
    { missing: ['title'] },
    { cat: ['a', 'b'] },
    { '>=': [{ param: 'largeAmount' }, { var: 'amount' }] },
    { '>=': [{ var: 'amount' }, { param: '' }] },
    { '>=': [{ var: 'amount' }, { param: 'largeAmount', x: 1 }] },
    { in: [{ param: 'unitName' }, { var: 'principalReceiver' }] },
    { in: [{ var: 'docType' }, [{ param: 'importantTypes' }]] },
  ];

  it.each(unrepresentable.map((x) => [JSON.stringify(x), x]))('%s opens in the advanced view', (_, logic) => {
    expect(parseCondition(logic).ok).toBe(false);
  });

  /** Random JSON-Logic-like trees: a mix of what the builder writes and what it does not. */
  function genLogic(r: Rng, depth: number): unknown {
    const fieldName = r.pick([...FIELD_NAMES, 'unknownField', '']);
    const scalar = () => r.pick<unknown>(['纪要', 'own', 3, true, null, '2024-01-01', { var: 'title' }, []]);
    const choices: (() => unknown)[] = [
      () => ({ '==': [{ var: fieldName }, scalar()] }),
      () => ({
        [r.pick(['==', '!=', '===', '<', '>', '<=', '>='])]: r.chance(0.8)
          ? [{ var: fieldName }, scalar()]
          : [scalar(), { var: fieldName }, scalar()],
      }),
      () => ({
        in: [r.pick<unknown>(['纪要', 5, { var: fieldName }]), r.pick<unknown>([{ var: fieldName }, ['a', 'b'], ['a', 1], 'text'])],
      }),
      () => ({ '!': r.chance(0.7) ? { var: fieldName } : genLogic(r, depth + 1) }),
      () => ({ '!!': r.chance(0.7) ? { var: fieldName } : [{ var: fieldName }] }),
      () => ({ some: [{ var: 'keywords' }, { in: [{ var: '' }, ['a']] }] }),
      () => r.pick<unknown>([true, false, 0, 'x', null]),
    ];
    if (depth < 4 && r.chance(0.4)) {
      const op = r.pick(['and', 'or', 'and', 'or', 'if']);
      return { [op]: Array.from({ length: r.int(4) }, () => genLogic(r, depth + 1)) };
    }
    return r.pick(choices)();
  }

  it('either reads JSON-Logic exactly or flags it as advanced, never altering it (3,000 seeded trees)', () => {
    let read = 0;
    let advanced = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const logic = genLogic(rng(seed * 31), 0);
      const before = JSON.stringify(logic);
      const parsed = parseCondition(logic);
      expect(JSON.stringify(logic), 'input not mutated').toBe(before);
      if (parsed.ok) {
        read++;
        expect(deepEqual(toJsonLogic(parsed.node), logic), `seed ${seed}: ${before}`).toBe(true);
      } else advanced++;
    }
    // Both sides of the property are exercised.
    expect(read).toBeGreaterThan(300);
    expect(advanced).toBeGreaterThan(300);
  });
});

describe('meaning of the written conditions', () => {
  const run = (node: ConditionNode, record: Record<string, unknown>) => holds(compileLogic(toJsonLogic(node)), record);

  it('包含任一关键词 holds when any keyword is in the title or in a keyword list', () => {
    const rule: ConditionRule = { kind: 'rule', field: 'title', op: 'containsAny', values: ['纪要', '记录'] };
    expect(run(rule, { title: '党委会会议纪要' })).toBe(true);
    expect(run(rule, { title: '年度工作总结' })).toBe(false);
    const kw: ConditionRule = { kind: 'rule', field: 'keywords', op: 'containsAny', values: ['合同'] };
    expect(run(kw, { title: 't', keywords: ['合同', '采购'] })).toBe(true);
  });

  it('不包含, 不属于, 为空, 介于 and date comparisons', () => {
    expect(run({ kind: 'rule', field: 'title', op: 'notContains', values: ['草稿'] }, { title: '通知' })).toBe(true);
    expect(run({ kind: 'rule', field: 'docType', op: 'notIn', values: ['通知'] }, { title: 't', docType: '通知' })).toBe(false);
    expect(run({ kind: 'rule', field: 'docNumber', op: 'empty', values: [] }, { title: 't' })).toBe(true);
    expect(run({ kind: 'rule', field: 'amount', op: 'between', values: [100, 1000] }, { title: 't', amount: 500 })).toBe(true);
    expect(run({ kind: 'rule', field: 'date', op: 'lt', values: ['2020-01-01'] }, { title: 't', date: '2019-06-30' })).toBe(true);
  });
});

describe('editing helpers', () => {
  it('reports incomplete rows and empty groups with their place', () => {
    const root: ConditionGroup = {
      kind: 'group',
      combinator: 'and',
      children: [
        { kind: 'rule', field: 'title', op: 'containsAny', values: [] },
        { kind: 'group', combinator: 'or', children: [] },
        { kind: 'rule', field: 'amount', op: 'gt', values: ['abc'] },
        { kind: 'rule', field: '', op: 'eq', values: [''] },
      ],
    };
    const problems = validateCondition(root, FIELDS);
    expect(problems.map((p) => p.at)).toEqual([[0], [1], [2], [3]]);
    expect(problems[0].message).toContain('关键词');
    expect(problems[2].message).toContain('数字');
  });

  it('changing the operator keeps the values that still fit', () => {
    const rule: ConditionRule = { kind: 'rule', field: 'docType', op: 'eq', values: ['纪要'] };
    const title = FIELDS.find((f) => f.name === 'docType');
    expect(withOperator(rule, 'in', title).values).toEqual(['纪要']);
    expect(withOperator({ ...rule, op: 'in', values: ['纪要', '决议'] }, 'eq', title).values).toEqual(['纪要']);
    expect(withOperator(rule, 'empty', title).values).toEqual([]);
  });

  it('updates and removes nodes by path without touching the original', () => {
    const root: ConditionGroup = {
      kind: 'group',
      combinator: 'and',
      children: [
        { kind: 'rule', field: 'title', op: 'eq', values: ['a'] },
        { kind: 'rule', field: 'title', op: 'eq', values: ['b'] },
      ],
    };
    const removed = updateAt(root, [0], () => null) as ConditionGroup;
    expect(removed.children).toHaveLength(1);
    expect(root.children).toHaveLength(2);
  });

  it('describes a condition in Chinese with field labels and value labels', () => {
    const node = parseCondition({
      and: [
        { or: [{ in: ['纪要', { var: 'title' }] }, { in: ['记录', { var: 'title' }] }] },
        { '==': [{ var: 'origin' }, 'superior'] },
        { in: [{ var: 'docType' }, ['决议', '纪要']] },
      ],
    });
    expect(node.ok).toBe(true);
    if (node.ok)
      expect(describeCondition(node.node, FIELDS)).toBe('题名包含“纪要”或“记录”，且来源等于“上级机关”，且文种属于“决议”、“纪要”');
  });
});

describe('scheme parameters in rows', () => {
  const PARAMS: SchemeParameter[] = [
    { name: 'largeAmount', label: '大额资金标准', type: 'number', unit: '元', value: 5_000_000 },
    { name: 'importantContractTypes', label: '重要合同类型', type: 'stringArray', value: ['工程', '借款'] },
    { name: 'unitName', label: '本单位名称', type: 'string', value: '甲公司' },
  ];
  const amount = { '>=': [{ var: 'amount' }, { param: 'largeAmount' }] };
  const types = { in: [{ var: 'contract.type' }, { param: 'importantContractTypes' }] };
  const band = { '<=': [1000, { var: 'amount' }, { param: 'largeAmount' }] };

  it('reads a parameter as the value of a comparison, a bound of 介于 and the list of 属于, and writes it back', () => {
    for (const logic of [amount, types, band, { '!': types }]) {
      const parsed = parseCondition(logic);
      expect(parsed.ok, JSON.stringify(logic)).toBe(true);
      if (parsed.ok) expect(toJsonLogic(parsed.node)).toEqual(logic);
    }
    expect(parseCondition(amount)).toEqual({
      ok: true,
      node: { kind: 'rule', field: 'amount', op: 'gte', values: [{ param: 'largeAmount' }] },
    });
  });

  it('says which parameter it compares with, by its label', () => {
    const parsed = parseCondition({ or: [amount, types] });
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(describeCondition(parsed.node, FIELDS, PARAMS)).toBe('金额大于等于参数“大额资金标准”；或合同类型属于参数“重要合同类型”');
  });

  it('refuses a parameter the scheme does not define, or whose type does not fit the field', () => {
    const rule = (field: string, op: OperatorId, param: string): ConditionNode => ({ kind: 'rule', field, op, values: [{ param }] });
    expect(validateCondition(rule('amount', 'gte', 'largeAmount'), FIELDS, [], PARAMS)).toEqual([]);
    expect(validateCondition(rule('contract.type', 'in', 'importantContractTypes'), FIELDS, [], PARAMS)).toEqual([]);
    expect(validateCondition(rule('amount', 'gte', 'noSuch'), FIELDS, [], PARAMS).map((p) => p.message)).toEqual([
      '参数“noSuch”未在方案的参数中定义',
    ]);
    expect(validateCondition(rule('amount', 'gte', 'unitName'), FIELDS, [], PARAMS).map((p) => p.message)).toEqual([
      '参数“本单位名称”不能用于字段“金额”',
    ]);
    expect(validateCondition(rule('contract.type', 'in', 'largeAmount'), FIELDS, [], PARAMS).map((p) => p.message)).toEqual([
      '参数“大额资金标准”不能用于字段“合同类型”',
    ]);
  });

  it('keeps a list parameter when 属于 becomes 不属于, and drops it for a keyword operator', () => {
    const field = FIELDS.find((f) => f.name === 'contract.type');
    const r: ConditionRule = { kind: 'rule', field: 'contract.type', op: 'in', values: [{ param: 'importantContractTypes' }] };
    expect(withOperator(r, 'notIn', field).values).toEqual([{ param: 'importantContractTypes' }]);
    expect(withOperator(r, 'containsAny', field).values).toEqual([]);
    // Nor does a list parameter become a compared value, or a compared one a list.
    expect(withOperator(r, 'eq', field).values).toEqual(['']);
    const eq: ConditionRule = { kind: 'rule', field: 'contract.type', op: 'eq', values: [{ param: 'unitName' }] };
    expect(withOperator(eq, 'in', field).values).toEqual([]);
    expect(withOperator({ ...eq, field: 'amount', op: 'gte', values: [{ param: 'largeAmount' }] }, 'lt', undefined).values).toEqual([
      { param: 'largeAmount' },
    ]);
  });

  it('refuses a list parameter mixed with typed-in values, and a parameter as a keyword', () => {
    const mixed: ConditionNode = { kind: 'rule', field: 'contract.type', op: 'in', values: ['工程', { param: 'importantContractTypes' }] };
    expect(validateCondition(mixed, FIELDS, [], PARAMS).map((p) => p.message)).toContain('列表参数不能与逐项列出的取值混用');
    const keyword: ConditionNode = { kind: 'rule', field: 'title', op: 'containsAny', values: [{ param: 'unitName' }] };
    expect(validateCondition(keyword, FIELDS, [], PARAMS).map((p) => p.message)).toContain('关键词不能取自参数');
  });
});
