// NDJSON in and out: reads request lines as the response is consumed (back-pressure both ways) and writes one
// output line per non-empty input line. A bad line gives an error line; the stream goes on.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { AppError } from '../services/errors.js';
import type { Logger } from '../services/index.js';
import { problemBody, toAppError } from './problem.js';

export const NDJSON_TYPE = 'application/x-ndjson';
/** Limits: the whole stream, and one line. */
export const NDJSON_LIMIT = 256 * 1024 * 1024;
export const NDJSON_LINE_LIMIT = 1024 * 1024;
/** Output is handed over in pieces of about this many characters. */
const OUT_CHUNK = 64 * 1024;

/** Bytes of a request body, pulled one piece at a time. */
export interface ByteReader {
  /** The next piece, or null at the end. */
  read(): Promise<Uint8Array | null>;
  /** Stops reading (the server discards or closes what is left). */
  cancel(): Promise<void>;
}

/** The request body as a reader: the Node request itself when served by @hono/node-server, else the web stream. */
export function bodyReader(c: Context): ByteReader {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && typeof incoming.read === 'function') return incomingReader(incoming);
  const reader = c.req.raw.body?.getReader();
  return {
    read: async () => {
      if (!reader) return null;
      const r = await reader.read();
      return r.done ? null : r.value;
    },
    cancel: async () => {
      await reader?.cancel().catch(() => {});
    },
  };
}

/** Reads a Node request in paused mode: `read()` takes what is buffered, else waits for 'readable' or the end. */
function incomingReader(incoming: IncomingMessage): ByteReader {
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onError = (e: Error) => {
    failure = e;
    signal();
  };
  const onClose = () => {
    if (!incoming.readableEnded) failure ??= new Error('client closed the request before its end');
    signal();
  };
  const detach = () => {
    incoming.off('readable', signal);
    incoming.off('end', signal);
    incoming.off('error', onError);
    incoming.off('close', onClose);
  };
  incoming.on('readable', signal);
  incoming.on('end', signal);
  incoming.on('error', onError);
  incoming.on('close', onClose);
  return {
    async read() {
      for (;;) {
        const chunk = incoming.read() as Buffer | null;
        if (chunk !== null) return chunk;
        if (failure) {
          detach();
          throw failure;
        }
        if (incoming.readableEnded) {
          detach();
          return null;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    async cancel() {
      detach();
    },
  };
}

/** `{line, error}` for an AppError (or anything else, as 500, logged). */
export function errorLine(n: number, e: unknown, log?: Logger, requestId?: string): object {
  const err = toAppError(e);
  if (err.status >= 500)
    log?.({
      time: new Date().toISOString(),
      level: 'error',
      msg: 'ndjson line failed',
      requestId,
      line: n,
      error: (e as Error)?.stack ?? String(e),
    });
  return { line: n, error: problemBody(err) };
}

/**
 * The NDJSON response: `handle(line, n)` is called for each non-empty line (without its CR), in order; what it
 * returns is written as one line, and what it throws as `{line, error}`.
 */
export function ndjsonResponse(c: Context, handle: (line: string, n: number) => object, log?: Logger): Response {
  const requestId = c.get('requestId') as string | undefined;
  const stream = ndjsonStream(bodyReader(c), (line, n) => {
    try {
      return handle(line, n);
    } catch (e) {
      return errorLine(n, e, log, requestId);
    }
  });
  return c.body(stream, 200, { 'content-type': `${NDJSON_TYPE}; charset=utf-8`, 'cache-control': 'no-store' });
}

/** The line splitter and writer, with the limits: NDJSON_LIMIT in total, NDJSON_LINE_LIMIT per line. */
export function ndjsonStream(reader: ByteReader, handle: (line: string, n: number) => object): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let buf = '';
  let pos = 0;
  let lineNo = 0;
  let total = 0;
  let ended = false;
  let overflow = false;
  let closed = false;
  const tooLong = (n: number) => ({
    line: n,
    error: problemBody(new AppError('payload_too_large', `该行超过 ${NDJSON_LINE_LIMIT / 1024} KB 上限`)),
  });

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let out = '';
      const emit = (o: object) => {
        out += JSON.stringify(o) + '\n';
      };
      while (out.length < OUT_CHUNK) {
        const nl = buf.indexOf('\n', pos);
        if (nl >= 0) {
          const line = buf.slice(pos, nl);
          pos = nl + 1;
          lineNo++;
          if (overflow || line.length > NDJSON_LINE_LIMIT) {
            overflow = false;
            emit(tooLong(lineNo));
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
            emit(overflow ? tooLong(lineNo) : handle(rest, lineNo));
            overflow = false;
          }
          if (out) controller.enqueue(encoder.encode(out));
          controller.close();
          closed = true;
          return;
        }
        if (out) break; // hand over what is ready before waiting for more input
        const chunk = await reader.read();
        if (chunk === null) {
          ended = true;
          buf = buf.slice(pos) + decoder.decode();
          pos = 0;
          continue;
        }
        total += chunk.byteLength;
        if (total > NDJSON_LIMIT) {
          emit({
            line: lineNo + 1,
            error: problemBody(
              new AppError('payload_too_large', `NDJSON 请求体超过 ${NDJSON_LIMIT / 1024 / 1024} MB 上限，其后的内容未处理`),
            ),
          });
          await reader.cancel();
          controller.enqueue(encoder.encode(out));
          controller.close();
          closed = true;
          return;
        }
        buf = buf.slice(pos) + decoder.decode(chunk, { stream: true });
        pos = 0;
      }
      if (out && !closed) controller.enqueue(encoder.encode(out));
    },
    async cancel() {
      await reader.cancel();
    },
  });
}
