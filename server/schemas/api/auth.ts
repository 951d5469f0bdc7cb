// Signing in and who is signed in: POST /auth/login, GET /me.
import type { FromSchema } from 'json-schema-to-ts';
import { dateTime, nullable, str, text } from './common.js';
import type { Org } from './orgs.js';
import type { User } from './users.js';

// ── requests ─────────────────────────────────────────────────────────────────

export const loginBody = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: { username: text(64), password: text(1000) },
} as const;

/** POST /me/password: the signed-in user's own password change. */
export const changePasswordBody = {
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: { currentPassword: text(1000), newPassword: { type: 'string', minLength: 10, maxLength: 1000 } },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

export const Session = {
  type: 'object',
  required: ['token', 'expiresAt', 'user'],
  properties: { token: str, expiresAt: dateTime, user: { $ref: '#/components/schemas/User' } },
} as const;

export const Me = {
  type: 'object',
  required: ['user', 'org'],
  properties: { user: { $ref: '#/components/schemas/User' }, org: nullable({ $ref: '#/components/schemas/Org' }) },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type LoginBody = FromSchema<typeof loginBody>;
export type ChangePasswordBody = FromSchema<typeof changePasswordBody>;
export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}
export interface Me {
  user: User;
  org: Org | null;
}
