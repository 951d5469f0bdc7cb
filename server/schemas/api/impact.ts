// A draft's impact: the logged records of a window (GET) or an uploaded sample (POST) replayed through the version in
// force and through the version assessed.
import { ISO_DATE_PATTERN } from '../record.js';
import { nullable, str } from './common.js';

// ── requests ─────────────────────────────────────────────────────────────────

export const impactQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', pattern: ISO_DATE_PATTERN, description: '分类记录起（日期按北京时间，含当日）；默认保留期内全部' },
    to: { type: 'string', pattern: ISO_DATE_PATTERN, description: '分类记录止（日期按北京时间，含当日）' },
  },
} as const;

export const impactChangesQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['format'],
  properties: { ...impactQuery.properties, format: { type: 'string', enum: ['xlsx', 'csv'], description: '导出格式' } },
} as const;

export const impactBody = {
  type: 'object',
  additionalProperties: false,
  required: ['records'],
  properties: { records: { type: 'array', minItems: 1, maxItems: 10_000, items: {} } },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

/** Primary kinds of change in the order they are told apart (a record that is now excluded is not also "shorter"). */
export const CHANGE_KINDS = [
  'nowExcluded',
  'nowReview',
  'nowFiledFromReview',
  'nowFiledFromExclusion',
  'shorter',
  'longer',
  'rowChanged',
  'classChanged',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const side = {
  type: 'object',
  required: ['outcome', 'row', 'retention', 'classCode'],
  properties: {
    outcome: { type: 'string', enum: ['file', 'exclude', 'review'] },
    row: nullable({ ...str, description: '条款号（不归档时为不归档条目）' }),
    retention: nullable(str),
    classCode: nullable(str),
  },
} as const;

export const ImpactReport = {
  type: 'object',
  required: ['version', 'against', 'source', 'window', 'records', 'changed', 'counts', 'transitions', 'examples', 'ms'],
  properties: {
    version: { type: 'integer', description: '评估的版本' },
    against: nullable({
      type: 'object',
      required: ['number', 'effectiveFrom'],
      properties: { number: { type: 'integer' }, effectiveFrom: str },
      description: '今日生效的版本',
    }),
    source: { type: 'string', enum: ['log', 'sample'] },
    window: { type: 'object', properties: { from: nullable(str), to: nullable(str) } },
    records: { type: 'integer', description: '重放的记录数' },
    changed: { type: 'integer', description: '结论会改变的记录数' },
    counts: {
      type: 'object',
      description:
        'nowExcluded 改为不归档；nowReview 改为需人工判断；nowFiledFromReview 原需人工判断、现可归档；nowFiledFromExclusion 原不归档、现归档；shorter/longer 期限变短/变长；rowChanged 期限不变、条款改变；classChanged 仅类目改变',
      properties: Object.fromEntries(CHANGE_KINDS.map((k) => [k, { type: 'integer' }])),
    },
    transitions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'before', 'after', 'count', 'ids'],
        properties: {
          kind: { type: 'string', enum: [...CHANGE_KINDS] },
          before: side,
          after: side,
          count: { type: 'integer' },
          ids: { type: 'array', items: { type: 'integer' }, description: '前 50 条：分类记录编号（样本时为样本序号）' },
        },
      },
    },
    examples: { type: 'object', additionalProperties: { type: 'object' }, description: '每组前 5 条记录的字段（仅本单位档案员可见）' },
    ms: { type: 'integer', description: '重放耗时（毫秒）' },
  },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export interface ImpactQuery {
  from?: string;
  to?: string;
}
export type ImpactChangesQuery = ImpactQuery & { format: 'xlsx' | 'csv' };
export interface ImpactBody {
  records: unknown[];
}
export interface ImpactSideWire {
  outcome: 'file' | 'exclude' | 'review';
  row: string | null;
  retention: string | null;
  classCode: string | null;
}
export interface ImpactReportWire {
  version: number;
  against: { number: number; effectiveFrom: string } | null;
  source: 'log' | 'sample';
  window: { from: string | null; to: string | null };
  records: number;
  changed: number;
  counts: Record<ChangeKind, number>;
  transitions: { kind: ChangeKind; before: ImpactSideWire; after: ImpactSideWire; count: number; ids: number[] }[];
  examples: Record<string, Record<string, unknown>>;
  ms: number;
}
