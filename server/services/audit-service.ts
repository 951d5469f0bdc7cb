// Reading the audit log within what the caller may see, and verifying its hash chain.
import type { AuditEntry, ChainCheck } from '../store/audit-store.js';
import type { Stores } from '../store/index.js';
import type { Access, Principal } from './access.js';
import type { ApprovedContent } from './audit-integrity.js';
import type { VersionProblem } from '../store/version-check.js';
import { chinaDayStart } from './clock.js';
import { notFound } from './errors.js';
import { addDays } from '../engine/dates.js';

export interface AuditQuery {
  unit?: number;
  scheme?: number;
  /** Date (China time, inclusive) or ISO date-time. */
  from?: string;
  /** Date (China time, inclusive) or ISO date-time (exclusive). */
  to?: string;
  before?: number;
  limit?: number;
}

export class AuditService {
  constructor(
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly integrity: ApprovedContent,
  ) {}

  list(p: Principal | null, q: AuditQuery): { entries: AuditEntry[]; nextBefore: number | null } {
    const user = this.access.user(p);
    let unitIds = this.access.visibleUnitIds(user);
    if (q.unit !== undefined) {
      this.access.readableUnit(user, q.unit);
      unitIds = [q.unit];
    }
    if (q.scheme !== undefined) {
      const scheme = this.stores.schemes.getScheme(q.scheme);
      const unit = scheme && this.stores.orgs.get(scheme.unitId);
      if (!scheme || !unit || !this.access.canRead(user, unit)) throw notFound('方案');
    }
    const limit = q.limit ?? 100;
    const entries = this.stores.audit.list({
      unitIds,
      schemeId: q.scheme,
      from: q.from === undefined ? undefined : instant(q.from),
      to: q.to === undefined ? undefined : q.to.length === 10 ? chinaDayStart(addDays(q.to, 1)) : instant(q.to),
      before: q.before,
      limit,
    });
    return { entries, nextBefore: entries.length === limit ? entries[entries.length - 1].id : null };
  }

  /** The chain (keyed, against its anchored head) and every version past draft against the audit log. */
  verify(p: Principal | null): ChainCheck & { versions: { checked: number; problems: VersionProblem[] } } {
    this.access.admin(p);
    const { chain, versions } = this.integrity.verifyAll();
    return { ...chain, ok: chain.ok && versions.problems.length === 0, versions };
  }
}

/** A plain date is the start of that day in China; a date-time is normalised to UTC like the stored `at`. */
function instant(value: string): string {
  return value.length === 10 ? chinaDayStart(value) : new Date(Date.parse(value)).toISOString();
}
