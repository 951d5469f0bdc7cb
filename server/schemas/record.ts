// The record a business system sends for classification: the standard fields (names fixed) plus `extra`.
import type { FromSchema } from 'json-schema-to-ts';

export const ORIGINS = ['own', 'superior', 'peer', 'subordinate', 'external'] as const;
export const ROLES = ['host', 'co'] as const;
export const MANUSCRIPTS = ['正本', '定稿', '草稿', '副本', '复制件'] as const;

/** ISO date (2024-05-01) or date-time (2024-05-01T09:30:00+08:00). */
export const ISO_DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';

const shortText = { type: 'string', maxLength: 500 } as const;

export const recordSchema = {
  $id: 'https://sanheyi.dev/schemas/record.json',
  title: '待分类文件（记录）',
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 2000, description: '题名' },
    docNumber: { ...shortText, description: '文号' },
    author: { ...shortText, description: '责任者' },
    origin: { type: 'string', enum: ORIGINS, description: '来源：本单位/上级/同级/下级/外单位' },
    role: { type: 'string', enum: ROLES, description: '主办/协办' },
    date: { type: 'string', pattern: ISO_DATE_PATTERN, description: '形成日期 (ISO)' },
    docType: { ...shortText, description: '文种' },
    department: { ...shortText, description: '机构（部门）' },
    securityLevel: { ...shortText, description: '密级' },
    carrier: { ...shortText, description: '载体' },
    manuscript: { type: 'string', enum: MANUSCRIPTS, description: '稿本' },
    actionRequired: { type: 'boolean', description: '本单位是否需要办理' },
    businessType: { ...shortText, description: '业务类型' },
    amount: { type: 'number', description: '金额（元）' },
    keywords: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 200 }, description: '关键词' },
    extra: {
      type: 'object',
      maxProperties: 100,
      propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' },
      additionalProperties: {
        anyOf: [
          { type: 'string', maxLength: 2000 },
          { type: 'number' },
          { type: 'boolean' },
          { type: 'null' },
          { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 200 } },
        ],
      },
      description: '单位自定义字段',
    },
  },
} as const;

export type ClassifiableRecord = FromSchema<typeof recordSchema>;
