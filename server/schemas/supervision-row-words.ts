// The words a supervision row is shown in: the page and the xlsx export say the same thing (pure, browser-safe).
import {
  REVISION_LABELS,
  type RevisionStatus,
  TABLE_STATE_LABELS,
  type TableStateKind,
  UNIT_CHANGE_LABELS,
  type UnitChangeKind,
} from './supervision-words.js';

/** Why a table is due: five years since its approval, or a change recorded on the unit. */
export interface ReasonFacts {
  kind: 'age' | 'change';
  since?: string;
  years?: number;
  change?: string;
  occurredOn?: string;
}

/** What these words read of a supervision row (the service's row and the wire row both have it). */
export interface RowFacts {
  state: TableStateKind;
  inForce: { number: number; effectiveFrom: string } | null;
  upcoming: { number: number; effectiveFrom: string } | null;
  open: { number: number; since: string } | null;
  rejected: { number: number; on: string } | null;
  revision: { status: RevisionStatus; dueOn: string | null; reasons: readonly ReasonFacts[] };
  findings: { waived: number; open: number; openErrors: number };
  figures: {
    calls: number;
    filed: number;
    excluded: number;
    review: number;
    reviewShare: number | null;
    topReviewRows: readonly { key: string; count: number }[];
    topMissingFields: readonly { key: string; count: number }[];
  };
}

type SupervisionRow = RowFacts;
type RevisionReason = ReasonFacts;

const day = (iso: string) => iso.slice(0, 10);

/** "3 年 2 个月" from whole days (a year of 365.25 days, a month of 30.44). */
export function ageWords(days: number): string {
  if (days < 31) return `${Math.max(days, 0)} 天`;
  const months = Math.floor(days / 30.44);
  const y = Math.floor(months / 12);
  const m = months % 12;
  return y ? `${y} 年${m ? ` ${m} 个月` : ''}` : `${m} 个月`;
}

/** 已批准施行 v2（自 2024-01-01）, 已提交待审批 v3（2026-02-01 起）… */
export function stateWords(r: SupervisionRow): string {
  const label = TABLE_STATE_LABELS[r.state];
  if (r.state === 'submitted' && r.open) return `${label} v${r.open.number}（${day(r.open.since)} 起）`;
  if (r.state === 'draft' && r.open) return `${label} v${r.open.number}（${day(r.open.since)} 起）`;
  if (r.state === 'rejected' && r.rejected) return `${label} v${r.rejected.number}（${r.rejected.on}）`;
  if (r.state === 'approved' && r.inForce) return `${label} v${r.inForce.number}（自 ${r.inForce.effectiveFrom}）`;
  if (r.state === 'approved' && r.upcoming) return `已批准 v${r.upcoming.number}，${r.upcoming.effectiveFrom} 起施行`;
  return label;
}

export function reasonWords(reason: RevisionReason): string {
  if (reason.kind === 'age') return `批准已满 ${reason.years} 年（${reason.since} 批复）`;
  return `${reason.occurredOn} ${UNIT_CHANGE_LABELS[reason.change as UnitChangeKind] ?? reason.change}`;
}

export function revisionWords(r: SupervisionRow): string {
  const rev = r.revision;
  if (rev.status === 'none') return REVISION_LABELS.none;
  if (rev.status === 'due') return `${REVISION_LABELS.due}：${rev.reasons.map(reasonWords).join('；')}`;
  return `${REVISION_LABELS[rev.status]}（${rev.dueOn} 满 5 年）`;
}

export function findingWords(r: SupervisionRow): string {
  const parts: string[] = [];
  if (r.findings.open)
    parts.push(`待审版本 ${r.findings.open} 处${r.findings.openErrors ? `（${r.findings.openErrors} 处短于国家基线）` : ''}`);
  if (r.findings.waived) parts.push(`施行版本经说明接受 ${r.findings.waived} 处`);
  return parts.join('；') || '无';
}

/** 12% (whole percent; under 1% as <1%). */
export function percent(share: number): string {
  if (share > 0 && share < 0.01) return '<1%';
  return `${Math.round(share * 100)}%`;
}

/** 近 30 天 120 次：归档 80%、不归档 5%、待人工判断 15% */
export function figureWords(r: RowFacts): string {
  const f = r.figures;
  if (!f.calls) return '近 30 天无分类调用';
  return `近 30 天 ${f.calls} 次：归档 ${percent(f.filed / f.calls)}、不归档 ${percent(f.excluded / f.calls)}、待人工判断 ${percent(f.review / f.calls)}`;
}

/** 条款 2.1（12 次）、条款 3.2（4 次） */
export function countWords(list: readonly { key: string; count: number }[], prefix = ''): string {
  return list.map((c) => `${prefix}${c.key}（${c.count} 次）`).join('、');
}
