// The supervision view: one row per unit the caller supervises, filtered, sorted and counted.
import type { UnitStats } from '../../store/decision-log-store.js';
import type { Stores } from '../../store/index.js';
import type { SupervisionStore } from '../../store/supervision-store.js';
import type { UnitChangeStore } from '../../store/unit-changes-store.js';
import type { User } from '../../store/users-store.js';
import type { Access, Principal } from '../access.js';
import { type Clock, chinaDate } from '../clock.js';
import { forbidden } from '../errors.js';
import type { ComplianceCounts } from './compliance-counts.js';
import { revisionDue } from './revision-due.js';
import type { SortKey } from '../../schemas/supervision-words.js';
import { type RowFilter, type SupervisionCounts, type SupervisionRow, countRows, matches, sortRows, supervisionRow } from './rows.js';
import { supervisedUnits } from './scope.js';
import { tableState } from './table-state.js';

export interface SupervisionQuery extends RowFilter {
  sort?: SortKey;
  offset?: number;
  limit?: number;
}

export interface SupervisionPage {
  /** The date (China) the states and revision dates were computed for. */
  today: string;
  /** Over every unit the caller supervises, before filters. */
  counts: SupervisionCounts;
  /** Rows matching the filters. */
  total: number;
  offset: number;
  limit: number;
  rows: SupervisionRow[];
}

export const DEFAULT_LIMIT = 1000;
/** The classification figures cover the last 30 days. */
export const FIGURES_DAYS = 30;

export class SupervisionService {
  constructor(
    private readonly stores: Stores,
    private readonly versions: SupervisionStore,
    private readonly changes: UnitChangeStore,
    private readonly access: Access,
    private readonly clock: Clock,
    private readonly compliance: ComplianceCounts,
    /** Classification figures of a unit since an instant (the decision log's). */
    private readonly stats: (unitId: number, since: string) => UnitStats,
  ) {}

  /** How often a version's compliance was actually checked (the rest came from the cache). */
  get complianceRuns(): number {
    return this.compliance.runs;
  }

  /** Reviewers (of a bureau or a parent enterprise) and admins. */
  supervisor(p: Principal | null): User {
    const u = this.access.user(p);
    if (u.role !== 'reviewer' && u.role !== 'admin') throw forbidden('只有审核员和系统管理员可以查看监管视图');
    return u;
  }

  /** Whether `u` supervises the unit (directly or through a parent enterprise), or is an admin. */
  supervises(u: User, unitId: number): boolean {
    if (u.role === 'admin') return true;
    if (u.role !== 'reviewer' || u.orgId === null) return false;
    return supervisedUnits(this.stores.orgs.list(), u.orgId).some((s) => s.unit.id === unitId);
  }

  page(p: Principal | null, q: SupervisionQuery): SupervisionPage {
    const { today, all } = this.rows(this.supervisor(p));
    const matching = sortRows(
      all.filter((r) => matches(r, q)),
      q.sort ?? 'urgency',
    );
    const offset = q.offset ?? 0;
    const limit = q.limit ?? DEFAULT_LIMIT;
    return { today, counts: countRows(all), total: matching.length, offset, limit, rows: matching.slice(offset, offset + limit) };
  }

  /** Every row matching the filters (the xlsx export), with the counts. */
  all(p: Principal | null, q: SupervisionQuery): { today: string; counts: SupervisionCounts; rows: SupervisionRow[] } {
    const { today, all } = this.rows(this.supervisor(p));
    return {
      today,
      counts: countRows(all),
      rows: sortRows(
        all.filter((r) => matches(r, q)),
        q.sort ?? 'urgency',
      ),
    };
  }

  private rows(u: User): { today: string; all: SupervisionRow[] } {
    const now = this.clock();
    const today = chinaDate(now);
    const since = new Date(now.getTime() - FIGURES_DAYS * 86_400_000).toISOString();
    const scope = supervisedUnits(this.stores.orgs.list(), u.role === 'admin' ? null : u.orgId);
    const versions = this.versions.versionsByUnit();
    const changes = this.changes.byUnit();
    const all = scope.map(({ unit, supervisor, depth }) => {
      const table = tableState(versions.get(unit.id) ?? [], today);
      const inForce = table.inForce;
      const submitted = table.open?.state === 'submitted' ? table.open : null;
      return supervisionRow(
        {
          unit: { id: unit.id, name: unit.name, fonds: unit.fonds, kind: unit.kind },
          supervisor: supervisor ? { id: supervisor.id, name: supervisor.name } : null,
          depth,
          table,
          revision: revisionDue(inForce?.approvedOn ?? null, changes.get(unit.id) ?? [], today),
          inForceFindings:
            inForce && table.schemeId ? this.compliance.of(table.schemeId, { id: inForce.versionId, number: inForce.number }) : null,
          figures: this.stats(unit.id, since),
          submittedFindings:
            submitted && table.schemeId ? this.compliance.of(table.schemeId, { id: submitted.versionId, number: submitted.number }) : null,
        },
        today,
      );
    });
    return { today, all };
  }
}
