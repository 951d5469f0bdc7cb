// The service's public signing keys (current and retired), for anyone verifying a bundle or a registry copy.
import { Hono } from 'hono';
import { query } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import type { Services } from '../services/index.js';

export const keys = (s: Services) =>
  new Hono<AppEnv>().get('/keys', (c) => {
    query(c, checks.emptyQuery);
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ current: s.bundles.keys.currentId(), keys: s.bundles.keys.list() });
  });
