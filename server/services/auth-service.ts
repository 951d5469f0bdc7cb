// Signing in and out, resolving bearer credentials (session tokens and API keys) to a principal, managing users.
import type { Db } from '../store/db.js';
import type { Stores } from '../store/index.js';
import type { Role, User } from '../store/users-store.js';
import { type Access, type Principal, actorOf } from './access.js';
import { keyRefusal } from './api-keys-service.js';
import { auditEvents } from './audit-events.js';
import { type Clock, isoNow } from './clock.js';
import { AppError, conflict, notFound } from './errors.js';
import { type ScryptParams, hashPassword, newSecret, randomPassword, sha256, verifyPassword } from './secrets.js';
import type { Throttle } from './throttle.js';

export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

export interface NewUserInput {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  orgId: number | null;
  /** The password was chosen for the user (generated, or by an admin): it must be changed at the first sign-in. */
  mustChangePassword?: boolean;
}

export class AuthService {
  /** Compared against when the username is unknown, so a wrong name costs as long as a wrong password. */
  private dummyHash: Promise<string>;

  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly clock: Clock,
    private readonly scrypt: ScryptParams,
    private readonly sessionHours: number,
    private readonly throttle: Throttle,
  ) {
    this.dummyHash = hashPassword(randomPassword(), scrypt);
  }

  /**
   * Signs in. The guessing limits (Throttle) are applied before the password is hashed: a throttled or locked attempt
   * costs a map lookup and one indexed read, never a scrypt. `address` is the caller's, as the limits count it.
   */
  async login(username: string, password: string, address: string): Promise<Session> {
    const found = this.stores.users.credentials(username);
    const ticket = this.throttle.beginLogin(username.toLowerCase(), address, found ? found.user.lockedAt !== null : undefined);
    let ok: boolean;
    try {
      ok = await verifyPassword(password, found?.passwordHash ?? (await this.dummyHash));
    } catch (e) {
      ticket.done();
      throw e;
    }
    if (!ok) {
      const { failures, lock, addressLimited } = ticket.failed();
      this.recordFailure(found?.user, username, address, failures, lock, addressLimited);
      throw new AppError('unauthenticated', '用户名或密码错误');
    }
    if (!found || found.user.disabled) {
      ticket.done();
      throw new AppError('unauthenticated', '用户名或密码错误');
    }
    ticket.succeeded();
    const token = newSecret('shs');
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.sessionHours * 3600_000).toISOString();
    this.stores.sessions.create(sha256(token), found.user.id, now.toISOString(), expiresAt);
    return { token, expiresAt, user: found.user };
  }

  /** Wrong password: audited; the account locks at the limit; the address's limit is recorded once. */
  private recordFailure(user: User | undefined, username: string, address: string, failures: number, lock: boolean, limited: boolean) {
    this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        this.stores.audit.append(auditEvents.loginFailed(at, { user, username }, address, failures));
        if (lock && user) {
          this.stores.users.setLocked(user.id, at);
          this.stores.sessions.revokeAllOf(user.id, at);
          this.stores.audit.append(auditEvents.accountLocked(at, user, address, failures));
        }
        if (limited) {
          const { addressLogins, windowSeconds } = this.throttle.policy;
          this.stores.audit.append(auditEvents.limitReached(at, address, 'login', addressLogins, windowSeconds));
        }
      })
      .immediate();
  }

  /** Bad bearer tokens from `address` reached their limit (PrincipalCache): recorded once per episode. */
  tokenLimitReached(address: string): void {
    const { addressTokens, windowSeconds } = this.throttle.policy;
    this.db
      .transaction(() => {
        this.stores.audit.append(auditEvents.limitReached(isoNow(this.clock), address, 'token', addressTokens, windowSeconds));
      })
      .immediate();
  }

  /** Whether a bearer token was ever issued (expired or revoked included). */
  issued(token: string): boolean {
    const hash = sha256(token);
    return token.startsWith('shk_') ? this.stores.apiKeys.issued(hash) : this.stores.sessions.issued(hash);
  }

  /** Unlocks an account locked by wrong passwords: an admin (`p`), or the console when `p` is null. */
  unlock(p: Principal | null, userId: number, consoleActor = 'system'): User {
    const by = p === null ? null : this.access.admin(p);
    const user = this.stores.users.get(userId);
    if (!user) throw notFound('用户');
    this.throttle.forgetAccount(user.username.toLowerCase());
    if (user.lockedAt === null) return user;
    this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        this.stores.users.setLocked(user.id, null);
        const actor = by ? actorOf({ kind: 'user', user: by }) : { actorId: null, actor: consoleActor };
        this.stores.audit.append(auditEvents.accountUnlocked(at, actor, user));
      })
      .immediate();
    return { ...user, lockedAt: null };
  }

  logout(token: string): void {
    this.stores.sessions.revoke(sha256(token), isoNow(this.clock));
  }

  /** Resolves `Authorization: Bearer …`; throws 401 for a token that is not (or no longer) valid. */
  authenticate(token: string): Principal {
    const hash = sha256(token);
    if (token.startsWith('shk_')) {
      const key = this.stores.apiKeys.findActive(hash);
      if (key) {
        const refused = keyRefusal(key, this.clock());
        if (refused) throw refused;
        return { kind: 'key', key };
      }
    } else if (token.startsWith('shs_')) {
      const userId = this.stores.sessions.userOf(hash, isoNow(this.clock));
      const user = userId === undefined ? undefined : this.stores.users.get(userId);
      if (user && !user.disabled) return { kind: 'user', user };
    }
    throw new AppError('unauthenticated', '登录已过期或凭据无效，请重新登录');
  }

  listUsers(p: Principal | null): User[] {
    this.access.admin(p);
    return this.stores.users.list();
  }

  async createUser(p: Principal | null, input: NewUserInput): Promise<User> {
    const by = p === null ? null : this.access.admin(p);
    this.checkPlacement(input.role, input.orgId);
    if (this.stores.users.byUsername(input.username))
      throw conflict(`用户名“${input.username}”已存在`, [{ path: '/username', message: '用户名已存在' }]);
    const passwordHash = await hashPassword(input.password, this.scrypt);
    return this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const user = this.stores.users.create(
          {
            username: input.username,
            displayName: input.displayName,
            role: input.role,
            orgId: input.orgId,
            passwordHash,
            mustChangePassword: input.mustChangePassword ?? false,
          },
          at,
        );
        this.stores.audit.append({
          at,
          ...(by ? actorOf({ kind: 'user', user: by }) : { actorId: null, actor: 'system' }),
          action: 'user.create',
          unitId: this.unitIdOf(user.orgId),
          subject: `user:${user.id}`,
          after: user,
        });
        return user;
      })
      .immediate();
  }

  /** The signed-in user changes their own password: the current one must be given (a left-open session cannot). */
  async changeOwnPassword(p: Principal | null, current: string, next: string, address: string): Promise<void> {
    const user = this.access.user(p);
    const found = this.stores.users.credentials(user.username);
    // The current password is guessable through a left-open session: the same limits as signing in.
    const ticket = this.throttle.beginLogin(user.username.toLowerCase(), address, found ? found.user.lockedAt !== null : undefined);
    let ok = false;
    try {
      ok = !!found && (await verifyPassword(current, found.passwordHash));
    } finally {
      if (!ok) {
        const { failures, lock, addressLimited } = ticket.failed();
        this.recordFailure(found?.user, user.username, address, failures, lock, addressLimited);
      } else ticket.succeeded();
    }
    if (!ok) {
      throw new AppError('invalid_request', '当前密码不正确', [{ path: '/currentPassword', message: '当前密码不正确' }]);
    }
    if (current === next)
      throw new AppError('invalid_request', '新密码不能与当前密码相同', [{ path: '/newPassword', message: '新密码不能与当前密码相同' }]);
    const passwordHash = await hashPassword(next, this.scrypt);
    this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        this.stores.users.setPassword(user.id, passwordHash, false);
        this.stores.audit.append({
          at,
          ...actorOf({ kind: 'user', user }),
          action: 'user.password',
          unitId: this.unitIdOf(user.orgId),
          subject: `user:${user.id}`,
        });
      })
      .immediate();
  }

  /** Sets a new password that must be changed at the next sign-in, and ends the user's sessions (operators' CLI). */
  async setPassword(username: string, password: string, actor = 'system'): Promise<User> {
    const user = this.stores.users.byUsername(username);
    if (!user) throw notFound('用户');
    const passwordHash = await hashPassword(password, this.scrypt);
    this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        this.stores.users.setPassword(user.id, passwordHash, true);
        this.stores.sessions.revokeAllOf(user.id, at);
        this.stores.audit.append({
          at,
          actorId: null,
          actor,
          action: 'user.password',
          unitId: this.unitIdOf(user.orgId),
          subject: `user:${user.id}`,
        });
      })
      .immediate();
    return user;
  }

  setDisabled(username: string, disabled: boolean, actor = 'system'): User {
    const user = this.stores.users.byUsername(username);
    if (!user) throw notFound('用户');
    this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        this.stores.users.setDisabled(user.id, disabled);
        if (disabled) this.stores.sessions.revokeAllOf(user.id, at);
        this.stores.audit.append({
          at,
          actorId: null,
          actor,
          action: disabled ? 'user.disable' : 'user.enable',
          unitId: this.unitIdOf(user.orgId),
          subject: `user:${user.id}`,
          before: { disabled: user.disabled },
          after: { disabled },
        });
      })
      .immediate();
    return { ...user, disabled };
  }

  /**
   * First start: creates `admin` with the given password, or a random one that the caller prints once.
   * Returns null when users already exist.
   */
  async bootstrapAdmin(password?: string): Promise<{ user: User; password: string; generated: boolean } | null> {
    if (this.stores.users.count() > 0) return null;
    const generated = !password;
    const pw = password || randomPassword();
    const user = await this.createUser(null, {
      username: 'admin',
      password: pw,
      displayName: '系统管理员',
      role: 'admin',
      orgId: null,
      mustChangePassword: generated,
    });
    return { user, password: pw, generated };
  }

  private checkPlacement(role: Role, orgId: number | null): void {
    if (orgId === null) {
      if (role !== 'admin')
        throw new AppError('invalid_request', '档案员和审核员必须属于某个组织', [{ path: '/orgId', message: '必须指定所属组织' }]);
      return;
    }
    const org = this.stores.orgs.get(orgId);
    if (!org) throw new AppError('invalid_request', `组织 ${orgId} 不存在`, [{ path: '/orgId', message: '组织不存在' }]);
    if (role === 'archivist' && org.type !== 'unit')
      throw new AppError('invalid_request', '档案员必须属于某个单位', [{ path: '/orgId', message: '档案员只能属于单位' }]);
    if (role === 'reviewer' && org.type === 'unit' && this.stores.orgs.supervisedBy(org.id).length === 0) {
      // A unit's reviewer only makes sense for a parent enterprise that supervises subsidiaries (10号令 Art. 15).
      throw new AppError('invalid_request', '审核员必须属于档案局或监管下属单位的上级企业', [
        { path: '/orgId', message: '该单位没有下属单位' },
      ]);
    }
  }

  private unitIdOf(orgId: number | null): number | null {
    return orgId !== null && this.stores.orgs.get(orgId)?.type === 'unit' ? orgId : null;
  }
}
