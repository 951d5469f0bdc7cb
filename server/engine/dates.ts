// Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC so that no time zone shifts a day.

/** The calendar date part of an ISO date or date-time, if it is a real date. */
export function datePart(value: unknown): string | null {
  return yearOf(value) < 0 ? null : (value as string).slice(0, 10);
}

/** The year of an ISO date or date-time whose date part is a real date, else -1 (nothing is allocated). */
export function yearOf(value: unknown): number {
  if (typeof value !== 'string' || value.length < 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return -1;
  const y = digits(value, 0, 4);
  const m = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (y < 0 || m < 1 || m > 12 || day < 1) return -1;
  return day <= (m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1]) ? y : -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Whether `d` is YYYY-MM-DD naming a day that exists (no Date allocation: this is on the classify path). */
export function isRealDate(d: string): boolean {
  return d.length === 10 && yearOf(d) >= 0;
}

/** The number written by the ASCII digits d[from…to), or -1 if any of them is not a digit. */
function digits(d: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = d.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export function addDays(d: string, days: number): string {
  const t = new Date(d + 'T00:00:00Z');
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** The same date `years` later; 29 February rolls to 1 March in a common year (never shortens a term). */
export function addYears(d: string, years: number): string {
  const [y, m, day] = d.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, day)).toISOString().slice(0, 10);
}

/** Today's calendar date in China (UTC+8, no daylight saving). */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Today's date in China Standard Time (no daylight saving), as YYYY-MM-DD: a record without a date is classified as of it. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
