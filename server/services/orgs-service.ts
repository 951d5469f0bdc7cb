// Organisations: listing what the caller may see, and creating and editing bureaus and units (admins).
import type { Db } from '../store/db.js';
import type { Stores } from '../store/index.js';
import type { NewOrg, Org, OrgType, UnitKind } from '../store/orgs-store.js';
import { type Access, type Principal, actorOf } from './access.js';
import { type Actor, auditEvents } from './audit-events.js';
import { type Clock, isoNow } from './clock.js';
import { AppError, conflict } from './errors.js';

export interface OrgPatch {
  name?: string;
  fonds?: string;
  kind?: UnitKind;
  supervisorId?: number | null;
}

/** An org as it would be stored: what create and update check alike. */
interface Candidate {
  type: OrgType;
  name: string;
  fonds: string | null;
  kind: UnitKind | null;
  supervisorId: number | null;
}

const KIND_WORDS: Record<UnitKind, string> = { enterprise: '企业', organ: '机关' };
const bad = (path: string, message: string) => new AppError('invalid_request', message, [{ path, message }]);

export class OrgsService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly clock: Clock,
  ) {}

  list(p: Principal | null): Org[] {
    return this.access.visibleOrgs(this.access.user(p));
  }

  me(p: Principal | null): { user: ReturnType<Access['user']>; org: Org | null } {
    const user = this.access.user(p);
    return { user, org: user.orgId === null ? null : (this.stores.orgs.get(user.orgId) ?? null) };
  }

  /** Creates an org; `p` null means an operator at the console. */
  create(p: Principal | null, input: NewOrg): Org {
    const admin = p === null ? null : this.access.admin(p);
    const candidate: Candidate = {
      type: input.type,
      name: input.name,
      fonds: input.fonds ?? null,
      kind: input.kind ?? null,
      supervisorId: input.supervisorId ?? null,
    };
    if (input.type === 'bureau') {
      if (input.fonds != null) throw bad('/fonds', '档案局没有全宗号');
      if (input.kind != null) throw bad('/kind', '档案局没有单位类型');
    }
    this.check(candidate);
    return this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const org = this.stores.orgs.create(input, at);
        this.stores.audit.append(auditEvents.orgCreated(at, this.actor(admin), org));
        return org;
      })
      .immediate();
  }

  /**
   * Changes name, 全宗号, 单位类型 or 档案主管部门/上级单位 by the rules of `create`, without a cycle of supervisors.
   * A unit's kind chooses the national baseline its tables are written and reviewed against (a table keeps the kind
   * it was made with), so it changes only while the unit has no table.
   */
  update(p: Principal | null, orgId: number, patch: OrgPatch): Org {
    const admin = this.access.admin(p);
    const org = this.stores.orgs.get(orgId);
    if (!org) throw new AppError('not_found', '组织不存在');
    if (org.type === 'bureau') {
      if (patch.fonds !== undefined) throw bad('/fonds', '档案局没有全宗号');
      if (patch.kind !== undefined) throw bad('/kind', '档案局没有单位类型');
    }
    const next: Candidate = {
      type: org.type,
      name: patch.name ?? org.name,
      fonds: patch.fonds ?? org.fonds,
      kind: patch.kind ?? org.kind,
      supervisorId: patch.supervisorId !== undefined ? patch.supervisorId : org.supervisorId,
    };
    this.check(next, org);
    if (next.kind !== org.kind) this.checkKindChange(org, next.kind!);
    if (next.supervisorId !== org.supervisorId && org.supervisorId !== null) this.checkLeaving(org, org.supervisorId);
    const same = next.name === org.name && next.fonds === org.fonds && next.kind === org.kind && next.supervisorId === org.supervisorId;
    if (same) return org;
    return this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const after = this.stores.orgs.update(org.id, next);
        this.stores.audit.append(auditEvents.orgUpdated(at, this.actor(admin), org, after));
        return after;
      })
      .immediate();
  }

  /** The rules every stored org keeps; `self` is the org being edited. */
  private check(o: Candidate, self?: Org): void {
    if (o.type === 'unit') {
      if (!o.fonds) throw bad('/fonds', '单位必须有全宗号');
      if (!o.kind) throw bad('/kind', '单位必须注明类型（企业或机关）');
      if (o.supervisorId == null) throw bad('/supervisorId', '单位必须有档案主管部门或上级单位（档案局或上级企业）');
      const holder = this.stores.orgs.byFonds(o.fonds);
      if (holder && holder.id !== self?.id)
        throw conflict(`全宗号“${o.fonds}”已被“${holder.name}”使用`, [{ path: '/fonds', message: '全宗号已被使用' }]);
    }
    if (o.supervisorId == null) return;
    const sup = this.stores.orgs.get(o.supervisorId);
    if (!sup) throw bad('/supervisorId', `组织 ${o.supervisorId} 不存在`);
    if (o.type === 'unit' && sup.type === 'unit' && sup.kind !== 'enterprise')
      throw bad('/supervisorId', '只有企业可以作为下属单位的上级单位（10号令第十五条）');
    if (o.type === 'bureau' && sup.type !== 'bureau') throw bad('/supervisorId', '档案局的上级单位只能是档案局');
    if (self) this.checkNoCycle(self, sup);
  }

  /** `sup` may not be `self` nor have `self` anywhere above it. */
  private checkNoCycle(self: Org, sup: Org): void {
    const seen = new Set<number>();
    for (let at: Org | undefined = sup; at; at = at.supervisorId === null ? undefined : this.stores.orgs.get(at.supervisorId)) {
      if (at.id === self.id) {
        throw bad(
          '/supervisorId',
          sup.id === self.id ? '组织不能是自己的上级单位' : `“${sup.name}”隶属于“${self.name}”，不能反过来作为它的上级单位`,
        );
      }
      if (seen.has(at.id)) return; // an older cycle (should not exist): nothing more to learn
      seen.add(at.id);
    }
  }

  private checkKindChange(org: Org, kind: UnitKind): void {
    if (this.stores.schemes.schemesOfUnit(org.id).length > 0) {
      const message = `“${org.name}”已有三合一表，它们按${KIND_WORDS[org.kind!]}的国家基线编制和审查；单位类型只能在建立三合一表之前修改`;
      throw conflict(message, [{ path: '/kind', message: '已有三合一表，不能修改单位类型' }]);
    }
    if (kind !== 'enterprise' && this.stores.orgs.supervisedBy(org.id).some((o) => o.type === 'unit'))
      throw bad('/kind', `“${org.name}”是下属单位的上级单位，只有企业可以作为下属单位的上级单位（10号令第十五条）`);
  }

  /** A parent enterprise keeps its reviewers only while it has a subsidiary: the last one cannot leave it. */
  private checkLeaving(org: Org, oldSupervisorId: number): void {
    const old = this.stores.orgs.get(oldSupervisorId);
    if (old?.type !== 'unit') return;
    const others = this.stores.orgs.supervisedBy(old.id).filter((o) => o.id !== org.id);
    const reviewers = this.stores.users.ofOrg(old.id).filter((u) => u.role === 'reviewer');
    if (others.length === 0 && reviewers.length > 0) {
      const message = `“${org.name}”是“${old.name}”唯一的下属单位，而“${old.name}”还有审核员；请先调整这些审核员的所属组织`;
      throw conflict(message, [{ path: '/supervisorId', message: '上级单位的审核员将没有可审核的单位' }]);
    }
  }

  private actor(admin: ReturnType<Access['admin']> | null): Actor {
    return admin ? actorOf({ kind: 'user', user: admin }) : { actorId: null, actor: 'system' };
  }
}
