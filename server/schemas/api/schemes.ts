// Schemes and versions: create, new version, approve, reject, diff; versions, review queue, analysis, compliance.
import type { FromSchema } from 'json-schema-to-ts';
import type { Analysis as EngineAnalysis } from '../../engine/analyse.js';
import type { ComplianceReport } from '../../engine/compliance.js';
import type { SchemeDiff } from '../../engine/diff.js';
import type { TestRun } from '../../engine/run-tests.js';
import type { Scheme } from '../scheme.js';
import { RETENTION_CODE_PATTERN } from '../retention-codes.js';
import { date, dateTime, id, idString, nullable, str, text, type Wire } from './common.js';
import type { FieldError, Problem } from './common.js';

// ── requests ─────────────────────────────────────────────────────────────────

export const createSchemeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: text(200, '方案名称'),
    baseline: { type: 'string', minLength: 1, maxLength: 64, description: '从此基线复制' },
    document: { type: 'object', description: '方案文档（不指定基线时）' },
  },
} as const;

export const newVersionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['from'],
  properties: { from: { ...id, description: '复制自此版本号' } },
} as const;

export const approveBody = {
  type: 'object',
  additionalProperties: false,
  required: ['approvalNumber', 'decidedOn', 'effectiveFrom'],
  properties: {
    approvalNumber: text(100, '批复文号'),
    decidedOn: date('批复日期'),
    effectiveFrom: date('生效日期'),
    comment: { type: 'string', maxLength: 2000 },
    justification: { type: 'string', maxLength: 4000, description: '与基线不一致（缩短期限、不再归档）时的理由' },
    backdateReason: {
      type: 'string',
      maxLength: 2000,
      description: '生效日期早于批复日期（追溯生效）时的理由；生效日期不早于批复日期时不记录',
    },
  },
} as const;

export const rejectBody = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: {
    reason: text(2000, '退回理由'),
    decidedOn: date('决定日期'),
    comment: { type: 'string', maxLength: 2000 },
  },
} as const;

export const diffQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: { from: idString('旧版本号'), to: idString('新版本号') },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

export const VersionMeta = {
  type: 'object',
  required: [
    'number',
    'state',
    'hash',
    'rev',
    'createdBy',
    'createdAt',
    'submittedBy',
    'submittedAt',
    'decidedBy',
    'decidedAt',
    'approvalNumber',
    'effectiveFrom',
    'rejectReason',
  ],
  properties: {
    id,
    schemeId: id,
    number: { type: 'integer' },
    state: { type: 'string', enum: ['draft', 'submitted', 'approved', 'rejected', 'superseded'] },
    hash: str,
    rev: { type: 'integer' },
    copiedFrom: nullable({ type: 'integer' }),
    createdBy: nullable(str),
    createdAt: dateTime,
    updatedAt: dateTime,
    submittedBy: nullable(str),
    submittedAt: nullable(dateTime),
    decidedBy: nullable(str),
    decidedAt: nullable(dateTime),
    approvalNumber: nullable(str),
    decidedOn: nullable(str),
    effectiveFrom: nullable(str),
    comment: nullable(str),
    justification: nullable(str),
    backdateReason: nullable(str),
    rejectReason: nullable(str),
    supersededAt: nullable(dateTime),
    createdByName: nullable(str),
    submittedByName: nullable(str),
    decidedByName: nullable(str),
  },
} as const;

export const Version = {
  allOf: [
    { $ref: '#/components/schemas/VersionMeta' },
    { type: 'object', required: ['document'], properties: { document: { $ref: '#/components/schemas/Scheme' } } },
  ],
} as const;

export const Submitted = {
  allOf: [
    { $ref: '#/components/schemas/VersionMeta' },
    { type: 'object', required: ['compliance'], properties: { compliance: { $ref: '#/components/schemas/Compliance' } } },
  ],
} as const;

export const SchemeWithVersions = {
  type: 'object',
  required: ['id', 'unitId', 'name', 'baselineId', 'baselineHash', 'createdBy', 'createdAt', 'versions'],
  properties: {
    id,
    unitId: id,
    name: str,
    baselineId: nullable(str),
    baselineHash: nullable(str),
    createdBy: nullable(str),
    createdAt: dateTime,
    versions: { type: 'array', items: { $ref: '#/components/schemas/VersionMeta' } },
  },
} as const;

export const Analysis = {
  type: 'object',
  required: ['valid', 'errors', 'findings'],
  properties: {
    valid: { type: 'boolean' },
    errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
    tests: {
      type: 'object',
      required: ['passed', 'failed', 'outcomes'],
      properties: {
        passed: { type: 'integer' },
        failed: { type: 'integer' },
        outcomes: {
          type: 'array',
          items: {
            type: 'object',
            required: ['index', 'name', 'passed', 'failures', 'result'],
            properties: {
              index: { type: 'integer' },
              name: str,
              passed: { type: 'boolean' },
              failures: { type: 'array', items: str },
              result: { $ref: '#/components/schemas/ClassifyResult' },
            },
          },
        },
      },
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'severity', 'path', 'message'],
        properties: {
          kind: str,
          severity: { type: 'string', enum: ['error', 'warning', 'info'] },
          path: str,
          message: str,
          item: str,
          other: str,
          example: { type: 'object' },
        },
      },
    },
    counts: { type: 'object', properties: { error: { type: 'integer' }, warning: { type: 'integer' }, info: { type: 'integer' } } },
  },
} as const;

export const ComplianceFinding = {
  type: 'object',
  required: ['kind', 'severity', 'in', 'path', 'message'],
  properties: {
    kind: {
      type: 'string',
      enum: [
        'shorterRetention',
        'testShorter',
        'testNotFiled',
        'testUndecided',
        'suggestedMapping',
        'branchWithoutFloor',
        'baselineRowUnmapped',
      ],
    },
    severity: {
      type: 'string',
      enum: ['error', 'warning', 'info'],
      description: 'error：已证实短于国家基线，不能提交或批准；warning：批准须说明理由；info：供参考',
    },
    in: { type: 'string', enum: ['scheme', 'baseline'] },
    path: str,
    message: str,
    item: str,
    branch: str,
    baselineItem: str,
    basis: str,
    baselineRetention: { type: 'string', pattern: RETENTION_CODE_PATTERN },
    retention: nullable({ type: 'string', pattern: RETENTION_CODE_PATTERN }),
    test: { type: 'integer' },
    mapping: { type: 'string', enum: ['derivedFrom', 'id', 'wording'] },
    suggested: { type: 'array', items: str },
    score: { type: 'number' },
  },
} as const;

export const Compliance = {
  type: 'object',
  required: ['baseline', 'findings', 'blocking', 'requiresJustification'],
  properties: {
    baseline: nullable({
      type: 'object',
      required: ['id', 'hash', 'title', 'stale'],
      properties: { id: nullable(str), hash: str, title: str, stale: { type: 'boolean' } },
    }),
    findings: { type: 'array', items: { $ref: '#/components/schemas/ComplianceFinding' } },
    blocking: { type: 'boolean', description: '有已证实短于国家基线的期限：不能提交或批准' },
    requiresJustification: { type: 'boolean' },
  },
} as const;

export const Diff = {
  type: 'object',
  required: ['from', 'to', 'items', 'classes', 'exclusions', 'settings', 'tests', 'flagged'],
  properties: {
    from: nullable({ type: 'integer' }),
    to: nullable({ type: 'integer' }),
    items: {
      type: 'object',
      properties: Object.fromEntries(
        [
          'added',
          'removed',
          'moved',
          'scopeChanged',
          'retentionLengthened',
          'retentionShortened',
          'retentionChanged',
          'conditionChanged',
          'classChanged',
        ].map((k) => [k, { type: 'array', items: { type: 'object', required: ['id'], properties: { id: str, fromId: str, scope: str } } }]),
      ),
    },
    classes: {
      type: 'object',
      properties: { added: { type: 'array' }, removed: { type: 'array' }, renamed: { type: 'array' }, recoded: { type: 'array' } },
    },
    exclusions: { type: 'object', properties: { added: { type: 'array' }, removed: { type: 'array' }, changed: { type: 'array' } } },
    settings: { type: 'array', items: str },
    tests: { type: 'object', properties: { before: { type: 'integer' }, after: { type: 'integer' } } },
    flagged: { type: 'boolean' },
  },
} as const;

export const ReviewQueueEntry = {
  type: 'object',
  required: ['schemeId', 'schemeName', 'unit', 'number', 'state', 'hash', 'submittedBy', 'submittedAt'],
  properties: {
    schemeId: id,
    schemeName: str,
    unit: { type: 'object', required: ['id', 'name', 'fonds'], properties: { id, name: str, fonds: nullable(str) } },
    number: { type: 'integer' },
    state: { const: 'submitted' },
    hash: str,
    submittedBy: nullable(str),
    submittedByName: nullable(str),
    submittedAt: nullable(dateTime),
  },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type CreateSchemeBody = Omit<FromSchema<typeof createSchemeBody>, 'document'> & { document?: Record<string, unknown> };
export type NewVersionBody = FromSchema<typeof newVersionBody>;
export type ApproveBody = FromSchema<typeof approveBody>;
export type RejectBody = FromSchema<typeof rejectBody>;
export type DiffQuery = FromSchema<typeof diffQuery>;

export type { VersionState } from '../version-states.js';
export type VersionMeta = Wire<FromSchema<typeof VersionMeta>>;
export type Version = VersionMeta & { document: Scheme };
/** A scheme as GET /schemes/{id} returns it, with its versions' meta. */
export type SchemeWithVersions = Omit<Wire<FromSchema<typeof SchemeWithVersions>>, 'versions'> & { versions: VersionMeta[] };
/** Compliance of a stored version with its baseline; `baseline` is null when the scheme names none we ship. */
export type Compliance = Omit<ComplianceReport, 'baseline'> & {
  baseline: {
    id: string | null;
    hash: string;
    title: string /** The version was copied from another release of the baseline. */;
    stale: boolean;
  } | null;
};
export type Submitted = VersionMeta & { compliance: Compliance };
/** A submission or approval refused for its compliance with the baseline: the findings that block it. */
export type ComplianceProblem = Problem & { findings?: Compliance['findings'] };
/** GET …/analysis: the engine's analysis of a valid version, or the document errors. */
export type Analysis = { valid: boolean; errors: FieldError[]; findings: EngineAnalysis['findings'] } & Partial<
  Omit<EngineAnalysis, 'findings'>
>;
export type TestOutcome = TestRun['outcomes'][number];
/** GET /schemes/{id}/diff: the semantic difference of two versions (the engine's diff). */
export type Diff = SchemeDiff;
export type ReviewQueueEntry = Wire<FromSchema<typeof ReviewQueueEntry>>;
