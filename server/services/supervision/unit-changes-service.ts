// Recording a unit's restructuring, change of main business or of functions (admins), and listing them.
import type { Db } from '../../store/db.js';
import type { Stores } from '../../store/index.js';
import type { UnitChange, UnitChangeStore } from '../../store/unit-changes-store.js';
import type { Access, Principal } from '../access.js';
import { auditEvents } from '../audit-events.js';
import { type Clock, chinaDate, isoNow } from '../clock.js';
import { AppError, notFound } from '../errors.js';
import type { UnitChangeKind } from '../../schemas/supervision-words.js';
import type { SupervisionService } from './supervision-service.js';

export interface UnitChangeInput {
  kind: UnitChangeKind;
  occurredOn: string;
  description: string;
  reference?: string;
}

export class UnitChangesService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly changes: UnitChangeStore,
    private readonly access: Access,
    private readonly supervision: SupervisionService,
    private readonly clock: Clock,
  ) {}

  /** The unit's own users, those who supervise it (also through a parent enterprise), and admins. */
  list(p: Principal | null, unitId: number): UnitChange[] {
    const u = this.access.user(p);
    const unit = this.stores.orgs.get(unitId);
    if (unit?.type !== 'unit' || !(this.access.canRead(u, unit) || this.supervision.supervises(u, unitId))) throw notFound('单位');
    return this.changes.ofUnitId(unitId);
  }

  /** Admins only; the unit must exist, and the change must have happened by today. */
  record(p: Principal | null, unitId: number, input: UnitChangeInput): UnitChange {
    const admin = this.access.admin(p);
    const unit = this.stores.orgs.get(unitId);
    if (unit?.type !== 'unit') throw notFound('单位');
    const today = chinaDate(this.clock());
    if (input.occurredOn > today) {
      throw new AppError('invalid_request', '变化日期不能晚于今天', [{ path: '/occurredOn', message: `不能晚于 ${today}` }]);
    }
    return this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const change = this.changes.create(
          {
            unitId,
            kind: input.kind,
            occurredOn: input.occurredOn,
            description: input.description,
            reference: input.reference ?? null,
            recordedBy: admin.id,
          },
          at,
        );
        this.stores.audit.append(auditEvents.unitChangeRecorded(at, admin, change));
        return change;
      })
      .immediate();
  }
}
