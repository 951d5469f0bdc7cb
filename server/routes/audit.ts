// The audit log, filtered by unit, scheme and time within what the caller may see; chain verification (admins).
import { Hono } from 'hono';
import { datePart } from '../engine/dates.js';
import { query } from '../http/body.js';
import { AppError } from '../services/errors.js';
import type { AppEnv } from '../http/env.js';
import { checks, int } from '../http/schemas.js';
import type { Services } from '../services/index.js';

export const audit = (s: Services) =>
  new Hono<AppEnv>()
    .get('/audit', (c) => {
      const q = query(c, checks.auditQuery);
      // The pattern admits 2024-02-30 (which Date would roll over to March): the calendar decides.
      const bad = (['from', 'to'] as const).filter((k) => q[k] !== undefined && datePart(q[k]) === null);
      if (bad.length)
        throw new AppError(
          'invalid_request',
          '日期无效',
          bad.map((k) => ({ path: `/query/${k}`, message: '应为日历上存在的日期或日期时间' })),
        );
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
