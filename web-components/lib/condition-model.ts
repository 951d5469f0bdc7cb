// Condition rows and AND/OR groups of the low-code builder ↔ JSON-Logic, exact both ways or flagged as advanced.
//
// The one rule of this module: `parseCondition(j)` either fails (the builder shows `j` as JSON text) or returns a
// model whose `toJsonLogic` is deep-equal to `j`. A condition is therefore never rewritten just by opening it.
//
// One ambiguity is inherent in the encoding the engine indexes best: an OR group whose rows are all
// 包含任一关键词 with one keyword on the same field writes the same JSON as one row with all those keywords.
// `normalizeCondition` merges such groups; `parseCondition(toJsonLogic(m))` equals `normalizeCondition(m)`.
import { STANDARD_FIELDS, type FieldType } from '../../server/schemas/fields.js';
import { TEXT_FIELDS } from './condition-words.js';
import { deepEqual } from './deep-equal.js';

export { deepEqual };
import type { SchemeField } from '../../server/schemas/scheme.js';

export type Scalar = string | number | boolean;

export type OperatorId =
  | 'eq'
  | 'ne'
  | 'in'
  | 'notIn'
  | 'containsAny'
  | 'notContains'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'between'
  | 'empty'
  | 'notEmpty';

/** One builder row: field · operator · values. `values` holds 1 value, a list, 2 bounds or nothing (per operator). */
export interface ConditionRule {
  kind: 'rule';
  field: string;
  op: OperatorId;
  values: Scalar[];
}

export interface ConditionGroup {
  kind: 'group';
  combinator: 'and' | 'or';
  /** “以下条件都不满足” (not or) / “不同时满足以下条件” (not and): written as {"!": {"or"|"and": […]}}. Absent when false. */
  negate?: true;
  children: ConditionNode[];
}

export type ConditionNode = ConditionRule | ConditionGroup;

/** A field the builder offers: standard record fields and the scheme's declared `extra.*` fields. */
export interface FieldOption {
  name: string;
  label: string;
  type: FieldType;
  values?: readonly string[];
  valueLabels?: Readonly<Record<string, string>>;
}

export type ValueShape = 'one' | 'list' | 'range' | 'none';

export const OPERATOR_SHAPE: Readonly<Record<OperatorId, ValueShape>> = {
  eq: 'one',
  ne: 'one',
  gt: 'one',
  gte: 'one',
  lt: 'one',
  lte: 'one',
  in: 'list',
  notIn: 'list',
  containsAny: 'list',
  notContains: 'list',
  between: 'range',
  empty: 'none',
  notEmpty: 'none',
};

/** Operators offered per field type, in menu order. */
export const OPERATORS_BY_TYPE: Readonly<Record<FieldType, readonly OperatorId[]>> = {
  string: ['eq', 'ne', 'in', 'notIn', 'containsAny', 'notContains', 'empty', 'notEmpty'],
  enum: ['eq', 'ne', 'in', 'notIn', 'empty', 'notEmpty'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'],
  date: ['lt', 'gt', 'lte', 'gte', 'between', 'eq', 'empty', 'notEmpty'],
  boolean: ['eq', 'empty', 'notEmpty'],
  stringArray: ['containsAny', 'notContains', 'empty', 'notEmpty'],
};

const OPERATOR_LABELS: Readonly<Record<OperatorId, string>> = {
  eq: '等于',
  ne: '不等于',
  in: '属于',
  notIn: '不属于',
  containsAny: '包含任一关键词',
  notContains: '不包含关键词',
  gt: '大于',
  gte: '大于等于',
  lt: '小于',
  lte: '小于等于',
  between: '介于',
  empty: '为空',
  notEmpty: '不为空',
};

const DATE_LABELS: Partial<Record<OperatorId, string>> = { gt: '晚于', gte: '不早于', lt: '早于', lte: '不晚于', eq: '是' };

export function operatorLabel(op: OperatorId, type?: FieldType): string {
  if (type === 'date') return DATE_LABELS[op] ?? OPERATOR_LABELS[op];
  if (type === 'boolean' && op === 'eq') return '为';
  if (type === 'stringArray' && op === 'containsAny') return '包含任一';
  if (type === 'stringArray' && op === 'notContains') return '不包含';
  return OPERATOR_LABELS[op];
}

/** Standard fields first, then the scheme's declared fields, each once. */
export function fieldCatalogue(schemeFields: readonly SchemeField[] = []): FieldOption[] {
  const out: FieldOption[] = STANDARD_FIELDS.map((f) => ({ ...f }));
  for (const f of schemeFields) {
    if (out.some((o) => o.name === f.name)) continue;
    const option: FieldOption = { name: f.name, label: f.label, type: f.type };
    if (f.values) option.values = f.values;
    out.push(option);
  }
  return out;
}

// ——— model → JSON-Logic ———

const v = (field: string) => ({ var: field });

function keywordLogic(field: string, keywords: readonly Scalar[]): unknown {
  const atoms = keywords.map((k) => ({ in: [k, v(field)] }));
  return atoms.length === 1 ? atoms[0] : { or: atoms };
}

export function ruleToJsonLogic(rule: ConditionRule): unknown {
  const { field, values } = rule;
  switch (rule.op) {
    case 'eq':
      return { '==': [v(field), values[0]] };
    case 'ne':
      return { '!=': [v(field), values[0]] };
    case 'gt':
      return { '>': [v(field), values[0]] };
    case 'gte':
      return { '>=': [v(field), values[0]] };
    case 'lt':
      return { '<': [v(field), values[0]] };
    case 'lte':
      return { '<=': [v(field), values[0]] };
    case 'between':
      return { '<=': [values[0], v(field), values[1]] };
    case 'in':
      return { in: [v(field), [...values]] };
    case 'notIn':
      return { '!': { in: [v(field), [...values]] } };
    case 'containsAny':
      return keywordLogic(field, values);
    case 'notContains':
      return { '!': keywordLogic(field, values) };
    case 'empty':
      return { '!': v(field) };
    case 'notEmpty':
      return { '!!': v(field) };
  }
}

/** JSON-Logic for a node; a complete model is assumed (see `validateCondition`). */
export function toJsonLogic(node: ConditionNode): unknown {
  if (node.kind === 'rule') return ruleToJsonLogic(node);
  const group = { [node.combinator]: node.children.map(toJsonLogic) };
  return node.negate ? { '!': group } : group;
}

// ——— JSON-Logic → model ———

export type ParseResult = { ok: true; node: ConditionNode } | { ok: false; reason: string };

class Unrepresentable extends Error {}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isScalar = (x: unknown): x is Scalar =>
  typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));

function single(node: unknown): [string, unknown] {
  if (!isObject(node)) throw new Unrepresentable('不是运算对象');
  const keys = Object.keys(node);
  if (keys.length !== 1) throw new Unrepresentable('运算对象必须只有一个运算符');
  return [keys[0], node[keys[0]]];
}

/** `{"var": "name"}` → "name"; anything else (defaults, array form, empty path) → null. */
function plainVar(node: unknown): string | null {
  if (!isObject(node)) return null;
  const keys = Object.keys(node);
  if (keys.length !== 1 || keys[0] !== 'var') return null;
  const name = node.var;
  return typeof name === 'string' && name !== '' ? name : null;
}

function pair(args: unknown): [unknown, unknown] {
  if (!Array.isArray(args) || args.length !== 2) throw new Unrepresentable('需要两个参数');
  return [args[0], args[1]];
}

/** Keywords of `{"in": ["kw", {"var": f}]}` or `{"or": [such, such, …]}` (≥ 2) on one field, else null. */
function keywordRule(node: unknown): { field: string; keywords: string[] } | null {
  const atom = (n: unknown): { field: string; keyword: string } | null => {
    if (!isObject(n) || Object.keys(n).length !== 1 || !Array.isArray(n.in) || n.in.length !== 2) return null;
    const [needle, haystack] = n.in;
    const field = plainVar(haystack);
    return field !== null && typeof needle === 'string' ? { field, keyword: needle } : null;
  };
  const one = atom(node);
  if (one) return { field: one.field, keywords: [one.keyword] };
  if (!isObject(node) || Object.keys(node).length !== 1 || !Array.isArray(node.or) || node.or.length < 2) return null;
  const atoms = node.or.map(atom);
  if (atoms.some((a) => a === null)) return null;
  const field = atoms[0]!.field;
  if (atoms.some((a) => a!.field !== field)) return null;
  return { field, keywords: atoms.map((a) => a!.keyword) };
}

function parseNode(node: unknown, depth: number): ConditionNode {
  if (depth > 24) throw new Unrepresentable('条件嵌套过深');
  const keywords = keywordRule(node);
  if (keywords) return { kind: 'rule', field: keywords.field, op: 'containsAny', values: keywords.keywords };
  const [op, args] = single(node);
  if (op === 'and' || op === 'or') {
    if (!Array.isArray(args) || args.length === 0) throw new Unrepresentable(`“${op}”需要非空的条件列表`);
    return { kind: 'group', combinator: op, children: args.map((a) => parseNode(a, depth + 1)) };
  }
  const compare: Record<string, OperatorId> = { '==': 'eq', '!=': 'ne', '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte' };
  if (op in compare) {
    if (op === '<=' && Array.isArray(args) && args.length === 3) {
      const field = plainVar(args[1]);
      if (field === null || !isScalar(args[0]) || !isScalar(args[2])) throw new Unrepresentable('“介于”的两端必须是常量');
      return { kind: 'rule', field, op: 'between', values: [args[0], args[2]] };
    }
    const [a, b] = pair(args);
    const field = plainVar(a);
    if (field === null) throw new Unrepresentable('比较的左边必须是字段');
    if (!isScalar(b)) throw new Unrepresentable('比较的右边必须是文本、数字或是/否');
    return { kind: 'rule', field, op: compare[op], values: [b] };
  }
  if (op === 'in') {
    const [a, b] = pair(args);
    const field = plainVar(a);
    if (field === null || !Array.isArray(b) || !b.every((x) => typeof x === 'string'))
      throw new Unrepresentable('“属于”需要字段和文本列表');
    return { kind: 'rule', field, op: 'in', values: [...b] };
  }
  if (op === '!!') {
    const field = plainVar(args);
    if (field === null) throw new Unrepresentable('“!!”只支持单个字段');
    return { kind: 'rule', field, op: 'notEmpty', values: [] };
  }
  if (op === '!') {
    const field = plainVar(args);
    if (field !== null) return { kind: 'rule', field, op: 'empty', values: [] };
    const kw = keywordRule(args);
    if (kw) return { kind: 'rule', field: kw.field, op: 'notContains', values: kw.keywords };
    const inner = parseNode(args, depth + 1);
    if (inner.kind === 'rule' && inner.op === 'in') return { ...inner, op: 'notIn' };
    if (inner.kind === 'group' && !inner.negate) return { ...inner, negate: true };
    throw new Unrepresentable('“非”只支持“为空”“不属于”“不包含”和条件组');
  }
  throw new Unrepresentable(`运算符“${op}”无法用条件行表示`);
}

/**
 * Reads JSON-Logic into builder rows. `undefined` (no condition yet) is `{ ok: true, node: null }`-like: callers
 * treat it before calling. Fails for anything the rows cannot show exactly.
 */
export function parseCondition(logic: unknown): ParseResult {
  try {
    const node = parseNode(logic, 0);
    // The guarantee, checked rather than argued: writing the rows back gives the very same JSON.
    if (!deepEqual(toJsonLogic(node), logic)) return { ok: false, reason: '条件的写法与条件行的写法不同' };
    return { ok: true, node };
  } catch (e) {
    if (e instanceof Unrepresentable) return { ok: false, reason: e.message };
    throw e;
  }
}

/**
 * Merges OR groups of single-keyword rows on one field into one 包含任一关键词 row, and negated such groups into one
 * 不包含关键词 row (the same JSON-Logic either way).
 */
export function normalizeCondition(node: ConditionNode): ConditionNode {
  if (node.kind === 'rule') return node;
  const children = node.children.map(normalizeCondition);
  if (node.combinator === 'or' && children.length >= 2) {
    const rules = children.filter((c): c is ConditionRule => c.kind === 'rule' && c.op === 'containsAny' && c.values.length === 1);
    if (rules.length === children.length && rules.every((r) => r.field === rules[0].field && typeof r.values[0] === 'string')) {
      return {
        kind: 'rule',
        field: rules[0].field,
        op: node.negate ? 'notContains' : 'containsAny',
        values: rules.map((r) => r.values[0]),
      };
    }
  }
  return { ...node, children };
}

// ——— completeness ———

export interface ConditionProblem {
  /** Child indexes from the root group down to the row or group concerned. */
  at: number[];
  message: string;
}

/** What keeps a model from being written (empty groups, missing fields or values, wrong value types). */
export function validateCondition(node: ConditionNode, fields: readonly FieldOption[], at: number[] = []): ConditionProblem[] {
  if (node.kind === 'group') {
    if (node.children.length === 0) return [{ at, message: '条件组是空的：请添加条件或删除该组' }];
    return node.children.flatMap((c, i) => validateCondition(c, fields, [...at, i]));
  }
  const problems: ConditionProblem[] = [];
  const say = (message: string) => problems.push({ at, message });
  if (!node.field) {
    say('请选择字段');
    return problems;
  }
  const field = fields.find((f) => f.name === node.field);
  if (!field) say(`字段“${node.field}”未在方案中声明`);
  const shape = OPERATOR_SHAPE[node.op];
  const blank = (x: Scalar | undefined) => x === undefined || (typeof x === 'string' && x.trim() === '');
  if (shape === 'one' && blank(node.values[0])) say('请填写值');
  if (shape === 'list' && (node.values.length === 0 || node.values.some(blank))) {
    say(node.op === 'containsAny' || node.op === 'notContains' ? '请至少填写一个关键词' : '请至少选择或填写一个值');
  }
  if (shape === 'range' && (blank(node.values[0]) || blank(node.values[1]))) say('请填写起止两个值');
  if (field?.type === 'number' && (shape === 'one' || shape === 'range')) {
    if (node.values.some((x) => !blank(x) && typeof x !== 'number')) say('请填写数字');
  }
  if (field?.type === 'date' && (shape === 'one' || shape === 'range')) {
    if (node.values.some((x) => typeof x === 'string' && x !== '' && !/^\d{4}-\d{2}-\d{2}/.test(x))) say('日期格式应为 2024-05-01');
  }
  return problems;
}

/** A fresh row for a field, with the first operator its type offers. */
export function newRule(field: FieldOption | undefined): ConditionRule {
  if (!field) return { kind: 'rule', field: '', op: 'eq', values: [''] };
  const op =
    field.type === 'string' && TEXT_FIELDS.has(field.name)
      ? 'containsAny'
      : field.name === 'docType'
        ? 'in'
        : OPERATORS_BY_TYPE[field.type][0];
  return { kind: 'rule', field: field.name, op, values: defaultValues(op, field) };
}

export function defaultValues(op: OperatorId, field: FieldOption | undefined): Scalar[] {
  switch (OPERATOR_SHAPE[op]) {
    case 'none':
      return [];
    case 'list':
      return [];
    case 'range':
      return ['', ''];
    case 'one':
      return [field?.type === 'boolean' ? true : ''];
  }
}

/** Changes a row's operator, keeping the values that still fit the new operator's shape. */
export function withOperator(rule: ConditionRule, op: OperatorId, field: FieldOption | undefined): ConditionRule {
  const from = OPERATOR_SHAPE[rule.op];
  const to = OPERATOR_SHAPE[op];
  if (from === to) return { ...rule, op };
  const nonBlank = rule.values.filter((x) => !(typeof x === 'string' && x === ''));
  if (to === 'list') return { ...rule, op, values: nonBlank.filter((x): x is string => typeof x === 'string') };
  if (to === 'one' && nonBlank.length) return { ...rule, op, values: [nonBlank[0]] };
  return { ...rule, op, values: defaultValues(op, field) };
}

// ——— words ———

function valueWords(field: FieldOption | undefined, x: Scalar): string {
  if (typeof x === 'boolean') return x ? '是' : '否';
  if (typeof x === 'number') return String(x);
  return `“${field?.valueLabels?.[x] ?? x}”`;
}

/** One line in Chinese for a row or a group, e.g. 题名包含“纪要”或“会议记录”，且文种属于“决议”“纪要”. */
export function describeCondition(node: ConditionNode, fields: readonly FieldOption[]): string {
  if (node.kind === 'group') {
    const joiner = node.combinator === 'and' ? '，且' : '；或';
    const parts = node.children.map((c) =>
      c.kind === 'group' && (c.children.length > 1 || c.negate) ? `（${describeCondition(c, fields)}）` : describeCondition(c, fields),
    );
    const text = parts.join(joiner);
    if (!node.negate) return text;
    return node.combinator === 'or' ? `以下都不成立：${parts.join('；')}` : `并非同时：${text}`;
  }
  const field = fields.find((f) => f.name === node.field);
  const name = field?.label ?? node.field;
  const op = operatorLabel(node.op, field?.type);
  const list = (sep: string) => node.values.map((x) => valueWords(field, x)).join(sep);
  switch (node.op) {
    case 'empty':
    case 'notEmpty':
      return `${name}${op}`;
    case 'containsAny':
      return node.values.length === 1 ? `${name}包含${list('')}` : `${name}包含${list('或')}`;
    case 'notContains':
      return `${name}不包含${list('、')}`;
    case 'in':
    case 'notIn':
      return `${name}${op}${list('、')}`;
    case 'between':
      return `${name}介于${valueWords(field, node.values[0])}与${valueWords(field, node.values[1])}之间`;
    default:
      return field?.type === 'boolean'
        ? `${name}：${valueWords(field, node.values[0])}`
        : `${name}${op}${valueWords(field, node.values[0])}`;
  }
}

/** A short description of any stored condition: words when the rows can show it, otherwise a note. */
export function summarizeLogic(logic: unknown, fields: readonly FieldOption[]): string {
  if (logic === undefined) return '';
  const parsed = parseCondition(logic);
  return parsed.ok ? describeCondition(parsed.node, fields) : '高级条件（JSON-Logic）';
}

// ——— helpers ———

/** The node at a path of child indexes (the root for []). */
export function nodeAt(root: ConditionNode, at: readonly number[]): ConditionNode | undefined {
  let node: ConditionNode | undefined = root;
  for (const i of at) node = node?.kind === 'group' ? node.children[i] : undefined;
  return node;
}

/** A copy of `root` with the node at `at` replaced by `f(node)`; `f` returning null removes it. */
export function updateAt(
  root: ConditionNode,
  at: readonly number[],
  f: (node: ConditionNode) => ConditionNode | null,
): ConditionNode | null {
  if (at.length === 0) return f(root);
  if (root.kind !== 'group') return root;
  const [head, ...rest] = at;
  const children: ConditionNode[] = [];
  root.children.forEach((c, i) => {
    if (i !== head) children.push(c);
    else {
      const next = updateAt(c, rest, f);
      if (next) children.push(next);
    }
  });
  return { ...root, children };
}
