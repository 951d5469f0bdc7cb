// How many national-floor findings a frozen (submitted or approved) version has, computed once per version.
//
// The reviewer's compliance check (complianceOf) compiles the version and compares it with its baseline. A version
// is frozen once submitted and the baselines are loaded once per process, so the counts never change: they are
// kept by scheme, content hash and number, and a request over 500 units runs the check only for versions this
// process has not seen yet.
import type { Stores } from '../../store/index.js';
import type { Baselines } from '../baselines.js';
import type { CompiledCache } from '../compiled-cache.js';
import { complianceOf } from '../schemes/review.js';

export interface FindingCounts {
  /** Findings of severity error (shorter than the floor) and warning (undecided against a baseline record). */
  errors: number;
  warnings: number;
}

export class ComplianceCounts {
  private readonly counts = new Map<string, FindingCounts>();
  runs = 0;

  constructor(
    private readonly stores: Stores,
    private readonly baselines: Baselines,
    private readonly cache: CompiledCache,
  ) {}

  /** Counts for a frozen version of `schemeId` (never call this for drafts: their content moves). */
  of(schemeId: number, v: { id: number; number: number; hash: string }): FindingCounts {
    const key = `${schemeId}:${v.hash}#${v.number}`;
    const hit = this.counts.get(key);
    if (hit) return hit;
    const scheme = this.stores.schemes.getScheme(schemeId);
    const stored = this.stores.schemes.version(schemeId, v.number);
    if (!scheme || !stored) return { errors: 0, warnings: 0 };
    this.runs++;
    const report = complianceOf(this.baselines, this.cache, scheme, stored);
    const counts = {
      errors: report.findings.filter((f) => f.severity === 'error').length,
      warnings: report.findings.filter((f) => f.severity === 'warning').length,
    };
    this.counts.set(key, counts);
    return counts;
  }
}
