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

export interface StoredCounts {
  errors: number;
  warnings: number;
}

export class SupervisionStore {
  private readonly all;
  private readonly countsAll;
  private readonly countsPut;

  constructor(db: Db) {
    this.all = db.prepare<[], Row>(
      `SELECT s.unit_id, v.id, v.scheme_id, s.name AS scheme_name, v.number, v.state, v.hash, v.created_at, v.updated_at,
              v.submitted_at, v.decided_at, v.decided_on, v.approval_number, v.effective_from, v.justification, v.reject_reason
         FROM scheme_versions v JOIN schemes s ON s.id = v.scheme_id ORDER BY s.unit_id, v.scheme_id, v.number`,
    );
    this.countsAll = db.prepare<[string], { version_id: number; errors: number; warnings: number }>(
      'SELECT version_id, errors, warnings FROM version_finding_counts WHERE baselines = ?',
    );
    this.countsPut = db.prepare<{ versionId: number; baselines: string; errors: number; warnings: number }>(
      `INSERT INTO version_finding_counts (version_id, baselines, errors, warnings) VALUES (@versionId, @baselines, @errors, @warnings)
       ON CONFLICT (version_id) DO UPDATE SET baselines = excluded.baselines, errors = excluded.errors, warnings = excluded.warnings`,
    );
  }

  /** Finding counts stored for frozen versions against the baselines `fingerprint`, by version id. */
  findingCounts(fingerprint: string): Map<number, StoredCounts> {
    return new Map(this.countsAll.all(fingerprint).map((r) => [r.version_id, { errors: r.errors, warnings: r.warnings }]));
  }

  saveFindingCounts(versionId: number, fingerprint: string, c: StoredCounts): void {
    this.countsPut.run({ versionId, baselines: fingerprint, ...c });
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
