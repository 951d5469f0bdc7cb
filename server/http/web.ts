// Serves the web UI bundle (dist/web: index.html + app.js) when it exists, under a strict Content-Security-Policy.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

/**
 * Same-origin scripts, styles and API calls only; no framing, no plugins. Lit's `static styles` use constructable
 * stylesheets, which style-src does not restrict; 'unsafe-inline' for styles covers browsers that fall back to <style>.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Set before the handler runs, so the response is built with them (not rebuilt to add them). */
const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  await next();
};

/** Mounts the UI on `app` if `dir` holds an index.html; returns whether it did. */
export function mountWeb(app: Hono<AppEnv>, dir: string | undefined): boolean {
  if (!dir || !existsSync(join(dir, 'index.html'))) return false;
  // serveStatic resolves `root` against the working directory; a relative path keeps that working from anywhere.
  const root = relative(process.cwd(), dir) || '.';
  const index = () => readFileSync(join(dir, 'index.html'), 'utf8');
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/healthz' || c.req.path === '/readyz') return next();
    return securityHeaders(c, next);
  });
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    return serveStatic<AppEnv>({ root })(c, next);
  });
  // Client-side routes: any other GET for a page (not a file, not the API) gets the app shell.
  app.get('*', async (c, next) => {
    const p = c.req.path;
    if (p.startsWith('/api/') || /\.[a-z0-9]+$/i.test(p) || !(c.req.header('accept') ?? '').includes('text/html')) return next();
    return c.html(index());
  });
  return true;
}
