// Classification for business systems: one record, a JSON batch ({records}), or an NDJSON stream (line in, line out:
// `{line, ...result}` or `{line, error}`, as `sanheyi classify` writes JSONL).
import { Hono } from 'hono';
import { NDJSON_LIMIT, NDJSON_LINE_LIMIT, idParam, mediaType, parseJson, query, readJson, valid } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { problemBody, toAppError } from '../http/problem.js';
import { checks, int } from '../http/schemas.js';
import type { ClassifyTarget } from '../services/classify-service.js';
import { AppError } from '../services/errors.js';
import type { Logger, Services } from '../services/index.js';
import type { FieldError } from '../schemas/ajv.js';

const MAX_BATCH_ERRORS = 100;

export const classify = (s: Services, log: Logger) =>
  new Hono<AppEnv>().post('/units/:unit/classify', async (c) => {
    const unitId = idParam(c, 'unit', '单位');
    const q = query(c, checks.classifyQuery);
    // Authorise and resolve the scheme before reading a byte of the body.
    const target = s.classify.target(c.get('principal'), unitId, { schemeId: int(q.scheme), version: int(q.version) });

    if (mediaType(c) === 'application/x-ndjson') {
      const stream = ndjson(c.req.raw, (line, n) => {
        try {
          return { line: n, ...s.classify.classify(target, parseJson(line)) };
        } catch (e) {
          const err = toAppError(e);
          if (err.status >= 500) log({ time: new Date().toISOString(), level: 'error', msg: 'classify line failed', requestId: c.get('requestId'), line: n, error: (e as Error)?.stack });
          return { line: n, error: problemBody(err) };
        }
      });
      return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
    }

    const value = await readJson(c);
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'records' in value) {
      const { records } = valid(checks.classifyBatch, value, '', '请求体');
      return c.json({ results: batch(s, target, records) });
    }
    return c.json(s.classify.classify(target, value));
  });

/** All or nothing: every record is checked; any problem fails the batch, naming each record's path. */
function batch(s: Services, target: ClassifyTarget, records: unknown[]) {
  const results = [];
  const errors: FieldError[] = [];
  let code: AppError['code'] | undefined;
  for (let i = 0; i < records.length; i++) {
    try {
      results.push(s.classify.classify(target, records[i], `/records/${i}`));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      if (code === undefined || e.code === 'invalid_record') code = e.code;
      if (errors.length < MAX_BATCH_ERRORS) errors.push(...(e.errors.length ? e.errors : [{ path: `/records/${i}`, message: e.detail }]));
    }
  }
  if (code) throw new AppError(code, `${records.length} 条记录中有记录无法分类，整批未处理`, errors.slice(0, MAX_BATCH_ERRORS));
  return results;
}

/**
 * Reads NDJSON from the request as the response is consumed (back-pressure both ways) and writes one output line
 * per non-empty input line. A bad line gives an error line; the stream goes on. Limits: NDJSON_LIMIT in total,
 * NDJSON_LINE_LIMIT per line.
 */
export function ndjson(req: Request, handle: (line: string, n: number) => object): ReadableStream<Uint8Array> {
  const reader = req.body?.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let buf = '';
  let pos = 0;
  let lineNo = 0;
  let total = 0;
  let ended = !reader;
  let overflow = false;
  let closed = false;
  const errorLine = (n: number, code: AppError['code'], detail: string) => ({ line: n, error: problemBody(new AppError(code, detail)) });

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let out = '';
      const emit = (o: object) => {
        out += JSON.stringify(o) + '\n';
      };
      while (out.length < 64 * 1024) {
        const nl = buf.indexOf('\n', pos);
        if (nl >= 0) {
          const line = buf.slice(pos, nl);
          pos = nl + 1;
          lineNo++;
          if (overflow || line.length > NDJSON_LINE_LIMIT) {
            overflow = false;
            emit(errorLine(lineNo, 'payload_too_large', `该行超过 ${NDJSON_LINE_LIMIT / 1024} KB 上限`));
          } else if (line.trim() !== '') emit(handle(line.endsWith('\r') ? line.slice(0, -1) : line, lineNo));
          continue;
        }
        if (buf.length - pos > NDJSON_LINE_LIMIT) {
          overflow = true; // drop this line's text up to its newline
          buf = '';
          pos = 0;
        }
        if (ended) {
          const rest = buf.slice(pos);
          buf = '';
          pos = 0;
          if (overflow || rest.trim() !== '') {
            lineNo++;
            emit(overflow ? errorLine(lineNo, 'payload_too_large', `该行超过 ${NDJSON_LINE_LIMIT / 1024} KB 上限`) : handle(rest, lineNo));
            overflow = false;
          }
          if (out) controller.enqueue(encoder.encode(out));
          controller.close();
          closed = true;
          return;
        }
        if (out) break; // hand over what is ready before waiting for more input
        const r = await reader!.read();
        if (r.done) {
          ended = true;
          buf = buf.slice(pos) + decoder.decode();
          pos = 0;
          continue;
        }
        total += r.value.byteLength;
        if (total > NDJSON_LIMIT) {
          emit(errorLine(lineNo + 1, 'payload_too_large', `NDJSON 请求体超过 ${NDJSON_LIMIT / 1024 / 1024} MB 上限，其后的内容未处理`));
          await reader!.cancel().catch(() => {});
          controller.enqueue(encoder.encode(out));
          controller.close();
          closed = true;
          return;
        }
        buf = buf.slice(pos) + decoder.decode(r.value, { stream: true });
        pos = 0;
      }
      if (out && !closed) controller.enqueue(encoder.encode(out));
    },
    async cancel() {
      await reader?.cancel().catch(() => {});
    },
  });
}
