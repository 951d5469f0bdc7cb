// GET /openapi.json: the API described for client generators and the web UI.
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { buildOpenApi } from '../http/openapi.js';

export const openapi = () => {
  const doc = JSON.stringify(buildOpenApi());
  return new Hono<AppEnv>().get('/openapi.json', (c) => {
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(doc);
  });
};
