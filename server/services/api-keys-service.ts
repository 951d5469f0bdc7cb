// API keys of business systems: created by the unit's archivists or admins, shown once, stored hashed, revocable.
import type { ApiKey } from '../store/api-keys-store.js';
import type { Db } from '../store/db.js';
import type { Stores } from '../store/index.js';
import { type Access, type Principal, actorOf } from './access.js';
import { type Clock, isoNow } from './clock.js';
import { forbidden, notFound } from './errors.js';
import { newSecret, sha256 } from './secrets.js';

export class ApiKeysService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly clock: Clock,
  ) {}

  /** The unit, if the caller may manage its keys (404 if it cannot see it, 403 if it may only look). */
  managedUnit(p: Principal | null, unitId: number) {
    const user = this.access.user(p);
    const unit = this.access.readableUnit(user, unitId);
    if (!this.access.canEdit(user, unit)) throw forbidden('只有本单位档案员或系统管理员可以管理 API 密钥');
    return { user, unit };
  }

  list(p: Principal | null, unitId: number): ApiKey[] {
    this.managedUnit(p, unitId);
    return this.stores.apiKeys.listForUnit(unitId);
  }

  /** Creates a key; the returned `key` is the only time the secret is ever shown. */
  create(p: Principal | null, unitId: number, name: string): ApiKey & { key: string } {
    const { user } = this.managedUnit(p, unitId);
    return this.issue(unitId, name, user.id, actorOf({ kind: 'user', user }));
  }

  /** Issues a key for an operator at the console, recorded as created by `createdBy`. */
  issue(unitId: number, name: string, createdBy: number, actor: { actorId: number | null; actor: string }): ApiKey & { key: string } {
    const key = newSecret('shk');
    // The prefix tells keys apart in lists and logs without revealing enough to use them.
    const prefix = key.slice(0, 12);
    return this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const created = this.stores.apiKeys.create({ unitId, name, prefix, keyHash: sha256(key), createdBy }, at);
        this.stores.audit.append({ at, ...actor, action: 'apiKey.create', unitId, subject: `apiKey:${created.id}`, after: created });
        return { ...created, key };
      })
      .immediate();
  }

  revoke(p: Principal | null, unitId: number, keyId: number): void {
    const { user } = this.managedUnit(p, unitId);
    this.revokeAs(unitId, keyId, actorOf({ kind: 'user', user }));
  }

  revokeAs(unitId: number, keyId: number, actor: { actorId: number | null; actor: string }): void {
    const key = this.stores.apiKeys.get(keyId);
    if (!key || key.unitId !== unitId) throw notFound('API 密钥');
    if (key.revokedAt) return;
    this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        this.stores.apiKeys.revoke(keyId, at);
        this.stores.audit.append({
          at,
          ...actor,
          action: 'apiKey.revoke',
          unitId,
          subject: `apiKey:${keyId}`,
          before: key,
          after: { ...key, revokedAt: at },
        });
      })
      .immediate();
  }
}
