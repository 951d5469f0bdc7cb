// API keys of a unit's business systems: create (the key shown once, optionally expiring), list (with last use),
// rotate (a new secret; the old one works through a grace period), revoke.
import type { FromSchema } from 'json-schema-to-ts';
import { dateTime, id, nullable, str, text, type Wire } from './common.js';

/** Hours the replaced secret keeps working after a rotation: default and most. */
export const DEFAULT_GRACE_HOURS = 24;
export const MAX_GRACE_HOURS = 720;

// ── requests ─────────────────────────────────────────────────────────────────

export const createApiKeyBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: text(100, '调用系统名称，如“OA 系统”'),
    expiresAt: nullable({ ...dateTime, description: '到期时间（须晚于现在）；省略或 null 表示不过期' }),
  },
} as const;

export const rotateApiKeyBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    graceHours: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_GRACE_HOURS,
      description: `旧密钥在轮换后继续有效的小时数（默认 ${DEFAULT_GRACE_HOURS}，最多 ${MAX_GRACE_HOURS}；不超过旧密钥原定的到期时间）`,
    },
    expiresAt: nullable({
      ...dateTime,
      description: '新密钥的到期时间；省略时与旧密钥的有效期长度相同（旧密钥不过期则新密钥也不过期），null 表示不过期',
    }),
  },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

export const ApiKey = {
  type: 'object',
  required: [
    'id',
    'unitId',
    'name',
    'prefix',
    'createdBy',
    'createdAt',
    'revokedAt',
    'expiresAt',
    'lastUsedAt',
    'lastUsedFrom',
    'rotatedFrom',
    'replacedBy',
    'state',
  ],
  properties: {
    id,
    unitId: id,
    name: str,
    prefix: str,
    createdBy: nullable(str),
    createdAt: dateTime,
    revokedAt: nullable(dateTime),
    expiresAt: { ...nullable(dateTime), description: '停止工作的时间（null：不过期）；已轮换的旧密钥为过渡期结束时间' },
    lastUsedAt: { ...nullable(dateTime), description: '最近一次使用的时间（精确到请求；写入数据库至多每分钟一次）' },
    lastUsedFrom: { ...nullable(str), description: '最近一次使用的客户端地址' },
    rotatedFrom: { ...nullable(id), description: '本密钥轮换替代的旧密钥编号' },
    replacedBy: { ...nullable(id), description: '替代本密钥的新密钥编号（轮换后）' },
    state: {
      type: 'string',
      enum: ['active', 'rotating', 'expired', 'revoked'],
      description: 'active 有效；rotating 已轮换、过渡期内仍有效；expired 已过期（或过渡期已结束）；revoked 已吊销',
    },
  },
} as const;

export const ApiKeyCreated = {
  allOf: [
    { $ref: '#/components/schemas/ApiKey' },
    { type: 'object', required: ['key'], properties: { key: { type: 'string', description: '密钥，仅此一次显示' } } },
  ],
} as const;

export const ApiKeyRotated = {
  allOf: [
    { $ref: '#/components/schemas/ApiKeyCreated' },
    {
      type: 'object',
      required: ['replaced'],
      properties: { replaced: { $ref: '#/components/schemas/ApiKey', description: '被替代的旧密钥（过渡期内仍有效）' } },
    },
  ],
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type CreateApiKeyBody = FromSchema<typeof createApiKeyBody>;
export type RotateApiKeyBody = FromSchema<typeof rotateApiKeyBody>;
export type ApiKey = Wire<FromSchema<typeof ApiKey>>;
export type ApiKeyState = ApiKey['state'];
export type ApiKeyCreated = ApiKey & { key: string };
export type ApiKeyRotated = ApiKeyCreated & { replaced: ApiKey };
