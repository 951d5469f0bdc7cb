// The review inbox: pending reviews grouped by row and missing field, deciding one or many, the decision as the
// business system reads it by its reviewId, and turning a decided record into a test of the draft.
import type { FromSchema } from 'json-schema-to-ts';
import { RETENTION_CODE_PATTERN } from '../retention-codes.js';
import { type Wire, dateTime, id, idString, nullable, str, text } from './common.js';
import type { DecisionLogEntryWire } from './decision-log.js';
import type { SchemeTest } from '../scheme.js';
import type { VersionMeta } from './schemes.js';

// ── requests ─────────────────────────────────────────────────────────────────

export const reviewInboxQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    row: { type: 'string', minLength: 1, maxLength: 64, description: '条款号；none 为无匹配条款的记录' },
    field: { type: 'string', minLength: 1, maxLength: 80, description: '缺少的字段（needs 之一）' },
    before: idString('翻页：编号小于此值'),
    limit: { type: 'string', pattern: '^([1-9][0-9]{0,2}|1000)$', description: '条数（1–1000，默认 100）' },
  },
} as const;

const ids = { type: 'array', minItems: 1, maxItems: 1000, items: id, description: '待判断记录的编号（reviewId）' } as const;

export const decideBody = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['ids', 'outcome', 'row', 'retention'],
      properties: {
        ids,
        outcome: { const: 'file', description: '归档' },
        row: { type: 'string', minLength: 1, maxLength: 64, description: '归入的条款号' },
        retention: { type: 'string', pattern: RETENTION_CODE_PATTERN, description: '保管期限代码' },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['ids', 'outcome', 'reason'],
      properties: { ids, outcome: { const: 'exclude', description: '不归档' }, reason: text(500, '不归档的理由') },
    },
  ],
} as const;

// ── responses ────────────────────────────────────────────────────────────────

export const ReviewDecision = {
  type: 'object',
  required: ['logId', 'unitId', 'outcome', 'itemId', 'retention', 'reason', 'decidedBy', 'decidedByName', 'decidedAt'],
  properties: {
    logId: id,
    unitId: id,
    outcome: { type: 'string', enum: ['file', 'exclude'] },
    itemId: nullable(str),
    retention: nullable(str),
    reason: nullable(str),
    decidedBy: id,
    decidedByName: str,
    decidedAt: dateTime,
  },
} as const;

export const ReviewInbox = {
  type: 'object',
  required: ['pending', 'groups', 'entries', 'next'],
  properties: {
    pending: { type: 'integer', description: '待判断的记录数' },
    groups: {
      type: 'array',
      description: '按条款与缺少的字段分组（一条记录缺少两个字段时计入两组）',
      items: {
        type: 'object',
        required: ['row', 'field', 'count', 'scope'],
        properties: { row: nullable(str), field: nullable(str), count: { type: 'integer' }, scope: nullable(str) },
      },
    },
    entries: { type: 'array', items: { $ref: '#/components/schemas/DecisionLogEntry' } },
    next: nullable(id),
  },
} as const;

export const reviewDecisionsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    before: idString('翻页：记录编号小于此值'),
    limit: { type: 'string', pattern: '^([1-9][0-9]{0,2}|1000)$', description: '条数（1–1000，默认 50）' },
  },
} as const;

export const DecideResult = {
  type: 'object',
  required: ['decided'],
  properties: { decided: { type: 'array', items: { $ref: '#/components/schemas/ReviewDecision' } } },
} as const;

export const ReviewDecisionList = {
  type: 'object',
  required: ['entries', 'next'],
  properties: {
    entries: {
      type: 'array',
      description: '已判断的记录，记录编号倒序',
      items: {
        allOf: [
          { $ref: '#/components/schemas/ReviewDecision' },
          {
            type: 'object',
            required: ['title', 'record'],
            properties: { title: nullable(str), record: { type: 'object', description: '记录（按本单位遮盖规则存储）' } },
          },
        ],
      },
    },
    next: nullable({ ...id, description: '下一页的 before；最后一页为 null' }),
  },
} as const;

export const ReviewStatus = {
  type: 'object',
  required: ['id', 'unitId', 'status', 'classifiedAt', 'version', 'itemId', 'needs', 'decision'],
  properties: {
    id,
    unitId: id,
    status: { type: 'string', enum: ['pending', 'decided'], description: 'pending：档案员尚未判断' },
    classifiedAt: dateTime,
    version: nullable({ type: 'integer' }),
    itemId: nullable(str),
    needs: nullable({ type: 'array', items: str }),
    decision: nullable({ $ref: '#/components/schemas/ReviewDecision' }),
  },
} as const;

export const ReviewTestAdded = {
  type: 'object',
  required: ['version', 'test'],
  properties: { version: { $ref: '#/components/schemas/VersionMeta' }, test: { type: 'object' } },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export interface ReviewInboxQuery {
  row?: string;
  field?: string;
  before?: string;
  limit?: string;
}
export interface ReviewDecisionsQuery {
  before?: string;
  limit?: string;
}
export type DecideBody =
  | { ids: number[]; outcome: 'file'; row: string; retention: string }
  | { ids: number[]; outcome: 'exclude'; reason: string };
export type ReviewDecisionWire = Wire<FromSchema<typeof ReviewDecision>>;
export interface ReviewDecisionListWire {
  entries: (ReviewDecisionWire & { title: string | null; record: Record<string, unknown> })[];
  next: number | null;
}
/** POST …/review-inbox/decide: the decisions recorded. */
export interface DecideResultWire {
  decided: ReviewDecisionWire[];
}
/** GET /units/{unit}/decisions/{id}: whether a record sent to review has been decided, and how. */
export type ReviewStatusWire = Omit<Wire<FromSchema<typeof ReviewStatus>>, 'decision'> & { decision: ReviewDecisionWire | null };
/** POST …/review-inbox/{id}/to-test: the draft the decided record was added to as a test, and the test. */
export interface ReviewTestAddedWire {
  version: VersionMeta;
  test: SchemeTest;
}
export interface ReviewInboxWire {
  pending: number;
  groups: { row: string | null; field: string | null; count: number; scope: string | null }[];
  entries: DecisionLogEntryWire[];
  next: number | null;
}
