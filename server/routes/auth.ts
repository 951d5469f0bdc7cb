// Signing in and out, and who am I.
import { Hono } from 'hono';
import { body, query } from '../http/body.js';
import { throttleKey } from '../http/client-address.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import type { Services } from '../services/index.js';

export const auth = (s: Services) =>
  new Hono<AppEnv>()
    .post('/auth/login', async (c) => {
      const { username, password } = await body(c, checks.login);
      const session = await s.auth.login(username, password, throttleKey(c.get('client')));
      c.header('Cache-Control', 'no-store');
      return c.json(session);
    })
    .post('/auth/logout', async (c) => {
      await body(c, checks.empty, { optional: true });
      s.access.user(c.get('principal'));
      s.auth.logout(c.get('token')!);
      return c.body(null, 204);
    })
    .post('/me/password', async (c) => {
      const { currentPassword, newPassword } = await body(c, checks.changePassword);
      await s.auth.changeOwnPassword(c.get('principal'), currentPassword, newPassword, throttleKey(c.get('client')));
      return c.body(null, 204);
    })
    .get('/me', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.orgs.me(c.get('principal')));
    });
