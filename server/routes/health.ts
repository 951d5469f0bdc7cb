// Liveness (/healthz: the process answers) and readiness (/readyz: database reachable, migrations current, the audit
// chain intact and no stored version that failed its check against the audit log).
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { AppError } from '../services/errors.js';
import type { Services } from '../services/index.js';

export const health = (s: Services) =>
  new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', (c) => {
      if (!s.ready()) throw s.integrity.notReady() ?? new AppError('not_ready', '数据库不可用或迁移未完成');
      return c.json({ status: 'ok', schema: s.schemaVersion() });
    });
