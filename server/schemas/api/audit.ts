// The audit log: a page of entries (GET /audit) and the chain check (GET /audit/verify).
import type { FromSchema } from 'json-schema-to-ts';
import { ISO_DATE_PATTERN } from '../record.js';
import { dateTime, id, idString, nullable, str, type Wire } from './common.js';

// ── requests ─────────────────────────────────────────────────────────────────

export const auditQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    unit: idString('单位'),
    scheme: idString('方案'),
    from: { type: 'string', pattern: ISO_DATE_PATTERN, description: '起（日期按北京时间，含当日）' },
    to: { type: 'string', pattern: ISO_DATE_PATTERN, description: '止（日期按北京时间，含当日）' },
    before: idString('翻页：编号小于此值'),
    limit: { type: 'string', pattern: '^([1-9][0-9]{0,2}|1000)$', description: '条数（1–1000，默认 100）' },
  },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

export const AuditEntry = {
  type: 'object',
  required: ['id', 'at', 'actorId', 'actor', 'action', 'unitId', 'schemeId', 'version', 'subject', 'before', 'after', 'prevHash', 'hash'],
  properties: {
    id,
    at: dateTime,
    actorId: nullable(id),
    actor: str,
    action: str,
    unitId: nullable(id),
    schemeId: nullable(id),
    version: nullable({ type: 'integer' }),
    subject: str,
    before: {},
    after: {},
    prevHash: str,
    hash: str,
  },
} as const;

export const AuditPage = {
  type: 'object',
  required: ['entries', 'nextBefore'],
  properties: { entries: { type: 'array', items: { $ref: '#/components/schemas/AuditEntry' } }, nextBefore: nullable(id) },
} as const;

const chainHead = { type: 'object', required: ['id', 'hash'], properties: { id: { type: 'integer' }, hash: str } } as const;

export const VersionProblem = {
  type: 'object',
  required: ['versionId', 'schemeId', 'unitId', 'number', 'state', 'reason'],
  properties: {
    versionId: { type: 'integer' },
    schemeId: { type: 'integer' },
    unitId: { type: 'integer' },
    number: { type: 'integer' },
    state: str,
    reason: str,
  },
} as const;

export const ChainCheck = {
  type: 'object',
  required: ['ok', 'entries'],
  properties: {
    ok: { type: 'boolean', description: '哈希链完整且每个非草稿版本都与审计日志相符' },
    entries: { type: 'integer' },
    brokenAt: { type: 'integer' },
    reason: str,
    keyedFrom: { ...nullable({ type: 'integer' }), description: '自该条起以审计密钥（HMAC-SHA256）签名' },
    anchor: { ...nullable(chainHead), description: '数据库之外锚定的哈希链末条' },
    versions: {
      type: 'object',
      required: ['checked', 'problems'],
      properties: { checked: { type: 'integer' }, problems: { type: 'array', items: VersionProblem } },
    },
  },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type AuditQuery = FromSchema<typeof auditQuery>;
export type AuditEntry = Wire<FromSchema<typeof AuditEntry>>;
export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}
export type ChainCheck = Wire<FromSchema<typeof ChainCheck>>;
