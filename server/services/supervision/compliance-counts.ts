// How many national-floor findings a frozen (submitted or approved) version has, computed once per version, ever.
//
// The reviewer's compliance check (complianceOf) compiles the version and compares it with its baseline: ≈ 10 ms for
// a 300-row table, 5 s for 500 units. A version is frozen once submitted, so its counts only change with the
// baselines: they are stored per version with a fingerprint of the shipped baselines (version_finding_counts), read
// once per process, and a request over 500 units runs the check only for versions never counted before.
import type { ChangeCounter } from '../../store/changes.js';
import type { Stores } from '../../store/index.js';
import type { SupervisionStore } from '../../store/supervision-store.js';
import type { Baselines } from '../baselines.js';
import type { CompiledCache } from '../compiled-cache.js';
import { complianceOf } from '../schemes/review.js';

export interface FindingCounts {
  /** Findings of severity error (shorter than the floor) and warning (undecided against a baseline record). */
  errors: number;
  warnings: number;
}

export class ComplianceCounts {
  private known: Map<number, FindingCounts> | null = null;
  private readonly fingerprint: string;
  /** Compliance checks actually run (the rest came from memory or the database). */
  runs = 0;

  constructor(
    private readonly stores: Stores,
    private readonly baselines: Baselines,
    private readonly cache: CompiledCache,
    private readonly store: SupervisionStore,
    private readonly changes: ChangeCounter,
  ) {
    this.fingerprint = baselines
      .list()
      .map((b) => `${b.id}:${b.hash}`)
      .sort()
      .join(',');
  }

  /** Counts for a frozen version of `schemeId` (never call this for drafts: their content moves). */
  of(schemeId: number, v: { id: number; number: number }): FindingCounts {
    this.known ??= this.store.findingCounts(this.fingerprint);
    const hit = this.known.get(v.id);
    if (hit) return hit;
    const scheme = this.stores.schemes.getScheme(schemeId);
    const stored = this.stores.schemes.version(schemeId, v.number);
    if (!scheme || !stored || stored.state === 'draft') return { errors: 0, warnings: 0 };
    this.runs++;
    const report = complianceOf(this.baselines, this.cache, scheme, stored);
    const counts = {
      errors: report.findings.filter((f) => f.severity === 'error').length,
      warnings: report.findings.filter((f) => f.severity === 'warning').length,
    };
    this.known.set(v.id, counts);
    // A cache no other cache depends on: written without moving the change counter.
    this.changes.unseen(() => this.store.saveFindingCounts(v.id, this.fingerprint, counts));
    return counts;
  }
}
