// A draft's impact before it is submitted and on the reviewer's page: logged records (GET) or a sample (POST), and
// every changed logged record as a file.
import { Hono } from 'hono';
import { idParam, query, readJson, valid } from '../http/body.js';
import { contentDisposition } from '../http/download.js';
import type { AppEnv } from '../http/env.js';
import { checker } from '../schemas/ajv.js';
import {
  type ImpactBody,
  type ImpactChangesQuery,
  type ImpactQuery,
  impactBody,
  impactChangesQuery,
  impactQuery,
} from '../schemas/api/impact.js';
import { logFilter } from '../services/decision-log/filter.js';
import type { Services } from '../services/index.js';

const checks = {
  query: checker<ImpactQuery>(impactQuery),
  changes: checker<ImpactChangesQuery>(impactChangesQuery),
  body: checker<ImpactBody>(impactBody),
};

export const impact = (s: Services) =>
  new Hono<AppEnv>()
    .get('/schemes/:scheme/versions/:n/impact', (c) => {
      const schemeId = idParam(c, 'scheme', '方案');
      const n = idParam(c, 'n', '方案版本');
      const window = logFilter(query(c, checks.query));
      return c.json(s.impact.ofLog(c.get('principal'), schemeId, n, window));
    })
    .get('/schemes/:scheme/versions/:n/impact/changes', async (c) => {
      const schemeId = idParam(c, 'scheme', '方案');
      const n = idParam(c, 'n', '方案版本');
      const q = query(c, checks.changes);
      const file = await s.impact.changesFile(c.get('principal'), schemeId, n, logFilter(q), q.format);
      c.header('Content-Type', file.type);
      c.header('Content-Disposition', contentDisposition('attachment', file.name, `impact-changes.${q.format}`));
      return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body));
    })
    .post('/schemes/:scheme/versions/:n/impact', async (c) => {
      const schemeId = idParam(c, 'scheme', '方案');
      const n = idParam(c, 'n', '方案版本');
      query(c, checks.query);
      const { records } = valid(checks.body, await readJson(c), '', '请求体');
      return c.json(s.impact.ofSample(c.get('principal'), schemeId, n, records));
    });
