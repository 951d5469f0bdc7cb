// The low-code builder's model: condition rows (field · operator · values) in AND/OR groups, the operators each
// field type offers, the field catalogue, and the edits the builder makes (new row, operator change, replace a node).
//
// Its two directions to JSON-Logic are condition-to-logic.ts and condition-parse.ts (exact both ways or flagged as
// advanced), completeness is condition-check.ts, the Chinese words condition-describe.ts.
import { paramName } from '../../server/engine/browser.js';
import { STANDARD_FIELDS, type FieldType } from '../../server/schemas/fields.js';
import type { SchemeField } from '../../server/schemas/scheme.js';
import { TEXT_FIELDS } from './condition-words.js';

export type Scalar = string | number | boolean;

/** A scheme parameter in place of a constant (`{"param": "largeAmount"}`): replaced by its value when compiled. */
export interface ParamRef {
  param: string;
}

/** What a row compares with: a constant, or (for comparisons, 介于 and 属于) one of the scheme's parameters. */
export type Value = Scalar | ParamRef;

/** `{"param": name}` with a name (the engine's own reading of a parameter reference). */
export const isParamRef = (x: unknown): x is ParamRef => Boolean(paramName(x));

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

/**
 * One builder row: field · operator · values. `values` holds 1 value, a list, 2 bounds or nothing (per operator); a
 * 属于/不属于 row may instead hold one list parameter (`[{param}]`).
 */
export interface ConditionRule {
  kind: 'rule';
  field: string;
  op: OperatorId;
  values: Value[];
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

export function defaultValues(op: OperatorId, field: FieldOption | undefined): Value[] {
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
  // A list parameter stands only for the list of 属于/不属于; keywords are always typed in.
  if (to === 'list' && op !== 'in' && op !== 'notIn' && rule.values.some(isParamRef))
    return { ...rule, op, values: rule.values.filter((x) => typeof x === 'string') };
  if (from === to) return { ...rule, op };
  // A parameter stands for one value in a comparison and for the whole list in 属于: it does not cross between them.
  const nonBlank = rule.values.filter((x) => !(typeof x === 'string' && x === '') && !(from === 'list' && isParamRef(x)));
  if (to === 'list') return { ...rule, op, values: nonBlank.filter((x): x is string => typeof x === 'string') };
  if (to === 'one' && nonBlank.length) return { ...rule, op, values: [nonBlank[0]] };
  return { ...rule, op, values: defaultValues(op, field) };
}

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
