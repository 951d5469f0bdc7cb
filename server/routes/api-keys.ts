// API keys of a unit's business systems: list, create (the key is shown once), rotate (the new key shown once), revoke.
import { Hono } from 'hono';
import { body, idParam, query } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import type { Services } from '../services/index.js';

export const apiKeys = (s: Services) =>
  new Hono<AppEnv>()
    .get('/units/:unit/api-keys', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.apiKeys.list(c.get('principal'), idParam(c, 'unit', '单位')));
    })
    .post('/units/:unit/api-keys', async (c) => {
      const unitId = idParam(c, 'unit', '单位');
      s.apiKeys.managedUnit(c.get('principal'), unitId); // authorise before reading the body
      const input = await body(c, checks.createApiKey);
      const created = s.apiKeys.create(c.get('principal'), unitId, input);
      c.header('Cache-Control', 'no-store');
      c.header('Location', `/api/v1/units/${unitId}/api-keys/${created.id}`);
      return c.json(created, 201);
    })
    .post('/units/:unit/api-keys/:id/rotate', async (c) => {
      const unitId = idParam(c, 'unit', '单位');
      const keyId = idParam(c, 'id', 'API 密钥');
      s.apiKeys.managedUnit(c.get('principal'), unitId); // authorise before reading the body
      const options = await body(c, checks.rotateApiKey, { optional: true });
      const rotated = s.apiKeys.rotate(c.get('principal'), unitId, keyId, options);
      c.header('Cache-Control', 'no-store');
      c.header('Location', `/api/v1/units/${unitId}/api-keys/${rotated.id}`);
      return c.json(rotated, 201);
    })
    .delete('/units/:unit/api-keys/:id', (c) => {
      s.apiKeys.revoke(c.get('principal'), idParam(c, 'unit', '单位'), idParam(c, 'id', 'API 密钥'));
      return c.body(null, 204);
    });
