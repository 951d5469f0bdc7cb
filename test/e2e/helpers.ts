// Browser test helpers: the built bundle, the real server on a free port with a temp database, Debian's chromium,
// API calls as a token, the bureau, units and people a test starts from, screenshots, waiting for text, and finding form controls without an accessible name.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium as launchPrintChromium } from '../../server/print/pdf.js';
import { CHROMIUM } from '../chromium.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHOTS = join(ROOT, 'test-results', 'screenshots');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Started {
  base: string;
  stop(): Promise<void>;
  /** What the server wrote to stderr so far (the generated admin password on a first start without one). */
  stderr(): string;
  /** The server's SQLite file. */
  dbFile: string;
}

/** Newest modification time of the files under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Builds the bundle when it is older than its sources, then starts server/main.ts on a free port with a temp database
 * and its own copy of the bundle: other browser tests rebuilding dist/web at the same time cannot pull it away.
 */
export async function startServer(
  adminPassword: string | undefined,
  options: {
    /** Writes the database before the server first opens it (history the API cannot write today, e.g. past decisions). */
    seed?: (dbFile: string) => Promise<void>;
  } = {},
): Promise<Started> {
  mkdirSync(SHOTS, { recursive: true });
  const app = join(ROOT, 'dist', 'web', 'app.js');
  const sources = Math.max(newest(join(ROOT, 'web-components')), newest(join(ROOT, 'server')));
  // Browser test files start at once: one build at a time (flock), the second finds it fresh or builds again.
  if (!existsSync(app) || statSync(app).mtimeMs < sources) {
    execFileSync(
      'flock',
      [
        join(tmpdir(), `sanheyi-build-web-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`),
        process.execPath,
        'scripts/build-web.mjs',
      ],
      { cwd: ROOT, stdio: 'pipe' },
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'sanheyi-e2e-'));
  cpSync(join(ROOT, 'dist', 'web'), join(dir, 'web'), { recursive: true });
  await options.seed?.(join(dir, 'sanheyi.db'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SANHEYI_DB: join(dir, 'sanheyi.db'),
      SANHEYI_ADMIN_PASSWORD: adminPassword ?? '',
      SANHEYI_LOG: 'silent',
      SANHEYI_SCRYPT_N: '1024',
      SANHEYI_WEB: join(dir, 'web'),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  proc.stderr!.on('data', (c: Buffer) => stderr.push(c.toString()));
  const stop = async () => {
    if (proc.exitCode === null) {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 150 || proc.exitCode !== null) {
      await stop();
      throw new Error(`server did not start: ${stderr.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, stop, stderr: () => stderr.join(''), dbFile: join(dir, 'sanheyi.db') };
}

/** The service's own launcher (server/print/pdf.ts) over the one Chromium the tests use (test/chromium.ts). */
export function launchChromium(): Promise<Browser> {
  return launchPrintChromium({ executablePath: CHROMIUM });
}

/** JSON call to the API at `base` as a given token. */
export async function call<T = unknown>(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T; type: string }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, type: res.headers.get('content-type') ?? '' };
}

export async function login(base: string, username: string, password: string): Promise<string> {
  const r = await call<{ token: string }>(base, 'POST', '/auth/login', undefined, { username, password });
  expect(r.status).toBe(200);
  return r.body.token;
}

/** Someone the test signs in as: an archivist of one of the seeded units (`at`: its index) or a reviewer of the bureau. */
export interface SeedPerson {
  username: string;
  password: string;
  /** Shown in the page; the username when omitted. */
  displayName?: string;
  role: 'archivist' | 'reviewer';
  at: 'bureau' | number;
}

export interface SeedPlan {
  /** The 档案局's name. */
  bureau: string;
  /** Enterprises the bureau supervises, in order. */
  units: { name: string; fonds: string }[];
  people?: SeedPerson[];
}

export interface Seeded {
  /** The admin's token. */
  admin: string;
  bureau: number;
  /** The units' ids, in the plan's order. */
  units: number[];
}

/**
 * What most browser tests start from, set up through the API as the admin would: a bureau, the units it supervises
 * and the people of the test. Every call must succeed; one that does not fails the test with the service's answer.
 */
export async function seedOrgs(base: string, adminPassword: string, plan: SeedPlan): Promise<Seeded> {
  const admin = await login(base, 'admin', adminPassword);
  const created = async (path: string, body: object): Promise<number> => {
    const r = await call<{ id: number }>(base, 'POST', path, admin, body);
    if (r.status !== 201) throw new Error(`POST ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body.id;
  };
  const bureau = await created('/orgs', { type: 'bureau', name: plan.bureau });
  const units: number[] = [];
  for (const u of plan.units) units.push(await created('/orgs', { type: 'unit', ...u, kind: 'enterprise', supervisorId: bureau }));
  for (const p of plan.people ?? []) {
    const orgId = p.at === 'bureau' ? bureau : units[p.at];
    await created('/users', { username: p.username, password: p.password, displayName: p.displayName ?? p.username, role: p.role, orgId });
  }
  return { admin, bureau, units };
}

/** A page that keeps the script errors it raised, so that a test can expect none. */
export type WatchedPage = Page & { problems: string[] };

/**
 * Signs `username` in through the login form in a fresh browser context (its own sessionStorage; Chinese locale,
 * a desktop window). The workbench asks in the page: a native dialog is dismissed and counted as a problem. The context
 * is added to `contexts` for closing.
 */
export async function signIn(
  browser: Browser,
  contexts: BrowserContext[],
  base: string,
  username: string,
  password: string,
  permissions: string[] = [],
): Promise<WatchedPage> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  if (permissions.length) await context.grantPermissions(permissions, { origin: base });
  contexts.push(context);
  const page = (await context.newPage()) as WatchedPage;
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  page.on('dialog', (d) => {
    page.problems.push(`native dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(base + '/');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出' }).waitFor();
  return page;
}

/** Closes the browser contexts, the browser and the server (whatever was started). */
export async function tearDown(contexts: BrowserContext[], browser: Browser | undefined, server: Started | undefined): Promise<void> {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
}

export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(250); // let transitions and debounced checks settle
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** Waits until `text` is visible; on failure keeps a screenshot of what was there instead. */
export async function see(page: Page, text: string | RegExp): Promise<void> {
  try {
    await page.getByText(text).first().waitFor({ timeout: 15_000 });
  } catch (e) {
    await page
      .screenshot({
        path: join(
          SHOTS,
          `failed-${String(text)
            .replace(/[^\p{L}\p{N}]+/gu, '_')
            .slice(0, 40)}.png`,
        ),
        fullPage: true,
      })
      .catch(() => undefined);
    throw e;
  }
}

/** Form controls, in every shadow root, that have no accessible name (label, aria-label or aria-labelledby). */
export async function unlabeled(page: Page, atLeast = 1): Promise<string[]> {
  const { seen, missing } = await page.evaluate(() => {
    const out: string[] = [];
    let count = 0;
    const walk = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (!el.matches('input, select, textarea') || (el as HTMLInputElement).type === 'hidden') continue;
        count++;
        const c = el as HTMLInputElement;
        if (!(c.getAttribute('aria-label') || c.getAttribute('aria-labelledby') || c.labels?.length)) out.push(c.outerHTML.slice(0, 160));
      }
    };
    walk(document);
    return { seen: count, missing: out };
  });
  expect(seen, 'form controls inspected').toBeGreaterThanOrEqual(atLeast);
  return missing;
}
