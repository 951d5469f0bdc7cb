// What keeps a condition model from being written: empty groups, missing fields or values, wrong value types.
import type { FieldType } from '../../server/schemas/fields.js';
import type { SchemeParameter } from '../../server/schemas/scheme.js';
import { type ConditionNode, type FieldOption, OPERATOR_SHAPE, type Value, isParamRef } from './condition-model.js';

export interface ConditionProblem {
  /** Child indexes from the root group down to the row or group concerned. */
  at: number[];
  message: string;
}

/** The parameter types a field can be compared with (one value), or that a 属于 list parameter must have. */
const PARAM_TYPES: Readonly<Record<FieldType, readonly SchemeParameter['type'][]>> = {
  number: ['number'],
  string: ['string'],
  enum: ['string'],
  date: ['string'],
  boolean: ['boolean'],
  stringArray: [],
};

/** The parameters a row of this field and operator may use in place of a value. */
export function parametersFor(field: FieldOption | undefined, list: boolean, parameters: readonly SchemeParameter[]): SchemeParameter[] {
  if (!field) return [];
  const types = list ? (field.type === 'string' || field.type === 'enum' ? ['stringArray'] : []) : PARAM_TYPES[field.type];
  return parameters.filter((p) => types.includes(p.type));
}

/**
 * What keeps a model from being written (empty groups, missing fields or values, wrong value types, parameters the
 * scheme does not define or whose type does not fit the field).
 */
export function validateCondition(
  node: ConditionNode,
  fields: readonly FieldOption[],
  at: number[] = [],
  parameters: readonly SchemeParameter[] = [],
): ConditionProblem[] {
  if (node.kind === 'group') {
    if (node.children.length === 0) return [{ at, message: '条件组是空的：请添加条件或删除该组' }];
    return node.children.flatMap((c, i) => validateCondition(c, fields, [...at, i], parameters));
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
  const blank = (x: Value | undefined) => x === undefined || (typeof x === 'string' && x.trim() === '');
  if (shape === 'list' && node.values.length > 1 && node.values.some(isParamRef)) say('列表参数不能与逐项列出的取值混用');
  if (shape === 'list' && node.op !== 'in' && node.op !== 'notIn' && node.values.some(isParamRef)) say('关键词不能取自参数');
  for (const x of node.values) {
    if (!isParamRef(x)) continue;
    const p = parameters.find((q) => q.name === x.param);
    if (!p) say(`参数“${x.param}”未在方案的参数中定义`);
    else if (field && !parametersFor(field, shape === 'list', parameters).includes(p)) say(`参数“${p.label}”不能用于字段“${field.label}”`);
  }
  if (shape === 'one' && blank(node.values[0])) say('请填写值');
  if (shape === 'list' && (node.values.length === 0 || node.values.some(blank))) {
    say(node.op === 'containsAny' || node.op === 'notContains' ? '请至少填写一个关键词' : '请至少选择或填写一个值');
  }
  if (shape === 'range' && (blank(node.values[0]) || blank(node.values[1]))) say('请填写起止两个值');
  if (field?.type === 'number' && (shape === 'one' || shape === 'range')) {
    if (node.values.some((x) => !blank(x) && !isParamRef(x) && typeof x !== 'number')) say('请填写数字');
  }
  if (field?.type === 'date' && (shape === 'one' || shape === 'range')) {
    if (node.values.some((x) => typeof x === 'string' && x !== '' && !/^\d{4}-\d{2}-\d{2}/.test(x))) say('日期格式应为 2024-05-01');
  }
  return problems;
}
