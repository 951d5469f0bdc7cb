// A unit's webhooks: register (the secret is shown once), list, read, change (a rotated secret is shown once),
// delete, and each hook's delivery log.
import { Hono } from 'hono';
import { body, idParam, query } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import { checker } from '../schemas/ajv.js';
import { type CreateWebhookBody, type UpdateWebhookBody, createWebhookBody, updateWebhookBody } from '../schemas/api/index.js';
import type { Services } from '../services/index.js';

const checkCreate = checker<CreateWebhookBody>(createWebhookBody);
const checkUpdate = checker<UpdateWebhookBody>(updateWebhookBody);

export const webhooks = (s: Services) =>
  new Hono<AppEnv>()
    .get('/units/:unit/webhooks', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.webhooks.list(c.get('principal'), idParam(c, 'unit', '单位')));
    })
    .post('/units/:unit/webhooks', async (c) => {
      const unitId = idParam(c, 'unit', '单位');
      s.webhooks.list(c.get('principal'), unitId); // authorise before reading the body
      const created = s.webhooks.create(c.get('principal'), unitId, await body(c, checkCreate));
      c.header('Cache-Control', 'no-store');
      c.header('Location', `/api/v1/units/${unitId}/webhooks/${created.id}`);
      return c.json(created, 201);
    })
    .get('/units/:unit/webhooks/:id', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.webhooks.get(c.get('principal'), idParam(c, 'unit', '单位'), idParam(c, 'id', 'Webhook')));
    })
    .patch('/units/:unit/webhooks/:id', async (c) => {
      const unitId = idParam(c, 'unit', '单位');
      const id = idParam(c, 'id', 'Webhook');
      s.webhooks.get(c.get('principal'), unitId, id); // authorise (and find the hook) before reading the body
      const updated = s.webhooks.update(c.get('principal'), unitId, id, await body(c, checkUpdate));
      c.header('Cache-Control', 'no-store');
      return c.json(updated);
    })
    .delete('/units/:unit/webhooks/:id', (c) => {
      s.webhooks.remove(c.get('principal'), idParam(c, 'unit', '单位'), idParam(c, 'id', 'Webhook'));
      return c.body(null, 204);
    })
    .get('/units/:unit/webhooks/:id/deliveries', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.webhooks.deliveries(c.get('principal'), idParam(c, 'unit', '单位'), idParam(c, 'id', 'Webhook')));
    });
