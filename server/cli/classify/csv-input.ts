// CSV input of `sanheyi classify`: UTF-8 or GBK, a header of field names or labels, cells read by the shared rule
// (server/schemas/record-cells.ts), rows numbered as Excel numbers them.
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse';
import type { FieldError } from '../../schemas/ajv.js';
import type { FieldDef } from '../../schemas/fields.js';
import { cellToValue, fieldForHeader, setRecordField } from '../../schemas/record-cells.js';
import { UsageError } from '../args.js';
import type { Input } from './jsonl-input.js';

/** Decodes UTF-8, or GB18030 (GBK) when the start of the file is not valid UTF-8 (CSV saved by Excel on Chinese Windows). */
function decodeText(): Transform {
  let decoder: TextDecoder | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!decoder) {
        let utf8 = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
        } catch {
          utf8 = false;
        }
        decoder = new TextDecoder(utf8 ? 'utf-8' : 'gb18030');
      }
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      const rest = decoder?.decode() ?? '';
      done(null, rest || undefined);
    },
  });
}

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号没有闭合（从这一行起到文件末尾都无法读取）',
  CSV_INVALID_CLOSING_QUOTE: '引号使用不当',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: '列数与表头不一致',
};

interface Column {
  index: number;
  def: FieldDef;
}

/** Maps the header row to fields; unknown or repeated columns stop the run (a misspelt column would go unnoticed). */
function csvColumns(header: string[], fields: ReadonlyMap<string, FieldDef>): Column[] {
  const columns: Column[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = raw.trim();
    if (name === '') return;
    const def = fieldForHeader(name, fields.values());
    if (!def && name.startsWith('extra.')) {
      unknown.push(`${name}（方案没有声明这个自定义字段）`);
      return;
    }
    if (!def) {
      unknown.push(name);
      return;
    }
    if (seen.has(def.name)) throw new UsageError(`CSV 表头中“${name}”列重复（字段 ${def.name}）`);
    seen.add(def.name);
    columns.push({ index, def });
  });
  if (unknown.length) {
    const known = [...fields.values()].map((f) => `${f.name}（${f.label}）`).join('、');
    throw new UsageError(`CSV 表头中有无法识别的列：${unknown.join('、')}\n可用的列：${known}`);
  }
  if (!seen.has('title')) throw new UsageError('CSV 表头缺少 title（题名）列');
  return columns;
}

export async function* csvInputs(stream: Readable, fields: ReadonlyMap<string, FieldDef>): AsyncGenerator<Input> {
  /** Records skipped by the parser, by how many records it had produced before each. */
  const skipped: { records: number; message: string }[] = [];
  const parser = parseCsv({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      skipped.push({
        records: typeof err?.records === 'number' ? err.records : 0,
        message: `CSV 格式错误：${(err && CSV_ERRORS[err.code]) ?? err?.message ?? '无法解析'}`,
      });
      return undefined;
    },
  });
  const piped = pipeline(stream, decodeText(), parser).catch((e: unknown) => {
    parser.destroy(e as Error);
  });

  let row = 0; // Excel row: the header is row 1
  let columns: Column[] | null = null;
  let width = 0;
  const skips = function* (before: number): Generator<Input> {
    while (skipped.length && skipped[0].records < before) {
      const s = skipped.shift()!;
      row++;
      yield { line: row, errors: [{ path: '/', message: s.message }] };
    }
  };

  for await (const { info, record } of parser as AsyncIterable<{ info: { records: number }; record: string[] }>) {
    yield* skips(info.records);
    row++;
    if (!columns) {
      columns = csvColumns(record, fields);
      width = record.length;
      continue;
    }
    if (record.every((cell) => cell.trim() === '')) continue; // blank row
    const errors: FieldError[] = [];
    if (record.length > width && record.slice(width).some((cell) => cell.trim() !== '')) {
      errors.push({ path: '/', message: `该行有 ${record.length} 列，多于表头的 ${width} 列` });
    }
    const value: Record<string, unknown> = {};
    for (const col of columns) {
      const cell = record[col.index];
      if (cell === undefined) continue;
      const read = cellToValue(col.def, cell);
      if (read.error) errors.push({ path: `/${col.def.name.split('.').join('/')}`, message: read.error });
      else if (read.value !== undefined) setRecordField(value, col.def.name, read.value);
    }
    yield errors.length ? { line: row, value, errors } : { line: row, value };
  }
  yield* skips(Infinity);
  await piped;
  if (!columns) throw new UsageError('CSV 文件是空的：至少需要表头行');
}
