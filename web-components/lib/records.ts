// Records pasted or uploaded for trying (CSV/TSV with a header row, JSON Lines or a JSON array) → classifiable records.
import type { FieldOption } from './condition-model.js';
import { cellToValue, normalizeDate, setRecordField } from '../../server/schemas/record-cells.js';
import { csvField } from '../../server/schemas/csv-cell.js';

export type RecordsFormat = 'csv' | 'tsv' | 'jsonl' | 'json';

export interface RecordProblem {
  /** 1-based line of the text (CSV: the record's first line). */
  line: number;
  message: string;
}

export interface ParsedRecords {
  format: RecordsFormat;
  records: Record<string, unknown>[];
  /** Lines of the text each record came from, parallel to `records`. */
  lines: number[];
  errors: RecordProblem[];
  /** Column headers that name no field (their values are ignored). */
  ignoredColumns: string[];
}

/** Parses pasted text; the format is recognised from its first character (`{`/`[` → JSON) or its header row. */
export function parseRecords(text: string, fields: readonly FieldOption[]): ParsedRecords {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.trimStart()[0];
  if (first === '[') return parseJsonArray(body, fields);
  if (first === '{') return parseJsonLines(body, fields);
  return parseDelimited(body, fields);
}

function parseJsonArray(text: string, fields: readonly FieldOption[]): ParsedRecords {
  const out: ParsedRecords = { format: 'json', records: [], lines: [], errors: [], ignoredColumns: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    out.errors.push({ line: 1, message: `JSON 格式错误：${(e as Error).message}` });
    return out;
  }
  if (!Array.isArray(value)) {
    out.errors.push({ line: 1, message: 'JSON 应为记录数组' });
    return out;
  }
  value.forEach((v, i) => acceptObject(out, v, i + 1, fields, `第 ${i + 1} 条`));
  return out;
}

function parseJsonLines(text: string, fields: readonly FieldOption[]): ParsedRecords {
  const out: ParsedRecords = { format: 'jsonl', records: [], lines: [], errors: [], ignoredColumns: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    try {
      acceptObject(out, JSON.parse(line), i + 1, fields, `第 ${i + 1} 行`);
    } catch (e) {
      out.errors.push({ line: i + 1, message: `第 ${i + 1} 行不是有效的 JSON：${(e as Error).message}` });
    }
  });
  return out;
}

function acceptObject(out: ParsedRecords, value: unknown, line: number, fields: readonly FieldOption[], where: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out.errors.push({ line, message: `${where}不是记录对象` });
    return;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.title !== 'string' || !record.title.trim()) {
    out.errors.push({ line, message: `${where}缺少题名（title）` });
    return;
  }
  // JSON may name declared extra fields flat ("extra.x": …) as CSV headers do; nest them as the API expects.
  const nested: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) {
    if (key.startsWith('extra.') && fields.some((f) => f.name === key)) {
      nested.extra = { ...(nested.extra as object | undefined), [key.slice(6)]: v };
    } else nested[key] = v;
  }
  out.records.push(nested);
  out.lines.push(line);
}

// ——— CSV / TSV ———

/** RFC 4180 rows: quoted cells may hold the delimiter, quotes ("") and line breaks. Returns cells and start lines. */
export function splitDelimited(text: string, delimiter: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let atCellStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ cells, line: rowLine });
      cells = [];
      cell = '';
      atCellStart = true;
      line++;
      rowLine = line;
    } else {
      cell += ch;
      atCellStart = false;
    }
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
  }
  return rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

/** Tab when the header row has tabs (a paste from a spreadsheet), else comma. */
function detectDelimiter(text: string): '\t' | ',' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return header.includes('\t') ? '\t' : ',';
}

/** The field a header names: its name (title, extra.x), its Chinese label (题名), or an extra field's bare name. */
export function fieldForHeader(header: string, fields: readonly FieldOption[]): FieldOption | undefined {
  const h = header
    .trim()
    .replace(/[（(].*[)）]$/, '')
    .trim();
  return fields.find((f) => f.name === h) ?? fields.find((f) => f.label === h) ?? fields.find((f) => f.name === `extra.${h}`);
}

function parseDelimited(text: string, fields: readonly FieldOption[]): ParsedRecords {
  const delimiter = detectDelimiter(text);
  const out: ParsedRecords = { format: delimiter === '\t' ? 'tsv' : 'csv', records: [], lines: [], errors: [], ignoredColumns: [] };
  const rows = splitDelimited(text, delimiter);
  if (rows.length === 0) return out;
  const [header, ...data] = rows;
  const columns = header.cells.map((h) => fieldForHeader(h, fields));
  header.cells.forEach((h, i) => {
    if (!columns[i] && h.trim()) out.ignoredColumns.push(h.trim());
  });
  if (!columns.some((c) => c?.name === 'title')) {
    out.errors.push({ line: header.line, message: '第一行应为列名，且必须有“题名”（title）列' });
    return out;
  }
  for (const row of data) {
    const record: Record<string, unknown> = {};
    const problems: string[] = [];
    row.cells.forEach((raw, i) => {
      const field = columns[i];
      const text = raw.trim();
      if (!field || text === '') return;
      const value = convert(text, field);
      if (value.error) problems.push(`${field.label}：${value.error}`);
      else setField(record, field.name, value.value);
    });
    if (typeof record.title !== 'string') problems.push('缺少题名');
    if (problems.length) out.errors.push({ line: row.line, message: `第 ${row.line} 行：${problems.join('；')}` });
    else {
      out.records.push(record);
      out.lines.push(row.line);
    }
  }
  return out;
}

/** Dotted names nest (extra.x, contract.amount), by the one rule the CLI uses too. */
const setField = setRecordField;

/**
 * Converts one cell to the field's type by the one rule the CLI uses (server/schemas/record-cells.ts); the page refuses
 * at once what the service would refuse later: a date it cannot read, a value the enumeration does not have.
 */
export function convert(text: string, field: FieldOption): { value?: unknown; error?: string } {
  const r = cellToValue(field, text);
  if (r.error || r.value === undefined) return r;
  if (field.type === 'date' && !normalizeDate(text.trim())) return { error: `“${text}”不是日期（如 2024-05-01）` };
  if (field.type === 'enum' && field.values && !field.values.includes(r.value as string)) {
    const allowed = field.values.map((v) => field.valueLabels?.[v] ?? v).join('、');
    return { error: `“${text}”不是可选值（${allowed}）` };
  }
  return r;
}

export { normalizeDate };

/** Splits a list into chunks (a batch is sent to the service 500 records at a time, with progress shown). */
export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A value as a CSV cell for the results download (lists joined with ；), formula-safe as every CSV we write. */
export function csvCell(value: unknown): string {
  return csvField(value === undefined || value === null ? '' : Array.isArray(value) ? value.join('；') : String(value));
}
