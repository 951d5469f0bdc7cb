// API keys of business systems: created by the unit's archivists or admins, shown once, stored hashed, optionally
// expiring, rotated without downtime (the replaced secret works through a grace period), revocable. When and from
// where a key was last used is noted in memory and written in batches (KeyUsage).
import { DEFAULT_GRACE_HOURS, type ApiKeyState } from '../schemas/api/api-keys.js';
import type { ApiKey } from '../store/api-keys-store.js';
import type { Db } from '../store/db.js';
import type { Stores } from '../store/index.js';
import { type Access, type Principal, actorOf } from './access.js';
import type { KeyUsage } from './api-key-usage.js';
import { auditEvents } from './audit-events.js';
import { type Clock, isoNow } from './clock.js';
import { AppError, conflict, forbidden, notFound } from './errors.js';
import { newSecret, sha256 } from './secrets.js';

/** A key as lists and answers show it: its last use (noted or written) and its state now. */
export type ApiKeyView = ApiKey & { state: ApiKeyState };

type Actor = { actorId: number | null; actor: string };

export interface RotateOptions {
  graceHours?: number;
  /** The new key's expiry; undefined: the old key's lifetime again (none if it had none). */
  expiresAt?: string | null;
}

/** The 401 for a key that has expired (or whose rotation grace period has ended) at `now`; null while it works. */
export function keyRefusal(key: ApiKey, now: Date): AppError | null {
  if (key.expiresAt === null || Date.parse(key.expiresAt) > now.getTime()) return null;
  const why =
    key.replacedBy !== null
      ? `密钥“${key.name}”（${key.prefix}…）已轮换为新密钥，旧密钥的过渡期已于 ${key.expiresAt} 结束，请改用新密钥`
      : `密钥“${key.name}”（${key.prefix}…）已于 ${key.expiresAt} 过期，请创建或轮换密钥`;
  return new AppError('unauthenticated', 'API 密钥已过期', [{ path: '/header/Authorization', message: why }]);
}

export function keyState(key: ApiKey, now: Date): ApiKeyState {
  if (key.revokedAt !== null) return 'revoked';
  if (keyRefusal(key, now)) return 'expired';
  return key.replacedBy !== null ? 'rotating' : 'active';
}

export class ApiKeysService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly clock: Clock,
    readonly usage: KeyUsage,
  ) {}

  /** The unit, if the caller may manage its keys (404 if it cannot see it, 403 if it may only look). */
  managedUnit(p: Principal | null, unitId: number) {
    const user = this.access.user(p);
    const unit = this.access.readableUnit(user, unitId);
    if (!this.access.canEdit(user, unit)) throw forbidden('只有本单位档案员或系统管理员可以管理 API 密钥');
    return { user, unit };
  }

  list(p: Principal | null, unitId: number): ApiKeyView[] {
    this.managedUnit(p, unitId);
    return this.stores.apiKeys.listForUnit(unitId).map((k) => this.view(k));
  }

  /** Creates a key; the returned `key` is the only time the secret is ever shown. */
  create(p: Principal | null, unitId: number, input: { name: string; expiresAt?: string | null }): ApiKeyView & { key: string } {
    const { user } = this.managedUnit(p, unitId);
    return this.issue(unitId, input.name, user.id, actorOf({ kind: 'user', user }), input.expiresAt ?? null);
  }

  /** Issues a key for an operator at the console, recorded as created by `createdBy`. */
  issue(unitId: number, name: string, createdBy: number, actor: Actor, expiresAt: string | null = null): ApiKeyView & { key: string } {
    const expiry = this.futureExpiry(expiresAt, '/expiresAt');
    return this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const { key, created } = this.insert({ unitId, name, createdBy, expiresAt: expiry, rotatedFrom: null }, at);
        this.stores.audit.append(auditEvents.apiKeyCreated(at, actor, created));
        return { ...this.view(created), key };
      })
      .immediate();
  }

  /**
   * A new secret for the key's name (a new key record linked to the old one, shown once); the old secret keeps
   * working for `graceHours` (default 24, never past its own expiry), so business systems switch without downtime.
   */
  rotate(p: Principal | null, unitId: number, keyId: number, options: RotateOptions = {}) {
    const { user } = this.managedUnit(p, unitId);
    return this.rotateAs(unitId, keyId, user.id, actorOf({ kind: 'user', user }), options);
  }

  rotateAs(
    unitId: number,
    keyId: number,
    createdBy: number,
    actor: Actor,
    options: RotateOptions = {},
  ): ApiKeyView & { key: string; replaced: ApiKeyView } {
    const graceHours = options.graceHours ?? DEFAULT_GRACE_HOURS;
    const explicit = options.expiresAt === undefined ? undefined : this.futureExpiry(options.expiresAt, '/expiresAt');
    return this.db
      .transaction(() => {
        const old = this.stores.apiKeys.get(keyId);
        if (!old || old.unitId !== unitId) throw notFound('API 密钥');
        const now = this.clock();
        if (old.revokedAt !== null) throw conflict('该密钥已吊销，不能轮换；请创建新密钥');
        if (old.replacedBy !== null) throw conflict(`该密钥已轮换为密钥 ${old.replacedBy}，请轮换新密钥`);
        if (keyRefusal(old, now)) throw conflict('该密钥已过期，不能轮换；请创建新密钥');
        const at = now.toISOString();
        const graceEnd = now.getTime() + graceHours * 3600_000;
        const until = new Date(old.expiresAt === null ? graceEnd : Math.min(graceEnd, Date.parse(old.expiresAt))).toISOString();
        // By default the new key gets the old one's lifetime again, counted from now.
        const lifetime = old.expiresAt === null ? null : Date.parse(old.expiresAt) - Date.parse(old.createdAt);
        const expiresAt = explicit !== undefined ? explicit : lifetime === null ? null : new Date(now.getTime() + lifetime).toISOString();
        const { key, created } = this.insert({ unitId, name: old.name, createdBy, expiresAt, rotatedFrom: old.id }, at);
        this.stores.apiKeys.replace(old.id, created.id, until);
        const after = this.stores.apiKeys.get(old.id)!;
        this.stores.audit.append(auditEvents.apiKeyRotated(at, actor, old, after, created, graceHours));
        return { ...this.view(created), key, replaced: this.view(after) };
      })
      .immediate();
  }

  revoke(p: Principal | null, unitId: number, keyId: number): void {
    const { user } = this.managedUnit(p, unitId);
    this.revokeAs(unitId, keyId, actorOf({ kind: 'user', user }));
  }

  revokeAs(unitId: number, keyId: number, actor: Actor): void {
    const key = this.stores.apiKeys.get(keyId);
    if (!key || key.unitId !== unitId) throw notFound('API 密钥');
    if (key.revokedAt) return;
    this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        this.stores.apiKeys.revoke(keyId, at);
        this.stores.audit.append(auditEvents.apiKeyRevoked(at, actor, key, { ...key, revokedAt: at }));
      })
      .immediate();
  }

  /** The key with its newest use (noted in memory if not yet written) and its state now. */
  view(key: ApiKey): ApiKeyView {
    const noted = this.usage.unwritten(key.id);
    const used = noted && (key.lastUsedAt === null || noted.at > key.lastUsedAt) ? { lastUsedAt: noted.at, lastUsedFrom: noted.from } : {};
    return { ...key, ...used, state: keyState(key, this.clock()) };
  }

  private insert(k: { unitId: number; name: string; createdBy: number; expiresAt: string | null; rotatedFrom: number | null }, at: string) {
    const key = newSecret('shk');
    // The prefix tells keys apart in lists and logs without revealing enough to use them.
    const created = this.stores.apiKeys.create({ ...k, prefix: key.slice(0, 12), keyHash: sha256(key) }, at);
    return { key, created };
  }

  /** The expiry as stored (UTC, ISO 8601), or a 400 naming `path` if it is not in the future. */
  private futureExpiry(expiresAt: string | null, path: string): string | null {
    if (expiresAt === null) return null;
    const ms = Date.parse(expiresAt);
    if (!Number.isFinite(ms)) throw new AppError('invalid_request', '到期时间无效', [{ path, message: '应为带时区的日期时间' }]);
    if (ms <= this.clock().getTime()) {
      throw new AppError('invalid_request', '到期时间必须晚于现在', [{ path, message: '到期时间必须晚于现在' }]);
    }
    return new Date(ms).toISOString();
  }
}
