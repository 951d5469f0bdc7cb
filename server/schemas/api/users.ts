// Users: POST /users, PATCH /users/{id}, the User every listing returns and a password reset's answer.
import type { FromSchema } from 'json-schema-to-ts';
import { dateTime, id, nullable, str, text, type Wire } from './common.js';

// ── requests ─────────────────────────────────────────────────────────────────

export const createUserBody = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password', 'displayName', 'role'],
  properties: {
    username: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$' },
    password: { type: 'string', minLength: 10, maxLength: 1000 },
    displayName: text(100),
    role: { type: 'string', enum: ['archivist', 'reviewer', 'admin'] },
    orgId: { anyOf: [id, { type: 'null' }] },
  },
} as const;

/** PATCH /users/{id}: what an admin may change; the same placement rules as at creation. */
export const updateUserBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    displayName: text(100),
    role: { type: 'string', enum: ['archivist', 'reviewer', 'admin'] },
    orgId: { anyOf: [id, { type: 'null' }] },
  },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

export const User = {
  type: 'object',
  required: ['id', 'username', 'displayName', 'role', 'orgId', 'disabled', 'mustChangePassword', 'lockedAt', 'pendingBy', 'createdAt'],
  properties: {
    id,
    username: str,
    displayName: str,
    role: { type: 'string', enum: ['archivist', 'reviewer', 'admin'] },
    orgId: nullable(id),
    disabled: { type: 'boolean' },
    /** Signed in with a generated or admin-reset password: the session may only change it (403 otherwise). */
    mustChangePassword: { type: 'boolean' },
    /** Locked after repeated wrong passwords, until an admin unlocks it. */
    lockedAt: nullable(dateTime),
    /** An admin account another admin created or promoted: it cannot sign in until a different admin confirms it. */
    pendingBy: nullable(id),
    createdAt: dateTime,
  },
} as const;

/** POST /users/{id}/reset-password and /confirm: the generated password, shown this once. */
export const PasswordReset = {
  type: 'object',
  required: ['user', 'password'],
  properties: {
    user: User,
    password: { type: 'string', description: '生成的新密码（仅返回这一次；用户下次登录须修改）' },
  },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type CreateUserBody = FromSchema<typeof createUserBody>;
export type UpdateUserBody = FromSchema<typeof updateUserBody>;
export type User = Wire<FromSchema<typeof User>>;
export type Role = User['role'];
/** A reset or confirmed account: the user, and the generated password shown this once. */
export interface PasswordResetWire {
  user: User;
  password: string;
}
