// The OpenAPI operations of a unit's webhooks and their delivery log.
import { COMMON, type Op, ref } from './openapi-operations.js';

const WEBHOOK_ID = { name: 'id', in: 'path', required: true, description: 'Webhook 编号', schema: { type: 'integer', minimum: 1 } };

export const WEBHOOK_OPS: Op[] = [
  {
    method: 'get',
    path: '/units/{unit}/webhooks',
    id: 'listWebhooks',
    summary: '单位的 Webhook（本单位档案员、管理员）',
    tag: 'Webhook',
    params: ['unit'],
    ok: { status: 200, schema: { type: 'array', items: ref('Webhook') } },
    errors: [400, ...COMMON],
  },
  {
    method: 'post',
    path: '/units/{unit}/webhooks',
    id: 'createWebhook',
    summary: '登记 Webhook（签名密钥仅此一次显示）',
    tag: 'Webhook',
    params: ['unit'],
    body: ref('CreateWebhookRequest'),
    ok: { status: 201, schema: ref('WebhookCreated') },
    errors: [400, ...COMMON, 415],
  },
  {
    method: 'get',
    path: '/units/{unit}/webhooks/{id}',
    id: 'getWebhook',
    summary: '一个 Webhook',
    tag: 'Webhook',
    params: ['unit'],
    headers: [WEBHOOK_ID],
    ok: { status: 200, schema: ref('Webhook') },
    errors: [400, ...COMMON],
  },
  {
    method: 'delete',
    path: '/units/{unit}/webhooks/{id}',
    id: 'deleteWebhook',
    summary: '删除 Webhook（未送达的事件不再发送）',
    tag: 'Webhook',
    params: ['unit'],
    headers: [WEBHOOK_ID],
    ok: { status: 204 },
    errors: COMMON,
  },
  {
    method: 'get',
    path: '/units/{unit}/webhooks/{id}/deliveries',
    id: 'listWebhookDeliveries',
    summary: '投递记录：最近 100 个事件及每次尝试',
    tag: 'Webhook',
    params: ['unit'],
    headers: [WEBHOOK_ID],
    ok: { status: 200, schema: { type: 'array', items: ref('WebhookDelivery') } },
    errors: [400, ...COMMON],
  },
];
