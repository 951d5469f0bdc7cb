// Schemes of a unit and their numbered versions (draft → submitted → approved | rejected; approved → superseded).
import type { Scheme } from '../schemas/scheme.js';
import type { Db } from './db.js';

export type { VersionState } from '../schemas/version-states.js';
import type { VersionState } from '../schemas/version-states.js';

export interface SchemeInfo {
  id: number;
  unitId: number;
  name: string;
  baselineId: string | null;
  baselineHash: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface VersionMeta {
  /** Row id (internal; versions are addressed by scheme and number). */
  id: number;
  schemeId: number;
  number: number;
  state: VersionState;
  hash: string;
  rev: number;
  copiedFrom: number | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** Display names (张三) of the people behind createdBy, submittedBy and decidedBy (usernames). */
  createdByName: string | null;
  submittedByName: string | null;
  decidedByName: string | null;
  approvalNumber: string | null;
  decidedOn: string | null;
  effectiveFrom: string | null;
  comment: string | null;
  justification: string | null;
  /** Why the approval takes effect before its decision date (effectiveFrom < decidedOn); null otherwise. */
  backdateReason: string | null;
  rejectReason: string | null;
  supersededAt: string | null;
}

export interface StoredVersion extends VersionMeta {
  document: Scheme;
}

/** An approved or superseded version: what classification may use. */
export interface InForce {
  id: number;
  number: number;
  hash: string;
  effectiveFrom: string;
  state: 'approved' | 'superseded';
}

export interface SubmittedEntry extends VersionMeta {
  schemeName: string;
  unitId: number;
}

const META_COLUMNS = `v.id, v.scheme_id, v.number, v.state, v.hash, v.rev, v.copied_from, cu.username AS created_by_name, v.created_at, v.updated_at,
  su.username AS submitted_by_name, v.submitted_at, du.username AS decided_by_name, v.decided_at, v.approval_number, v.decided_on,
  v.effective_from, v.comment, v.justification, v.backdate_reason, v.reject_reason, v.superseded_at,
  cu.display_name AS created_by_display, su.display_name AS submitted_by_display, du.display_name AS decided_by_display`;
const META_FROM = `scheme_versions v LEFT JOIN users cu ON cu.id = v.created_by LEFT JOIN users su ON su.id = v.submitted_by
  LEFT JOIN users du ON du.id = v.decided_by`;

interface MetaRow {
  id: number;
  scheme_id: number;
  number: number;
  state: VersionState;
  hash: string;
  rev: number;
  copied_from: number | null;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
  submitted_by_name: string | null;
  submitted_at: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  approval_number: string | null;
  decided_on: string | null;
  effective_from: string | null;
  comment: string | null;
  justification: string | null;
  backdate_reason: string | null;
  reject_reason: string | null;
  superseded_at: string | null;
  created_by_display: string | null;
  submitted_by_display: string | null;
  decided_by_display: string | null;
}

const toMeta = (r: MetaRow): VersionMeta => ({
  id: r.id,
  schemeId: r.scheme_id,
  number: r.number,
  state: r.state,
  hash: r.hash,
  rev: r.rev,
  copiedFrom: r.copied_from,
  createdBy: r.created_by_name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  submittedBy: r.submitted_by_name,
  submittedAt: r.submitted_at,
  decidedBy: r.decided_by_name,
  decidedAt: r.decided_at,
  approvalNumber: r.approval_number,
  decidedOn: r.decided_on,
  effectiveFrom: r.effective_from,
  comment: r.comment,
  justification: r.justification,
  backdateReason: r.backdate_reason,
  rejectReason: r.reject_reason,
  supersededAt: r.superseded_at,
  createdByName: r.created_by_display,
  submittedByName: r.submitted_by_display,
  decidedByName: r.decided_by_display,
});

interface SchemeRow {
  id: number;
  unit_id: number;
  name: string;
  baseline_id: string | null;
  baseline_hash: string | null;
  created_by_name: string | null;
  created_at: string;
}

const toScheme = (r: SchemeRow): SchemeInfo => ({
  id: r.id,
  unitId: r.unit_id,
  name: r.name,
  baselineId: r.baseline_id,
  baselineHash: r.baseline_hash,
  createdBy: r.created_by_name,
  createdAt: r.created_at,
});

const SCHEME_SELECT =
  'SELECT s.id, s.unit_id, s.name, s.baseline_id, s.baseline_hash, u.username AS created_by_name, s.created_at FROM schemes s LEFT JOIN users u ON u.id = s.created_by';

export class SchemeStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insertScheme: db.prepare<
        { unitId: number; name: string; baselineId: string | null; baselineHash: string | null; createdBy: number; at: string },
        { id: number }
      >(
        'INSERT INTO schemes (unit_id, name, baseline_id, baseline_hash, created_by, created_at) VALUES (@unitId, @name, @baselineId, @baselineHash, @createdBy, @at) RETURNING id',
      ),
      scheme: db.prepare<[number], SchemeRow>(`${SCHEME_SELECT} WHERE s.id = ?`),
      schemesOfUnit: db.prepare<[number], SchemeRow>(`${SCHEME_SELECT} WHERE s.unit_id = ? ORDER BY s.id`),
      insertVersion: db.prepare<
        { schemeId: number; number: number; document: string; hash: string; copiedFrom: number | null; createdBy: number; at: string },
        { id: number }
      >(
        `INSERT INTO scheme_versions (scheme_id, number, state, document, hash, copied_from, created_by, edited_by, created_at, updated_at)
         VALUES (@schemeId, @number, 'draft', @document, @hash, @copiedFrom, @createdBy, @createdBy, @at, @at) RETURNING id`,
      ),
      nextNumber: db.prepare<[number], { n: number }>('SELECT coalesce(max(number), 0) + 1 AS n FROM scheme_versions WHERE scheme_id = ?'),
      meta: db.prepare<[number, number], MetaRow>(`SELECT ${META_COLUMNS} FROM ${META_FROM} WHERE v.scheme_id = ? AND v.number = ?`),
      metaById: db.prepare<[number], MetaRow>(`SELECT ${META_COLUMNS} FROM ${META_FROM} WHERE v.id = ?`),
      document: db.prepare<[number], { document: string }>('SELECT document FROM scheme_versions WHERE id = ?'),
      versions: db.prepare<[number], MetaRow>(`SELECT ${META_COLUMNS} FROM ${META_FROM} WHERE v.scheme_id = ? ORDER BY v.number`),
      open: db.prepare<[number], { number: number; state: VersionState }>(
        "SELECT number, state FROM scheme_versions WHERE scheme_id = ? AND state IN ('draft', 'submitted')",
      ),
      updateDocument: db.prepare<{ id: number; rev: number; document: string; hash: string; by: number; at: string }>(
        `UPDATE scheme_versions SET document = @document, hash = @hash, rev = rev + 1, edited_by = @by, updated_at = @at
         WHERE id = @id AND rev = @rev AND state = 'draft'`,
      ),
      submit: db.prepare<{ id: number; by: number; at: string }>(
        "UPDATE scheme_versions SET state = 'submitted', submitted_by = @by, submitted_at = @at, updated_at = @at WHERE id = @id AND state = 'draft'",
      ),
      approve: db.prepare<{
        id: number;
        by: number;
        at: string;
        approvalNumber: string;
        decidedOn: string;
        effectiveFrom: string;
        comment: string | null;
        justification: string | null;
        backdateReason: string | null;
      }>(
        `UPDATE scheme_versions SET state = 'approved', decided_by = @by, decided_at = @at, approval_number = @approvalNumber, decided_on = @decidedOn,
           effective_from = @effectiveFrom, comment = @comment, justification = @justification, backdate_reason = @backdateReason, updated_at = @at
         WHERE id = @id AND state = 'submitted'`,
      ),
      reject: db.prepare<{ id: number; by: number; at: string; reason: string; decidedOn: string | null; comment: string | null }>(
        `UPDATE scheme_versions SET state = 'rejected', decided_by = @by, decided_at = @at, reject_reason = @reason, decided_on = @decidedOn, comment = @comment,
           updated_at = @at WHERE id = @id AND state = 'submitted'`,
      ),
      supersede: db.prepare<[string, number]>(
        "UPDATE scheme_versions SET state = 'superseded', superseded_at = ? WHERE id = ? AND state = 'approved'",
      ),
      inForce: db.prepare<[number], InForce>(
        "SELECT id, number, hash, effective_from AS effectiveFrom, state FROM scheme_versions WHERE scheme_id = ? AND state IN ('approved', 'superseded') ORDER BY effective_from, number",
      ),
      authors: db.prepare<[number], { submitted_by: number | null; edited_by: number | null; created_by: number; scheme_id: number }>(
        'SELECT submitted_by, coalesce(edited_by, created_by) AS edited_by, created_by, scheme_id FROM scheme_versions WHERE id = ?',
      ),
      editors: db
        .prepare<[number, string], number>(
          "SELECT DISTINCT actor_id FROM audit_log WHERE scheme_id = ? AND subject = ? AND action = 'version.edit' AND actor_id IS NOT NULL",
        )
        .pluck(),
      submittedAll: db.prepare<[], MetaRow & { scheme_name: string; unit_id: number }>(
        `SELECT ${META_COLUMNS}, s.name AS scheme_name, s.unit_id FROM ${META_FROM} JOIN schemes s ON s.id = v.scheme_id WHERE v.state = 'submitted' ORDER BY v.submitted_at`,
      ),
      approvedSchemeIds: db.prepare<[number], { scheme_id: number }>(
        "SELECT DISTINCT v.scheme_id FROM scheme_versions v JOIN schemes s ON s.id = v.scheme_id WHERE s.unit_id = ? AND v.state IN ('approved', 'superseded') ORDER BY v.scheme_id",
      ),
      schemesWithApproved: db.prepare<[], { scheme_id: number }>("SELECT DISTINCT scheme_id FROM scheme_versions WHERE state = 'approved'"),
    };
  }

  createScheme(
    s: { unitId: number; name: string; baselineId: string | null; baselineHash: string | null; createdBy: number },
    at: string,
  ): number {
    return this.s.insertScheme.get({ ...s, at })!.id;
  }

  getScheme(id: number): SchemeInfo | undefined {
    const r = this.s.scheme.get(id);
    return r && toScheme(r);
  }

  schemesOfUnit(unitId: number): SchemeInfo[] {
    return this.s.schemesOfUnit.all(unitId).map(toScheme);
  }

  nextNumber(schemeId: number): number {
    return this.s.nextNumber.get(schemeId)!.n;
  }

  createVersion(
    v: { schemeId: number; number: number; document: Scheme; hash: string; copiedFrom: number | null; createdBy: number },
    at: string,
  ): VersionMeta {
    const { id } = this.s.insertVersion.get({ ...v, document: JSON.stringify(v.document), at })!;
    return this.metaById(id)!;
  }

  meta(schemeId: number, number: number): VersionMeta | undefined {
    const r = this.s.meta.get(schemeId, number);
    return r && toMeta(r);
  }

  metaById(id: number): VersionMeta | undefined {
    const r = this.s.metaById.get(id);
    return r && toMeta(r);
  }

  version(schemeId: number, number: number): StoredVersion | undefined {
    const meta = this.meta(schemeId, number);
    return meta && { ...meta, document: this.document(meta.id) };
  }

  document(versionId: number): Scheme {
    return JSON.parse(this.s.document.get(versionId)!.document) as Scheme;
  }

  versions(schemeId: number): VersionMeta[] {
    return this.s.versions.all(schemeId).map(toMeta);
  }

  openVersion(schemeId: number): { number: number; state: VersionState } | undefined {
    return this.s.open.get(schemeId);
  }

  /** Replaces a draft's document (written by user `by`) if its revision is still `rev`. False when stale or no longer a draft. */
  updateDocument(id: number, rev: number, document: Scheme, hash: string, by: number, at: string): boolean {
    return this.s.updateDocument.run({ id, rev, document: JSON.stringify(document), hash, by, at }).changes === 1;
  }

  submit(id: number, by: number, at: string): boolean {
    return this.s.submit.run({ id, by, at }).changes === 1;
  }

  approve(
    id: number,
    d: {
      by: number;
      approvalNumber: string;
      decidedOn: string;
      effectiveFrom: string;
      comment: string | null;
      justification: string | null;
      /** Defaults to null (an approval effective on or after its decision date). */
      backdateReason?: string | null;
    },
    at: string,
  ): boolean {
    return this.s.approve.run({ id, at, ...d, backdateReason: d.backdateReason ?? null }).changes === 1;
  }

  reject(id: number, d: { by: number; reason: string; decidedOn: string | null; comment: string | null }, at: string): boolean {
    return this.s.reject.run({ id, at, ...d }).changes === 1;
  }

  supersede(id: number, at: string): boolean {
    return this.s.supersede.run(at, id).changes === 1;
  }

  /** Approved and superseded versions of a scheme, oldest effective first. */
  inForce(schemeId: number): InForce[] {
    return this.s.inForce.all(schemeId);
  }

  /**
   * Who submitted the version, who last wrote its content, and everyone who wrote any of it (its creator and every
   * editor of the draft, from the audit log): none of them may decide it (four eyes).
   */
  authorsOf(versionId: number): { submittedBy: number | null; editedBy: number | null; wroteIt: number[] } {
    const r = this.s.authors.get(versionId);
    const wroteIt = new Set<number>(r ? this.s.editors.all(r.scheme_id, `scheme_version:${versionId}`) : []);
    if (r) wroteIt.add(r.created_by);
    if (r?.edited_by != null) wroteIt.add(r.edited_by);
    return { submittedBy: r?.submitted_by ?? null, editedBy: r?.edited_by ?? null, wroteIt: [...wroteIt] };
  }

  submitted(): SubmittedEntry[] {
    return this.s.submittedAll.all().map((r) => ({ ...toMeta(r), schemeName: r.scheme_name, unitId: r.unit_id }));
  }

  /** Schemes of a unit that have at least one approved or superseded version. */
  approvedSchemeIds(unitId: number): number[] {
    return this.s.approvedSchemeIds.all(unitId).map((r) => r.scheme_id);
  }

  /** Schemes with at least one version still in state `approved` (for the superseding sweep). */
  schemesWithApproved(): number[] {
    return this.s.schemesWithApproved.all().map((r) => r.scheme_id);
  }
}
