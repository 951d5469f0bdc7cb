// The decision log of a unit: a page of logged classifications, its export, and its settings.
import type { FromSchema } from 'json-schema-to-ts';
import { ISO_DATE_PATTERN } from '../record.js';
import { type Wire, dateTime, id, idString, nullable, str, text } from './common.js';

// ── requests ─────────────────────────────────────────────────────────────────

export const logFilterProperties = {
  outcome: { type: 'string', enum: ['file', 'exclude', 'review'], description: '结论' },
  row: { type: 'string', minLength: 1, maxLength: 64, description: '条款号' },
  from: { type: 'string', pattern: ISO_DATE_PATTERN, description: '起（日期按北京时间，含当日）' },
  to: { type: 'string', pattern: ISO_DATE_PATTERN, description: '止（日期按北京时间，含当日）' },
} as const;

export const decisionLogQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...logFilterProperties,
    before: idString('翻页：编号小于此值'),
    limit: { type: 'string', pattern: '^([1-9][0-9]{0,2}|1000)$', description: '条数（1–1000，默认 100）' },
  },
} as const;

export const decisionLogExportQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['format'],
  properties: { ...logFilterProperties, format: { type: 'string', enum: ['xlsx', 'csv'], description: '导出格式' } },
} as const;

export const MaskRule = {
  type: 'object',
  additionalProperties: false,
  required: ['field', 'action'],
  properties: {
    field: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$', description: '记录的顶层字段，如 title' },
    action: { type: 'string', enum: ['mask', 'omit'], description: 'mask：以＊＊＊代替；omit：不保存' },
    securityLevels: {
      type: 'array',
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
      items: text(20),
      description: '只对这些密级（securityLevel）的记录生效；省略则对所有记录生效',
    },
  },
} as const;

export const decisionLogSettingsBody = {
  type: 'object',
  additionalProperties: false,
  required: ['enabled', 'retentionDays', 'masks'],
  properties: {
    enabled: { type: 'boolean', description: '是否记录分类结果' },
    retentionDays: { type: 'integer', minimum: 1, maximum: 36500, description: '保留天数（默认 400）' },
    masks: { type: 'array', maxItems: 50, items: MaskRule },
  },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

export const DecisionLogEntry = {
  type: 'object',
  required: [
    'id',
    'unitId',
    'at',
    'schemeId',
    'version',
    'outcome',
    'itemId',
    'exclusionId',
    'classCode',
    'retention',
    'needs',
    'record',
    'requestId',
    'apiKeyId',
    'userId',
    'source',
  ],
  properties: {
    id,
    unitId: id,
    at: dateTime,
    schemeId: id,
    version: nullable({ type: 'integer' }),
    outcome: { type: 'string', enum: ['file', 'exclude', 'review'] },
    itemId: nullable({ ...str, description: '决定的条款（需人工判断时为首个候选条款）' }),
    exclusionId: nullable(str),
    classCode: nullable(str),
    retention: nullable({ ...str, description: '保管期限代码' }),
    needs: nullable({ type: 'array', items: str }),
    record: { type: 'object', description: '记录的字段（按单位规则遮盖或未保存的字段除外）' },
    requestId: nullable(str),
    apiKeyId: nullable(id),
    userId: nullable(id),
    source: { type: 'string', enum: ['single', 'batch', 'ndjson'] },
  },
} as const;

export const DecisionLogPage = {
  type: 'object',
  required: ['entries', 'total', 'next'],
  properties: {
    entries: { type: 'array', items: { $ref: '#/components/schemas/DecisionLogEntry' } },
    total: { type: 'integer', description: '符合筛选条件的总条数' },
    next: nullable({ ...id, description: '下一页（更早）：作为 before 传入' }),
  },
} as const;

export const DecisionLogSettings = {
  type: 'object',
  required: ['unitId', 'enabled', 'retentionDays', 'masks', 'updatedAt'],
  properties: {
    unitId: id,
    enabled: { type: 'boolean' },
    retentionDays: { type: 'integer' },
    masks: { type: 'array', items: MaskRule },
    updatedAt: nullable(dateTime),
  },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type LogFilterQuery = { outcome?: 'file' | 'exclude' | 'review'; row?: string; from?: string; to?: string };
export type DecisionLogQuery = LogFilterQuery & { before?: string; limit?: string };
export type DecisionLogExportQuery = LogFilterQuery & { format: 'xlsx' | 'csv' };
export interface DecisionLogSettingsBody {
  enabled: boolean;
  retentionDays: number;
  masks: { field: string; action: 'mask' | 'omit'; securityLevels?: string[] }[];
}
export type DecisionLogEntryWire = Wire<FromSchema<typeof DecisionLogEntry>>;
export interface DecisionLogPageWire {
  entries: DecisionLogEntryWire[];
  total: number;
  next: number | null;
}
