// Users: POST /users and the User every listing returns.
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

// ── responses ────────────────────────────────────────────────────────────────

export const User = {
  type: 'object',
  required: ['id', 'username', 'displayName', 'role', 'orgId', 'disabled', 'mustChangePassword', 'lockedAt', 'createdAt'],
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
    createdAt: dateTime,
  },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type CreateUserBody = FromSchema<typeof createUserBody>;
export type User = Wire<FromSchema<typeof User>>;
export type Role = User['role'];
