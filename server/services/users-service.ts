// Administering accounts (admins over the API, operators at the console): edit, disable and enable, reset the
// password, confirm an admin that another admin made, unlock. The rules that keep the service administrable — an
// admin cannot disable or demote itself or the last admin that can act — and four eyes between admins live here.
import type { Db } from '../store/db.js';
import type { Stores } from '../store/index.js';
import type { Role, User } from '../store/users-store.js';
import { type Access, type Principal, actorOf } from './access.js';
import { type Actor, auditEvents } from './audit-events.js';
import { type Clock, isoNow } from './clock.js';
import { conflict, forbidden, notFound } from './errors.js';
import { type ScryptParams, hashPassword, randomPassword } from './secrets.js';
import type { Throttle } from './throttle.js';
import { checkPlacement, unitIdOf } from './user-placement.js';

export interface UserPatch {
  displayName?: string;
  role?: Role;
  orgId?: number | null;
}

export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly clock: Clock,
    private readonly scrypt: ScryptParams,
    private readonly throttle: Throttle,
  ) {}

  list(p: Principal | null): User[] {
    this.access.admin(p);
    return this.stores.users.list();
  }

  /** Display name, role and organisation, placed by the same rule as at creation. A promotion to admin waits. */
  update(p: Principal | null, userId: number, patch: UserPatch): User {
    const by = this.access.admin(p);
    const user = this.target(userId);
    const role = patch.role ?? user.role;
    const orgId = patch.orgId !== undefined ? patch.orgId : user.orgId;
    if (user.id === by.id && role !== user.role) throw forbidden('不能修改自己的角色；请另一位管理员修改');
    // Else one admin could demote another and then reset its password (the review of 2026-12-02).
    if (user.role === 'admin' && role !== 'admin' && user.id !== by.id)
      throw forbidden('不能在网页上撤销其他管理员的管理员角色；可先停用该账号，并请服务器操作员处理');
    checkPlacement(this.stores.orgs, role, orgId);
    const promoted = role === 'admin' && user.role !== 'admin';
    // Four eyes between admins (issue 17.6): an admin made over the API signs in only once another admin confirms.
    const pendingBy = role !== 'admin' ? null : promoted ? by.id : user.pendingBy;
    const displayName = patch.displayName ?? user.displayName;
    return this.db
      .transaction(() => {
        // Inside the write transaction: the console (another process) may be disabling an admin at the same time.
        if (role !== 'admin') this.keepAnAdmin(user, '/role', '改为其他角色');
        const at = isoNow(this.clock);
        const after = this.stores.users.update(user.id, { displayName, role, orgId, pendingBy });
        // A pending admin cannot use the sessions it had; a confirmation does not bring them back.
        if (promoted) this.stores.sessions.revokeAllOf(user.id, at);
        this.stores.audit.append(auditEvents.userUpdated(at, this.actor(by), user, after, unitIdOf(this.stores.orgs, orgId)));
        return after;
      })
      .immediate();
  }

  /** Disabling ends the account's sessions at once; `p` null is the console (`consoleActor` names it). */
  setDisabled(p: Principal | null, userId: number, disabled: boolean, consoleActor = 'console'): User {
    const by = p === null ? null : this.access.admin(p);
    const user = this.target(userId);
    if (user.disabled === disabled) return user;
    if (disabled && by && by.id === user.id) throw forbidden('不能停用自己的账号');
    return this.db
      .transaction(() => {
        // Inside the write transaction: two processes disabling the last two admins at once cannot both pass.
        if (disabled) this.keepAnAdmin(user, undefined, '停用');
        const at = isoNow(this.clock);
        this.stores.users.setDisabled(user.id, disabled);
        if (disabled) this.stores.sessions.revokeAllOf(user.id, at);
        this.stores.audit.append(
          auditEvents.userDisabled(at, this.actor(by, consoleActor), user, disabled, unitIdOf(this.stores.orgs, user.orgId)),
        );
        return { ...user, disabled };
      })
      .immediate();
  }

  /**
   * An admin gives a user a generated password (returned once), to be changed at the next sign-in; the user's sessions
   * end. Not for oneself (POST /me/password) nor for another admin: that would let one admin sign in as the other.
   */
  async resetPassword(p: Principal | null, userId: number): Promise<{ user: User; password: string }> {
    const by = this.access.admin(p);
    const user = this.target(userId);
    if (user.id === by.id) throw forbidden('请在“我的账号”中修改自己的密码');
    if (user.role === 'admin') throw forbidden('管理员的密码只能由本人修改，或由服务器操作员用 sanheyi users reset-password 重设');
    const password = randomPassword();
    const updated = await this.storePassword(user, password, this.actor(by), by.id);
    return { user: updated, password };
  }

  /** The console's reset (`sanheyi users reset-password`): any account, to be changed at the next sign-in. */
  async setPassword(username: string, password: string, actor = 'system'): Promise<User> {
    const user = this.stores.users.byUsername(username);
    if (!user) throw notFound('用户');
    return this.storePassword(user, password, { actorId: null, actor });
  }

  /**
   * A second admin (not the one who made it an admin) confirms a pending admin account, and gets the password to hand
   * to its owner (generated, returned once, to be changed at the first sign-in): the admin who set the account up
   * chose or could have reset its password, and must not be able to sign in with it.
   */
  async confirm(p: Principal | null, userId: number): Promise<{ user: User; password: string }> {
    const by = this.access.admin(p);
    const user = this.pending(userId);
    if (user.pendingBy === by.id) throw forbidden('设立该管理员账号的管理员不能自己确认，须由另一位管理员确认');
    const password = randomPassword();
    const passwordHash = await hashPassword(password, this.scrypt);
    const confirmed = this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        // Read again: the hash took time, and another admin may have confirmed (or changed) it meanwhile.
        const now = this.pending(userId);
        const after = this.stores.users.update(now.id, { displayName: now.displayName, role: now.role, orgId: now.orgId, pendingBy: null });
        this.stores.users.setPassword(now.id, passwordHash, true, by.id);
        this.stores.sessions.revokeAllOf(now.id, at);
        this.stores.audit.append(auditEvents.adminConfirmed(at, this.actor(by), now, true));
        return { ...after, mustChangePassword: true };
      })
      .immediate();
    return { user: confirmed, password };
  }

  /** The operator at the console confirms a pending admin (`sanheyi users confirm`); its password stays. */
  confirmAtConsole(userId: number, consoleActor = 'console'): User {
    return this.db
      .transaction(() => {
        const user = this.pending(userId);
        const after = this.stores.users.update(user.id, {
          displayName: user.displayName,
          role: user.role,
          orgId: user.orgId,
          pendingBy: null,
        });
        this.stores.audit.append(auditEvents.adminConfirmed(isoNow(this.clock), { actorId: null, actor: consoleActor }, user, false));
        return after;
      })
      .immediate();
  }

  /** Unlocks an account locked by wrong passwords: an admin (`p`), or the console when `p` is null. */
  unlock(p: Principal | null, userId: number, consoleActor = 'system'): User {
    const by = p === null ? null : this.access.admin(p);
    const user = this.target(userId);
    this.throttle.forgetAccount(user.username.toLowerCase());
    if (user.lockedAt === null) return user;
    this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        this.stores.users.setLocked(user.id, null);
        this.stores.audit.append(auditEvents.accountUnlocked(at, this.actor(by, consoleActor), user));
      })
      .immediate();
    return { ...user, lockedAt: null };
  }

  /** `by`: the admin who sets it, null for the console. */
  private async storePassword(user: User, password: string, actor: Actor, by: number | null = null): Promise<User> {
    const passwordHash = await hashPassword(password, this.scrypt);
    this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        this.stores.users.setPassword(user.id, passwordHash, true, by);
        this.stores.sessions.revokeAllOf(user.id, at);
        this.stores.audit.append(auditEvents.passwordSet(at, actor, user, unitIdOf(this.stores.orgs, user.orgId), true));
      })
      .immediate();
    return { ...user, mustChangePassword: true };
  }

  /** Refuses to take away the last admin that can act (enabled and confirmed). */
  private keepAnAdmin(user: User, path: string | undefined, what: string): void {
    if (user.role !== 'admin' || user.disabled || user.pendingBy !== null) return;
    if (this.stores.users.enabledAdmins() > 1) return;
    const message = `这是唯一可用的系统管理员账号，不能${what}；请先设立并确认另一位管理员`;
    throw conflict(message, path ? [{ path, message: '唯一可用的系统管理员' }] : []);
  }

  private pending(userId: number): User {
    const user = this.target(userId);
    if (user.pendingBy === null) throw conflict('该账号不需要确认');
    return user;
  }

  private target(userId: number): User {
    const user = this.stores.users.get(userId);
    if (!user) throw notFound('用户');
    return user;
  }

  private actor(by: User | null, consoleActor = 'system'): Actor {
    return by ? actorOf({ kind: 'user', user: by }) : { actorId: null, actor: consoleActor };
  }
}
