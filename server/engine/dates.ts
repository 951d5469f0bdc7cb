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

/** Same month and day `years` later (29 Feb → 28 Feb in a common year). */
export function addYears(d: string, years: number): string {
  const [y, m, day] = d.split('-').map(Number);
  const t = new Date(Date.UTC(y + years, m - 1, 1));
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  t.setUTCDate(Math.min(day, last));
  return t.toISOString().slice(0, 10);
}

export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
