// The supervision view of reviewers and admins (rows, xlsx export) and the changes recorded on a unit.
import { Hono } from 'hono';
import { body, idParam, query } from '../http/body.js';
import { contentDisposition } from '../http/download.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import type { Services } from '../services/index.js';
import { filterWords } from '../services/supervision/filter-words.js';
import { supervisionXlsx } from '../services/supervision/xlsx.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const supervision = (s: Services) =>
  new Hono<AppEnv>()
    .get('/supervision/units', (c) => {
      const { offset, limit, ...filters } = query(c, checks.supervisionQuery);
      const page = s.supervision.page(c.get('principal'), {
        ...filters,
        offset: offset === undefined ? undefined : Number(offset),
        limit: limit === undefined ? undefined : Number(limit),
      });
      c.header('Cache-Control', 'private, no-store');
      return c.json(page);
    })
    .get('/supervision/units/export', async (c) => {
      const filters = query(c, checks.supervisionExportQuery);
      const { today, counts, rows } = s.supervision.all(c.get('principal'), filters);
      const data = await supervisionXlsx(rows, counts, today, filterWords(filters));
      c.header('Content-Type', XLSX_TYPE);
      c.header('Content-Disposition', contentDisposition('attachment', `三合一表监管情况-${today}.xlsx`, `supervision-${today}.xlsx`));
      c.header('Cache-Control', 'private, no-store');
      return c.body(new Uint8Array(data), 200);
    })
    .get('/orgs/:id/changes', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.unitChanges.list(c.get('principal'), idParam(c, 'id', '单位')));
    })
    .post('/orgs/:id/changes', async (c) => {
      const unitId = idParam(c, 'id', '单位');
      s.access.admin(c.get('principal')); // authorise before reading the body
      const input = await body(c, checks.unitChange);
      const change = s.unitChanges.record(c.get('principal'), unitId, input);
      c.header('Location', `/api/v1/orgs/${unitId}/changes/${change.id}`);
      return c.json(change, 201);
    });
