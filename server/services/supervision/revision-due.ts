// When a unit's table in force is due for revision (pure).
//
// 10号令 Art. 17: when an enterprise's capital structure or main business changes significantly, its tables must be
// revised promptly; the official Q&A of 徐州市档案局 (xzda.gov.cn, id=9010) names three occasions: capital structure
// or scale of production changed greatly, main business scope changed greatly, or 5 years since the last revision.
// For 机关, 13号令 asks for revision when internal bodies or functions change. (21号令's articles on the table were
// not retrieved — /work/shared/domain/regulations.md §3 — so no rule is taken from it.)
import { addDays, addYears } from '../../engine/dates.js';
import type { RevisionStatus, UnitChangeKind } from '../../schemas/supervision-words.js';

export const REVISION_YEARS = 5;
/** A revision coming due within this many days is flagged as soon. */
export const REVISION_SOON_DAYS = 180;

export type RevisionReason =
  | { kind: 'age'; since: string; years: number }
  | { kind: 'change'; changeId: number; change: UnitChangeKind; occurredOn: string };

export interface Revision {
  status: RevisionStatus;
  /** The date five years after the approval of the table in force. */
  dueOn: string | null;
  reasons: RevisionReason[];
}

export interface ChangeFacts {
  id: number;
  kind: UnitChangeKind;
  occurredOn: string;
}

/**
 * Whether the table approved on `approvedOn` is due for revision on `today`: five years have passed, or a change was
 * recorded that happened after the approval. `approvedOn` null (no table in force) gives status `none`.
 */
export function revisionDue(approvedOn: string | null, changes: readonly ChangeFacts[], today: string): Revision {
  if (approvedOn === null) return { status: 'none', dueOn: null, reasons: [] };
  const dueOn = addYears(approvedOn, REVISION_YEARS);
  const reasons: RevisionReason[] = [];
  if (today >= dueOn) reasons.push({ kind: 'age', since: approvedOn, years: REVISION_YEARS });
  for (const c of changes) {
    if (c.occurredOn > approvedOn && c.occurredOn <= today)
      reasons.push({ kind: 'change', changeId: c.id, change: c.kind, occurredOn: c.occurredOn });
  }
  if (reasons.length) return { status: 'due', dueOn, reasons };
  return { status: addDays(today, REVISION_SOON_DAYS) >= dueOn ? 'soon' : 'ok', dueOn, reasons };
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
