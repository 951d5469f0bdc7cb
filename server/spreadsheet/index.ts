// Spreadsheet import/export of 三合一 tables: the functions the service and the CLI call.
export { importTable, importSheets, BRANCH_REVIEW, IMPORTED_BRANCH_WHEN } from './import/index.js';
export type { ImportOptions, ImportResult, ImportIssue, ImportPreview, ImportStats, UnitKind } from './import/index.js';
export { exportXlsx, exportCsv, tableLines, infoLine, schemeHash, STATE_LABELS } from './export.js';
export type { ExportMeta, TableLine } from './export.js';
export { suggestCondition, scopeKeywords, scopeDocTypes } from './suggest.js';
export { parseRetention, retentionText } from './retention-text.js';
export { TABLE_FIELDS, FIELD_LABELS } from './headers.js';
export type { TableField } from './headers.js';
