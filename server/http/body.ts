// Reading and validating request bodies and query strings at the edge: content type, size, JSON, depth, ajv.
import type { Context } from 'hono';
import type { FieldError } from '../schemas/ajv.js';
import { AppError } from '../services/errors.js';

export const JSON_LIMIT = 5 * 1024 * 1024;
/** Deeper than any valid scheme (classes 4 levels, conditions 24), shallow enough for every recursive walker. */
export const MAX_JSON_DEPTH = 96;

export type Check<T> = (value: unknown, base?: string) => { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function mediaType(c: Context): string {
  const raw = c.req.header('content-type');
  if (raw === undefined) return '';
  const end = raw.indexOf(';');
  return (end === -1 ? raw : raw.slice(0, end)).trim().toLowerCase();
}

export function isJsonType(type: string): boolean {
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * Reads the raw body, refusing more than `limit` bytes (by Content-Length, then while reading). A body with a
 * Content-Length within the limit is read in one piece (`arrayBuffer()`: @hono/node-server then reads the Node request
 * directly instead of building a web Request and stream for it); a chunked body is read as a stream, counting.
 */
const tooLargeError = (limit: number, what: string) => {
  const message = `${what}超过 ${Math.round(limit / 1024 / 1024)} MB 上限`;
  return new AppError('payload_too_large', message, [{ path: '/', message }]);
};

export async function readBytes(req: Request, limit: number, what = '请求体'): Promise<Buffer> {
  const tooLarge = () => tooLargeError(limit, what);
  const length = req.headers.get('content-length');
  const declared = length === null ? NaN : Number(length);
  if (Number.isFinite(declared)) {
    if (declared > limit) throw tooLarge();
    if (declared === 0) return Buffer.alloc(0);
    // The HTTP parser never delivers more than Content-Length; a hand-built Request might, hence the check after.
    const bytes = Buffer.from(await req.arrayBuffer());
    if (bytes.byteLength > limit) throw tooLarge();
    return bytes;
  }
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads the raw body as UTF-8 text, with the same limit (by Content-Length in one piece, as readBytes). */
export async function readText(req: Request, limit: number): Promise<string> {
  const length = req.headers.get('content-length');
  const declared = length === null ? NaN : Number(length);
  if (Number.isFinite(declared) && declared > 0 && declared <= limit) {
    const text = await req.text();
    // A hand-built Request may send more than it declares (UTF-8 takes at most 3 bytes per UTF-16 unit).
    if (text.length > limit / 3 && Buffer.byteLength(text) > limit) throw tooLargeError(limit, '请求体');
    return text;
  }
  return (await readBytes(req, limit)).toString('utf8');
}

/** Parses JSON text; malformed or too deeply nested input is a 400 naming where it failed. */
export function parseJson(text: string, path = '/'): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new AppError('invalid_json', `JSON 解析失败：${(e as Error).message}`, [{ path, message: 'JSON 格式错误' }]);
  }
  const deep = tooDeep(value, MAX_JSON_DEPTH);
  if (deep) throw new AppError('invalid_request', `JSON 嵌套超过 ${MAX_JSON_DEPTH} 层`, [{ path: deep, message: '嵌套过深' }]);
  return value;
}

/**
 * The pointer of the first value nested deeper than `max`, or null. Iterative, so it cannot overflow the stack; the
 * pointer is only built for a value that is too deep (walking a valid body builds no strings).
 */
export function tooDeep(value: unknown, max: number): string | null {
  if (value === null || typeof value !== 'object') return null;
  // Depth-first over containers only, with each container's depth in a parallel stack.
  const stack: object[] = [value];
  const depths: number[] = [0];
  while (stack.length) {
    const v = stack.pop()!;
    const depth = depths.pop()!;
    if (depth >= max) return pointerTo(value, v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (x !== null && typeof x === 'object') {
          stack.push(x);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const k in v) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== null && typeof x === 'object') {
          stack.push(x);
          depths.push(depth + 1);
        }
      }
    }
  }
  return null;
}

/** The JSON Pointer of `target` inside `root` (found by the same walk, keeping the path this time). */
function pointerTo(root: unknown, target: object): string {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (v === target) return path || '/';
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, `${path}/${i}`]));
    else for (const [k, x] of Object.entries(v)) stack.push([x, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
  }
  return '/';
}

/**
 * The JSON body: requires a JSON content type; `optional` accepts an empty body as `undefined`. `type`: the request's
 * `mediaType(c)`, when the caller has already read it.
 */
export async function readJson(c: Context, opts: { limit?: number; optional?: boolean; type?: string } = {}): Promise<unknown> {
  const type = opts.type ?? mediaType(c);
  const text = await readText(c.req.raw, opts.limit ?? JSON_LIMIT);
  if (text.trim() === '') {
    if (opts.optional) return undefined;
    throw new AppError('invalid_json', '请求体为空，需要 JSON', [{ path: '/', message: '缺少请求体' }]);
  }
  if (!isJsonType(type))
    throw new AppError('unsupported_media_type', `请求体的内容类型应为 application/json，收到“${type || '（无）'}”`, [
      { path: '/header/Content-Type', message: '应为 application/json' },
    ]);
  return parseJson(text);
}

/** Reads and validates a JSON body against a compiled ajv checker; an `optional` empty body is checked as `{}`. */
export async function body<T>(c: Context, check: Check<T>, opts: { optional?: boolean } = {}): Promise<T> {
  const value = await readJson(c, opts);
  return valid(check, value === undefined ? {} : value, '', '请求体');
}

export function valid<T>(check: Check<T>, value: unknown, base: string, what: string): T {
  const r = check(value, base);
  if (!r.ok)
    throw new AppError(
      'invalid_request',
      `${what}不符合要求：${r.errors
        .slice(0, 3)
        .map((e) => `${e.path} ${e.message}`)
        .join('；')}`,
      r.errors,
    );
  return r.value;
}

/** The query string as an object of single strings, validated (unknown or repeated parameters are errors). */
export function query<T>(c: Context, check: Check<T>): T {
  // No query string (as on most classify calls): nothing to split.
  if (!c.req.url.includes('?')) return valid(check, {}, '/query', '查询参数');
  const all = c.req.queries();
  const obj: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [k, values] of Object.entries(all)) {
    if (values.length > 1) errors.push({ path: `/query/${k}`, message: '参数重复' });
    obj[k] = values[0];
  }
  if (errors.length) throw new AppError('invalid_request', '查询参数重复', errors);
  return valid(check, obj, '/query', '查询参数');
}

/** A positive integer path parameter; anything else is a resource that does not exist. */
export function idParam(c: Context, name: string, what: string): number {
  const raw = c.req.param(name) ?? '';
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw new AppError('not_found', `${what}不存在`);
  return Number(raw);
}
