// Starts the HTTP server: opens the database (migrating it), bootstraps the admin on a first start, serves.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../app.js';
import type { Config } from '../config.js';
import { isoNow } from '../services/clock.js';
import { openDatabase } from '../store/db.js';
import { jsonLogger, silentLogger } from '../log.js';
import { PdfQueue } from '../print/pdf-queue.js';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Versions re-checked per sweep, and how often: 20 every 5 s (a 300-row version hashes in about 1 ms). */
const SWEEP_VERSIONS = 20;
const SWEEP_MS = 5000;

export async function startServer(config: Config, console: NodeJS.WritableStream = process.stderr): Promise<RunningServer> {
  const log = config.log === 'silent' ? silentLogger : jsonLogger();
  const db = openDatabase(config.dbFile, { synchronous: config.synchronous });
  const app = createApp({
    db,
    rulesetsDir: config.rulesetsDir,
    webDir: config.webDir,
    log,
    scrypt: config.scrypt,
    auditKeyFile: config.auditKeyFile,
    sessionHours: config.sessionHours,
    trustedProxies: config.trustedProxies,
    compiledCacheBytes: config.compiledCacheMb * 1024 * 1024,
    pdf: new PdfQueue({ executablePath: config.chromiumPath, log }),
  });
  const s = app.services;

  const admin = await s.auth.bootstrapAdmin(config.adminPassword);
  if (admin?.generated) {
    // Printed once, to the console and never to the log stream.
    console.write(`\n首次启动：已创建管理员账号 admin，初始密码：${admin.password}\n请立即登录并妥善保管，此密码不会再次显示。\n\n`);
  } else if (admin) {
    log({ time: isoNow(s.clock), level: 'info', msg: 'admin user created from SANHEYI_ADMIN_PASSWORD' });
  }

  const housekeeping = () => {
    s.supersede.sweep();
    s.stores.sessions.purgeExpired(isoNow(s.clock));
  };
  housekeeping();
  const timer = setInterval(housekeeping, 3600_000);
  timer.unref();
  const stopPurge = s.decisionLog.schedulePurge();
  // Webhooks: announce versions whose effective date has come (each once), and send the outbox.
  const announce = () => s.webhooks.announceInForce();
  announce();
  const announcer = setInterval(announce, 60_000);
  announcer.unref();
  const sender = setInterval(() => void s.delivery.deliverDue(), config.webhookPollMs);
  sender.unref();
  void s.delivery.deliverDue();
  // Stored versions re-hashed against the audit log a few at a time, so a change made behind the service's back is
  // found while it runs, not only at the next start (docs/service.md “Data and integrity”).
  const sweep = setInterval(() => s.integrity.sweep(SWEEP_VERSIONS), SWEEP_MS);
  sweep.unref();
  // And soon after another connection wrote the file (PRAGMA data_version moved): every version past draft re-hashed.
  const stopWatch = s.contentWatch.start();
  // API keys' last use, noted in memory per request, written once a minute and when the server stops.
  const stopUsage = s.apiKeys.usage.start();

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const srv = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(srv));
    srv.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  log({
    time: isoNow(s.clock),
    level: 'info',
    msg: 'listening',
    host: config.host,
    port,
    db: config.dbFile,
    baselines: s.baselines.list().length,
    web: existsSync(join(config.webDir, 'index.html')),
  });

  let closing: Promise<void> | undefined;
  return {
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        clearInterval(timer);
        stopPurge();
        // A table being read ends now (answered 503) instead of holding the shutdown up to the import deadline.
        void s.imports.close();
        clearInterval(announcer);
        clearInterval(sender);
        s.delivery.stop();
        clearInterval(sweep);
        stopWatch();
        server.close(() => {
          // Each step on its own: one that fails (the log's writer stuck) does not keep the others from running.
          const step = (what: string, run: () => void) => {
            try {
              run();
            } catch (e) {
              log({ time: new Date().toISOString(), level: 'error', msg: `shutdown: ${what} failed`, error: (e as Error).message });
            }
          };
          step('api key usage', stopUsage);
          step('decision log', () => s.decisionLog.close());
          step('database', () => db.close());
          log({ time: new Date().toISOString(), level: 'info', msg: 'stopped' });
          resolve();
        });
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      })),
  };
}
