// Every error leaves as application/problem+json ({type, title, status, detail, errors[]}), from one onError.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, ERROR_TITLES, type ErrorCode } from '../services/errors.js';
import type { Logger } from '../services/index.js';
import { COMMON_HEADERS } from './middleware.js';

export const PROBLEM_BASE = 'https://sanheyi.dev/problems/';

export function problemBody(err: AppError, requestId?: string): Record<string, unknown> {
  return {
    type: PROBLEM_BASE + err.code.replace(/_/g, '-'),
    title: ERROR_TITLES[err.code],
    status: err.status,
    detail: err.detail,
    errors: err.errors,
    ...(requestId ? { requestId } : {}),
    ...err.extra,
  };
}

/**
 * A fresh response (not merged with headers a failed handler may have set), carrying what every response carries:
 * the request id and nosniff (requestLog sets them for the responses handlers build).
 */
export function problemResponse(err: AppError, requestId?: string): Response {
  const retryAfter = err.extra.retryAfter;
  return new Response(JSON.stringify(problemBody(err, requestId)), {
    status: err.status,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      ...COMMON_HEADERS,
      ...(requestId ? { 'X-Request-Id': requestId } : {}),
      ...(typeof retryAfter === 'number' ? { 'Retry-After': String(retryAfter) } : {}),
    },
  });
}

/** Maps anything thrown to an AppError; unknown errors become 500 (and are logged by the caller). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    const byStatus: Partial<Record<number, ErrorCode>> = {
      400: 'invalid_request',
      401: 'unauthenticated',
      403: 'forbidden',
      404: 'not_found',
      405: 'method_not_allowed',
      413: 'payload_too_large',
      415: 'unsupported_media_type',
    };
    const code = byStatus[err.status];
    if (code) return new AppError(code, err.message || ERROR_TITLES[code]);
  }
  // A database constraint or trigger refusing a write means the request raced another one or broke a rule.
  const sqlite = err as { code?: unknown; name?: unknown };
  if (sqlite?.name === 'SqliteError' && typeof sqlite.code === 'string' && sqlite.code.startsWith('SQLITE_CONSTRAINT')) {
    return new AppError('conflict', '数据已被并发修改或违反完整性约束，请刷新后重试');
  }
  if (sqlite?.name === 'SqliteError' && sqlite.code === 'SQLITE_BUSY') return new AppError('not_ready', '数据库繁忙，请稍后重试');
  return new AppError('internal', '服务器内部错误，请联系管理员并提供请求编号');
}

export function onError(log: Logger) {
  return (err: unknown, c: Context) => {
    const app = toAppError(err);
    const requestId = c.get('requestId') as string | undefined;
    if (app.status >= 500) {
      log({
        time: new Date().toISOString(),
        level: 'error',
        msg: 'unhandled error',
        requestId,
        error: (err as Error)?.stack ?? String(err),
      });
    }
    return problemResponse(app, requestId);
  };
}
