// The supervision view's one read of every version's metadata (no documents), grouped by unit.
import type { VersionState } from '../schemas/version-states.js';
import type { Db } from './db.js';

/** What the supervision view reads of a version (no document). */
export interface VersionFacts {
  id: number;
  schemeId: number;
  schemeName: string;
  number: number;
  state: VersionState;
  hash: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedOn: string | null;
  approvalNumber: string | null;
  effectiveFrom: string | null;
  justification: string | null;
  rejectReason: string | null;
}

interface Row {
  unit_id: number;
  id: number;
  scheme_id: number;
  scheme_name: string;
  number: number;
  state: VersionState;
  hash: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  decided_at: string | null;
  decided_on: string | null;
  approval_number: string | null;
  effective_from: string | null;
  justification: string | null;
  reject_reason: string | null;
}

export class SupervisionStore {
  private readonly all;

  constructor(db: Db) {
    this.all = db.prepare<[], Row>(
      `SELECT s.unit_id, v.id, v.scheme_id, s.name AS scheme_name, v.number, v.state, v.hash, v.created_at, v.updated_at,
              v.submitted_at, v.decided_at, v.decided_on, v.approval_number, v.effective_from, v.justification, v.reject_reason
         FROM scheme_versions v JOIN schemes s ON s.id = v.scheme_id ORDER BY s.unit_id, v.scheme_id, v.number`,
    );
  }

  /** Every version's facts, by unit id. */
  versionsByUnit(): Map<number, VersionFacts[]> {
    const out = new Map<number, VersionFacts[]>();
    for (const r of this.all.iterate()) {
      const v: VersionFacts = {
        id: r.id,
        schemeId: r.scheme_id,
        schemeName: r.scheme_name,
        number: r.number,
        state: r.state,
        hash: r.hash,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        submittedAt: r.submitted_at,
        decidedAt: r.decided_at,
        decidedOn: r.decided_on,
        approvalNumber: r.approval_number,
        effectiveFrom: r.effective_from,
        justification: r.justification,
        rejectReason: r.reject_reason,
      };
      const list = out.get(r.unit_id);
      if (list) list.push(v);
      else out.set(r.unit_id, [v]);
    }
    return out;
  }
}
