// JSON Schemas of the HTTP API: request bodies and queries (checked with ajv) and responses (for OpenAPI).
import type { FromSchema } from 'json-schema-to-ts';
import { checker } from '../schemas/ajv.js';
import { ISO_DATE_PATTERN } from '../schemas/record.js';
import { RETENTION_CODES } from '../schemas/retention-codes.js';
import { CLASS_CODE_PATTERN } from '../schemas/scheme.js';

const DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
const ID_STRING = '^[1-9][0-9]{0,9}$';
const text = (max: number, description?: string) => ({ type: 'string', minLength: 1, maxLength: max, ...(description ? { description } : {}) }) as const;
const date = (description: string) => ({ type: 'string', pattern: DATE_PATTERN, description }) as const;
const id = { type: 'integer', minimum: 1, maximum: 9_999_999_999 } as const;

// ── request bodies ───────────────────────────────────────────────────────────

export const loginBody = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: { username: text(64), password: text(1000) },
} as const;

export const createOrgBody = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'name'],
  properties: {
    type: { type: 'string', enum: ['bureau', 'unit'], description: 'bureau 档案局 / unit 单位' },
    name: text(200, '名称'),
    fonds: { type: 'string', pattern: CLASS_CODE_PATTERN, description: '全宗号（单位）' },
    kind: { type: 'string', enum: ['enterprise', 'organ'], description: '单位类型：企业 / 机关' },
    supervisorId: { ...id, description: '监管组织（档案局，或上级企业）' },
  },
} as const;

export const createUserBody = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password', 'displayName', 'role'],
  properties: {
    username: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$' },
    password: { type: 'string', minLength: 10, maxLength: 1000 },
    displayName: text(100),
    role: { type: 'string', enum: ['archivist', 'reviewer', 'admin'] },
    orgId: { anyOf: [id, { type: 'null' }] },
  },
} as const;

export const createApiKeyBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: text(100, '调用系统名称，如“OA 系统”') },
} as const;

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

export const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const;

// ── queries ──────────────────────────────────────────────────────────────────

const idString = (description: string) => ({ type: 'string', pattern: ID_STRING, description }) as const;

export const emptyQuery = { type: 'object', additionalProperties: false, properties: {} } as const;

export const diffQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: { from: idString('旧版本号'), to: idString('新版本号') },
} as const;

export const classifyQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { version: idString('指定版本号（已批准或已被替代）'), scheme: idString('方案编号（单位有多个已批准方案时）') },
} as const;

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

export const importQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: text(200, '方案名称（dryRun 时可省略）'),
    dryRun: { type: 'string', enum: ['true', 'false'], description: 'true：只预览，不保存' },
    sheet: text(100, '要导入的工作表（缺省为第一个能识别表头的工作表）'),
    headerRow: { type: 'string', pattern: '^(0|[1-9][0-9]{0,4})$', description: '表头所在行（从 1 起；0 表示没有表头）' },
    mapping: { type: 'string', maxLength: 4000, description: '列与字段的对应（JSON 对象），列写字母、序号或表头文字，如 {"C":"归档范围","D":"保管期限"}' },
    filename: text(255, '原文件名（记入方案说明和审计日志）'),
  },
} as const;

export const exportQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['format'],
  properties: { format: { type: 'string', enum: ['xlsx', 'csv', 'html', 'pdf'], description: 'Excel 三合一表、CSV、打印视图（HTML）或 PDF' } },
} as const;

export type LoginBody = FromSchema<typeof loginBody>;
export type CreateOrgBody = FromSchema<typeof createOrgBody>;
export type CreateUserBody = FromSchema<typeof createUserBody>;
export type ApproveBody = FromSchema<typeof approveBody>;
export type RejectBody = FromSchema<typeof rejectBody>;

export const checks = {
  login: checker<LoginBody>(loginBody),
  createOrg: checker<CreateOrgBody>(createOrgBody),
  createUser: checker<CreateUserBody>(createUserBody),
  createApiKey: checker<FromSchema<typeof createApiKeyBody>>(createApiKeyBody),
  createScheme: checker<{ name: string; baseline?: string; document?: Record<string, unknown> }>(createSchemeBody),
  newVersion: checker<FromSchema<typeof newVersionBody>>(newVersionBody),
  approve: checker<ApproveBody>(approveBody),
  reject: checker<RejectBody>(rejectBody),
  try: checker<{ document: Record<string, unknown>; records: unknown[] }>(tryBody),
  classifyBatch: checker<{ records: unknown[] }>(classifyBatchBody),
  empty: checker<Record<string, never>>(emptyBody),
  emptyQuery: checker<Record<string, never>>(emptyQuery),
  diffQuery: checker<FromSchema<typeof diffQuery>>(diffQuery),
  classifyQuery: checker<FromSchema<typeof classifyQuery>>(classifyQuery),
  auditQuery: checker<FromSchema<typeof auditQuery>>(auditQuery),
  importQuery: checker<FromSchema<typeof importQuery>>(importQuery),
  exportQuery: checker<FromSchema<typeof exportQuery>>(exportQuery),
};

/** Optional integer from a validated id string. */
export const int = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

// ── responses (OpenAPI only; the service builds these shapes) ──────────────────

const nullable = <T extends object>(s: T) => ({ anyOf: [s, { type: 'null' }] }) as const;
const str = { type: 'string' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const retention = {
  type: 'object', required: ['code', 'label'],
  properties: { code: { type: 'string', enum: RETENTION_CODES }, label: str },
} as const;

export const responseSchemas = {
  Problem: {
    type: 'object',
    required: ['type', 'title', 'status', 'detail', 'errors'],
    properties: {
      type: { type: 'string', format: 'uri' }, title: str, status: { type: 'integer' }, detail: str,
      errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
      requestId: str,
      findings: { type: 'array', items: { $ref: '#/components/schemas/ComplianceFinding' } },
      needsMapping: { type: 'boolean', description: '导入：无法确定表格各列的含义，需用 mapping 指定' },
      preview: { $ref: '#/components/schemas/ImportPreview' },
      warnings: { type: 'array', items: { $ref: '#/components/schemas/ImportIssue' } },
    },
  },
  FieldError: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string', description: 'JSON Pointer；查询参数为 /query/<名>，请求头为 /header/<名>' }, message: str } },
  Org: {
    type: 'object', required: ['id', 'type', 'name', 'fonds', 'kind', 'supervisorId', 'createdAt'],
    properties: {
      id, type: { type: 'string', enum: ['bureau', 'unit'] }, name: str, fonds: nullable(str),
      kind: nullable({ type: 'string', enum: ['enterprise', 'organ'] }), supervisorId: nullable(id), createdAt: dateTime,
    },
  },
  User: {
    type: 'object', required: ['id', 'username', 'displayName', 'role', 'orgId', 'disabled', 'createdAt'],
    properties: {
      id, username: str, displayName: str, role: { type: 'string', enum: ['archivist', 'reviewer', 'admin'] }, orgId: nullable(id),
      disabled: { type: 'boolean' }, createdAt: dateTime,
    },
  },
  Session: {
    type: 'object', required: ['token', 'expiresAt', 'user'],
    properties: { token: str, expiresAt: dateTime, user: { $ref: '#/components/schemas/User' } },
  },
  Me: {
    type: 'object', required: ['user', 'org'],
    properties: { user: { $ref: '#/components/schemas/User' }, org: nullable({ $ref: '#/components/schemas/Org' }) },
  },
  ApiKey: {
    type: 'object', required: ['id', 'unitId', 'name', 'prefix', 'createdBy', 'createdAt', 'revokedAt'],
    properties: { id, unitId: id, name: str, prefix: str, createdBy: nullable(str), createdAt: dateTime, revokedAt: nullable(dateTime) },
  },
  ApiKeyCreated: {
    allOf: [{ $ref: '#/components/schemas/ApiKey' }, { type: 'object', required: ['key'], properties: { key: { type: 'string', description: '密钥，仅此一次显示' } } }],
  },
  BaselineSummary: {
    type: 'object', required: ['id', 'title', 'kind', 'hash', 'items'],
    properties: { id: str, title: str, kind: { type: 'string', enum: ['enterprise', 'organ'] }, hash: str, items: { type: 'integer' } },
  },
  VersionMeta: {
    type: 'object',
    required: ['number', 'state', 'hash', 'rev', 'createdBy', 'createdAt', 'submittedBy', 'submittedAt', 'decidedBy', 'decidedAt', 'approvalNumber', 'effectiveFrom', 'rejectReason'],
    properties: {
      id, schemeId: id, number: { type: 'integer' }, state: { type: 'string', enum: ['draft', 'submitted', 'approved', 'rejected', 'superseded'] },
      hash: str, rev: { type: 'integer' }, copiedFrom: nullable({ type: 'integer' }),
      createdBy: nullable(str), createdAt: dateTime, updatedAt: dateTime,
      submittedBy: nullable(str), submittedAt: nullable(dateTime), decidedBy: nullable(str), decidedAt: nullable(dateTime),
      approvalNumber: nullable(str), decidedOn: nullable(str), effectiveFrom: nullable(str), comment: nullable(str),
      justification: nullable(str), rejectReason: nullable(str), supersededAt: nullable(dateTime),
    },
  },
  Version: {
    allOf: [{ $ref: '#/components/schemas/VersionMeta' }, { type: 'object', required: ['document'], properties: { document: { $ref: '#/components/schemas/Scheme' } } }],
  },
  Submitted: {
    allOf: [{ $ref: '#/components/schemas/VersionMeta' }, { type: 'object', required: ['compliance'], properties: { compliance: { $ref: '#/components/schemas/Compliance' } } }],
  },
  SchemeWithVersions: {
    type: 'object', required: ['id', 'unitId', 'name', 'baselineId', 'baselineHash', 'createdBy', 'createdAt', 'versions'],
    properties: {
      id, unitId: id, name: str, baselineId: nullable(str), baselineHash: nullable(str), createdBy: nullable(str), createdAt: dateTime,
      versions: { type: 'array', items: { $ref: '#/components/schemas/VersionMeta' } },
    },
  },
  ClassifyResult: {
    type: 'object', required: ['outcome', 'candidates', 'reasons', 'version', 'hash'],
    properties: {
      outcome: { type: 'string', enum: ['file', 'exclude', 'review'], description: '归档 / 不归档 / 需人工判断' },
      classCode: str, classPath: { type: 'array', items: str }, retention, branch: str,
      retentionStart: nullable(str), expiresOn: str, archivalCode: str,
      item: { type: 'object', required: ['id', 'scope'], properties: { id: str, scope: str, basis: str } },
      exclusion: { type: 'object', required: ['id', 'scope'], properties: { id: str, scope: str, reason: str, basis: str } },
      candidates: {
        type: 'array',
        items: { type: 'object', required: ['id', 'scope', 'retention'], properties: { id: str, scope: str, retention: nullable(retention), branch: str } },
      },
      reasons: { type: 'array', items: str },
      version: nullable({ type: 'integer' }), hash: str,
      errors: { type: 'array', items: str },
    },
  },
  ClassifyBatchResult: {
    type: 'object', required: ['results'],
    properties: { results: { type: 'array', items: { $ref: '#/components/schemas/ClassifyResult' } } },
  },
  ClassifyLine: {
    description: 'NDJSON 输出的一行：成功时为分类结果加输入行号 line，失败时为 {line, error}（问题文档）',
    oneOf: [
      { allOf: [{ $ref: '#/components/schemas/ClassifyResult' }, { type: 'object', required: ['line'], properties: { line: { type: 'integer' } } }] },
      { type: 'object', required: ['line', 'error'], properties: { line: { type: 'integer' }, error: { $ref: '#/components/schemas/Problem' } } },
    ],
  },
  ClassifyBatchRequest: {
    type: 'object', additionalProperties: false, required: ['records'],
    properties: { records: { type: 'array', minItems: 1, maxItems: 10000, items: { $ref: '#/components/schemas/Record' } } },
  },
  TryRequest: {
    type: 'object', additionalProperties: false, required: ['document', 'records'],
    properties: { document: { $ref: '#/components/schemas/Scheme' }, records: { type: 'array', maxItems: 1000, items: { $ref: '#/components/schemas/Record' } } },
  },
  TryResult: {
    type: 'object', required: ['valid', 'errors', 'results'],
    properties: {
      valid: { type: 'boolean' }, errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
      results: { type: 'array', items: nullable({ $ref: '#/components/schemas/ClassifyResult' }) },
    },
  },
  Analysis: {
    type: 'object', required: ['valid', 'errors', 'findings'],
    properties: {
      valid: { type: 'boolean' }, errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
      tests: {
        type: 'object', required: ['passed', 'failed', 'outcomes'],
        properties: {
          passed: { type: 'integer' }, failed: { type: 'integer' },
          outcomes: {
            type: 'array',
            items: {
              type: 'object', required: ['index', 'name', 'passed', 'failures', 'result'],
              properties: { index: { type: 'integer' }, name: str, passed: { type: 'boolean' }, failures: { type: 'array', items: str }, result: { $ref: '#/components/schemas/ClassifyResult' } },
            },
          },
        },
      },
      findings: {
        type: 'array',
        items: {
          type: 'object', required: ['kind', 'severity', 'path', 'message'],
          properties: { kind: str, severity: { type: 'string', enum: ['error', 'warning', 'info'] }, path: str, message: str, item: str, other: str, example: { type: 'object' } },
        },
      },
      counts: { type: 'object', properties: { error: { type: 'integer' }, warning: { type: 'integer' }, info: { type: 'integer' } } },
    },
  },
  ComplianceFinding: {
    type: 'object', required: ['kind', 'severity', 'in', 'path', 'message'],
    properties: {
      kind: { type: 'string', enum: ['shorterRetention', 'testShorter', 'testNotFiled', 'testUndecided', 'baselineRowUnmapped'] },
      severity: { type: 'string', enum: ['error', 'warning', 'info'] }, in: { type: 'string', enum: ['scheme', 'baseline'] },
      path: str, message: str, item: str, baselineItem: str,
      baselineRetention: { type: 'string', enum: RETENTION_CODES }, retention: nullable({ type: 'string', enum: RETENTION_CODES }), test: { type: 'integer' },
    },
  },
  Compliance: {
    type: 'object', required: ['baseline', 'findings', 'requiresJustification'],
    properties: {
      baseline: nullable({ type: 'object', required: ['id', 'hash', 'title', 'stale'], properties: { id: nullable(str), hash: str, title: str, stale: { type: 'boolean' } } }),
      findings: { type: 'array', items: { $ref: '#/components/schemas/ComplianceFinding' } },
      requiresJustification: { type: 'boolean' },
    },
  },
  Diff: {
    type: 'object', required: ['from', 'to', 'items', 'classes', 'exclusions', 'settings', 'tests', 'flagged'],
    properties: {
      from: nullable({ type: 'integer' }), to: nullable({ type: 'integer' }),
      items: {
        type: 'object',
        properties: Object.fromEntries(
          ['added', 'removed', 'moved', 'scopeChanged', 'retentionLengthened', 'retentionShortened', 'retentionChanged', 'conditionChanged', 'classChanged'].map((k) => [
            k, { type: 'array', items: { type: 'object', required: ['id'], properties: { id: str, fromId: str, scope: str } } },
          ]),
        ),
      },
      classes: { type: 'object', properties: { added: { type: 'array' }, removed: { type: 'array' }, renamed: { type: 'array' }, recoded: { type: 'array' } } },
      exclusions: { type: 'object', properties: { added: { type: 'array' }, removed: { type: 'array' }, changed: { type: 'array' } } },
      settings: { type: 'array', items: str }, tests: { type: 'object', properties: { before: { type: 'integer' }, after: { type: 'integer' } } },
      flagged: { type: 'boolean' },
    },
  },
  ReviewQueueEntry: {
    type: 'object', required: ['schemeId', 'schemeName', 'unit', 'number', 'state', 'hash', 'submittedBy', 'submittedAt'],
    properties: {
      schemeId: id, schemeName: str, unit: { type: 'object', required: ['id', 'name', 'fonds'], properties: { id, name: str, fonds: nullable(str) } },
      number: { type: 'integer' }, state: { const: 'submitted' }, hash: str, submittedBy: nullable(str), submittedAt: nullable(dateTime),
    },
  },
  AuditEntry: {
    type: 'object', required: ['id', 'at', 'actorId', 'actor', 'action', 'unitId', 'schemeId', 'version', 'subject', 'before', 'after', 'prevHash', 'hash'],
    properties: {
      id, at: dateTime, actorId: nullable(id), actor: str, action: str, unitId: nullable(id), schemeId: nullable(id), version: nullable({ type: 'integer' }),
      subject: str, before: {}, after: {}, prevHash: str, hash: str,
    },
  },
  AuditPage: {
    type: 'object', required: ['entries', 'nextBefore'],
    properties: { entries: { type: 'array', items: { $ref: '#/components/schemas/AuditEntry' } }, nextBefore: nullable(id) },
  },
  ChainCheck: {
    type: 'object', required: ['ok', 'entries'],
    properties: { ok: { type: 'boolean' }, entries: { type: 'integer' }, brokenAt: { type: 'integer' }, reason: str },
  },
  ImportIssue: {
    type: 'object', required: ['path', 'sheet', 'row', 'column', 'message'],
    properties: {
      path: { type: 'string', description: '/工作表/R行/C列，如 /Sheet1/R12/C4；不针对单元格时行、列为 0' }, sheet: str,
      row: { type: 'integer', minimum: 0 }, column: { type: 'integer', minimum: 0 }, columnLetter: str, header: str, message: str,
    },
  },
  ImportPreview: {
    type: 'object', required: ['format', 'sheets', 'sheet', 'headerRow', 'columns', 'rows', 'problems', 'fields'],
    properties: {
      format: { type: 'string', enum: ['xlsx', 'csv'] }, sheets: { type: 'array', items: str }, sheet: str, headerRow: nullable({ type: 'integer' }),
      columns: {
        type: 'array',
        items: { type: 'object', required: ['column', 'letter', 'header', 'field', 'label'], properties: { column: { type: 'integer' }, letter: str, header: str, field: nullable(str), label: nullable(str) } },
      },
      rows: { type: 'array', items: { type: 'object', required: ['row', 'cells'], properties: { row: { type: 'integer' }, cells: { type: 'array', items: str } } } },
      problems: { type: 'array', items: str },
      fields: { type: 'array', items: { type: 'object', required: ['field', 'label'], properties: { field: str, label: str } } },
    },
  },
  ImportStats: {
    type: 'object', required: ['rows', 'items', 'headings', 'branchItems', 'classes', 'generatedIds', 'legacyRetention'],
    properties: Object.fromEntries(['rows', 'items', 'headings', 'branchItems', 'classes', 'generatedIds', 'legacyRetention'].map((k) => [k, { type: 'integer' }])),
  },
  ImportSuggestions: { type: 'object', description: '条款号 → 建议的判断条件（JSON Logic），未应用', additionalProperties: { type: 'object' } },
  ImportPreviewResult: {
    type: 'object', required: ['preview', 'warnings', 'suggestions', 'document', 'stats'],
    properties: {
      preview: { $ref: '#/components/schemas/ImportPreview' }, warnings: { type: 'array', items: { $ref: '#/components/schemas/ImportIssue' } },
      suggestions: { $ref: '#/components/schemas/ImportSuggestions' }, document: { $ref: '#/components/schemas/Scheme' }, stats: { $ref: '#/components/schemas/ImportStats' },
    },
  },
  ImportedScheme: {
    allOf: [
      { $ref: '#/components/schemas/SchemeWithVersions' },
      {
        type: 'object', required: ['warnings', 'suggestions'],
        properties: { warnings: { type: 'array', items: { $ref: '#/components/schemas/ImportIssue' } }, suggestions: { $ref: '#/components/schemas/ImportSuggestions' } },
      },
    ],
  },
  Health: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok', 'unavailable'] }, schema: { type: 'integer' } } },
} as const;
