// The supervision view (GET /supervision/units, its xlsx export) and the changes recorded on a unit
// (POST/GET /orgs/{id}/changes) that make its table due for revision.
import type { FromSchema } from 'json-schema-to-ts';
import { FINDINGS_FILTERS, REVISION_STATUSES, SORTS, TABLE_STATES, UNIT_CHANGE_KINDS } from '../supervision-words.js';
import { date, dateTime, id, nullable, str, text, type Wire } from './common.js';

// ── requests ─────────────────────────────────────────────────────────────────

const filters = {
  state: { type: 'string', enum: [...TABLE_STATES, 'unapproved'], description: '三合一表状态；unapproved = 无施行中的表' },
  revision: { type: 'string', enum: [...REVISION_STATUSES], description: '修订：due 到期 / soon 半年内到期 / ok / none 无施行中的表' },
  findings: {
    type: 'string',
    enum: [...FINDINGS_FILTERS],
    description: '国家基线问题：open 待审版本有 / waived 施行版本经说明接受 / none 都没有',
  },
  q: { type: 'string', maxLength: 100, description: '单位名称、全宗号或监管组织名称中的文字' },
  sort: { type: 'string', enum: [...SORTS], description: '排序（默认 urgency：待审、退回、无表、到期在前）' },
} as const;

export const supervisionQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...filters,
    offset: { type: 'string', pattern: '^(0|[1-9][0-9]{0,5})$', description: '跳过的行数' },
    limit: { type: 'string', pattern: '^([1-9][0-9]{0,2}|[1-4][0-9]{3}|5000)$', description: '行数（1–5000，默认 1000）' },
  },
} as const;

export const supervisionExportQuery = { type: 'object', additionalProperties: false, properties: filters } as const;

export const unitChangeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'occurredOn', 'description'],
  properties: {
    kind: {
      type: 'string',
      enum: [...UNIT_CHANGE_KINDS],
      description: 'restructuring 改制重组 / main_business 主营业务变化 / functions 内设机构或职能调整',
    },
    occurredOn: date('变化发生（生效）的日期，不晚于今天'),
    description: text(1000, '变化内容'),
    reference: text(200, '文件依据，如批复或决议文号'),
  },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

const tableState = { type: 'string', enum: [...TABLE_STATES] } as const;
const countOf = { type: 'object', required: ['key', 'count'], properties: { key: str, count: { type: 'integer' } } } as const;

export const UnitChange = {
  type: 'object',
  required: ['id', 'unitId', 'kind', 'occurredOn', 'description', 'reference', 'recordedBy', 'recordedAt'],
  properties: {
    id,
    unitId: id,
    kind: { type: 'string', enum: [...UNIT_CHANGE_KINDS] },
    occurredOn: str,
    description: str,
    reference: nullable(str),
    recordedBy: nullable(str),
    recordedAt: dateTime,
  },
} as const;

export const SupervisionRow = {
  type: 'object',
  required: [
    'unit',
    'supervisor',
    'depth',
    'state',
    'schemeId',
    'schemeName',
    'schemes',
    'inForce',
    'upcoming',
    'open',
    'rejected',
    'revision',
    'findings',
    'figures',
  ],
  properties: {
    unit: {
      type: 'object',
      required: ['id', 'name', 'fonds', 'kind'],
      properties: { id, name: str, fonds: nullable(str), kind: nullable({ type: 'string', enum: ['enterprise', 'organ'] }) },
    },
    supervisor: nullable({ type: 'object', required: ['id', 'name'], properties: { id, name: str } }),
    depth: { type: 'integer', minimum: 1, description: '1 = 直接监管；2 = 经上级企业监管的下属单位 …' },
    state: tableState,
    schemeId: nullable(id),
    schemeName: nullable(str),
    schemes: { type: 'integer', minimum: 0 },
    inForce: nullable({
      type: 'object',
      required: ['number', 'approvalNumber', 'approvedOn', 'effectiveFrom', 'ageDays'],
      properties: {
        number: { type: 'integer' },
        approvalNumber: nullable(str),
        approvedOn: str,
        effectiveFrom: str,
        ageDays: { type: 'integer' },
      },
    }),
    upcoming: nullable({
      type: 'object',
      required: ['number', 'approvalNumber', 'effectiveFrom'],
      properties: { number: { type: 'integer' }, approvalNumber: nullable(str), effectiveFrom: str },
    }),
    open: nullable({
      type: 'object',
      required: ['number', 'state', 'since'],
      properties: { number: { type: 'integer' }, state: { type: 'string', enum: ['draft', 'submitted'] }, since: str },
    }),
    rejected: nullable({
      type: 'object',
      required: ['number', 'on', 'reason'],
      properties: { number: { type: 'integer' }, on: str, reason: nullable(str) },
    }),
    revision: {
      type: 'object',
      required: ['status', 'dueOn', 'reasons'],
      properties: {
        status: { type: 'string', enum: [...REVISION_STATUSES] },
        dueOn: nullable(str),
        reasons: {
          type: 'array',
          items: {
            type: 'object',
            required: ['kind'],
            properties: {
              kind: { type: 'string', enum: ['age', 'change'] },
              since: str,
              years: { type: 'integer' },
              changeId: id,
              change: { type: 'string', enum: [...UNIT_CHANGE_KINDS] },
              occurredOn: str,
            },
          },
        },
      },
    },
    findings: {
      type: 'object',
      required: ['waived', 'open', 'openErrors'],
      properties: { waived: { type: 'integer' }, open: { type: 'integer' }, openErrors: { type: 'integer' } },
    },
    figures: {
      type: 'object',
      description: '近 30 天的分类调用（分类记录）：结果分布，以及最常导致待人工判断的条款和缺失字段',
      required: ['calls', 'filed', 'excluded', 'review', 'reviewShare', 'topReviewRows', 'topMissingFields'],
      properties: {
        calls: { type: 'integer' },
        filed: { type: 'integer' },
        excluded: { type: 'integer' },
        review: { type: 'integer' },
        reviewShare: nullable({ type: 'number', minimum: 0, maximum: 1 }),
        topReviewRows: { type: 'array', items: countOf },
        topMissingFields: { type: 'array', items: countOf },
      },
    },
  },
} as const;

const count = { type: 'integer', minimum: 0 } as const;

export const SupervisionCounts = {
  type: 'object',
  required: [
    'units',
    'states',
    'withoutApproved',
    'revisionDue',
    'revisionSoon',
    'withOpenFindings',
    'withWaivedFindings',
    'calls',
    'review',
  ],
  properties: {
    units: count,
    states: {
      type: 'object',
      required: [...TABLE_STATES],
      properties: Object.fromEntries(TABLE_STATES.map((s) => [s, count])) as Record<(typeof TABLE_STATES)[number], typeof count>,
    },
    withoutApproved: count,
    revisionDue: count,
    revisionSoon: count,
    withOpenFindings: count,
    withWaivedFindings: count,
    calls: count,
    review: count,
  },
} as const;

export const SupervisionPage = {
  type: 'object',
  required: ['today', 'counts', 'total', 'offset', 'limit', 'rows'],
  properties: {
    today: str,
    counts: { $ref: '#/components/schemas/SupervisionCounts' },
    total: count,
    offset: count,
    limit: count,
    rows: { type: 'array', items: { $ref: '#/components/schemas/SupervisionRow' } },
  },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type SupervisionQueryParams = FromSchema<typeof supervisionQuery>;
export type SupervisionExportQuery = FromSchema<typeof supervisionExportQuery>;
export type UnitChangeBody = FromSchema<typeof unitChangeBody>;
export type SupervisionRowWire = Wire<FromSchema<typeof SupervisionRow>>;
export type UnitChangeWire = Wire<FromSchema<typeof UnitChange>>;
export type SupervisionCountsWire = Wire<FromSchema<typeof SupervisionCounts>>;
export type SupervisionPageWire = Omit<Wire<FromSchema<typeof SupervisionPage>>, 'counts' | 'rows'> & {
  counts: SupervisionCountsWire;
  rows: SupervisionRowWire[];
};
