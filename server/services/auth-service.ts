// Signing in and out, resolving bearer credentials (session tokens and API keys) to a principal, creating users and
// changing one's own password. Administering existing accounts is UsersService's.
import type { Db } from '../store/db.js';
import type { Stores } from '../store/index.js';
import type { Role, User } from '../store/users-store.js';
import { type Access, type Principal, actorOf } from './access.js';
import { keyRefusal } from './api-keys-service.js';
import { auditEvents } from './audit-events.js';
import { type Clock, isoNow } from './clock.js';
import { AppError, conflict } from './errors.js';
import { type ScryptParams, hashPassword, newSecret, randomPassword, sha256, verifyPassword } from './secrets.js';
import type { Throttle } from './throttle.js';
import { checkPlacement, unitIdOf } from './user-placement.js';

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
    if (found.user.pendingBy !== null) {
      // Only the right password learns this: a guesser is told nothing new.
      const by = this.stores.users.get(found.user.pendingBy);
      throw new AppError('account_pending', `该管理员账号由${by?.displayName ?? '另一位管理员'}设立，须由另一位管理员确认后才能登录`, [
        { path: '/username', message: '账号待另一位管理员确认' },
      ]);
    }
    const token = newSecret('shs');
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.sessionHours * 3600_000).toISOString();
    // Read the account again where the session is made: a reset, disabling or lock that committed while the password
    // was being hashed (≈ 0.1 s) must not be followed by a session for the old password.
    const user = this.db
      .transaction(() => {
        const again = this.stores.users.credentials(username);
        const same = again && again.passwordHash === found.passwordHash && !again.user.disabled && again.user.lockedAt === null;
        if (!same || again.user.pendingBy !== null) throw new AppError('unauthenticated', '用户名或密码错误');
        this.stores.sessions.create(sha256(token), again.user.id, now.toISOString(), expiresAt);
        return again.user;
      })
      .immediate();
    return { token, expiresAt, user };
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
      if (user && !user.disabled && user.pendingBy === null) return { kind: 'user', user };
    }
    throw new AppError('unauthenticated', '登录已过期或凭据无效，请重新登录');
  }

  async createUser(p: Principal | null, input: NewUserInput): Promise<User> {
    const by = p === null ? null : this.access.admin(p);
    checkPlacement(this.stores.orgs, input.role, input.orgId);
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
            // Four eyes between admins (issue 17.6): an admin made by an admin waits for a second one. The console
            // operator (and the first start) is trusted: its admins need no confirmation.
            pendingBy: by && input.role === 'admin' ? by.id : null,
            createdBy: by?.id ?? null,
          },
          at,
        );
        const actor = by ? actorOf({ kind: 'user', user: by }) : { actorId: null, actor: 'system' };
        this.stores.audit.append(auditEvents.userCreated(at, actor, user, this.unitIdOf(user.orgId)));
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
        this.stores.audit.append(auditEvents.passwordSet(at, actorOf({ kind: 'user', user }), user, this.unitIdOf(user.orgId), false));
      })
      .immediate();
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

  private unitIdOf(orgId: number | null): number | null {
    return unitIdOf(this.stores.orgs, orgId);
  }
}
