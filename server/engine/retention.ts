// When a retention period starts counting and the last day a record is kept.
import { RETENTIONS, type RetentionCode } from '../schemas/retention-codes.js';
import type { EventStart, Scheme } from '../schemas/scheme.js';
import { addDays, addYears, datePart } from './dates.js';
import { getPath, splitPath } from './operators.js';

export type StartRule = NonNullable<Scheme['retentionStart']> | EventStart;

export interface RetentionTerm {
  retentionStart: string | null;
  expiresOn?: string;
  /** Why the start or expiry could not be computed, for the result's reasons. */
  note?: string;
  /** How the start is counted, in words. */
  rule: string;
}

export function retentionLabel(code: RetentionCode): { code: RetentionCode; label: string } {
  return { code, label: RETENTIONS[code].label };
}

/**
 * nextYearJan1: 1 January after the formation year (文书 practice; see docs/regulations §6).
 * fiscalYearEndNextDay: the first day after the accounting year ends (79号令 Art. 14). The accounting year is the
 * calendar year (会计法 Art. 11), so both give the same date; the scheme still states which rule it follows.
 * event: the day after the event (e.g. 固定资产报废清理) whose date the record carries in a declared field.
 */
export function retentionTerm(
  code: RetentionCode,
  rule: StartRule,
  record: unknown,
  formed: string | null = datePart(getPath(record, ['date'], null)),
): RetentionTerm {
  const years = RETENTIONS[code].years;
  let start: string | null = null;
  let note: string | undefined;
  const words = startRuleWords(rule);
  if (typeof rule === 'object') {
    const eventDate = datePart(getPath(record, splitPath(rule.dateField), null));
    if (eventDate) start = addDays(eventDate, 1);
    else note = `起算事件“${rule.event}”尚无日期（${rule.dateField}），到期日待定`;
  } else {
    if (formed) start = `${Number(formed.slice(0, 4)) + 1}-01-01`;
    else note = '缺少形成日期，无法计算起算日和到期日';
  }
  const term: RetentionTerm = { retentionStart: start, rule: words };
  if (note) term.note = note;
  if (start && years !== null) {
    // The common case, a 1 January start, ends on 31 December without date arithmetic.
    term.expiresOn = start.endsWith('-01-01') ? `${Number(start.slice(0, 4)) + years - 1}-12-31` : addDays(addYears(start, years), -1);
  }
  return term;
}

/** How a start rule counts, in words (e.g. 自形成年度的次年1月1日起算). */
export function startRuleWords(rule: StartRule): string {
  if (typeof rule === 'object') return `自“${rule.event}”之日次日起算`;
  return rule === 'fiscalYearEndNextDay' ? '自会计年度终了后的第一天起算' : '自形成年度的次年1月1日起算';
}
