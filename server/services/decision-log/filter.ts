// A listing's filter from the query string: a plain date is that day in China (to: inclusive), a date-time an instant.
import { addDays } from '../../engine/dates.js';
import type { LogFilter } from '../../store/decision-log-store.js';
import { chinaDayStart } from '../clock.js';

export interface LogFilterInput {
  outcome?: 'file' | 'exclude' | 'review';
  row?: string;
  from?: string;
  to?: string;
}

const instant = (value: string) => (value.length === 10 ? chinaDayStart(value) : new Date(Date.parse(value)).toISOString());

export function logFilter(q: LogFilterInput): Omit<LogFilter, 'limit' | 'before'> {
  return {
    outcome: q.outcome,
    itemId: q.row,
    from: q.from === undefined ? undefined : instant(q.from),
    to: q.to === undefined ? undefined : q.to.length === 10 ? chinaDayStart(addDays(q.to, 1)) : instant(q.to),
  };
}
