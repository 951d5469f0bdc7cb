// The unit's decision log for its archivists: a page of logged classifications and the log's settings.
import { Hono } from 'hono';
import { idParam, query, readJson, valid } from '../http/body.js';
import { contentDisposition } from '../http/download.js';
import type { AppEnv } from '../http/env.js';
import { int } from '../http/schemas.js';
import { checker } from '../schemas/ajv.js';
import {
  type DecisionLogExportQuery,
  type DecisionLogQuery,
  type DecisionLogSettingsBody,
  decisionLogExportQuery,
  decisionLogQuery,
  decisionLogSettingsBody,
} from '../schemas/api/decision-log.js';
import { logFilter } from '../services/decision-log/filter.js';
import type { Services } from '../services/index.js';

const checks = {
  query: checker<DecisionLogQuery>(decisionLogQuery),
  export: checker<DecisionLogExportQuery>(decisionLogExportQuery),
  settings: checker<DecisionLogSettingsBody>(decisionLogSettingsBody),
};

export const decisionLog = (s: Services) =>
  new Hono<AppEnv>()
    .get('/units/:unit/decision-log', (c) => {
      const unitId = idParam(c, 'unit', '单位');
      const q = query(c, checks.query);
      return c.json(s.decisionLog.list(c.get('principal'), unitId, { ...logFilter(q), before: int(q.before), limit: int(q.limit) ?? 100 }));
    })
    .get('/units/:unit/decision-log/export', async (c) => {
      const unitId = idParam(c, 'unit', '单位');
      const q = query(c, checks.export);
      const file = await s.decisionLog.exportFile(c.get('principal'), unitId, logFilter(q), q.format);
      c.header('Content-Type', file.type);
      c.header('Content-Disposition', contentDisposition('attachment', file.name, `decision-log.${q.format}`));
      return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body));
    })
    .get('/units/:unit/decision-log/settings', (c) => c.json(s.decisionLog.settings(c.get('principal'), idParam(c, 'unit', '单位'))))
    .put('/units/:unit/decision-log/settings', async (c) => {
      const unitId = idParam(c, 'unit', '单位');
      const body = valid(checks.settings, await readJson(c), '', '请求体');
      return c.json(s.decisionLog.updateSettings(c.get('principal'), unitId, body));
    });
