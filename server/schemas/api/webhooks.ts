// A unit's webhooks: register (the secret shown once), list, read, change (PATCH; a rotated secret shown once),
// delete, and the delivery log.
import type { FromSchema } from 'json-schema-to-ts';
import { dateTime, id, nullable, str, type Wire } from './common.js';

const eventName = { enum: ['version.approved', 'version.in-force', 'review.decided'] } as const;

// ── requests ─────────────────────────────────────────────────────────────────

export const createWebhookBody = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'events'],
  properties: {
    url: { type: 'string', minLength: 8, maxLength: 2000, description: 'https:// 地址（http:// 仅限 127.0.0.1 / localhost）' },
    events: { type: 'array', minItems: 1, uniqueItems: true, items: eventName },
  },
} as const;

export const updateWebhookBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    url: createWebhookBody.properties.url,
    events: createWebhookBody.properties.events,
    active: { type: 'boolean', description: 'false 停用（不再排入新事件，待发送的事件暂停）；true 重新启用（暂停的事件继续发送）' },
    rotateSecret: { type: 'boolean', description: 'true 时生成新的签名密钥（仅在本次答复中显示一次；待发送的事件用新密钥签名）' },
  },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

export const Webhook = {
  type: 'object',
  required: ['id', 'unitId', 'url', 'events', 'createdBy', 'createdAt', 'active', 'disabledAt'],
  properties: {
    id,
    unitId: id,
    url: str,
    events: { type: 'array', items: eventName },
    createdBy: nullable(str),
    createdAt: dateTime,
    active: { type: 'boolean', description: '停用时为 false' },
    disabledAt: nullable(dateTime),
  },
} as const;

export const WebhookUpdated = {
  allOf: [
    { $ref: '#/components/schemas/Webhook' },
    {
      type: 'object',
      properties: { secret: { type: 'string', description: '新的签名密钥：仅在 rotateSecret 时出现，仅此一次显示' } },
    },
  ],
} as const;

export const WebhookCreated = {
  allOf: [
    { $ref: '#/components/schemas/Webhook' },
    {
      type: 'object',
      required: ['secret'],
      properties: { secret: { type: 'string', description: '签名密钥（HMAC-SHA256），仅此一次显示' } },
    },
  ],
} as const;

export const WebhookDelivery = {
  type: 'object',
  required: [
    'id',
    'eventId',
    'event',
    'createdAt',
    'state',
    'attempts',
    'nextAttemptAt',
    'deliveredAt',
    'failedAt',
    'lastStatus',
    'lastError',
    'attemptLog',
  ],
  properties: {
    id,
    webhookId: id,
    eventId: { type: 'string', description: '去重编号（请求头 Sanheyi-Webhook-Id）' },
    event: eventName,
    createdAt: dateTime,
    state: { enum: ['pending', 'delivered', 'failed'] },
    attempts: { type: 'integer', minimum: 0 },
    nextAttemptAt: nullable(dateTime),
    deliveredAt: nullable(dateTime),
    failedAt: nullable(dateTime),
    lastStatus: nullable({ type: 'integer' }),
    lastError: nullable(str),
    attemptLog: {
      type: 'array',
      items: {
        type: 'object',
        required: ['attempt', 'at', 'status', 'error', 'ms'],
        properties: {
          attempt: { type: 'integer' },
          at: dateTime,
          status: nullable({ type: 'integer' }),
          error: nullable(str),
          ms: { type: 'integer' },
        },
      },
    },
  },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type CreateWebhookBody = FromSchema<typeof createWebhookBody>;
export type UpdateWebhookBody = FromSchema<typeof updateWebhookBody>;
export type WebhookWire = Wire<FromSchema<typeof Webhook>>;
export type WebhookDeliveryWire = Wire<FromSchema<typeof WebhookDelivery>>;
/** A registered webhook with its signing secret, shown this once. */
export type WebhookCreatedWire = WebhookWire & { secret: string };
/** A changed webhook; `secret` only when it was rotated (shown this once). */
export type WebhookUpdatedWire = WebhookWire & { secret?: string };
