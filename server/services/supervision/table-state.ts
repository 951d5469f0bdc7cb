// The state of a unit's 三合一表 as a supervisor sees it, from the metadata of its schemes' versions (pure).
import type { TableStateKind } from '../../schemas/supervision-words.js';
import type { VersionFacts } from '../../store/supervision-store.js';

export type { VersionFacts } from '../../store/supervision-store.js';

export interface InForceFacts {
  versionId: number;
  number: number;
  hash: string;
  approvalNumber: string | null;
  /** Date of the 批复 (falls back to the effective date for versions without one). */
  approvedOn: string;
  effectiveFrom: string;
  justification: string | null;
}

export interface TableState {
  state: TableStateKind;
  /** The scheme the row describes (a unit's one table; with several, the one in force or else the latest worked on). */
  schemeId: number | null;
  schemeName: string | null;
  /** How many schemes the unit has. */
  schemes: number;
  inForce: InForceFacts | null;
  /** An approved version that takes effect later. */
  upcoming: { number: number; approvalNumber: string | null; effectiveFrom: string } | null;
  /** The draft or submitted version; `since` is when it was created or submitted. */
  open: { versionId: number; number: number; state: 'draft' | 'submitted'; since: string; hash: string } | null;
  /** The latest version, when it was rejected. */
  rejected: { number: number; on: string; reason: string | null } | null;
}

const dateOf = (iso: string) => iso.slice(0, 10);

function inForceOn(versions: VersionFacts[], today: string): VersionFacts | undefined {
  let best: VersionFacts | undefined;
  for (const v of versions) {
    if ((v.state !== 'approved' && v.state !== 'superseded') || !v.effectiveFrom || v.effectiveFrom > today) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom! || (v.effectiveFrom === best.effectiveFrom && v.number > best.number)) best = v;
  }
  return best;
}

function schemeState(versions: VersionFacts[], today: string): Omit<TableState, 'schemes'> {
  const sorted = [...versions].sort((a, b) => a.number - b.number);
  const current = inForceOn(sorted, today);
  const future = sorted.filter((v) => v.state === 'approved' && v.effectiveFrom && v.effectiveFrom > today).at(-1);
  const openV = sorted.find((v) => v.state === 'draft' || v.state === 'submitted');
  const latest = sorted.at(-1);
  const inForce: InForceFacts | null = current
    ? {
        versionId: current.id,
        number: current.number,
        hash: current.hash,
        approvalNumber: current.approvalNumber,
        approvedOn: current.decidedOn ?? current.effectiveFrom!,
        effectiveFrom: current.effectiveFrom!,
        justification: current.justification,
      }
    : null;
  const open = openV
    ? {
        versionId: openV.id,
        number: openV.number,
        state: openV.state as 'draft' | 'submitted',
        since: openV.state === 'submitted' ? (openV.submittedAt ?? openV.updatedAt) : openV.createdAt,
        hash: openV.hash,
      }
    : null;
  const rejected =
    latest?.state === 'rejected'
      ? { number: latest.number, on: latest.decidedOn ?? dateOf(latest.decidedAt ?? latest.updatedAt), reason: latest.rejectReason }
      : null;
  let state: TableStateKind = 'none';
  if (open?.state === 'submitted') state = 'submitted';
  else if (inForce || future) state = 'approved';
  else if (rejected) state = 'rejected';
  else if (open) state = 'draft';
  return {
    state,
    schemeId: versions[0]?.schemeId ?? null,
    schemeName: versions[0]?.schemeName ?? null,
    inForce,
    upcoming: future ? { number: future.number, approvalNumber: future.approvalNumber, effectiveFrom: future.effectiveFrom! } : null,
    open,
    rejected,
  };
}

function lastTouched(vs: VersionFacts[]): string {
  let latest = '';
  for (const v of vs) if (v.updatedAt > latest) latest = v.updatedAt;
  return latest;
}

/**
 * The state of a unit's table on `today` (YYYY-MM-DD, China date) from all its versions. Submitted wins (the
 * supervisor has to act), then a version in force (or approved to take effect), then a rejection, then a draft.
 */
export function tableState(versions: VersionFacts[], today: string): TableState {
  const bySchemeId = new Map<number, VersionFacts[]>();
  for (const v of versions) {
    const list = bySchemeId.get(v.schemeId);
    if (list) list.push(v);
    else bySchemeId.set(v.schemeId, [v]);
  }
  const states = [...bySchemeId.values()].map((vs) => ({ s: schemeState(vs, today), touched: lastTouched(vs) }));
  const rank = (s: Omit<TableState, 'schemes'>) => (s.inForce ? 3 : s.upcoming ? 2 : s.open || s.rejected ? 1 : 0);
  states.sort(
    (a, b) =>
      rank(b.s) - rank(a.s) ||
      (b.s.inForce?.effectiveFrom ?? '').localeCompare(a.s.inForce?.effectiveFrom ?? '') ||
      b.touched.localeCompare(a.touched),
  );
  const chosen = states[0]?.s;
  if (!chosen)
    return { state: 'none', schemeId: null, schemeName: null, schemes: 0, inForce: null, upcoming: null, open: null, rejected: null };
  return { ...chosen, schemes: bySchemeId.size };
}
