// Reads an .xlsx workbook or a .csv/.tsv file into plain text grids, keeping where merged cells point.
import ExcelJS from 'exceljs';
import { CsvRowLimit, detectDelimiter, readCsvRows } from './csv-table.js';
import { XlsxLimitError, checkXlsxLimits } from './xlsx-limits.js';

export interface GridCell {
  text: string;
  /** The cell held a number (a 条款号 like 1.10 may have lost its trailing zero). */
  numeric?: boolean;
  /** For a non-master cell of a merged range: the master's 0-based row and column. */
  master?: { row: number; col: number };
}

export interface GridSheet {
  name: string;
  /** rows[r][c], 0-based; ragged rows are allowed. */
  rows: GridCell[][];
}

export type TableFormat = 'xlsx' | 'csv';

export const MAX_ROWS = 20_000;
export const MAX_COLUMNS = 100;
/** What an .xlsx may hold before it is parsed (a real 5,000-row table inflates to a few MB and ~50,000 cells). */
export const XLSX_LIMITS = {
  maxUncompressedBytes: 48 * 1024 * 1024,
  maxEntries: 2000,
  maxRows: MAX_ROWS,
  maxCells: 600_000,
  maxMergedCells: 200_000,
};

export class GridError extends Error {}
/** The file is over a size limit (rows, cells, inflated size): the service answers 413, not 422. */
export class TableLimitError extends GridError {}

/** Decides the format from the file name, falling back on the bytes (an .xlsx is a zip: "PK\x03\x04"). */
export function detectFormat(buffer: Uint8Array, filename = ''): TableFormat {
  const lower = filename.toLowerCase();
  const zip = buffer.length > 3 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;
  const ole = buffer.length > 3 && buffer[0] === 0xd0 && buffer[1] === 0xcf && buffer[2] === 0x11 && buffer[3] === 0xe0;
  if (ole || lower.endsWith('.xls')) throw new GridError('不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入');
  if (zip || lower.endsWith('.xlsx')) return 'xlsx';
  return 'csv';
}

export async function readGrid(buffer: Uint8Array, format: TableFormat): Promise<GridSheet[]> {
  return format === 'xlsx' ? readXlsx(buffer) : [readCsv(buffer)];
}

// ---- xlsx

async function readXlsx(buffer: Uint8Array): Promise<GridSheet[]> {
  try {
    checkXlsxLimits(buffer, XLSX_LIMITS);
  } catch (e) {
    if (e instanceof XlsxLimitError) throw new TableLimitError(e.message);
    throw e;
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(buffer) as unknown as ArrayBuffer);
  } catch (e) {
    throw new GridError(`无法读取 .xlsx 文件：${(e as Error).message}`);
  }
  const sheets: GridSheet[] = [];
  workbook.eachSheet((ws) => {
    if (ws.state && ws.state !== 'visible') return;
    if (ws.rowCount > MAX_ROWS) throw new TableLimitError(`工作表“${ws.name}”行数过多（${ws.rowCount} 行，上限 ${MAX_ROWS}）`);
    const columns = Math.min(ws.columnCount, MAX_COLUMNS);
    const rows: GridCell[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: GridCell[] = [];
      for (let c = 1; c <= columns; c++) {
        const cell = row.getCell(c);
        const master = cell.master;
        if (cell.type === ExcelJS.ValueType.Merge && master && master !== cell) {
          cells.push({ text: '', master: { row: Number(master.row) - 1, col: Number(master.col) - 1 } });
          continue;
        }
        const out: GridCell = { text: valueText(cell.value) };
        if (typeof cell.value === 'number') out.numeric = true;
        cells.push(out);
      }
      rows.push(cells);
    }
    sheets.push({ name: ws.name, rows });
  });
  return sheets;
}

function valueText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return valueText((v as { result?: ExcelJS.CellValue }).result);
    if ('hyperlink' in v) return valueText((v as { text?: ExcelJS.CellValue }).text);
    if ('error' in v) return '';
  }
  return String(v);
}

// ---- csv

/** UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or GB18030 (Excel's default CSV on Chinese Windows). */
export function decodeText(buffer: Uint8Array): string {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

function readCsv(buffer: Uint8Array): GridSheet {
  const text = decodeText(buffer);
  try {
    const rows = readCsvRows(text, detectDelimiter(text), { maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS });
    return { name: 'CSV', rows: rows.map((r) => r.map((cell) => ({ text: cell }))) };
  } catch (e) {
    if (e instanceof CsvRowLimit) throw new TableLimitError(`CSV 行数过多（超过 ${MAX_ROWS} 行，含空行）`);
    throw e;
  }
}

// ---- addressing

export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letter: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letter)) return null;
  let n = 0;
  for (const ch of letter.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * The text a cell shows: its own, or for a vertically merged cell its master's (a range merged across columns shows
 * its text once, in the master's column, so other columns read empty).
 */
export function shownText(sheet: GridSheet, row: number, col: number): string {
  const cell = sheet.rows[row]?.[col];
  if (!cell) return '';
  if (cell.master) return cell.master.col === col ? (sheet.rows[cell.master.row]?.[col]?.text ?? '') : '';
  return cell.text;
}
