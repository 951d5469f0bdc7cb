// Users (admins only): list, create, edit, disable/enable, reset the password, confirm a pending admin, unlock.
import { Hono } from 'hono';
import { body, idParam, query } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import type { Services } from '../services/index.js';

export const users = (s: Services) =>
  new Hono<AppEnv>()
    .get('/users', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.users.list(c.get('principal')));
    })
    .post('/users', async (c) => {
      s.access.admin(c.get('principal'));
      const input = await body(c, checks.createUser);
      const user = await s.auth.createUser(c.get('principal'), { ...input, orgId: input.orgId ?? null });
      c.header('Location', `/api/v1/users/${user.id}`);
      return c.json(user, 201);
    })
    .patch('/users/:user', async (c) => {
      s.access.admin(c.get('principal'));
      const id = idParam(c, 'user', '用户');
      return c.json(s.users.update(c.get('principal'), id, await body(c, checks.updateUser)));
    })
    .post('/users/:user/disable', async (c) => {
      s.access.admin(c.get('principal'));
      await body(c, checks.empty, { optional: true });
      return c.json(s.users.setDisabled(c.get('principal'), idParam(c, 'user', '用户'), true));
    })
    .post('/users/:user/enable', async (c) => {
      s.access.admin(c.get('principal'));
      await body(c, checks.empty, { optional: true });
      return c.json(s.users.setDisabled(c.get('principal'), idParam(c, 'user', '用户'), false));
    })
    .post('/users/:user/reset-password', async (c) => {
      s.access.admin(c.get('principal'));
      await body(c, checks.empty, { optional: true });
      const reset = await s.users.resetPassword(c.get('principal'), idParam(c, 'user', '用户'));
      c.header('Cache-Control', 'no-store');
      return c.json(reset);
    })
    .post('/users/:user/confirm', async (c) => {
      s.access.admin(c.get('principal'));
      await body(c, checks.empty, { optional: true });
      const confirmed = await s.users.confirm(c.get('principal'), idParam(c, 'user', '用户'));
      c.header('Cache-Control', 'no-store');
      return c.json(confirmed);
    })
    .post('/users/:user/unlock', async (c) => {
      s.access.admin(c.get('principal'));
      await body(c, checks.empty, { optional: true });
      return c.json(s.users.unlock(c.get('principal'), idParam(c, 'user', '用户')));
    });
