// The rules that choose among what matched: the longest retention wins, and when an exclusion may beat a row.
import { RETENTIONS } from '../schemas/retention-codes.js';
import type { Scheme } from '../schemas/scheme.js';
import type { Row } from './row-plan.js';

/** `default` naming the longest branch (“凡是介于两种保管期限之间的档案，其保管期限一律从长”). */
export const LONGEST = '从长';

/**
 * `whenEstablished` (the default): an exclusion beats a row that can give 永久 or 30年 only when its legal qualifier
 * is positively established; 机密/绝密 records are never excluded automatically. `beforeItems`: the legacy rule,
 * exclusions first whatever else matches.
 */
export type ExclusionPolicy = NonNullable<NonNullable<Scheme['policy']>['exclusions']>;

export function exclusionPolicy(scheme: Pick<Scheme, 'policy'>): ExclusionPolicy {
  return scheme.policy?.exclusions ?? 'whenEstablished';
}

/** A row of at least this rank (定期30年, 永久) is never dropped by an exclusion whose qualifier is unknown. */
export const LONG_RANK = RETENTIONS.D30.rank;

/** 密级 values whose records are never excluded automatically (密级 decides access, not retention). */
export function isClassified(level: unknown): boolean {
  return typeof level === 'string' && (level.includes('绝密') || level.includes('机密'));
}

/** Whether a row of rank `rank` wins over the current best under the multiple-match policy. */
export function beats(row: Row, rank: number, other: Row, otherRank: number): boolean {
  if (rank !== otherRank) return rank > otherRank;
  if (row.depth !== other.depth) return row.depth > other.depth;
  return row.order < other.order;
}

/** A field counts as missing when absent, null or an empty string or list. */
export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}
