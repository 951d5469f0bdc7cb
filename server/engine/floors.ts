// The national floor of a row, per branch (browser-safe: the workbench shows it while the archivist edits).
import { RETENTIONS, type RetentionCode } from '../schemas/retention-codes.js';
import type { Scheme, SchemeItem } from '../schemas/scheme.js';

/** Every retention code a row can give: its fixed code, or each branch's. Heading rows give none. */
export function rowCodes(item: SchemeItem): RetentionCode[] {
  if (item.retention === undefined) return [];
  return Array.isArray(item.retention) ? item.retention.map((b) => b.code) : [item.retention as RetentionCode];
}

/** The shortest retention a row can give, incl. its 重要/一般 branches. */
export function shortestCode(codes: readonly RetentionCode[]): RetentionCode | null {
  let best: RetentionCode | null = null;
  for (const c of codes) if (best === null || RETENTIONS[c].rank < RETENTIONS[best].rank) best = c;
  return best;
}

export function longestCode(codes: readonly RetentionCode[]): RetentionCode | null {
  let best: RetentionCode | null = null;
  for (const c of codes) if (best === null || RETENTIONS[c].rank > RETENTIONS[best].rank) best = c;
  return best;
}

/** Branch labels compare without 的 and spaces: 重要 = 重要的. */
export const branchKey = (l: string) => l.replace(/[的\s]/g, '');

/**
 * The floor of each outcome of `item` against `floorRow`, per branch: a fixed period must reach the baseline row's
 * longest branch (it applies to the 重要 records too); a branch must reach the baseline branch of the same label (or
 * the baseline's fixed period). A branch the baseline does not have gets null (no floor).
 */
export function branchFloors(
  item: SchemeItem,
  floorRow: SchemeItem,
): { branch?: string; index: number | null; own: RetentionCode; floor: RetentionCode | null }[] {
  if (item.retention === undefined || floorRow.retention === undefined) return [];
  const fixedFloor = Array.isArray(floorRow.retention) ? null : (floorRow.retention as RetentionCode);
  if (!Array.isArray(item.retention))
    return [{ index: null, own: item.retention as RetentionCode, floor: fixedFloor ?? longestCode(rowCodes(floorRow)) }];
  const baseBranches = new Map(
    (Array.isArray(floorRow.retention) ? floorRow.retention : []).map((b) => [branchKey(b.label), b.code as RetentionCode]),
  );
  return item.retention.map((b, j) => ({
    branch: b.label,
    index: j,
    own: b.code,
    floor: fixedFloor ?? baseBranches.get(branchKey(b.label)) ?? null,
  }));
}

/**
 * The baseline row a scheme row maps to: its `derivedFrom`, else the same id when the scheme names a baseline.
 * Null when it has neither (then its wording may suggest one).
 */
export function mappingOf(
  item: SchemeItem,
  scheme: Pick<Scheme, 'baseline'>,
  baselineIds: ReadonlyMap<string, SchemeItem>,
): { row: SchemeItem; how: 'derivedFrom' | 'id' } | null {
  if (item.notDerived) return null;
  if (item.derivedFrom !== undefined) {
    const row = baselineIds.get(item.derivedFrom);
    return row ? { row, how: 'derivedFrom' } : null;
  }
  const row = scheme.baseline ? baselineIds.get(item.id) : undefined;
  return row ? { row, how: 'id' } : null;
}
