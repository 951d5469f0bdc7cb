// Superseding: an approved version gives way once a newer approved version of the same scheme has taken effect
// (its effectiveFrom ≤ today, China time). Reads show it at once; the move is written (and audited) by the
// hourly housekeeping and by the approval that causes it, never by a GET.
import type { Db } from '../../store/db.js';
import type { Stores } from '../../store/index.js';
import type { VersionState } from '../../store/schemes-store.js';
import { auditEvents } from '../audit-events.js';
import { type Clock, chinaDate, isoNow } from '../clock.js';

export class Supersede {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly clock: Clock,
  ) {}

  /** Records every move that is due, in all schemes or one. */
  sweep(schemeId?: number): void {
    const ids = schemeId === undefined ? this.stores.schemes.schemesWithApproved() : [schemeId];
    for (const id of ids) {
      if (!this.due(id).length) continue;
      this.db.transaction(() => this.sweepIn(id, isoNow(this.clock))).immediate();
    }
  }

  /** Versions as a reader should see them now: an approved version that is due to give way reads superseded. */
  view<V extends { id: number; state: VersionState }>(schemeId: number, versions: V[]): V[] {
    const due = new Set(this.due(schemeId).map((v) => v.id));
    return due.size ? versions.map((v) => (due.has(v.id) ? { ...v, state: 'superseded' } : v)) : versions;
  }

  /** Inside a write transaction: supersedes what is due and audits each move. */
  sweepIn(schemeId: number, at: string): void {
    const scheme = this.stores.schemes.getScheme(schemeId)!;
    const versions = this.stores.schemes.inForce(schemeId);
    for (const v of this.due(schemeId)) {
      if (!this.stores.schemes.supersede(v.id, at)) continue;
      const by = versions.filter((w) => w.effectiveFrom <= chinaDate(this.clock())).at(-1)!;
      this.stores.audit.append(auditEvents.versionSuperseded(at, scheme, v, by));
    }
  }

  /** Approved versions older than the newest one in force. */
  private due(schemeId: number) {
    const today = chinaDate(this.clock());
    const versions = this.stores.schemes.inForce(schemeId);
    let current = -1;
    versions.forEach((v, i) => {
      if (v.effectiveFrom <= today) current = i;
    });
    return versions.slice(0, Math.max(current, 0)).filter((v) => v.state === 'approved');
  }
}
