// JSON Lines input of `sanheyi classify`: one record per line, a bad line named by its number and where it breaks.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { FieldError } from '../../schemas/ajv.js';
import { jsonErrorOffset } from '../files.js';

/**
 * One input record. `value` is absent when the line could not be read as a record at all; `errors` holds problems
 * found while reading it (bad JSON, a CSV cell of the wrong type), to which the record checks add their own.
 */
export interface Input {
  line: number;
  value?: unknown;
  errors?: FieldError[];
}

export async function* jsonlInputs(stream: Readable): AsyncGenerator<Input> {
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
