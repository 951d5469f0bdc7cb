// Users (admins only): list, create, unlock.
import { Hono } from 'hono';
import { body, idParam, query } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import type { Services } from '../services/index.js';

export const users = (s: Services) =>
  new Hono<AppEnv>()
    .get('/users', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.auth.listUsers(c.get('principal')));
    })
    .post('/users', async (c) => {
      s.access.admin(c.get('principal'));
      const input = await body(c, checks.createUser);
      const user = await s.auth.createUser(c.get('principal'), { ...input, orgId: input.orgId ?? null });
      c.header('Location', `/api/v1/users/${user.id}`);
      return c.json(user, 201);
    })
    .post('/users/:user/unlock', async (c) => {
      s.access.admin(c.get('principal'));
      await body(c, checks.empty, { optional: true });
      return c.json(s.auth.unlock(c.get('principal'), idParam(c, 'user', '用户')));
    });
