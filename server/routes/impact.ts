// A draft's impact before it is submitted and on the reviewer's page: logged records (GET) or a sample (POST).
import { Hono } from 'hono';
import { idParam, query, readJson, valid } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checker } from '../schemas/ajv.js';
import { type ImpactBody, type ImpactQuery, impactBody, impactQuery } from '../schemas/api/impact.js';
import { logFilter } from '../services/decision-log/filter.js';
import type { Services } from '../services/index.js';

const checks = { query: checker<ImpactQuery>(impactQuery), body: checker<ImpactBody>(impactBody) };

export const impact = (s: Services) =>
  new Hono<AppEnv>()
    .get('/schemes/:scheme/versions/:n/impact', (c) => {
      const schemeId = idParam(c, 'scheme', '方案');
      const n = idParam(c, 'n', '方案版本');
      const window = logFilter(query(c, checks.query));
      return c.json(s.impact.ofLog(c.get('principal'), schemeId, n, window));
    })
    .post('/schemes/:scheme/versions/:n/impact', async (c) => {
      const schemeId = idParam(c, 'scheme', '方案');
      const n = idParam(c, 'n', '方案版本');
      query(c, checks.query);
      const { records } = valid(checks.body, await readJson(c), '', '请求体');
      return c.json(s.impact.ofSample(c.get('principal'), schemeId, n, records));
    });
