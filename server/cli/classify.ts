// `sanheyi classify <方案.json> <记录.jsonl|.csv>`: streams records through a compiled scheme, one result per record.
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FieldError } from '../schemas/ajv.js';
import { type ClassifyResult, type CompiledScheme, type Outcome, compileValid, validateScheme } from '../engine/index.js';
import { classifyRecord } from '../engine/prepare-record.js';
import { recordErrors } from '../engine/validate.js';
import { UsageError, oneOf, parseOptions, positionals, runCommand } from './args.js';
import { csvInputs } from './classify/csv-input.js';
import { jsonlInputs } from './classify/jsonl-input.js';
import { checkRecord } from '../schemas/record-check.js';
import { merge, withRecordErrors } from './classify/records.js';
import { csvWriter, jsonlWriter } from './classify/writers.js';
import { EXIT } from './exit-codes.js';
import { formatErrors, ioReason, readJsonFile } from './files.js';
import { Progress } from './progress.js';

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

export function run(args: string[]): Promise<number> {
  return runCommand(USAGE, () => classifyFile(parseCommandLine(args)));
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

function parseCommandLine(args: string[]): Options {
  const { values, positionals: found } = parseOptions(args, { format: { type: 'string' }, out: { type: 'string', short: 'o' } });
  if (found.length === 0) throw new UsageError('缺少方案文件和记录文件', true);
  const [scheme, input] = positionals(found, ['方案文件', '记录文件']) as [string, string];
  const inputFormat = formatOf(input);
  if (!inputFormat) throw new UsageError(`无法从扩展名判断记录文件“${input}”的格式：请使用 .jsonl（每行一个 JSON）或 .csv`);
  const format = oneOf(values.format, ['jsonl', 'csv'] as const, '--format');
  const out = values.out;
  if (out !== undefined && resolve(out) === resolve(input)) throw new UsageError('输出文件不能与输入文件相同');
  return { scheme, input, inputFormat, format: format ?? (out ? formatOf(out) : null) ?? inputFormat, out };
}

async function loadCompiled(path: string): Promise<CompiledScheme> {
  const doc = await readJsonFile(path);
  const checked = validateScheme(doc);
  if (!checked.ok) {
    throw new UsageError(
      `方案“${path}”无效，共 ${checked.errors.length} 处问题（可用 sanheyi check 查看详情）：\n${formatErrors(checked.errors, '  ').trimEnd()}`,
    );
  }
  return compileValid(checked.scheme);
}

async function openOrFail(path: string, flags: 'r' | 'w'): Promise<FileHandle> {
  try {
    return await open(path, flags);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      flags === 'w' && code === 'ENOENT'
        ? '所在文件夹不存在'
        : flags === 'w' && (code === 'EACCES' || code === 'EPERM')
          ? '没有写入权限'
          : ioReason(e);
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
        const found = checked.ok
          ? recordErrors(checked.value, fieldSet, '', 'ignore')
          : withRecordErrors(checked.errors, input.value, fieldSet);
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
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return bad ? EXIT.failed : EXIT.ok; // the reader stopped early (e.g. `| head`)
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
  return bad ? EXIT.failed : EXIT.ok;
}
