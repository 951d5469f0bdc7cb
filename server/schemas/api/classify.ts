// Classification: one record, a {records} batch or NDJSON, and trying an unsaved document (POST /try).
import type { ClassifyResult as EngineClassifyResult } from '../../engine/compile.js';
import type { FieldError } from './common.js';
import { idString, nullable, retention, str } from './common.js';

// ── requests ─────────────────────────────────────────────────────────────────

export const tryBody = {
  type: 'object',
  additionalProperties: false,
  required: ['document', 'records'],
  properties: {
    document: { type: 'object' },
    records: { type: 'array', maxItems: 1000, items: {} },
  },
} as const;

export const classifyBatchBody = {
  type: 'object',
  additionalProperties: false,
  required: ['records'],
  properties: { records: { type: 'array', minItems: 1, maxItems: 10_000, items: {} } },
} as const;

export const classifyQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: idString('指定版本号（已批准或已被替代）'),
    scheme: idString('方案编号（单位有多个已批准方案时）'),
    detail: {
      type: 'string',
      enum: ['full', 'minimal'],
      description:
        'minimal：只返回结论、类目、保管期限、分支、起算与到期日期、档号、条款、不归档条目、needs、hold、版本与哈希，不含 reasons 与 candidates（为空数组）；默认 full',
    },
  },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

export const ClassifyResult = {
  type: 'object',
  required: ['outcome', 'candidates', 'reasons', 'version', 'hash'],
  properties: {
    outcome: { type: 'string', enum: ['file', 'exclude', 'review'], description: '归档 / 不归档 / 需人工判断' },
    classCode: str,
    classPath: { type: 'array', items: str },
    retention,
    branch: str,
    decidedBy: { type: 'string', enum: ['default'], description: '分支条件无法判断时按条款的默认规则（从长）定期，请抽检' },
    retentionStart: nullable(str),
    expiresOn: str,
    archivalCode: str,
    hold: { type: 'string', enum: ['pendingMatters'], description: '涉及未了事项，保管到未了事项完结（无到期日）' },
    needs: { type: 'array', items: str, description: '可据以判断的字段（缺失或待确认）' },
    guidance: { ...str, description: '给判断者的说明' },
    ignoredFields: { type: 'array', items: str, description: '记录中方案未使用的字段（已接受，未读取）' },
    item: { type: 'object', required: ['id', 'scope'], properties: { id: str, scope: str, basis: str } },
    exclusion: { type: 'object', required: ['id', 'scope'], properties: { id: str, scope: str, reason: str, basis: str } },
    candidates: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'scope', 'retention'],
        properties: { id: str, scope: str, retention: nullable(retention), branch: str },
      },
    },
    reasons: { type: 'array', items: str },
    version: nullable({ type: 'integer' }),
    hash: str,
    errors: { type: 'array', items: str },
    reviewId: {
      type: 'integer',
      description: '结论为 review 时：本次分类在单位分类记录中的编号；档案员判断后以 GET /units/{unit}/decisions/{reviewId} 取回结论',
    },
  },
} as const;

export const ClassifyBatchResult = {
  type: 'object',
  required: ['results'],
  properties: { results: { type: 'array', items: { $ref: '#/components/schemas/ClassifyResult' } } },
} as const;

export const ClassifyLine = {
  description: 'NDJSON 输出的一行：成功时为分类结果加输入行号 line，失败时为 {line, error}（问题文档）',
  oneOf: [
    {
      allOf: [
        { $ref: '#/components/schemas/ClassifyResult' },
        { type: 'object', required: ['line'], properties: { line: { type: 'integer' } } },
      ],
    },
    {
      type: 'object',
      required: ['line', 'error'],
      properties: { line: { type: 'integer' }, error: { $ref: '#/components/schemas/Problem' } },
    },
  ],
} as const;

export const ClassifyBatchRequest = {
  type: 'object',
  additionalProperties: false,
  required: ['records'],
  properties: { records: { type: 'array', minItems: 1, maxItems: 10000, items: { $ref: '#/components/schemas/Record' } } },
} as const;

export const TryRequest = {
  type: 'object',
  additionalProperties: false,
  required: ['document', 'records'],
  properties: {
    document: { $ref: '#/components/schemas/Scheme' },
    records: { type: 'array', maxItems: 1000, items: { $ref: '#/components/schemas/Record' } },
  },
} as const;

export const TryResult = {
  type: 'object',
  required: ['valid', 'errors', 'results'],
  properties: {
    valid: { type: 'boolean' },
    errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
    results: { type: 'array', items: nullable({ $ref: '#/components/schemas/ClassifyResult' }) },
  },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
/** What classifying one record returns (the engine's result). */
export type ClassifyResult = EngineClassifyResult;
/** What POST /units/{unit}/classify returns for one record: the result, and for a review its decision-log id. */
export type ClassifyResponse = ClassifyResult & { reviewId?: number };
export interface TryBody {
  document: Record<string, unknown>;
  records: unknown[];
}
export interface ClassifyBatchBody {
  records: unknown[];
}
export interface ClassifyQuery {
  version?: string;
  scheme?: string;
  detail?: 'full' | 'minimal';
}
export interface ClassifyBatchResponse {
  results: ClassifyResponse[];
}
export interface TryResponse {
  valid: boolean;
  /** Document errors (paths /document/…) or record errors (paths /records/i/…). */
  errors: FieldError[];
  /** One per record; null where the record itself is invalid. */
  results: (ClassifyResult | null)[];
}
