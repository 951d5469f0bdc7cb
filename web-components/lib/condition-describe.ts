// Conditions in Chinese words: operator labels per field type, one line per row or group, a stored condition's summary.
import type { FieldType } from '../../server/schemas/fields.js';
import type { SchemeParameter } from '../../server/schemas/scheme.js';
import { type ConditionNode, type FieldOption, type OperatorId, type Value, isParamRef } from './condition-model.js';
import { parseCondition } from './condition-parse.js';

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

function valueWords(field: FieldOption | undefined, x: Value, parameters: readonly SchemeParameter[]): string {
  if (isParamRef(x)) return `参数“${parameters.find((p) => p.name === x.param)?.label ?? x.param}”`;
  if (typeof x === 'boolean') return x ? '是' : '否';
  if (typeof x === 'number') return String(x);
  return `“${field?.valueLabels?.[x] ?? x}”`;
}

/** One line in Chinese for a row or a group, e.g. 题名包含“纪要”或“会议记录”，且文种属于“决议”“纪要”. */
export function describeCondition(
  node: ConditionNode,
  fields: readonly FieldOption[],
  parameters: readonly SchemeParameter[] = [],
): string {
  if (node.kind === 'group') {
    const joiner = node.combinator === 'and' ? '，且' : '；或';
    const parts = node.children.map((c) =>
      c.kind === 'group' && (c.children.length > 1 || c.negate)
        ? `（${describeCondition(c, fields, parameters)}）`
        : describeCondition(c, fields, parameters),
    );
    const text = parts.join(joiner);
    if (!node.negate) return text;
    return node.combinator === 'or' ? `以下都不成立：${parts.join('；')}` : `并非同时：${text}`;
  }
  const field = fields.find((f) => f.name === node.field);
  const name = field?.label ?? node.field;
  const op = operatorLabel(node.op, field?.type);
  const list = (sep: string) => node.values.map((x) => valueWords(field, x, parameters)).join(sep);
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
      return `${name}介于${valueWords(field, node.values[0], parameters)}与${valueWords(field, node.values[1], parameters)}之间`;
    default:
      return field?.type === 'boolean'
        ? `${name}：${valueWords(field, node.values[0], parameters)}`
        : `${name}${op}${valueWords(field, node.values[0], parameters)}`;
  }
}

/** A short description of any stored condition: words when the rows can show it, otherwise a note. */
export function summarizeLogic(logic: unknown, fields: readonly FieldOption[], parameters: readonly SchemeParameter[] = []): string {
  if (logic === undefined) return '';
  const parsed = parseCondition(logic);
  return parsed.ok ? describeCondition(parsed.node, fields, parameters) : '高级条件（JSON-Logic）';
}
