// Organisations: listing what the caller may see, and creating bureaus and units (admins).
import type { Db } from '../store/db.js';
import type { Stores } from '../store/index.js';
import type { NewOrg, Org } from '../store/orgs-store.js';
import { type Access, type Principal, actorOf } from './access.js';
import { type Clock, isoNow } from './clock.js';
import { AppError, conflict } from './errors.js';

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
    const bad = (path: string, message: string) => new AppError('invalid_request', message, [{ path, message }]);
    if (input.type === 'unit') {
      if (!input.fonds) throw bad('/fonds', '单位必须有全宗号');
      if (!input.kind) throw bad('/kind', '单位必须注明类型（企业或机关）');
      if (input.supervisorId == null) throw bad('/supervisorId', '单位必须有监管组织（档案局或上级企业）');
      if (this.stores.orgs.byFonds(input.fonds))
        throw conflict(`全宗号“${input.fonds}”已被使用`, [{ path: '/fonds', message: '全宗号已被使用' }]);
    } else {
      if (input.fonds != null) throw bad('/fonds', '档案局没有全宗号');
      if (input.kind != null) throw bad('/kind', '档案局没有单位类型');
    }
    if (input.supervisorId != null) {
      const sup = this.stores.orgs.get(input.supervisorId);
      if (!sup) throw bad('/supervisorId', `组织 ${input.supervisorId} 不存在`);
      if (input.type === 'unit' && sup.type === 'unit' && sup.kind !== 'enterprise')
        throw bad('/supervisorId', '只有上级企业可以监管下属单位（10号令第十五条）');
      if (input.type === 'bureau' && sup.type !== 'bureau') throw bad('/supervisorId', '档案局只能由上级档案局监管');
    }
    return this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const org = this.stores.orgs.create(input, at);
        this.stores.audit.append({
          at,
          ...(admin ? actorOf({ kind: 'user', user: admin }) : { actorId: null, actor: 'system' }),
          action: 'org.create',
          unitId: org.type === 'unit' ? org.id : null,
          subject: `org:${org.id}`,
          after: org,
        });
        return org;
      })
      .immediate();
  }
}
