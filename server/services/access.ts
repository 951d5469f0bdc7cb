// Who may do what where: every rule combines the caller's role with the organisation of the resource.
import type { ApiKey } from '../store/api-keys-store.js';
import type { Org, OrgStore } from '../store/orgs-store.js';
import type { User } from '../store/users-store.js';
import { AppError, forbidden, notFound } from './errors.js';

export type Principal = { kind: 'user'; user: User } | { kind: 'key'; key: ApiKey };

/** How a principal is named in the audit log. */
export function actorOf(p: Principal): { actorId: number | null; actor: string } {
  return p.kind === 'user' ? { actorId: p.user.id, actor: p.user.username } : { actorId: null, actor: `key:${p.key.prefix}` };
}

export class Access {
  constructor(private readonly orgs: OrgStore) {}

  /** The signed-in user; API keys may only classify. */
  user(p: Principal | null): User {
    if (!p) throw new AppError('unauthenticated', '请先登录');
    if (p.kind === 'key') throw forbidden('API 密钥只能调用分类接口');
    return p.user;
  }

  admin(p: Principal | null): User {
    const u = this.user(p);
    if (u.role !== 'admin') throw forbidden('只有系统管理员可以执行此操作');
    return u;
  }

  /**
   * Reading a unit (its schemes, versions, audit, classification): admins; the unit's own archivists and reviewers;
   * reviewers of the org that supervises it (a bureau, or a parent enterprise — 10号令 Art. 15).
   */
  canRead(u: User, unit: Org): boolean {
    if (u.role === 'admin') return true;
    if (u.orgId === unit.id) return true;
    return u.role === 'reviewer' && unit.supervisorId !== null && unit.supervisorId === u.orgId;
  }

  /** Editing drafts, submitting, managing API keys: the unit's own archivists, and admins. */
  canEdit(u: User, unit: Org): boolean {
    return u.role === 'admin' || (u.role === 'archivist' && u.orgId === unit.id);
  }

  /** Approving and rejecting: reviewers of the supervising org, and admins (four-eyes is checked separately). */
  canDecide(u: User, unit: Org): boolean {
    return u.role === 'admin' || (u.role === 'reviewer' && unit.supervisorId !== null && unit.supervisorId === u.orgId);
  }

  /** The unit, if it exists and the user may see it; otherwise 404 (never reveal other organisations). */
  readableUnit(u: User, unitId: number): Org {
    const unit = this.orgs.get(unitId);
    if (!unit || unit.type !== 'unit' || !this.canRead(u, unit)) throw notFound('单位');
    return unit;
  }

  /** The unit a principal may classify for: an API key's own unit, or a unit the user may read. */
  classifiableUnit(p: Principal | null, unitId: number): Org {
    if (!p) throw new AppError('unauthenticated', '请提供 API 密钥或登录令牌');
    if (p.kind === 'key') {
      const unit = this.orgs.get(unitId);
      if (!unit || p.key.unitId !== unitId) throw notFound('单位');
      return unit;
    }
    return this.readableUnit(p.user, unitId);
  }

  /** Ids of the units whose data the user may see; undefined means all. */
  visibleUnitIds(u: User): number[] | undefined {
    if (u.role === 'admin') return undefined;
    if (u.orgId === null) return [];
    const ids = new Set<number>();
    const own = this.orgs.get(u.orgId);
    if (own?.type === 'unit') ids.add(own.id);
    if (u.role === 'reviewer') for (const o of this.orgs.supervisedBy(u.orgId)) if (o.type === 'unit') ids.add(o.id);
    return [...ids].sort((a, b) => a - b);
  }

  /** Organisations the user may see: everything for admins; otherwise its own org, the units it sees and their supervisors. */
  visibleOrgs(u: User): Org[] {
    if (u.role === 'admin') return this.orgs.list();
    const out = new Map<number, Org>();
    const add = (o: Org | undefined) => o && out.set(o.id, o);
    if (u.orgId !== null) add(this.orgs.get(u.orgId));
    for (const id of this.visibleUnitIds(u) ?? []) {
      const unit = this.orgs.get(id);
      add(unit);
      if (unit?.supervisorId) add(this.orgs.get(unit.supervisorId));
    }
    return [...out.values()].sort((a, b) => a.id - b.id);
  }
}
