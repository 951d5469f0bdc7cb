// The national floor of a row while it is edited: the baseline row it maps to, the floor of each of its periods
// (per branch: a branch is held to the baseline branch of the same name; a fixed period to the baseline row's
// longest), the source that sets it, and whether the row falls below. The engine's compliance check decides at
// submit and approval; this shows the same rule on the row, in the page, against the baseline.
import { baselineRowOf, rowCodes } from '../../server/engine/compliance.js';
import { RETENTIONS, type RetentionCode } from '../../server/schemas/retention-codes.js';
import type { Scheme, SchemeItem } from '../../server/schemas/scheme.js';

export interface BranchFloor {
  /** The row's branch label, or null for a fixed period. */
  label: string | null;
  code: RetentionCode;
  /** The floor; null when the baseline gives none for this branch (no branch of that name). */
  floor: RetentionCode | null;
  below: boolean;
}

export interface RowFloor {
  baselineItem: SchemeItem;
  /** The baseline row's source (e.g. 10号令附件 2.2.1), or its clause number when it names none. */
  basis: string;
  branches: BranchFloor[];
  below: boolean;
}

const rank = (c: RetentionCode) => RETENTIONS[c]?.rank ?? 0;
const longest = (codes: readonly RetentionCode[]) => codes.reduce<RetentionCode | null>((b, c) => (b === null || rank(c) > rank(b) ? c : b), null);

/** Baseline rows by id, built once per baseline document. */
export function baselineIndex(baseline: Scheme): Map<string, SchemeItem> {
  return new Map(baseline.items.map((it) => [it.id, it]));
}

export function rowFloor(item: SchemeItem, scheme: Scheme, baselineIds: ReadonlyMap<string, SchemeItem>): RowFloor | null {
  if (item.retention === undefined || item.notDerived) return null;
  const base = baselineRowOf(item, scheme, baselineIds);
  if (!base || base.retention === undefined) return null;
  const baseBranches = Array.isArray(base.retention) ? new Map(base.retention.map((b) => [b.label, b.code])) : null;
  const baseLongest = longest(rowCodes(base));
  const branches: BranchFloor[] = Array.isArray(item.retention)
    ? item.retention.map((b) => {
        // A fixed baseline period holds every branch; a branched one only the branch of the same name.
        const floor = baseBranches ? (baseBranches.get(b.label) ?? null) : baseLongest;
        return { label: b.label, code: b.code, floor, below: floor !== null && rank(b.code) < rank(floor) };
      })
    : [{ label: null, code: item.retention as RetentionCode, floor: baseLongest, below: baseLongest !== null && rank(item.retention as RetentionCode) < rank(baseLongest) }];
  return { baselineItem: base, basis: base.basis ?? `基线条款 ${base.id}`, branches, below: branches.some((b) => b.below) };
}
