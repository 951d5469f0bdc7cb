// Classifies sample records against an unsaved document, for the web editor's tester (its cost bounded: try-limits.ts).
import { Hono } from 'hono';
import { body } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import { checkTryCost } from '../http/try-limits.js';
import type { Services } from '../services/index.js';

export const tryRoute = (s: Services) =>
  new Hono<AppEnv>().post('/try', async (c) => {
    s.access.user(c.get('principal'));
    const { document, records } = await body(c, checks.try);
    checkTryCost(document, records);
    return c.json(s.classify.tryDocument(c.get('principal'), document, records));
  });
