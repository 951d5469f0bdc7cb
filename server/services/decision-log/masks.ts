// A unit's rule for what of a logged record is kept: fields masked or left out, always or only at some 密级
// (e.g. the title of 机密 records). Pure: applied by the log writer when it serialises a batch.
import type { MaskRule } from '../../store/decision-log-store.js';

export const MASK = '＊＊＊';

/** The record as it is stored: a shallow copy with the rule's fields masked or removed, or the record itself. */
export function maskRecord(record: Record<string, unknown>, rules: readonly MaskRule[]): Record<string, unknown> {
  if (rules.length === 0) return record;
  let out: Record<string, unknown> | null = null;
  const level = typeof record.securityLevel === 'string' ? record.securityLevel : null;
  for (const rule of rules) {
    if (!(rule.field in record)) continue;
    if (rule.securityLevels && (level === null || !rule.securityLevels.includes(level))) continue;
    out ??= { ...record };
    if (rule.action === 'omit') delete out[rule.field];
    else out[rule.field] = MASK;
  }
  return out ?? record;
}
