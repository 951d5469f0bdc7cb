// Time as the service sees it: an injectable clock, ISO timestamps, and the calendar date in China (UTC+8).
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function isoNow(clock: Clock): string {
  return clock().toISOString();
}

export { chinaDate } from '../engine/dates.js';

/** The UTC instant at which a China calendar date begins. */
export function chinaDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}
