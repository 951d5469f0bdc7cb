// `sanheyi classify <方案.json> <记录.jsonl|.csv>`: streams records through a compiled scheme, one result per record.
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { type FieldError, checker } from '../schemas/ajv.js';
import type { FieldDef } from '../schemas/fields.js';
import { type ClassifiableRecord, recordSchema } from '../schemas/record.js';
import { type ClassifyResult, type CompiledScheme, type Outcome, compileValid, validateScheme } from '../engine/index.js';
import { classifyRecord } from '../engine/prepare-record.js';
import { recordErrors } from '../engine/validate.js';
import { UsageError, formatErrors, ioReason, jsonErrorOffset, readJsonFile } from './check.js';

/** At most this many bad lines are spelt out on stderr; the output still flags every one. */
const MAX_REPORTED = 100;
/** Results are written in batches of this many lines (fewer, larger writes). */
const BATCH = 256;

const USAGE = `用法: sanheyi classify <方案.json> <记录文件.jsonl|.csv> [--format jsonl|csv] [--out 输出文件]

按方案逐条分类记录文件（边读边写，百万行文件也只占用少量内存）。
  输入格式按扩展名判断：.jsonl / .ndjson 每行一个 JSON 记录；.csv 第一行为表头。
    CSV 表头用标准字段名（title、docType、origin…）或其中文名（题名、文种、来源…），自定义字段写作 extra.字段名；
    keywords（关键词）用“;”或“；”分隔，amount（金额）为数字，actionRequired（需本单位办理）填 true/false 或 是/否；
    文件可以是 UTF-8（可带 BOM）或 Excel 另存的 GBK 编码。CSV 的行号与 Excel 中的行号一致（表头为第 1 行）。
  --format jsonl|csv  输出格式；默认按 --out 的扩展名，否则与输入格式相同
  --out 文件          写入文件（默认输出到屏幕/标准输出）；CSV 文件带 BOM，可直接用 Excel 打开
  输出每条记录一行，顺序与输入相同：
    jsonl：完整分类结果加 "line"（输入行号）；无效行输出 {"line", "error", "errors"}
    csv：line, outcome, classCode, classPath, retention, retentionLabel, retentionStart, expiresOn,
         archivalCode, item, exclusion, reasons；无效行的 outcome 为 error，reasons 为错误说明
  outcome：file 归档，exclude 不归档，review 需人工判断，error 无效行。
  无效行（JSON 格式错误、字段不符合要求）在标准错误输出中以“第 N 行: 路径 说明”报告（前 ${MAX_REPORTED} 行逐条显示），不中断处理。

退出码: 0 全部记录已分类；1 有无效行；2 用法错误、文件无法读取或写入、方案无效。
`;

type Format = 'jsonl' | 'csv';

/**
 * One input record. `value` is absent when the line could not be read as a record at all; `errors` holds problems
 * found while reading it (bad JSON, a CSV cell of the wrong type), to which the record checks add their own.
 */
interface Input {
  line: number;
  value?: unknown;
  errors?: FieldError[];
}

const { $id: _recordId, ...recordShape } = recordSchema; // validate.ts registered the $id already (nested in tests)
const checkRecord = checker<ClassifiableRecord>(recordShape);

export async function run(args: string[]): Promise<number> {
  try {
    const opts = parseArgs(args);
    if (opts === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    return await classifyFile(opts);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n${e.showUsage ? '\n' + USAGE : ''}`);
    return 2;
  }
}

interface Options {
  scheme: string;
  input: string;
  inputFormat: Format;
  format: Format;
  out?: string;
}

function formatOf(path: string): Format | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.csv')) return 'csv';
  return null;
}

function parseArgs(args: string[]): Options | 'help' {
  const positional: string[] = [];
  let format: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`选项 ${name} 需要一个值`, true);
      return v;
    };
    if (name === '-h' || name === '--help') return 'help';
    else if (name === '--format') format = value();
    else if (name === '--out' || name === '-o') out = value();
    else if (name.startsWith('-') && name !== '-') throw new UsageError(`未知选项“${name}”`, true);
    else positional.push(arg);
  }
  if (positional.length < 2) throw new UsageError(positional.length ? '缺少记录文件' : '缺少方案文件和记录文件', true);
  if (positional.length > 2) throw new UsageError(`多余的参数“${positional[2]}”`, true);
  const [scheme, input] = positional;
  const inputFormat = formatOf(input);
  if (!inputFormat) throw new UsageError(`无法从扩展名判断记录文件“${input}”的格式：请使用 .jsonl（每行一个 JSON）或 .csv`);
  if (format !== undefined && format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format 只能是 jsonl 或 csv，而不是“${format}”`);
  if (out !== undefined && resolve(out) === resolve(input)) throw new UsageError('输出文件不能与输入文件相同');
  return { scheme, input, inputFormat, format: (format as Format | undefined) ?? (out ? formatOf(out) : null) ?? inputFormat, out };
}

async function loadCompiled(path: string): Promise<CompiledScheme> {
  const doc = await readJsonFile(path);
  const checked = validateScheme(doc);
  if (!checked.ok) {
    throw new UsageError(`方案“${path}”无效，共 ${checked.errors.length} 处问题（可用 sanheyi check 查看详情）：\n${formatErrors(checked.errors, '  ').trimEnd()}`);
  }
  return compileValid(checked.scheme);
}

async function openOrFail(path: string, flags: 'r' | 'w'): Promise<FileHandle> {
  try {
    return await open(path, flags);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = flags === 'w' && code === 'ENOENT' ? '所在文件夹不存在' : flags === 'w' && (code === 'EACCES' || code === 'EPERM') ? '没有写入权限' : ioReason(e);
    throw new UsageError(`无法${flags === 'r' ? '读取' : '写入'}文件“${path}”：${why}`);
  }
}

async function classifyFile(opts: Options): Promise<number> {
  const started = performance.now();
  const compiled = await loadCompiled(opts.scheme);
  const inputHandle = await openOrFail(opts.input, 'r');
  const stat = await inputHandle.stat();
  if (stat.isDirectory()) {
    await inputHandle.close();
    throw new UsageError(`无法读取文件“${opts.input}”：这是一个文件夹`);
  }
  const outHandle = opts.out ? await openOrFail(opts.out, 'w') : null;
  const inputStream = inputHandle.createReadStream({ highWaterMark: 256 * 1024 });
  const sink: Writable = outHandle ? outHandle.createWriteStream() : process.stdout;

  const progress = new Progress(stat.isFile() ? stat.size : 0, () => inputStream.bytesRead);
  const counts: Record<Outcome, number> = { file: 0, exclude: 0, review: 0 };
  let bad = 0;
  let total = 0;

  const source = opts.inputFormat === 'csv' ? csvInputs(inputStream, compiled.fields) : jsonlInputs(inputStream);
  const writer = opts.format === 'csv' ? csvWriter(!!outHandle) : jsonlWriter();
  const fieldSet = new Set(compiled.fields.keys());

  const reportBad = (line: number, errors: FieldError[]) => {
    bad++;
    if (bad <= MAX_REPORTED) progress.log(errors.map((e) => `第 ${line} 行: ${e.path} ${e.message}\n`).join(''));
    else if (bad === MAX_REPORTED + 1) progress.log(`（无效行超过 ${MAX_REPORTED} 行，其余不再逐条显示；输出中每个无效行都有标记）\n`);
  };

  async function* results(): AsyncGenerator<string> {
    let batch: string[] = [];
    const head = writer.header();
    if (head) batch.push(head);
    for await (const input of source) {
      total++;
      let errors = input.errors ?? [];
      let result: ClassifyResult | undefined;
      if ('value' in input) {
        const checked = checkRecord(input.value);
        const found = checked.ok ? recordErrors(checked.value, fieldSet, '', 'ignore') : withRecordErrors(checked.errors.map(friendlier), input.value, fieldSet);
        if (found.length) errors = merge(errors, found);
        if (checked.ok && !errors.length) {
          try {
            result = classifyRecord(compiled, checked.value, fieldSet);
          } catch (e) {
            errors = [{ path: '/', message: `分类时出错：${(e as Error).message}` }];
          }
        }
      }
      if (result) {
        counts[result.outcome]++;
        batch.push(writer.result(input.line, result));
      } else {
        reportBad(input.line, errors);
        batch.push(writer.bad(input.line, errors));
      }
      if (batch.length >= BATCH) {
        yield batch.join('');
        batch = [];
      }
      progress.tick(total);
    }
    if (batch.length) yield batch.join('');
  }

  try {
    await pipeline(Readable.from(results(), { objectMode: false }), sink, { end: !!outHandle });
  } catch (e) {
    progress.clear();
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return bad ? 1 : 0; // the reader stopped early (e.g. `| head`)
    if (e instanceof UsageError) throw e;
    throw new UsageError(`处理中断：${(e as Error).message}`);
  } finally {
    await inputHandle.close().catch(() => {});
    await outHandle?.close().catch(() => {});
  }

  progress.clear();
  const seconds = (performance.now() - started) / 1000;
  const n = (x: number) => x.toLocaleString('en-US');
  process.stderr.write(
    `完成：共 ${n(total)} 条记录，用时 ${seconds.toFixed(1)} 秒（${n(Math.round(total / Math.max(seconds, 1e-3)))} 条/秒）\n` +
      `  归档 ${n(counts.file)}，不归档 ${n(counts.exclude)}，需人工判断 ${n(counts.review)}，无效 ${n(bad)}\n` +
      (opts.out ? `结果已写入 ${opts.out}\n` : ''),
  );
  return bad ? 1 : 0;
}

/** Adds the checks beyond the schema (real dates) to schema errors, one message per path. */
function withRecordErrors(errors: FieldError[], value: unknown, fields: ReadonlySet<string>): FieldError[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return errors;
  return merge(errors, recordErrors(value, fields, '', 'ignore'));
}

/** `more` added to `errors`, except those about a path `errors` already mentions. */
function merge(errors: FieldError[], more: FieldError[]): FieldError[] {
  const seen = new Set(errors.map((e) => e.path));
  return [...errors, ...more.filter((e) => !seen.has(e.path))];
}

/** The record schema's pattern messages quote a regular expression; say what is expected instead. */
function friendlier(e: FieldError): FieldError {
  if (e.path === '/date' && e.message.startsWith('应当匹配模式')) return { path: e.path, message: '日期格式应为 YYYY-MM-DD（或 YYYY-MM-DDThh:mm:ss+08:00）' };
  if (e.message.startsWith('应当有必需属性')) return { path: e.path, message: '必须填写' };
  if (e.path.startsWith('/extra') && e.message.startsWith('应当匹配模式')) return { path: e.path, message: '自定义字段名只能由字母、数字和下划线组成，且以字母开头' };
  return e;
}

// ---------------------------------------------------------------------------------------------------------------
// Input

async function* jsonlInputs(stream: Readable): AsyncGenerator<Input> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (let text of lines) {
    line++;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch (e) {
      const at = jsonErrorOffset(text);
      const where = at >= text.trimEnd().length ? '，内容不完整' : at >= 0 ? `，第 ${at + 1} 个字符附近有语法错误` : '';
      yield { line, errors: [{ path: '/', message: `不是有效的 JSON${where}（${(e as Error).message.split('\n')[0]}）` }] };
    }
  }
}

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
  /** Path in the record: [`title`], [`extra`, key], [`contract`, `amount`]. */
  parts: string[];
}

/** Maps the header row to fields; unknown or repeated columns stop the run (a misspelt column would go unnoticed). */
function csvColumns(header: string[], fields: ReadonlyMap<string, FieldDef>): Column[] {
  const byName = new Map<string, FieldDef>();
  for (const def of fields.values()) {
    byName.set(def.name, def);
  }
  for (const def of fields.values()) if (!byName.has(def.label)) byName.set(def.label, def);
  const columns: Column[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = raw.trim();
    if (name === '') return;
    const def = byName.get(name);
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
    columns.push({ index, def, parts: def.name.split('.') });
  });
  if (unknown.length) {
    const known = [...fields.values()].map((f) => `${f.name}（${f.label}）`).join('、');
    throw new UsageError(`CSV 表头中有无法识别的列：${unknown.join('、')}\n可用的列：${known}`);
  }
  if (!seen.has('title')) throw new UsageError('CSV 表头缺少 title（题名）列');
  return columns;
}

const TRUE_WORDS = new Set(['true', '是', '1', 'y', 'yes']);
const FALSE_WORDS = new Set(['false', '否', '0', 'n', 'no']);
const SLASH_DATE = /^(\d{4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?$/;

/** One CSV cell as the field's type wants it (undefined for an empty cell). */
function cellValue(def: FieldDef, raw: string, errors: FieldError[], path: string): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  switch (def.type) {
    case 'number': {
      const plain = text.replace(/[,，\s]/g, '');
      const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(plain) ? Number(plain) : NaN;
      if (Number.isFinite(n)) return n;
      errors.push({ path, message: `不是有效的数字“${text}”` });
      return undefined;
    }
    case 'boolean': {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      errors.push({ path, message: `应填 true/false 或 是/否，而不是“${text}”` });
      return undefined;
    }
    case 'stringArray':
      return text.split(/[;；]/).map((s) => s.trim()).filter((s) => s !== '');
    case 'date': {
      const m = SLASH_DATE.exec(text); // Excel writes 2024/5/1
      return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
    }
    case 'enum': {
      const label = def.valueLabels && Object.entries(def.valueLabels).find(([, l]) => l === text);
      return label ? label[0] : text;
    }
    default:
      return text;
  }
}

async function* csvInputs(stream: Readable, fields: ReadonlyMap<string, FieldDef>): AsyncGenerator<Input> {
  /** Records skipped by the parser, by how many records it had produced before each. */
  const skipped: { records: number; message: string }[] = [];
  const parser = parseCsv({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      skipped.push({ records: typeof err?.records === 'number' ? err.records : 0, message: `CSV 格式错误：${(err && CSV_ERRORS[err.code]) ?? err?.message ?? '无法解析'}` });
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
      const v = cellValue(col.def, cell, errors, `/${col.parts.join('/')}`);
      if (v === undefined) continue;
      if (col.parts.length === 1) value[col.parts[0]] = v;
      else ((value[col.parts[0]] ??= {}) as Record<string, unknown>)[col.parts[1]] = v;
    }
    yield errors.length ? { line: row, value, errors } : { line: row, value };
  }
  yield* skips(Infinity);
  await piped;
  if (!columns) throw new UsageError('CSV 文件是空的：至少需要表头行');
}

// ---------------------------------------------------------------------------------------------------------------
// Output

interface Writer {
  header(): string;
  result(line: number, r: ClassifyResult): string;
  bad(line: number, errors: FieldError[]): string;
}

const errorText = (errors: FieldError[]) => errors.map((e) => `${e.path} ${e.message}`).join('；');

function jsonlWriter(): Writer {
  return {
    header: () => '',
    result: (line, r) => JSON.stringify({ line, ...r }) + '\n',
    bad: (line, errors) => JSON.stringify({ line, error: errorText(errors), errors }) + '\n',
  };
}

export const CSV_COLUMNS = [
  'line', 'outcome', 'classCode', 'classPath', 'retention', 'retentionLabel', 'retentionStart', 'expiresOn',
  'archivalCode', 'item', 'exclusion', 'reasons',
] as const;

function csvWriter(bom: boolean): Writer {
  const row = (cells: (string | number | null | undefined)[]) => stringifyCsv([cells.map((c) => c ?? '')]);
  return {
    header: () => (bom ? '\ufeff' : '') + row([...CSV_COLUMNS]),
    result: (line, r) =>
      row([
        line, r.outcome, r.classCode, r.classPath?.join(' > '), r.retention?.code, r.retention?.label, r.retentionStart, r.expiresOn,
        r.archivalCode, r.item?.id, r.exclusion?.id, r.reasons.join('；'),
      ]),
    bad: (line, errors) => row([line, 'error', '', '', '', '', '', '', '', '', '', errorText(errors)]),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Progress on stderr (only on a terminal)

class Progress {
  private readonly enabled = !!process.stderr.isTTY;
  private readonly start = performance.now();
  private last = 0;
  private shown = false;
  private done = 0;

  constructor(private readonly totalBytes: number, private readonly bytesRead: () => number) {}

  tick(done: number): void {
    this.done = done;
    if (!this.enabled || (done & 63) !== 0) return;
    const now = performance.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.draw(now);
  }

  private draw(now: number): void {
    const rate = Math.round(this.done / Math.max((now - this.start) / 1000, 1e-3));
    let bar = '';
    if (this.totalBytes > 0) {
      const share = Math.min(1, this.bytesRead() / this.totalBytes);
      const filled = Math.round(share * 24);
      bar = `[${'█'.repeat(filled)}${'░'.repeat(24 - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  `;
    }
    process.stderr.write(`\r\x1b[K${bar}已处理 ${this.done.toLocaleString('en-US')} 条  ${rate.toLocaleString('en-US')} 条/秒`);
    this.shown = true;
  }

  /** Writes a message above the bar. */
  log(text: string): void {
    this.clear();
    process.stderr.write(text);
  }

  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
