// Liveness, readiness, and serving the web UI bundle (when present) under a Content-Security-Policy.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../server/store/db.js';
import { type World, expectProblem, world } from './helpers.js';

describe('health', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(() => w.close());

  it('/healthz answers while the process is up; /readyz checks the database and migrations', async () => {
    expect((await w.req('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await w.req('GET', '/readyz')).body).toEqual({ status: 'ok', schema: loadMigrations().length });
    w.db.pragma('user_version = 0');
    expectProblem(await w.req('GET', '/readyz'), 503);
    w.db.pragma(`user_version = ${loadMigrations().length}`);
  });

  it('does not serve a UI that is not built', async () => {
    expectProblem(await w.req('GET', '/'), 404);
  });
});

describe('web UI', () => {
  let w: World;
  let webDir: string;
  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'sanheyi-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>三合一</title><script type="module" src="./app.js"></script>');
    writeFileSync(join(webDir, 'app.js'), 'console.log("app")');
    w = await world({ webDir });
  });
  afterAll(() => {
    w.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / with a strict CSP', async () => {
    const r = await w.req('GET', '/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<title>三合一</title>');
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the bundle and app routes, but never shadows the API', async () => {
    const js = await w.req('GET', '/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const page = await w.req('GET', '/schemes/12', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>三合一</title>');
    expectProblem(await w.req('GET', '/missing.js'), 404);
    expectProblem(await w.as('archA', 'GET', '/api/v1/nope', undefined, { accept: 'text/html' }), 404);
    expectProblem(await w.req('GET', '/api/v1/nope', { headers: { accept: 'text/html' } }), 401);
    expect((await w.req('GET', '/api/v1/openapi.json')).status).toBe(200);
    expectProblem(await w.req('GET', '/../package.json'), 404);
  });
});
