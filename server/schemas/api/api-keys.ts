// API keys of a unit's business systems: create (the key shown once), list, revoke.
import type { FromSchema } from 'json-schema-to-ts';
import { dateTime, id, nullable, str, text, type Wire } from './common.js';

// ── requests ─────────────────────────────────────────────────────────────────

export const createApiKeyBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: text(100, '调用系统名称，如“OA 系统”') },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

export const ApiKey = {
  type: 'object',
  required: ['id', 'unitId', 'name', 'prefix', 'createdBy', 'createdAt', 'revokedAt'],
  properties: { id, unitId: id, name: str, prefix: str, createdBy: nullable(str), createdAt: dateTime, revokedAt: nullable(dateTime) },
} as const;

export const ApiKeyCreated = {
  allOf: [
    { $ref: '#/components/schemas/ApiKey' },
    { type: 'object', required: ['key'], properties: { key: { type: 'string', description: '密钥，仅此一次显示' } } },
  ],
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type CreateApiKeyBody = FromSchema<typeof createApiKeyBody>;
export type ApiKey = Wire<FromSchema<typeof ApiKey>>;
export type ApiKeyCreated = ApiKey & { key: string };
