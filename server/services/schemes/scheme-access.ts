// Who may do what with a scheme, checked once per request: the route asks before reading the body, and the
// workflow step takes the SchemeTarget it got instead of checking again.
import type { Stores } from '../../store/index.js';
import type { Org } from '../../store/orgs-store.js';
import type { SchemeInfo } from '../../store/schemes-store.js';
import type { User } from '../../store/users-store.js';
import type { Access, Principal } from '../access.js';
import { forbidden, notFound } from '../errors.js';

/** A scheme the user has been authorised for, with its unit. */
export interface SchemeTarget {
  user: User;
  scheme: SchemeInfo;
  unit: Org;
}

/** A unit the user may create schemes in. */
export interface UnitTarget {
  user: User;
  unit: Org;
}

export class SchemeAccess {
  constructor(
    private readonly stores: Stores,
    private readonly access: Access,
  ) {}

  /** The scheme, its unit and the user, if the user may read it; otherwise 404. */
  readable(p: Principal | null, schemeId: number): SchemeTarget {
    const user = this.access.user(p);
    const scheme = this.stores.schemes.getScheme(schemeId);
    const unit = scheme && this.stores.orgs.get(scheme.unitId);
    if (!scheme || !unit || !this.access.canRead(user, unit)) throw notFound('方案');
    return { user, scheme, unit };
  }

  /** As `readable`, and 403 unless the user may edit the unit's drafts. */
  editable(p: Principal | null, schemeId: number): SchemeTarget {
    const t = this.readable(p, schemeId);
    if (!this.access.canEdit(t.user, t.unit)) throw forbidden('只有本单位档案员可以修改、提交方案');
    return t;
  }

  /** As `readable`, and 403 unless the user may approve or reject for the unit. */
  decidable(p: Principal | null, schemeId: number): SchemeTarget {
    const t = this.readable(p, schemeId);
    if (!this.access.canDecide(t.user, t.unit)) throw forbidden('只有监管该单位的审核员可以批准或退回');
    return t;
  }

  /** The unit, if the user may create schemes in it (404 if it cannot see it, 403 if it may only read). */
  creatableIn(p: Principal | null, unitId: number): UnitTarget {
    const user = this.access.user(p);
    const unit = this.access.readableUnit(user, unitId);
    if (!this.access.canEdit(user, unit)) throw forbidden('只有本单位档案员或系统管理员可以新建方案');
    return { user, unit };
  }
}
