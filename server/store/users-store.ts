// People who sign in: archivists, reviewers and admins, with their password hashes (never returned to callers).
import type { Db } from './db.js';

export type Role = 'archivist' | 'reviewer' | 'admin';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgId: number | null;
  disabled: boolean;
  /** Signed in with a generated or admin-reset password: the session may only change it. */
  mustChangePassword: boolean;
  /** Locked after repeated wrong passwords (AuthService's throttle) until an admin unlocks it. */
  lockedAt: string | null;
  /** An admin account another admin created or promoted: it cannot sign in until a different admin confirms it. */
  pendingBy: number | null;
  createdAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  orgId: number | null;
  passwordHash: string;
  mustChangePassword?: boolean;
  /** The admin who created this admin account over the API (it waits for a second admin). */
  pendingBy?: number | null;
  /** The admin who created it over the API, with a password of its choosing (null: the console). */
  createdBy?: number | null;
}

/** Who controls an account besides its owner: who made it, and who last set its password for it (null: nobody). */
export interface AccountAuthors {
  createdBy: number | null;
  credentialsBy: number | null;
}

/** What an admin may change on an account (PATCH /users/{id}); `pendingBy` follows a change of role. */
export interface UserChanges {
  displayName: string;
  role: Role;
  orgId: number | null;
  pendingBy: number | null;
}

interface Row {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  org_id: number | null;
  disabled: number;
  must_change_password: number;
  locked_at: string | null;
  pending_by: number | null;
  created_at: string;
  password_hash: string;
}

const toUser = (r: Row): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  orgId: r.org_id,
  disabled: r.disabled === 1,
  mustChangePassword: r.must_change_password === 1,
  lockedAt: r.locked_at,
  pendingBy: r.pending_by,
  createdAt: r.created_at,
});

export class UserStore {
  private readonly insert;
  private readonly authorsStmt;
  private readonly credentialsStmt;
  private readonly byId;
  private readonly byName;
  private readonly all;
  private readonly countStmt;
  private readonly setPasswordStmt;
  private readonly setDisabledStmt;
  private readonly setLockedStmt;
  private readonly updateStmt;
  private readonly enabledAdminsStmt;
  private readonly ofOrgStmt;

  constructor(db: Db) {
    this.insert = db.prepare<
      {
        username: string;
        displayName: string;
        role: string;
        orgId: number | null;
        passwordHash: string;
        must: number;
        pendingBy: number | null;
        createdBy: number | null;
        at: string;
      },
      Row
    >(
      `INSERT INTO users (username, display_name, role, org_id, password_hash, must_change_password, pending_by, created_by, credentials_by, created_at)
       VALUES (@username, @displayName, @role, @orgId, @passwordHash, @must, @pendingBy, @createdBy, @createdBy, @at) RETURNING *`,
    );
    this.authorsStmt = db.prepare<[number], AccountAuthors>(
      'SELECT created_by AS createdBy, credentials_by AS credentialsBy FROM users WHERE id = ?',
    );
    this.credentialsStmt = db.prepare<[number | null, number]>('UPDATE users SET credentials_by = ? WHERE id = ?');
    this.byId = db.prepare<[number], Row>('SELECT * FROM users WHERE id = ?');
    this.byName = db.prepare<[string], Row>('SELECT * FROM users WHERE username = ?');
    this.all = db.prepare<[], Row>('SELECT * FROM users ORDER BY id');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
    this.setPasswordStmt = db.prepare<[string, number, number]>(
      'UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?',
    );
    this.setDisabledStmt = db.prepare<[number, number]>('UPDATE users SET disabled = ? WHERE id = ?');
    this.setLockedStmt = db.prepare<[string | null, number]>('UPDATE users SET locked_at = ? WHERE id = ?');
    this.updateStmt = db.prepare<{ id: number; displayName: string; role: string; orgId: number | null; pendingBy: number | null }, Row>(
      'UPDATE users SET display_name = @displayName, role = @role, org_id = @orgId, pending_by = @pendingBy WHERE id = @id RETURNING *',
    );
    this.enabledAdminsStmt = db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND pending_by IS NULL",
    );
    this.ofOrgStmt = db.prepare<[number], Row>('SELECT * FROM users WHERE org_id = ? ORDER BY id');
  }

  create(user: NewUser, at: string): User {
    const { mustChangePassword, pendingBy, createdBy, ...rest } = user;
    return toUser(
      this.insert.get({ ...rest, must: mustChangePassword ? 1 : 0, pendingBy: pendingBy ?? null, createdBy: createdBy ?? null, at })!,
    );
  }

  get(id: number): User | undefined {
    const r = this.byId.get(id);
    return r && toUser(r);
  }

  byUsername(username: string): User | undefined {
    const r = this.byName.get(username);
    return r && toUser(r);
  }

  /** The user and its password hash, for signing in only. */
  credentials(username: string): { user: User; passwordHash: string } | undefined {
    const r = this.byName.get(username);
    return r && { user: toUser(r), passwordHash: r.password_hash };
  }

  list(): User[] {
    return this.all.all().map(toUser);
  }

  count(): number {
    return this.countStmt.get()!.n;
  }

  /**
   * `mustChange`: the password was set for the user (generated, or by an admin) and must be changed at sign-in.
   * `by`: the admin who set it (it controls the account until someone else sets it), null for the console; left out
   * when the owner changes it (from a session its setter may hold: the mark stays).
   */
  setPassword(id: number, passwordHash: string, mustChange: boolean, by?: number | null): void {
    this.setPasswordStmt.run(passwordHash, mustChange ? 1 : 0, id);
    if (by !== undefined) this.credentialsStmt.run(by, id);
  }

  authors(id: number): AccountAuthors {
    return this.authorsStmt.get(id) ?? { createdBy: null, credentialsBy: null };
  }

  /** Locks (at the given time) or unlocks (null) the account. */
  setLocked(id: number, at: string | null): void {
    this.setLockedStmt.run(at, id);
  }

  setDisabled(id: number, disabled: boolean): void {
    this.setDisabledStmt.run(disabled ? 1 : 0, id);
  }

  update(id: number, changes: UserChanges): User {
    return toUser(this.updateStmt.get({ id, ...changes })!);
  }

  /** Admins that can act: enabled and confirmed. */
  enabledAdmins(): number {
    return this.enabledAdminsStmt.get()!.n;
  }

  /** The accounts that belong to an organisation. */
  ofOrg(orgId: number): User[] {
    return this.ofOrgStmt.all(orgId).map(toUser);
  }
}
