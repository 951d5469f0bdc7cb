// Configuration from the environment (PORT, SANHEYI_*), with the defaults of a single-machine install.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseAddress } from './http/client-address.js';
import { DEFAULT_SCRYPT, type ScryptParams } from './services/secrets.js';
import type { Synchronous } from './store/db.js';

export interface Config {
  port: number;
  /** Address to listen on: 127.0.0.1 unless HOST opens it (e.g. `0.0.0.0`, `::`). */
  host: string;
  /** Reverse proxies (SANHEYI_TRUSTED_PROXIES) whose X-Forwarded-For names the client for the guessing limits. */
  trustedProxies: string[];
  dbFile: string;
  rulesetsDir: string;
  webDir: string;
  /** Used only on a first start, to create the `admin` user. */
  adminPassword: string | undefined;
  log: 'json' | 'silent';
  scrypt: ScryptParams;
  sessionHours: number;
  /** The Chromium binary for PDF export (SANHEYI_CHROMIUM, default Debian's). */
  chromiumPath: string;
  /** How often the webhook outbox is checked for due deliveries (SANHEYI_WEBHOOK_POLL_MS). */
  webhookPollMs: number;
  /** The audit chain's key file (SANHEYI_AUDIT_KEY, default `<database>.audit-key`), created 0600 on first start. */
  auditKeyFile: string;
  /** SQLite's `synchronous` (SANHEYI_SYNCHRONOUS=normal|full, default normal): see store/db.ts. */
  synchronous: Synchronous;
  /** Memory for compiled scheme versions in MB (SANHEYI_COMPILED_CACHE_MB, default 512): see compiled-cache.ts. */
  compiledCacheMb: number;
}

/** The folder holding this package's package.json (works from server/ under tsx and from dist/server/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sanheyi') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('找不到 sanheyi 的 package.json');
    dir = up;
  }
}

/** Debian's chromium package, used for PDF export unless SANHEYI_CHROMIUM names another binary. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium binary: SANHEYI_CHROMIUM or Debian's. The one place the variable is read (server, CLI and tests). */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SANHEYI_CHROMIUM || DEFAULT_CHROMIUM;
}

export class ConfigError extends Error {}

/** Only this machine can connect unless HOST says otherwise (the first start prints the admin's password). */
export const DEFAULT_HOST = '127.0.0.1';

function proxies(raw: string | undefined): string[] {
  if (!raw?.trim()) return [];
  return raw.split(',').map((part) => {
    const a = normaliseAddress(part);
    if (!a) throw new ConfigError(`SANHEYI_TRUSTED_PROXIES 中的“${part.trim()}”不是 IP 地址`);
    return a;
  });
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`环境变量 ${name}=${raw} 无效，应为 ${min}–${max} 的整数`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = packageRoot();
  const scryptN = int(env, 'SANHEYI_SCRYPT_N', DEFAULT_SCRYPT.N, 2 ** 10, 2 ** 20);
  if ((scryptN & (scryptN - 1)) !== 0) throw new ConfigError(`SANHEYI_SCRYPT_N=${scryptN} 必须是 2 的幂`);
  const log = env.SANHEYI_LOG ?? 'json';
  if (log !== 'json' && log !== 'silent') throw new ConfigError(`SANHEYI_LOG=${log} 无效，应为 json 或 silent`);
  const dbFile = resolve(env.SANHEYI_DB || './data/sanheyi.db');
  const synchronous = (env.SANHEYI_SYNCHRONOUS || 'normal').toLowerCase();
  if (synchronous !== 'normal' && synchronous !== 'full') {
    throw new ConfigError(`SANHEYI_SYNCHRONOUS=${env.SANHEYI_SYNCHRONOUS} 无效，应为 normal 或 full`);
  }
  return {
    port: int(env, 'PORT', 8787, 0, 65535),
    host: env.HOST || DEFAULT_HOST,
    trustedProxies: proxies(env.SANHEYI_TRUSTED_PROXIES),
    dbFile,
    rulesetsDir: resolve(env.SANHEYI_RULESETS || join(root, 'rulesets')),
    webDir: resolve(env.SANHEYI_WEB || join(root, 'dist', 'web')),
    adminPassword: env.SANHEYI_ADMIN_PASSWORD || undefined,
    log,
    scrypt: { ...DEFAULT_SCRYPT, N: scryptN },
    sessionHours: int(env, 'SANHEYI_SESSION_HOURS', 12, 1, 24 * 30),
    chromiumPath: chromiumPath(env),
    webhookPollMs: int(env, 'SANHEYI_WEBHOOK_POLL_MS', 1000, 50, 3600_000),
    auditKeyFile: resolve(env.SANHEYI_AUDIT_KEY || `${dbFile}.audit-key`),
    synchronous: synchronous === 'full' ? 'FULL' : 'NORMAL',
    compiledCacheMb: int(env, 'SANHEYI_COMPILED_CACHE_MB', 512, 16, 1024 * 1024),
  };
}
