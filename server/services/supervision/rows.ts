// One row of the supervision view per unit, the filters over rows and the counts at the top (pure).
import type { UnitStats } from '../../store/decision-log-store.js';
import type { UnitKind } from '../../store/orgs-store.js';
import type { FindingCounts } from './compliance-counts.js';
import type { FindingsFilter, RevisionStatus, SortKey, TableStateKind } from '../../schemas/supervision-words.js';
import { daysBetween, type Revision } from './revision-due.js';
import type { TableState } from './table-state.js';

export interface SupervisionRow {
  unit: { id: number; name: string; fonds: string | null; kind: UnitKind | null };
  supervisor: { id: number; name: string } | null;
  depth: number;
  state: TableStateKind;
  schemeId: number | null;
  schemeName: string | null;
  schemes: number;
  inForce: { number: number; approvalNumber: string | null; approvedOn: string; effectiveFrom: string; ageDays: number } | null;
  upcoming: TableState['upcoming'];
  open: { number: number; state: 'draft' | 'submitted'; since: string } | null;
  rejected: TableState['rejected'];
  revision: Revision;
  /** waived: findings of the version in force (accepted with a justification); open: of the submitted version. */
  findings: { waived: number; open: number; openErrors: number };
  /** Classification calls of the last 30 days (the decision log): outcomes, and what sends records to review. */
  figures: UnitStats & { reviewShare: number | null };
}

export interface RowInput {
  unit: SupervisionRow['unit'];
  supervisor: SupervisionRow['supervisor'];
  depth: number;
  table: TableState;
  revision: Revision;
  inForceFindings: FindingCounts | null;
  submittedFindings: FindingCounts | null;
  figures: UnitStats;
}

export function supervisionRow(i: RowInput, today: string): SupervisionRow {
  const f = i.table.inForce;
  const o = i.table.open;
  return {
    unit: i.unit,
    supervisor: i.supervisor,
    depth: i.depth,
    state: i.table.state,
    schemeId: i.table.schemeId,
    schemeName: i.table.schemeName,
    schemes: i.table.schemes,
    inForce: f
      ? {
          number: f.number,
          approvalNumber: f.approvalNumber,
          approvedOn: f.approvedOn,
          effectiveFrom: f.effectiveFrom,
          ageDays: daysBetween(f.approvedOn, today),
        }
      : null,
    upcoming: i.table.upcoming,
    open: o ? { number: o.number, state: o.state, since: o.since } : null,
    rejected: i.table.rejected,
    revision: i.revision,
    findings: {
      waived: i.inForceFindings ? i.inForceFindings.errors + i.inForceFindings.warnings : 0,
      open: i.submittedFindings ? i.submittedFindings.errors + i.submittedFindings.warnings : 0,
      openErrors: i.submittedFindings?.errors ?? 0,
    },
    figures: { ...i.figures, reviewShare: i.figures.calls ? i.figures.review / i.figures.calls : null },
  };
}

export interface RowFilter {
  state?: TableStateKind | 'unapproved';
  revision?: RevisionStatus;
  findings?: FindingsFilter;
  /** Part of the unit's name, 全宗号 or the supervisor's name. */
  q?: string;
}

export function matches(r: SupervisionRow, f: RowFilter): boolean {
  if (f.state === 'unapproved' ? r.inForce !== null : f.state !== undefined && r.state !== f.state) return false;
  if (f.revision !== undefined && r.revision.status !== f.revision) return false;
  if (f.findings === 'open' && r.findings.open === 0) return false;
  if (f.findings === 'waived' && r.findings.waived === 0) return false;
  if (f.findings === 'none' && (r.findings.open > 0 || r.findings.waived > 0)) return false;
  if (f.q) {
    const q = f.q.trim().toLowerCase();
    const hay = [r.unit.name, r.unit.fonds ?? '', r.supervisor?.name ?? '', r.schemeName ?? ''].join('\n').toLowerCase();
    if (!hay.includes(q)) return false;
  }
  return true;
}

export interface SupervisionCounts {
  units: number;
  states: Record<TableStateKind, number>;
  /** Units with no version in force today. */
  withoutApproved: number;
  revisionDue: number;
  revisionSoon: number;
  withOpenFindings: number;
  withWaivedFindings: number;
  /** Classification calls of the last 30 days over all units, and how many went to review. */
  calls: number;
  review: number;
}

export function countRows(rows: readonly SupervisionRow[]): SupervisionCounts {
  const c: SupervisionCounts = {
    units: rows.length,
    states: { none: 0, draft: 0, submitted: 0, approved: 0, rejected: 0 },
    withoutApproved: 0,
    revisionDue: 0,
    revisionSoon: 0,
    withOpenFindings: 0,
    withWaivedFindings: 0,
    calls: 0,
    review: 0,
  };
  for (const r of rows) {
    c.states[r.state]++;
    if (!r.inForce) c.withoutApproved++;
    if (r.revision.status === 'due') c.revisionDue++;
    if (r.revision.status === 'soon') c.revisionSoon++;
    if (r.findings.open > 0) c.withOpenFindings++;
    if (r.findings.waived > 0) c.withWaivedFindings++;
    c.calls += r.figures.calls;
    c.review += r.figures.review;
  }
  return c;
}

const STATE_URGENCY: Record<TableStateKind, number> = { submitted: 0, rejected: 1, none: 2, draft: 3, approved: 4 };
const REVISION_URGENCY: Record<RevisionStatus, number> = { due: 0, soon: 1, none: 2, ok: 3 };

/** urgency: what needs the supervisor first (submitted, rejected, no table, due for revision …), then by 全宗号. */
export function sortRows(rows: SupervisionRow[], key: SortKey): SupervisionRow[] {
  const byFonds = (a: SupervisionRow, b: SupervisionRow) => (a.unit.fonds ?? '').localeCompare(b.unit.fonds ?? '') || a.unit.id - b.unit.id;
  const cmp: Record<SortKey, (a: SupervisionRow, b: SupervisionRow) => number> = {
    urgency: (a, b) =>
      STATE_URGENCY[a.state] - STATE_URGENCY[b.state] ||
      REVISION_URGENCY[a.revision.status] - REVISION_URGENCY[b.revision.status] ||
      byFonds(a, b),
    name: (a, b) => a.unit.name.localeCompare(b.unit.name, 'zh-Hans-CN') || a.unit.id - b.unit.id,
    fonds: byFonds,
    age: (a, b) => (b.inForce?.ageDays ?? -1) - (a.inForce?.ageDays ?? -1) || byFonds(a, b),
    review: (a, b) => (b.figures.reviewShare ?? -1) - (a.figures.reviewShare ?? -1) || b.figures.review - a.figures.review || byFonds(a, b),
  };
  return rows.sort(cmp[key]);
}
