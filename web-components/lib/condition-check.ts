// What keeps a condition model from being written: empty groups, missing fields or values, wrong value types.
import { type ConditionNode, type FieldOption, OPERATOR_SHAPE, type Scalar } from './condition-model.js';

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
