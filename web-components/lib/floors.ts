// The national floor of a row while it is edited: the baseline row it maps to, the floor of each of its periods
// (per branch: a branch is held to the baseline branch of the same name; a fixed period to the baseline row's
// longest), the source that sets it, and whether the row falls below. The engine's compliance check decides at
// submit and approval; this shows the same rule on the row, in the page, against the baseline.
import { branchFloors, mappingOf } from '../../server/engine/browser.js';
import { type BaselineRowText, bestMatch } from '../../server/engine/browser.js';
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

/** Baseline rows by id, built once per baseline document. */
export function baselineIndex(baseline: Scheme): Map<string, SchemeItem> {
  return new Map(baseline.items.map((it) => [it.id, it]));
}

export function rowFloor(item: SchemeItem, scheme: Scheme, baselineIds: ReadonlyMap<string, SchemeItem>): RowFloor | null {
  // The engine's mapping and per-branch floors (server/engine/floors.ts), the same the approval applies.
  const mapping = mappingOf(item, scheme, baselineIds);
  if (!mapping || item.retention === undefined) return null;
  const base = mapping.row;
  const branches: BranchFloor[] = branchFloors(item, base).map((f) => ({
    label: f.branch ?? null,
    code: f.own,
    floor: f.floor,
    below: f.floor !== null && rank(f.own) < rank(f.floor),
  }));
  if (!branches.length) return null;
  return { baselineItem: base, basis: base.basis ?? `基线条款 ${base.id}`, branches, below: branches.some((b) => b.below) };
}

/** The baseline's leaf rows with their class names, for suggesting a mapping by wording (built once per baseline). */
export function baselineRowTexts(baseline: Scheme): BaselineRowText[] {
  const parents = new Set(baseline.items.map((it) => it.id.split('.').slice(0, -1).join('.')).filter(Boolean));
  const names = new Map<string, string>();
  const walk = (nodes: Scheme['classes'], path: string) => {
    for (const c of nodes as { code: string; name: string; children?: Scheme['classes'] }[]) {
      const here = path ? `${path}/${c.code}` : c.code;
      names.set(here, c.name);
      if (c.children) walk(c.children, here);
    }
  };
  walk(baseline.classes, '');
  return baseline.items.filter((it) => !parents.has(it.id)).map((item) => ({ item, className: names.get(item.class ?? '') ?? '' }));
}

/**
 * For a row with no mapping (an imported or hand-written row) that the archivist has not marked notDerived: the
 * baseline rows its wording most likely corresponds to, as the compliance check suggests them.
 */
export function suggestedMapping(
  item: SchemeItem,
  scheme: Scheme,
  baselineIds: ReadonlyMap<string, SchemeItem>,
  rows: readonly BaselineRowText[],
): SchemeItem[] {
  if (item.notDerived || item.retention === undefined || mappingOf(item, scheme, baselineIds)) return [];
  const match = bestMatch(item, rows);
  return match ? match.ids.map((id) => baselineIds.get(id)!).filter(Boolean) : [];
}
