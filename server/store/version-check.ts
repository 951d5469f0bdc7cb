// Every version past draft is checked against what the audit log recorded when it was submitted and decided: its
// stored document must still have its stored content hash, and that hash (and an approval's 批复文号 and dates)
// must be the one the audit log recorded. A row inserted or changed behind the service's back fails one of these.
import { contentHash } from '../engine/hash.js';
import type { AuditStore } from './audit-store.js';
import type { Db } from './db.js';

export interface VersionProblem {
  versionId: number;
  schemeId: number;
  unitId: number;
  number: number;
  state: string;
  reason: string;
}

interface VersionRow {
  id: number;
  scheme_id: number;
  unit_id: number;
  number: number;
  state: string;
  document: string;
  hash: string;
  approval_number: string | null;
  decided_on: string | null;
  effective_from: string | null;
}

const SELECT = `SELECT v.id, v.scheme_id, s.unit_id, v.number, v.state, v.document, v.hash, v.approval_number, v.decided_on,
  v.effective_from FROM scheme_versions v JOIN schemes s ON s.id = v.scheme_id`;

/** What is wrong with one stored version (null: it is what the audit log says was submitted or approved). */
export function versionFault(row: VersionRow, audit: AuditStore): string | null {
  if (row.state === 'draft') return null;
  let hash: string;
  try {
    hash = contentHash(JSON.parse(row.document));
  } catch {
    return '存储的文档不是有效的 JSON';
  }
  if (hash !== row.hash) return `存储的文档与其内容哈希不符（重新计算为 ${hash}，记录为 ${row.hash}）`;
  return recordFault(row, audit);
}

/** What is wrong with a version's stored hash and decision against the audit log (the document not read). */
export function recordFault(row: Omit<VersionRow, 'document'>, audit: AuditStore): string | null {
  if (row.state === 'draft') return null;
  const decided = row.state === 'approved' || row.state === 'superseded';
  const subject = `scheme_version:${row.id}`;
  const submitted = audit.recorded(row.scheme_id, subject, 'version.submit');
  if (!submitted) return '审计日志中没有该版本的报审记录';
  if (submitted.hash !== row.hash) return `内容哈希与审计日志中报审时记录的（${String(submitted.hash)}）不符`;
  if (!decided) return null;
  const approved = audit.recorded(row.scheme_id, subject, 'version.approve');
  if (!approved) return '审计日志中没有该版本的批准记录';
  if (approved.hash !== row.hash) return `内容哈希与审计日志中批准时记录的（${String(approved.hash)}）不符`;
  if (
    approved.approvalNumber !== row.approval_number ||
    (approved.decidedOn ?? null) !== row.decided_on ||
    approved.effectiveFrom !== row.effective_from
  ) {
    return '批复文号、批复日期或生效日期与审计日志中批准时记录的不符';
  }
  return null;
}

export class VersionCheck {
  private readonly all;
  private readonly one;
  private readonly some;
  private readonly record;

  constructor(
    db: Db,
    private readonly audit: AuditStore,
  ) {
    this.all = db.prepare<[], VersionRow>(`${SELECT} WHERE v.state <> 'draft' ORDER BY v.id`);
    this.one = db.prepare<[number], VersionRow>(`${SELECT} WHERE v.id = ?`);
    this.some = db.prepare<[number, number], VersionRow>(`${SELECT} WHERE v.state <> 'draft' AND v.id > ? ORDER BY v.id LIMIT ?`);
    this.record = db.prepare<[number], Omit<VersionRow, 'document'>>(`${SELECT.replace('v.document, ', '')} WHERE v.id = ?`);
  }

  /** Checks up to `count` versions past draft with a row id above `after`; `next` is where to go on (0: from the start). */
  checkSome(after: number, count: number): { problems: VersionProblem[]; next: number } {
    const rows = this.some.all(after, count);
    const problems: VersionProblem[] = [];
    for (const row of rows) {
      const reason = versionFault(row, this.audit);
      if (reason) problems.push(problemOf(row, reason));
    }
    return { problems, next: rows.length < count ? 0 : rows[rows.length - 1].id };
  }

  /** The version's stored hash and decision against the audit log, without reading its document. */
  recordedMismatch(versionId: number): VersionProblem | null {
    const row = this.record.get(versionId);
    if (!row) return null;
    const reason = recordFault(row, this.audit);
    return reason ? problemOf(row, reason) : null;
  }

  /** Checks every version past draft. */
  checkAll(): { checked: number; problems: VersionProblem[] } {
    let checked = 0;
    const problems: VersionProblem[] = [];
    for (const row of this.all.iterate()) {
      checked++;
      const reason = versionFault(row, this.audit);
      if (reason) problems.push(problemOf(row, reason));
    }
    return { checked, problems };
  }

  /** One version's document, checked; `problem` set (and no document) if it does not verify. */
  load(versionId: number): { document: unknown; problem: null } | { document: null; problem: VersionProblem } {
    const row = this.one.get(versionId);
    if (!row) throw new Error(`scheme version ${versionId} not found`);
    const reason = versionFault(row, this.audit);
    if (reason) return { document: null, problem: problemOf(row, reason) };
    return { document: JSON.parse(row.document), problem: null };
  }
}

function problemOf(row: Omit<VersionRow, 'document'>, reason: string): VersionProblem {
  return { versionId: row.id, schemeId: row.scheme_id, unitId: row.unit_id, number: row.number, state: row.state, reason };
}

/** “方案 3 第 2 版：…” */
export function describeProblem(p: VersionProblem): string {
  return `方案 ${p.schemeId} 第 ${p.number} 版：${p.reason}`;
}
