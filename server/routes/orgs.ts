// Organisations: bureaus and units.
import { Hono } from 'hono';
import { body, idParam, query } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import type { Services } from '../services/index.js';

export const orgs = (s: Services) =>
  new Hono<AppEnv>()
    .get('/orgs', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.orgs.list(c.get('principal')));
    })
    .post('/orgs', async (c) => {
      s.access.admin(c.get('principal'));
      const input = await body(c, checks.createOrg);
      const org = s.orgs.create(c.get('principal'), input);
      c.header('Location', `/api/v1/orgs/${org.id}`);
      return c.json(org, 201);
    })
    .patch('/orgs/:id', async (c) => {
      s.access.admin(c.get('principal'));
      const id = idParam(c, 'id', '组织');
      return c.json(s.orgs.update(c.get('principal'), id, await body(c, checks.updateOrg)));
    });
