// The shipped baselines (national tables as scheme documents) a unit can start from.
import { Hono } from 'hono';
import { query } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import { notFound } from '../services/errors.js';
import type { Services } from '../services/index.js';

export const baselines = (s: Services) =>
  new Hono<AppEnv>()
    .get('/baselines', (c) => {
      query(c, checks.emptyQuery);
      s.access.user(c.get('principal'));
      return c.json(s.baselines.list());
    })
    .get('/baselines/:id', (c) => {
      query(c, checks.emptyQuery);
      s.access.user(c.get('principal'));
      const b = s.baselines.get(c.req.param('id'));
      if (!b) throw notFound('基线');
      c.header('ETag', `"${b.hash}"`);
      return c.json(b.compiled.source);
    });
