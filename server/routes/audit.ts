// The audit log, filtered by unit, scheme and time within what the caller may see; chain verification (admins).
import { Hono } from 'hono';
import { query } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checks, int } from '../http/schemas.js';
import type { Services } from '../services/index.js';

export const audit = (s: Services) =>
  new Hono<AppEnv>()
    .get('/audit', (c) => {
      const q = query(c, checks.auditQuery);
      return c.json(
        s.audit.list(c.get('principal'), {
          unit: int(q.unit),
          scheme: int(q.scheme),
          from: q.from,
          to: q.to,
          before: int(q.before),
          limit: int(q.limit),
        }),
      );
    })
    .get('/audit/verify', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.audit.verify(c.get('principal')));
    });
