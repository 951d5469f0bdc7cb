// createApp({ db, clock }) wires middleware, one small Hono app per resource and the error handler; no logic here.
import { Hono } from 'hono';
import type { AppEnv } from './http/env.js';
import { authenticate, requestLog } from './http/middleware.js';
import { onError, problemResponse } from './http/problem.js';
import { RememberingRouter } from './http/router.js';
import { mountWeb } from './http/web.js';
import { apiKeys } from './routes/api-keys.js';
import { audit } from './routes/audit.js';
import { auth } from './routes/auth.js';
import { baselines } from './routes/baselines.js';
import { bundle } from './routes/bundle.js';
import { classify } from './routes/classify.js';
import { decisionLog } from './routes/decision-log.js';
import { reviewInbox } from './routes/review-inbox.js';
import { impact } from './routes/impact.js';
import { health } from './routes/health.js';
import { keys } from './routes/keys.js';
import { openapi } from './routes/openapi.js';
import { orgs } from './routes/orgs.js';
import { review } from './routes/review.js';
import { schemes } from './routes/schemes.js';
import { spreadsheets } from './routes/spreadsheets.js';
import { supervision } from './routes/supervision.js';
import { suggestions } from './routes/suggestions.js';
import { tryRoute } from './routes/try.js';
import { users } from './routes/users.js';
import { webhooks } from './routes/webhooks.js';
import { type Logger, jsonLogger } from './log.js';
import type { PdfQueue } from './print/pdf-queue.js';
import type { Clock } from './services/clock.js';
import { AppError } from './services/errors.js';
import { type Services, createServices } from './services/index.js';
import type { ScryptParams } from './services/secrets.js';
import type { ThrottlePolicy } from './services/throttle.js';
import type { Db } from './store/db.js';

export interface AppOptions {
  db: Db;
  clock?: Clock;
  /** Shipped baselines (rulesets/*.json); none when omitted. */
  rulesetsDir?: string;
  /** One JSON object per request; defaults to stdout (Config.log chooses). */
  log?: Logger;
  /** The web UI bundle (index.html + app.js); not served when omitted or absent. */
  webDir?: string;
  scrypt?: ScryptParams;
  sessionHours?: number;
  /** PDF export's queue (Config.chromiumPath); by default one over Debian's chromium. */
  pdf?: PdfQueue;
  /** Guessing limits (default DEFAULT_THROTTLE). */
  throttle?: Partial<ThrottlePolicy>;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (Config.trustedProxies). */
  trustedProxies?: string[];
  /** The audit chain's key file (Config.auditKeyFile); by default beside the database. */
  auditKeyFile?: string;
  /** Memory for compiled scheme versions in bytes (Config.compiledCacheMb; default 512 MB). */
  compiledCacheBytes?: number;
}

export type App = Hono<AppEnv> & { services: Services };

export function createApp(options: AppOptions): App {
  const log = options.log ?? jsonLogger();
  const s = createServices({ ...options, log });

  const api = new Hono<AppEnv>()
    .use('*', authenticate(s, new Set(options.trustedProxies ?? [])))
    .route('/', auth(s))
    .route('/', orgs(s))
    .route('/', users(s))
    .route('/', apiKeys(s))
    .route('/', baselines(s))
    .route('/', schemes(s))
    .route('/', spreadsheets(s))
    .route('/', suggestions(s))
    .route('/', review(s))
    .route('/', audit(s))
    .route('/', supervision(s))
    .route('/', classify(s, log))
    .route('/', decisionLog(s))
    .route('/', reviewInbox(s))
    .route('/', impact(s))
    .route('/', tryRoute(s))
    .route('/', bundle(s))
    .route('/', keys(s))
    .route('/', webhooks(s))
    .route('/', openapi());

  // Sub-apps' routes are added to this app's router: the only one that matches requests.
  const app = new Hono<AppEnv>({ router: new RememberingRouter() });
  // Sets X-Request-Id and nosniff before any handler runs (and onError/notFound add them to problems).
  app.use('*', requestLog(log));
  app.route('/', health(s));
  app.route('/api/v1', api);
  mountWeb(app, options.webDir);
  app.notFound((c) => problemResponse(new AppError('not_found', `没有这个地址：${c.req.method} ${c.req.path}`), c.get('requestId')));
  app.onError(onError(log));
  return Object.assign(app, { services: s });
}
