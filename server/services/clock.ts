// Time as the service sees it: an injectable clock, ISO timestamps, and the calendar date in China (UTC+8).
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function isoNow(clock: Clock): string {
  return clock().toISOString();
}

/** The last instant formatted, and its text: hot paths stamp many entries in the same millisecond. */
let isoMs = Number.NaN;
let isoText = '';

/** `new Date(ms).toISOString()`, formatted once per millisecond however many entries it stamps. */
export function isoAt(ms: number): string {
  if (ms !== isoMs) {
    isoMs = ms;
    isoText = new Date(ms).toISOString();
  }
  return isoText;
}

export { chinaDate } from '../engine/dates.js';

/** The UTC instant at which a China calendar date begins. */
export function chinaDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}
