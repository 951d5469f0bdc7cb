// Spreadsheet import (preview or create) and export: the query, the located issues, the preview and the stats.
import type { FromSchema } from 'json-schema-to-ts';
import type { Scheme } from '../scheme.js';
import { type Problem, str, text, nullable, type Wire } from './common.js';
import type { SchemeWithVersions } from './schemes.js';

// ── requests ─────────────────────────────────────────────────────────────────

export const importQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: text(200, '方案名称（dryRun 时可省略）'),
    dryRun: { type: 'string', enum: ['true', 'false'], description: 'true：只预览，不保存' },
    sheet: text(100, '要导入的工作表（缺省为第一个能识别表头的工作表）'),
    headerRow: { type: 'string', pattern: '^(0|[1-9][0-9]{0,4})$', description: '表头所在行（从 1 起；0 表示没有表头）' },
    mapping: {
      type: 'string',
      maxLength: 4000,
      description: '列与字段的对应（JSON 对象），列写字母、序号或表头文字，如 {"C":"归档范围","D":"保管期限"}',
    },
    filename: text(255, '原文件名（记入方案说明和审计日志）'),
    headingClasses: {
      type: 'string',
      enum: ['true', 'false'],
      description: 'true：表格没有类目列时，一级标题行作为类目（类目号即条款号）',
    },
  },
} as const;

export const exportQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['format'],
  properties: {
    format: { type: 'string', enum: ['xlsx', 'csv', 'html', 'pdf'], description: 'Excel 三合一表、CSV、打印视图（HTML）或 PDF' },
  },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

export const ImportIssue = {
  type: 'object',
  required: ['path', 'sheet', 'row', 'column', 'message'],
  properties: {
    path: { type: 'string', description: '/工作表/R行/C列，如 /Sheet1/R12/C4；不针对单元格时行、列为 0' },
    sheet: str,
    row: { type: 'integer', minimum: 0 },
    column: { type: 'integer', minimum: 0 },
    columnLetter: str,
    header: str,
    message: str,
  },
} as const;

export const ImportPreview = {
  type: 'object',
  required: ['format', 'sheets', 'sheet', 'headerRow', 'columns', 'rows', 'problems', 'fields'],
  properties: {
    format: { type: 'string', enum: ['xlsx', 'csv'] },
    sheets: { type: 'array', items: str },
    sheet: str,
    headerRow: nullable({ type: 'integer' }),
    columns: {
      type: 'array',
      items: {
        type: 'object',
        required: ['column', 'letter', 'header', 'field', 'label'],
        properties: { column: { type: 'integer' }, letter: str, header: str, field: nullable(str), label: nullable(str) },
      },
    },
    rows: {
      type: 'array',
      items: { type: 'object', required: ['row', 'cells'], properties: { row: { type: 'integer' }, cells: { type: 'array', items: str } } },
    },
    problems: { type: 'array', items: str },
    fields: { type: 'array', items: { type: 'object', required: ['field', 'label'], properties: { field: str, label: str } } },
  },
} as const;

export const ImportStats = {
  type: 'object',
  required: ['rows', 'items', 'headings', 'branchItems', 'classes', 'generatedIds', 'legacyRetention'],
  properties: Object.fromEntries(
    ['rows', 'items', 'headings', 'branchItems', 'classes', 'generatedIds', 'legacyRetention'].map((k) => [k, { type: 'integer' }]),
  ),
} as const;

export const ImportSuggestions = {
  type: 'object',
  description: '条款号 → 建议的判断条件（JSON Logic），未应用',
  additionalProperties: { type: 'object' },
} as const;

export const SchemeSuggestions = {
  type: 'object',
  required: ['suggestions', 'pending', 'draft'],
  properties: {
    suggestions: { $ref: '#/components/schemas/ImportSuggestions' },
    pending: { type: 'integer', minimum: 0, description: '草稿中尚无条件、且有建议的条款数' },
    draft: { type: ['integer', 'null'], description: '可应用建议的草稿版本号；没有草稿时为 null' },
  },
} as const;

export const ImportPreviewResult = {
  type: 'object',
  required: ['preview', 'warnings', 'suggestions', 'document', 'stats'],
  properties: {
    preview: { $ref: '#/components/schemas/ImportPreview' },
    warnings: { type: 'array', items: { $ref: '#/components/schemas/ImportIssue' } },
    suggestions: { $ref: '#/components/schemas/ImportSuggestions' },
    document: { $ref: '#/components/schemas/Scheme' },
    stats: { $ref: '#/components/schemas/ImportStats' },
  },
} as const;

export const ImportedScheme = {
  allOf: [
    { $ref: '#/components/schemas/SchemeWithVersions' },
    {
      type: 'object',
      required: ['warnings', 'suggestions'],
      properties: {
        warnings: { type: 'array', items: { $ref: '#/components/schemas/ImportIssue' } },
        suggestions: { $ref: '#/components/schemas/ImportSuggestions' },
      },
    },
  ],
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type ImportQuery = FromSchema<typeof importQuery>;
export type ExportQuery = FromSchema<typeof exportQuery>;
export type ImportIssue = Wire<FromSchema<typeof ImportIssue>>;
export type ImportPreview = Wire<FromSchema<typeof ImportPreview>>;
export type ImportStats = Record<'rows' | 'items' | 'headings' | 'branchItems' | 'classes' | 'generatedIds' | 'legacyRetention', number>;
/** A JSON-Logic condition suggested from a row's wording, per clause id; not applied. */
export type ImportSuggestions = Record<string, Record<string, unknown>>;
export interface ImportPreviewResult {
  preview: ImportPreview;
  warnings: ImportIssue[];
  suggestions: ImportSuggestions;
  document: Scheme;
  stats: ImportStats;
}
export interface SchemeSuggestions {
  suggestions: ImportSuggestions;
  pending: number;
  draft: number | null;
}
export type ImportedScheme = SchemeWithVersions & { warnings: ImportIssue[]; suggestions: ImportSuggestions };
/** A refused import (422): the table's issues, or needsMapping with the preview to map from. */
export type ImportProblem = Omit<Problem, 'errors' | 'preview' | 'warnings'> & {
  errors: ImportIssue[];
  preview?: ImportPreview;
  warnings?: ImportIssue[];
};
