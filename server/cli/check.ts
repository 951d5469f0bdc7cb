// `sanheyi check <方案.json>`: validates a scheme, runs its tests and prints the analysis (exit 0 / 1 / 2).
import { readFile } from 'node:fs/promises';
import type { FieldError } from '../schemas/ajv.js';
import type { SchemeClass } from '../schemas/scheme.js';
import { flattenClasses } from '../engine/classes.js';
import { type Analysis, type Finding, analyse, compileValid, validateScheme } from '../engine/index.js';

const USAGE = `用法: sanheyi check <方案.json> [--json]

校验三合一方案文件，运行方案自带的测试，并给出分析结果。
  --json   以 JSON 输出分析结果（便于其他程序读取）

退出码: 0 方案有效、测试全部通过且没有“错误”级问题；1 方案无效、测试未通过或有“错误”级问题；
        2 用法错误、文件无法读取或不是有效的 JSON。
`;

/** A problem that stops a command before it starts (exit code 2): bad usage, unreadable file, bad JSON. */
export class UsageError extends Error {
  constructor(message: string, readonly showUsage = false) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Reads and parses a JSON file; a syntax error names its line and column. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`无法读取文件“${path}”：${ioReason(e)}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // Notepad's UTF-8 BOM
  try {
    return JSON.parse(text);
  } catch (e) {
    const at = jsonErrorOffset(text);
    const detail = (e as Error).message.split('\n')[0];
    let where = '';
    if (at >= text.trimEnd().length) where = '文件意外结束（缺少右括号或引号？）';
    else if (at >= 0) {
      const pos = lineColumn(text, at);
      where = `第 ${pos.line} 行第 ${pos.column} 列附近有语法错误`;
    } else where = '语法错误';
    throw new UsageError(`文件“${path}”不是有效的 JSON：${where}（${detail}）`);
  }
}

export function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return '文件不存在';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限';
  if (code === 'EISDIR') return '这是一个文件夹';
  return (e as Error).message;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/**
 * Offset of the first JSON syntax error in `text` (text.length if it ends too early), or -1 if none is found.
 * Node's JSON.parse messages do not always carry a position, so the text is scanned again on error.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const space = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const string = () => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 0x20) throw i;
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw i;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw i;
      } else i++;
    }
    throw n;
  };
  /** The members of an object or the elements of an array, each read by `item`, up to `close`. */
  const sequence = (close: string, item: () => void): void => {
    i++; // the opening bracket
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (i >= n) throw n;
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      throw i;
    }
  };
  const member = (): void => {
    space();
    if (i >= n) throw n;
    if (text[i] !== '"') throw i;
    string();
    space();
    if (i >= n) throw n;
    if (text[i] !== ':') throw i;
    i++;
    value();
  };
  const value = (): void => {
    space();
    if (i >= n) throw n;
    const c = text[i];
    if (c === '{') return sequence('}', member);
    if (c === '[') return sequence(']', value);
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.exec(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    throw i;
  };
  try {
    value();
    space();
    return i < n ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? at : -1; // a RangeError from very deep nesting: no position
  }
}

/** `路径 消息` lines for validation errors. */
export function formatErrors(errors: readonly FieldError[], indent = ''): string {
  return errors.map((e) => `${indent}${e.path} ${e.message}\n`).join('');
}

const SEVERITY_WORDS: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };

interface CheckReport {
  file: string;
  valid: boolean;
  errors: FieldError[];
  ok: boolean;
  stats?: { rows: number; classes: number; exclusions: number; tests: number };
  tests?: { passed: number; failed: number; outcomes: { index: number; name: string; passed: boolean; failures: string[] }[] };
  findings?: Finding[];
  counts?: Analysis['counts'];
}

export async function run(args: string[]): Promise<number> {
  let file: string | undefined;
  let json = false;
  try {
    for (const arg of args) {
      if (arg === '--json') json = true;
      else if (arg === '-h' || arg === '--help') {
        process.stdout.write(USAGE);
        return 0;
      } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`未知选项“${arg}”`, true);
      else if (file === undefined) file = arg;
      else throw new UsageError(`多余的参数“${arg}”`, true);
    }
    if (file === undefined) throw new UsageError('缺少方案文件', true);
    const doc = await readJsonFile(file);
    const report = checkDocument(file, doc);
    process.stdout.write(json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, doc));
    return report.ok ? 0 : 1;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n${e.showUsage ? '\n' + USAGE : ''}`);
    return 2;
  }
}

function checkDocument(file: string, doc: unknown): CheckReport {
  const checked = validateScheme(doc);
  if (!checked.ok) return { file, valid: false, errors: checked.errors, ok: false };
  const compiled = compileValid(checked.scheme);
  const analysis = analyse(compiled);
  const { scheme } = compiled;
  return {
    file,
    valid: true,
    errors: [],
    ok: analysis.tests.failed === 0 && analysis.counts.error === 0,
    stats: {
      rows: compiled.stats.rows,
      classes: flattenClasses(scheme.classes as SchemeClass[]).length,
      exclusions: compiled.stats.exclusions,
      tests: scheme.tests?.length ?? 0,
    },
    tests: {
      passed: analysis.tests.passed,
      failed: analysis.tests.failed,
      outcomes: analysis.tests.outcomes.map(({ index, name, passed, failures }) => ({ index, name, passed, failures })),
    },
    findings: analysis.findings,
    counts: analysis.counts,
  };
}

function formatReport(report: CheckReport, doc: unknown): string {
  const out: string[] = [];
  const head = doc as { title?: unknown; unit?: unknown };
  const title = typeof head?.title === 'string' ? `${head.title}${typeof head.unit === 'string' ? `（${head.unit}）` : ''}` : report.file;
  out.push(`方案：${title}`);
  if (!report.valid) {
    out.push(`方案无效，共 ${report.errors.length} 处问题：`);
    out.push(formatErrors(report.errors, '  ').trimEnd());
    out.push('结论：未通过（请先修正以上问题）');
    return out.join('\n') + '\n';
  }
  out.push('校验：通过');
  const findings = report.findings!;
  for (const severity of ['error', 'warning', 'info'] as const) {
    const group = findings.filter((f) => f.severity === severity);
    if (!group.length) continue;
    out.push('', `${SEVERITY_WORDS[severity]}（${group.length}）`);
    for (const f of group) out.push(`  ${f.path}${f.item ? ` [条款 ${f.item}]` : ''}  ${f.message}`);
  }
  const { stats, tests, counts } = report;
  out.push('');
  out.push(
    `汇总：条款 ${stats!.rows} 条，类目 ${stats!.classes} 个，不归档条目 ${stats!.exclusions} 条；` +
      `测试 ${stats!.tests} 条（通过 ${tests!.passed}，未通过 ${tests!.failed}）；` +
      `发现 错误 ${counts!.error}、警告 ${counts!.warning}、提示 ${counts!.info}`,
  );
  const why: string[] = [];
  if (tests!.failed) why.push(`${tests!.failed} 条测试未通过`);
  if (counts!.error) why.push(`${counts!.error} 个错误`);
  out.push(report.ok ? '结论：通过' : `结论：未通过（${why.join('，')}）`);
  return out.join('\n') + '\n';
}
