// Building blocks of the wire contract: strings, dates, ids, nullable values, and the problem document.
import type { FromSchema } from 'json-schema-to-ts';
import { RETENTION_CODE_PATTERN } from '../retention-codes.js';

export const DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
/** A key of T other than an index signature. */
type KnownKey<T, K extends keyof T> = string extends K ? never : number extends K ? never : K;
/**
 * The TypeScript type of a response schema, `Wire<FromSchema<typeof S>>`. Response schemas leave additionalProperties open (clients must ignore
 * unknown fields), which FromSchema types as an index signature; the wire type keeps only the named fields.
 */
export type Wire<T> = { [K in keyof T as KnownKey<T, K>]: T[K] };

const ID_STRING = '^[1-9][0-9]{0,9}$';
export const text = (max: number, description?: string) =>
  ({ type: 'string', minLength: 1, maxLength: max, ...(description ? { description } : {}) }) as const;
export const date = (description: string) => ({ type: 'string', pattern: DATE_PATTERN, description }) as const;
export const id = { type: 'integer', minimum: 1, maximum: 9_999_999_999 } as const;
export const idString = (description: string) => ({ type: 'string', pattern: ID_STRING, description }) as const;
export const nullable = <const T extends object>(s: T) => ({ anyOf: [s, { type: 'null' }] }) as const;
export const str = { type: 'string' } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
/** A retention period as results show it: its code and its words. */
export const retention = {
  type: 'object',
  required: ['code', 'label'],
  properties: { code: { type: 'string', pattern: RETENTION_CODE_PATTERN }, label: str },
} as const;

// ── requests ─────────────────────────────────────────────────────────────────

export const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const;

export const emptyQuery = { type: 'object', additionalProperties: false, properties: {} } as const;

// ── responses ────────────────────────────────────────────────────────────────

export const Problem = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'errors'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: str,
    status: { type: 'integer' },
    detail: str,
    errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
    requestId: str,
    findings: { type: 'array', items: { $ref: '#/components/schemas/ComplianceFinding' } },
    needsMapping: { type: 'boolean', description: '导入：无法确定表格各列的含义，需用 mapping 指定' },
    preview: { $ref: '#/components/schemas/ImportPreview' },
    warnings: { type: 'array', items: { $ref: '#/components/schemas/ImportIssue' } },
  },
} as const;

export const FieldError = {
  type: 'object',
  required: ['path', 'message'],
  properties: { path: { type: 'string', description: 'JSON Pointer；查询参数为 /query/<名>，请求头为 /header/<名>' }, message: str },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type FieldError = Wire<FromSchema<typeof FieldError>>;
/**
 * The problem document of every error (the referenced parts typed where they are named: errors). The extensions of
 * particular refusals are typed with them: findings (ComplianceProblem), preview and warnings (ImportProblem).
 */
export type Problem = Omit<Wire<FromSchema<typeof Problem>>, 'errors' | 'findings' | 'preview' | 'warnings'> & { errors: FieldError[] };
