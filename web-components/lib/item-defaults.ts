// What a row's parts start with in the editor, and how a period is offered there.
import { RETENTIONS, type RetentionCode } from '../../server/schemas/retention-codes.js';
import type { RetentionBranch, Scheme } from '../../server/schemas/scheme.js';

/**
 * The condition a new 重要的 branch starts with: the table's own 重要程度 field when it declares one, else its amount
 * standard (a number parameter in 元), else 题名 包含“重要” — never a threshold the table does not use.
 */
export function importantCondition(scheme: Scheme): RetentionBranch['when'] {
  const field = (scheme.fields ?? []).find((f) => f.label.includes('重要程度') || /importance/i.test(f.name));
  if (field) return { '==': [{ var: field.name }, '重要'] };
  const standard = (scheme.parameters ?? []).find((p) => p.type === 'number' && p.unit === '元');
  if (standard) return { '>=': [{ var: 'amount' }, { param: standard.name }] } as RetentionBranch['when'];
  return { in: ['重要', { var: 'title' }] };
}

/** A period as offered in the editor's lists (定期5年 only for rows that start at an event). */
export function codeLabel(c: RetentionCode): string {
  return c === 'D5' ? `${RETENTIONS[c].label}（仅以事件起算）` : RETENTIONS[c].label;
}
