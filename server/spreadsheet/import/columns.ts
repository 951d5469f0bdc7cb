// Which columns hold which fields: an explicit mapping, the first header-like row, and the preview shown meanwhile.
import { type GridSheet, type TableFormat, columnLetter } from '../grid.js';
import { type ColumnMap, FIELD_LABELS, TABLE_FIELDS, type TableField, parseFieldName, resolveColumn } from '../headers.js';
import { parseEventRetention, parseRetention, splitInlineRetention } from '../retention-text.js';
import { fileIssue } from './issues.js';
import type { ImportIssue, ImportPreview } from './types.js';

const PREVIEW_ROWS = 8;

export function nonEmpty(sheet: GridSheet): boolean {
  return sheet.rows.some((r) => r.some((c) => c.text.trim() !== ''));
}

/** With a mapping but no recognised header: the first row is a header when its period cell is not a period. */
export function headerLikeFirstRow(sheet: GridSheet, columns: ColumnMap[]): number | null {
  const col = columns.find((c) => c.field === 'retention')?.column;
  const first = sheet.rows.findIndex((r) => r.some((c) => c.text.trim() !== ''));
  if (col === undefined || first < 0) return null;
  const text = sheet.rows[first][col]?.text.trim() ?? '';
  if (!text || parseRetention(text) || parseEventRetention(text) || splitInlineRetention(text)?.every((p) => parseRetention(p.text)))
    return null;
  return first;
}

export function applyMapping(
  sheet: GridSheet,
  headerRow: number | null,
  mapping: Record<string, string>,
): { ok: true; columns: ColumnMap[] } | { ok: false; columns: ColumnMap[]; errors: ImportIssue[] } {
  const width = Math.max(0, ...sheet.rows.map((r) => r.length));
  const columns: ColumnMap[] = Array.from({ length: width }, (_, c) => ({
    column: c,
    letter: columnLetter(c),
    header: headerRow === null ? '' : (sheet.rows[headerRow]?.[c]?.text ?? '').trim(),
    field: null,
  }));
  const errors: ImportIssue[] = [];
  const used = new Map<TableField, string>();
  for (const [key, value] of Object.entries(mapping)) {
    const col = resolveColumn(key, sheet, headerRow);
    const field = parseFieldName(value);
    if (col === null || col >= Math.max(width, 1) + 50) {
      errors.push(fileIssue(`映射中的列“${key}”不存在`, sheet.name));
      continue;
    }
    if (field === undefined) {
      errors.push(
        fileIssue(`映射中的字段“${value}”未知（可用：${TABLE_FIELDS.map((f) => FIELD_LABELS[f]).join('、')}、忽略）`, sheet.name),
      );
      continue;
    }
    if (field && used.has(field)) {
      errors.push(fileIssue(`字段“${FIELD_LABELS[field]}”被映射了两次（${used.get(field)} 和 ${key}）`, sheet.name));
      continue;
    }
    while (columns.length <= col) columns.push({ column: columns.length, letter: columnLetter(columns.length), header: '', field: null });
    // A mapping replaces whatever the header detection had put on that field.
    if (field) for (const c of columns) if (c.field === field) c.field = null;
    columns[col].field = field;
    if (field) used.set(field, key);
  }
  return errors.length ? { ok: false, columns, errors } : { ok: true, columns };
}

export function preview(
  format: TableFormat,
  sheets: string[],
  sheet: GridSheet,
  headerRow: number | null,
  columns: ColumnMap[],
  problems: string[],
): ImportPreview {
  const start = headerRow === null ? 0 : headerRow + 1;
  const rows: ImportPreview['rows'] = [];
  for (let r = start; r < sheet.rows.length && rows.length < PREVIEW_ROWS; r++) {
    const cells = sheet.rows[r].map((c) => c.text.trim());
    if (cells.every((t) => t === '')) continue;
    rows.push({ row: r + 1, cells });
  }
  return {
    format,
    sheets,
    sheet: sheet.name,
    headerRow: headerRow === null ? null : headerRow + 1,
    columns: columns.map((c) => ({ ...c, label: c.field ? FIELD_LABELS[c.field] : null })),
    rows,
    problems,
    fields: TABLE_FIELDS.map((field) => ({ field, label: FIELD_LABELS[field] })),
  };
}
