// When a retention period starts counting and the last day a record is kept.
import { RETENTIONS, type RetentionCode } from '../schemas/retention-codes.js';
import type { EventStart, Scheme } from '../schemas/scheme.js';
import { addDays, addYears, datePart, yearOf } from './dates.js';
import { getPath, splitPath } from './operators.js';

export type StartRule = NonNullable<Scheme['retentionStart']> | EventStart;

export interface RetentionTerm {
  retentionStart: string | null;
  expiresOn: string | undefined;
  /** Why the start or expiry could not be computed, for the result's reasons. */
  note: string | undefined;
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
  formedYear: number = yearOf(getPath(record, ['date'], null)),
): RetentionTerm {
  const years = RETENTIONS[code].years;
  const words = startRuleWords(rule);
  if (typeof rule !== 'object') {
    if (formedYear < 0) return { retentionStart: null, expiresOn: undefined, note: '缺少形成日期，无法计算起算日和到期日', rule: words };
    return yearTerm(formedYear, years, words);
  }
  const eventDate = datePart(getPath(record, splitPath(rule.dateField), null));
  if (!eventDate) {
    if (rule.fallback === 'nextYearJan1' && formedYear >= 0) {
      return {
        ...yearTerm(formedYear, years, words),
        note: `起算事件“${rule.event}”尚无日期（${rule.dateField}），暂自形成年度的次年1月1日起算，事件发生后应重新计算`,
      };
    }
    return {
      retentionStart: null,
      expiresOn: undefined,
      note: `起算事件“${rule.event}”尚无日期（${rule.dateField}），到期日待定`,
      rule: words,
    };
  }
  if (rule.then === 'fiscalYearEndNextDay') {
    // 79号令 Art. 14 counts from the first day after the accounting year ends: the year in which the event happened.
    const eventYear = Number(eventDate.slice(0, 4));
    return { ...yearTerm(eventYear, years, words), rule: words };
  }
  const start = addDays(eventDate, 1);
  return {
    retentionStart: start,
    expiresOn: years === null ? undefined : addDays(addYears(start, years), -1),
    note: undefined,
    rule: words,
  };
}

/** Terms counted from 1 January after the formation year recur for every record of that year: built once each. */
const yearTerms = new Map<number, RetentionTerm>();

function yearTerm(formedYear: number, years: number | null, words: string): RetentionTerm {
  const key = (formedYear * 100 + (years ?? 0)) * 2 + (words === NEXT_YEAR_WORDS ? 0 : 1);
  let term = yearTerms.get(key);
  if (term === undefined) {
    // Starting on 1 January, a term ends on 31 December without date arithmetic.
    const expiresOn = years === null ? undefined : `${formedYear + years}-12-31`;
    term = Object.freeze({ retentionStart: `${formedYear + 1}-01-01`, expiresOn, note: undefined, rule: words });
    yearTerms.set(key, term);
  }
  return term;
}

const NEXT_YEAR_WORDS = '自形成年度的次年1月1日起算';

/** How a start rule counts, in words (e.g. 自形成年度的次年1月1日起算). */
export function startRuleWords(rule: StartRule): string {
  if (typeof rule === 'object') {
    return rule.then === 'fiscalYearEndNextDay' ? `自“${rule.event}”所在会计年度终了后的第一天起算` : `自“${rule.event}”之日次日起算`;
  }
  return rule === 'fiscalYearEndNextDay' ? '自会计年度终了后的第一天起算' : NEXT_YEAR_WORDS;
}
