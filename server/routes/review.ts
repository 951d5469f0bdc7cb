// The reviewer's queue: submitted versions of the units the caller supervises.
import { Hono } from 'hono';
import { query } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import type { Services } from '../services/index.js';

export const review = (s: Services) =>
  new Hono<AppEnv>().get('/review/queue', (c) => {
    query(c, checks.emptyQuery);
    return c.json(s.review.queue(c.get('principal')));
  });
