// JSON-Logic → condition rows, exact or flagged as advanced.
//
// The one rule of this module: `parseCondition(j)` either fails (the builder shows `j` as JSON text) or returns a
// model whose `toJsonLogic` is deep-equal to `j`. A condition is therefore never rewritten just by opening it.
//
// One ambiguity is inherent in the encoding the engine indexes best: an OR group whose rows are all
// 包含任一关键词 with one keyword on the same field writes the same JSON as one row with all those keywords.
// `normalizeCondition` merges such groups; `parseCondition(toJsonLogic(m))` equals `normalizeCondition(m)`.
import { type ConditionNode, type ConditionRule, type OperatorId, type Scalar, type Value, isParamRef } from './condition-model.js';
import { toJsonLogic } from './condition-to-logic.js';
import { deepEqual } from './deep-equal.js';

export type ParseResult = { ok: true; node: ConditionNode } | { ok: false; reason: string };

class Unrepresentable extends Error {}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isScalar = (x: unknown): x is Scalar =>
  typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));
/** A constant or a scheme parameter: what a comparison may have on its right. */
const isValue = (x: unknown): x is Value => isScalar(x) || isParamRef(x);

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
      if (field === null || !isValue(args[0]) || !isValue(args[2])) throw new Unrepresentable('“介于”的两端必须是常量或参数');
      return { kind: 'rule', field, op: 'between', values: [args[0], args[2]] };
    }
    const [a, b] = pair(args);
    const field = plainVar(a);
    if (field === null) throw new Unrepresentable('比较的左边必须是字段');
    if (!isValue(b)) throw new Unrepresentable('比较的右边必须是文本、数字、是/否或参数');
    return { kind: 'rule', field, op: compare[op], values: [b] };
  }
  if (op === 'in') {
    const [a, b] = pair(args);
    const field = plainVar(a);
    if (field !== null && isParamRef(b)) return { kind: 'rule', field, op: 'in', values: [b] };
    if (field === null || !Array.isArray(b) || !b.every((x) => typeof x === 'string'))
      throw new Unrepresentable('“属于”需要字段和文本列表（或列表参数）');
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
