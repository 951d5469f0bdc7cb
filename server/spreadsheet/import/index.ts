// Imports an .xlsx/.csv 三合一 table into a new draft scheme document: all rows or none, every problem located.
import { type GridSheet, GridError, type TableFormat, columnLetter, detectFormat, readGrid } from '../grid.js';
import { type ColumnMap, LEVEL_FIELDS, detectHeader, findRowWithHeaders, mapHeaderRow } from '../headers.js';
import { applyMapping, headerLikeFirstRow, nonEmpty, preview } from './columns.js';
import { fileIssue } from './issues.js';
import { TableReader } from './reader.js';
import type { ImportOptions, ImportResult } from './types.js';

export { branchLabel } from './rows.js';
export { normalizeItemId } from './clause-ids.js';
export { parseClassCell } from './classes.js';
export { BRANCH_REVIEW, IMPORTED_BRANCH_WHEN } from './types.js';
export type { ImportIssue, ImportOptions, ImportPreview, ImportResult, ImportStats, UnitKind } from './types.js';

/** Reads a table and returns a draft scheme document, or every problem found (then no document at all). */
export async function importTable(buffer: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  let format: TableFormat;
  let sheets: GridSheet[];
  try {
    format = detectFormat(buffer, options.filename);
    sheets = await readGrid(buffer, format);
  } catch (e) {
    if (e instanceof GridError) return { ok: false, errors: [fileIssue(e.message)], warnings: [] };
    throw e;
  }
  return importSheets(sheets, format, options);
}

/** Imports the sheets of a table already read; picks the sheet, the header row and the columns first. */
export function importSheets(sheets: GridSheet[], format: TableFormat, options: ImportOptions): ImportResult {
  const names = sheets.map((s) => s.name);
  if (!sheets.some(nonEmpty)) return { ok: false, errors: [fileIssue('文件中没有任何内容')], warnings: [] };

  // Which sheet holds the table
  let sheet: GridSheet | undefined;
  if (options.sheet !== undefined) {
    sheet = sheets.find((s) => s.name === options.sheet);
    if (!sheet) return { ok: false, errors: [fileIssue(`没有名为“${options.sheet}”的工作表（有：${names.join('、')}）`)], warnings: [] };
  } else {
    sheet = sheets.find((s) => detectHeader(s).confident) ?? sheets.find(nonEmpty)!;
  }

  // Header row and column mapping
  const guess = detectHeader(sheet);
  let headerRow: number | null = guess.headerRow;
  let columns: ColumnMap[] = guess.columns;
  let confident = guess.confident;
  const problems = [...guess.problems];
  if (options.headerRow !== undefined) {
    headerRow = options.headerRow > 0 ? options.headerRow - 1 : null;
    columns = headerRow === null ? [] : mapHeaderRow(sheet, headerRow);
  }
  if (options.mapping && Object.keys(options.mapping).length) {
    const byText = Object.keys(options.mapping).filter((k) => !/^\d{1,3}$/.test(k.trim()) && !/^[A-Za-z]{1,3}$/.test(k.trim()));
    if (options.headerRow === undefined && byText.length) headerRow = findRowWithHeaders(sheet, byText) ?? headerRow;
    const mapped = applyMapping(sheet, headerRow, options.mapping);
    if (!mapped.ok)
      return {
        ok: false,
        needsMapping: true,
        errors: mapped.errors,
        warnings: [],
        preview: preview(
          format,
          names,
          sheet,
          headerRow,
          mapped.columns,
          mapped.errors.map((e) => e.message),
        ),
      };
    columns = mapped.columns;
    if (headerRow === null && options.headerRow === undefined) headerRow = headerLikeFirstRow(sheet, columns);
    problems.length = 0;
    if (!columns.some((c) => c.field === 'scope')) problems.push('映射中没有“归档范围”列');
    if (!columns.some((c) => c.field === 'retention')) problems.push('映射中没有“保管期限”列');
    if (
      columns.some((c) => c.field === 'classCode' || c.field === 'className') &&
      columns.some((c) => (LEVEL_FIELDS as readonly string[]).includes(c.field ?? ''))
    ) {
      problems.push('不能同时映射“类目号/类目名称”和“一级类目/二级类目”');
    }
    confident = problems.length === 0;
  }
  if (!columns.length) {
    const width = Math.max(0, ...sheet.rows.map((r) => r.length));
    columns = Array.from({ length: width }, (_, c) => ({ column: c, letter: columnLetter(c), header: '', field: null }));
  }
  const view = preview(format, names, sheet, headerRow, columns, problems);
  if (!confident) {
    return {
      ok: false,
      needsMapping: true,
      errors: problems.map((p) => fileIssue(`无法确定表格的列：${p}。请指定列与字段的对应关系（如 C=归档范围 D=保管期限）`, sheet!.name)),
      warnings: [],
      preview: view,
    };
  }
  return new TableReader(sheet, sheets, headerRow, columns, options, view).read();
}
