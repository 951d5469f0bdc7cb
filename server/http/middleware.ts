// Cross-cutting middleware: request id + one JSON log line per request, and bearer-credential resolution.
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { isoAt } from '../services/clock.js';
import { AppError } from '../services/errors.js';
import type { Logger, Services } from '../services/index.js';
import { clientAddress, throttleKey } from './client-address.js';
import type { AppEnv } from './env.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Headers every response carries. Problem responses (onError, notFound) add them themselves: see problem.ts. */
export const COMMON_HEADERS = { 'X-Content-Type-Options': 'nosniff' } as const;

/**
 * A JSON response for the classify hot path, as `c.json(value)` answers (the same headers), but built from a string
 * and a plain header object: @hono/node-server writes such a Response straight to the socket, where the headers Hono
 * prepares are an undici `Headers` that is filled, copied and iterated per response. A Response a handler returns
 * replaces the headers requestLog prepared, so it carries the request id and nosniff itself.
 */
export function jsonResponse(c: Context<AppEnv>, value: unknown): Response {
  return new Response(JSON.stringify(value), {
    status: 200,
    headers: {
      'content-type': 'application/json',
      'x-content-type-options': COMMON_HEADERS['X-Content-Type-Options'],
      'x-request-id': c.get('requestId'),
    },
  });
}

/**
 * Logs method, path (never the query string or body), status, duration, request id and the caller's name.
 * Tokens, passwords and record contents never reach the log.
 *
 * The request id and nosniff are set before the handler runs, so Hono writes them into the response it builds;
 * set afterwards, Hono would have to rebuild the finished response (and its body stream) to add them.
 */
export function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('principal', null);
    c.set('token', null);
    c.set('client', 'unknown');
    c.header('X-Request-Id', requestId);
    c.header('X-Content-Type-Options', COMMON_HEADERS['X-Content-Type-Options']);
    try {
      await next();
    } finally {
      const p = c.get('principal');
      const entry: Record<string, unknown> = {
        time: isoAt(Date.now()),
        level: 'info',
        msg: 'request',
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
      if (p) entry.actor = p.kind === 'user' ? p.user.username : `key:${p.key.prefix}`;
      log(entry);
    }
  };
}

/** Paths under /api/v1 answered without credentials (a stale token in the header is ignored there). */
const PUBLIC = new Set(['/api/v1/auth/login', '/api/v1/openapi.json', '/api/v1/keys']);

/** What a session whose password must be changed may still do: see itself, change the password, sign out. */
const WHILE_PASSWORD_CHANGE = new Set(['GET /api/v1/me', 'POST /api/v1/me/password', 'POST /api/v1/auth/logout']);

/**
 * Resolves `Authorization: Bearer …` to a principal before any route looks anything up: without credentials (or
 * with ones that do not verify) every path but the public ones is a 401, so an anonymous caller learns nothing about
 * what exists. First takes in what other connections (another instance, the CLI) committed, so that what is cached
 * in memory — API keys, units and versions in force — is never older than the request.
 */
export function authenticate(services: Services, trustedProxies: ReadonlySet<string> = new Set()): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Over a socket once per turn of the event loop (a request sent after a commit is read in a later turn).
    if ((c.env as { incoming?: unknown } | undefined)?.incoming) services.changes.refreshInTurn();
    else services.changes.refresh();
    const address = clientAddress(c, trustedProxies);
    c.set('client', address);
    if (PUBLIC.has(c.req.path)) return next();
    const header = c.req.header('authorization');
    if (header === undefined)
      throw new AppError('unauthenticated', '请先登录或提供 API 密钥', [{ path: '/header/Authorization', message: '缺少凭据' }]);
    const m = /^Bearer\s+([A-Za-z0-9_-]{10,200})\s*$/i.exec(header);
    if (!m)
      throw new AppError('unauthenticated', 'Authorization 请求头格式应为“Bearer <令牌>”', [
        { path: '/header/Authorization', message: '格式错误' },
      ]);
    const principal = services.credentials.authenticate(m[1], throttleKey(address));
    // Noted in memory; written at most once a minute (KeyUsage).
    if (principal.kind === 'key') services.apiKeys.usage.touch(principal.key.id, address);
    c.set('principal', principal);
    c.set('token', m[1]);
    if (principal.kind === 'user' && principal.user.mustChangePassword && !WHILE_PASSWORD_CHANGE.has(`${c.req.method} ${c.req.path}`))
      throw new AppError('password_change_required', '请先修改初始密码再继续使用', [
        { path: '/header/Authorization', message: '此登录只能用于修改密码' },
      ]);
    await next();
  };
}
