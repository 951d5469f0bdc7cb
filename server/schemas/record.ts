// The record a business system sends for classification: the standard fields (names fixed, after GB/T 33480 公文元数据,
// DA/T 46 文书类电子文件元数据 and GB/T 18894 归档) plus `extra`. Fields the scheme does not read are accepted and
// reported back as `ignoredFields` (real OA/ERP payloads always carry more than a classifier needs).
import type { FromSchema } from 'json-schema-to-ts';

export const ORIGINS = ['own', 'superior', 'peer', 'subordinate', 'external'] as const;
export const ROLES = ['host', 'co'] as const;
export const JOINT_ROLES = ['主办', '协办'] as const;
export const MANUSCRIPTS = ['正本', '定稿', '草稿', '副本', '复制件', '送审稿', '征求意见稿', '签发稿', '修改稿'] as const;
export const RECEIVER_ROLES = ['主送', '抄送'] as const;
export const ISSUER_LEVELS = ['中央', '省部', '市', '县', '本级'] as const;
export const HANDLING_MODES = ['阅件', '办件', '传阅'] as const;
export const RELATIONS = ['来文', '复文', '请示', '批复', '正文', '附件', '其他'] as const;
export const REPORT_PERIODS = ['年度', '半年', '季度', '月度'] as const;

/** ISO date (2024-05-01) or date-time (2024-05-01T09:30:00+08:00); hours 00–23, minutes and seconds 00–59. */
export const ISO_DATE_PATTERN =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])([T ]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?(Z|[+-]([01]\\d|2[0-3]):?[0-5]\\d)?)?$';

const shortText = { type: 'string', maxLength: 500 } as const;
const longText = { type: 'string', maxLength: 2000 } as const;
const date = (description: string) => ({ type: 'string', pattern: ISO_DATE_PATTERN, description }) as const;
const names = { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 200 } } as const;

const contract = {
  type: 'object',
  additionalProperties: true,
  description: '合同信息（合同管理系统）',
  properties: {
    type: { ...shortText, description: '合同类型' },
    counterparty: { ...shortText, description: '合同相对方' },
    amount: { type: 'number', description: '合同金额（元）' },
    currency: { type: 'string', maxLength: 10, description: '币种' },
    termStart: date('合同期限起'),
    termEnd: date('合同期限止'),
    performedOn: date('履行完毕日期'),
    endedOn: date('合同终止日期'),
  },
} as const;

const accounting = {
  type: 'object',
  additionalProperties: true,
  description: '会计信息（ERP）',
  properties: {
    year: { type: 'integer', minimum: 1900, maximum: 2999, description: '会计年度' },
    period: { type: 'string', maxLength: 20, description: '会计期间（2024、2024-03、2024Q1）' },
    reportPeriod: { type: 'string', enum: REPORT_PERIODS, description: '报告期' },
    fromSubordinate: { type: 'boolean', description: '所属单位报送' },
    pendingMatters: { type: 'boolean', description: '涉及未结清债权债务或其他未了事项' },
    voucherRange: { type: 'string', maxLength: 100, description: '凭证号起止' },
    volumes: { type: 'integer', minimum: 0, description: '册数' },
  },
} as const;

const relation = {
  type: 'object',
  additionalProperties: true,
  required: ['relation'],
  properties: {
    relation: { type: 'string', enum: RELATIONS, description: '关系' },
    docNumber: { ...shortText, description: '相关文件文号' },
    title: { ...longText, description: '相关文件题名' },
  },
} as const;

export const recordSchema = {
  $id: 'https://sanheyi.dev/schemas/record.json',
  title: '待分类文件（记录）',
  type: 'object',
  additionalProperties: true,
  required: ['title'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 2000, description: '题名' },
    docNumber: { ...shortText, description: '文号（发文字号）' },
    docAgency: { type: 'string', maxLength: 100, description: '文号中的机关代字' },
    docYear: { type: 'integer', minimum: 1900, maximum: 2999, description: '文号中的年份' },
    docSerial: { type: 'integer', minimum: 0, description: '文号中的序号' },
    author: { ...shortText, description: '责任者' },
    issuer: { ...shortText, description: '发文机关' },
    issuerLevel: { type: 'string', enum: ISSUER_LEVELS, description: '发文机关层级' },
    origin: { type: 'string', enum: ORIGINS, description: '来源：本单位/上级/同级/下级/外单位' },
    principalReceiver: { ...longText, description: '主送机关' },
    copyTo: { ...longText, description: '抄送机关' },
    receiverRole: { type: 'string', enum: RECEIVER_ROLES, description: '本单位收文方式（主送/抄送）' },
    releaseScope: { ...shortText, description: '发布层次（印发范围）' },
    signer: { ...shortText, description: '签发人' },
    signedOn: date('签发日期'),
    handlingMode: { type: 'string', enum: HANDLING_MODES, description: '办理方式（阅件/办件/传阅）' },
    handlingStatus: { ...shortText, description: '办理状态' },
    actionRequired: { type: 'boolean', description: '本单位是否需要办理' },
    relatedTo: { type: 'array', maxItems: 50, items: relation, description: '相关文件（来文与复文、请示与批复）' },
    role: { type: 'string', enum: ROLES, description: '联合行文中的主办/协办（旧字段，同 jointRole）' },
    jointWith: { ...names, description: '联合行文或联合会议的其他单位' },
    jointRole: { type: 'string', enum: JOINT_ROLES, description: '本单位在联合行文中的角色' },
    date: date('形成日期'),
    docType: { ...shortText, description: '文种' },
    department: { ...shortText, description: '机构（部门）' },
    securityLevel: { ...shortText, description: '密级' },
    secrecyPeriod: { ...shortText, description: '保密期限' },
    precedence: { ...shortText, description: '紧急程度' },
    carrier: { ...shortText, description: '载体' },
    manuscript: { type: 'string', enum: MANUSCRIPTS, description: '稿本' },
    hasLeaderInstructions: { type: 'boolean', description: '有领导批示或重要修改意见' },
    businessType: { ...shortText, description: '业务类型' },
    amount: { type: 'number', description: '金额（元）' },
    keywords: { ...names, description: '关键词' },
    descriptor: { ...shortText, description: '主题词' },
    abstract: { ...longText, description: '摘要' },
    assetScrappedOn: date('固定资产报废清理日期'),
    contract,
    accounting,
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

/** The standard top-level record fields (everything else a record carries is ignored and reported). */
export const RECORD_FIELD_NAMES: ReadonlySet<string> = new Set(Object.keys(recordSchema.properties));
