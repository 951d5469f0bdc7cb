// Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC so that no time zone shifts a day.

/** The calendar date part of an ISO date or date-time, if it is a real date. */
export function datePart(value: unknown): string | null {
  if (typeof value !== 'string' || value.length < 10) return null;
  const d = value.slice(0, 10);
  return isRealDate(d) ? d : null;
}

export function isRealDate(d: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return false;
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, da));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === da;
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
