// Reading the files a command is given: JSON with the line and column of a syntax error, I/O reasons in words,
// validation errors as `路径 消息` lines.
import { readFile } from 'node:fs/promises';
import type { FieldError } from '../schemas/ajv.js';
import { UsageError } from './args.js';

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
