// End to end: the built server as `npm start` runs it (dist/server/main.js; `npm test` builds first) on a free port with
// a temp database — an archivist drafts and submits, a reviewer approves, a business system's key classifies with the
// new version; the audit chain verifies; the operator's `sanheyi backup` (the built bin) copies the live database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../server/engine/dates.js';
import { readAuditKey } from '../../server/store/audit-key.js';
import { verifyDatabaseFile } from '../../server/store/backup.js';
import { loadMigrations } from '../../server/store/db.js';
import type {
  ApiKeyCreated,
  AuditPage,
  Org,
  SchemeWithVersions,
  Session,
  Submitted,
  Version,
  VersionMeta,
} from '../../server/schemas/api/index.js';
import { ROOT, type Spawned, spawnService } from './spawn-service.js';

const ADMIN_PASSWORD = 'e2e-admin-password-42';
const BIN = join(ROOT, 'dist', 'server', 'cli', 'main.js');

const start = spawnService;

async function stop(s: Spawned): Promise<number | null> {
  s.proc.kill('SIGTERM');
  return s.exited;
}

function client(base: string) {
  return async <T = unknown>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body = opts.raw;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(base + path, { method, headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // The caller names the wire type it expects (server/schemas/api); the status checks say whether it came.
    return { status: res.status, body: json as T, text, headers: res.headers };
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sanheyi-e2e-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the started service', () => {
  let server: Spawned;
  const dbFile = () => join(dir, 'sanheyi.db');
  const secrets: string[] = [ADMIN_PASSWORD];

  beforeAll(async () => {
    server = await start(dbFile(), { SANHEYI_ADMIN_PASSWORD: ADMIN_PASSWORD });
  });
  afterAll(async () => {
    if (server.proc.exitCode === null) await stop(server);
  });

  it('walks draft → submit → approve → classify with an API key, and the audit chain verifies', async () => {
    const call = client(server.base);
    expect((await call('GET', '/healthz')).status).toBe(200);
    expect((await call('GET', '/readyz')).body).toEqual({ status: 'ok', schema: loadMigrations().length });

    // The admin from SANHEYI_ADMIN_PASSWORD sets up a bureau, a unit and two people.
    const admin = (await call<Session>('POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
    secrets.push(admin);
    const bureau = (await call<Org>('POST', '/api/v1/orgs', { token: admin, body: { type: 'bureau', name: '某市档案局' } })).body;
    const unit = (
      await call<Org>('POST', '/api/v1/orgs', {
        token: admin,
        body: { type: 'unit', name: '甲有限公司', fonds: 'A001', kind: 'enterprise', supervisorId: bureau.id },
      })
    ).body;
    for (const [username, role, orgId] of [
      ['li', 'archivist', unit.id],
      ['zhao', 'reviewer', bureau.id],
    ] as const) {
      const r = await call('POST', '/api/v1/users', {
        token: admin,
        body: { username, password: `${username}-password-1`, displayName: username, role, orgId },
      });
      expect(r.status).toBe(201);
    }
    const archivist = (await call<Session>('POST', '/api/v1/auth/login', { body: { username: 'li', password: 'li-password-1' } })).body
      .token;
    const reviewer = (await call<Session>('POST', '/api/v1/auth/login', { body: { username: 'zhao', password: 'zhao-password-1' } })).body
      .token;
    secrets.push(archivist, reviewer, 'li-password-1', 'zhao-password-1');

    // The archivist copies the baseline, lengthens one period (and its test), and submits.
    const scheme = (
      await call<SchemeWithVersions>('POST', `/api/v1/units/${unit.id}/schemes`, {
        token: archivist,
        body: { name: '文书档案三合一表', baseline: 'demo-enterprise' },
      })
    ).body;
    const v1 = await call<Version>('GET', `/api/v1/schemes/${scheme.id}/versions/1`, { token: archivist });
    const doc = v1.body.document;
    const notice = doc.items.find((it) => it.id === '3')!;
    notice.retention = 'D30';
    doc.tests!.push({
      name: '通知',
      record: { title: '关于放假的通知', date: '2026-05-01' },
      expect: { outcome: 'file', item: '3', retention: 'D30' },
    });
    const saved = await call('PUT', `/api/v1/schemes/${scheme.id}/versions/1/document`, {
      token: archivist,
      body: doc,
      headers: { 'if-match': v1.headers.get('etag')! },
    });
    expect(saved.status).toBe(200);
    const stale = await call('PUT', `/api/v1/schemes/${scheme.id}/versions/1/document`, {
      token: archivist,
      body: doc,
      headers: { 'if-match': v1.headers.get('etag')! },
    });
    expect(stale.status).toBe(412);
    const submitted = await call<Submitted>('POST', `/api/v1/schemes/${scheme.id}/versions/1/submit`, { token: archivist });
    expect(submitted.status).toBe(200);
    expect(submitted.body.compliance.requiresJustification).toBe(false);

    // The bureau's reviewer sees it in the queue, checks it and approves it.
    const queue = (await call('GET', '/api/v1/review/queue', { token: reviewer })).body;
    expect(queue).toMatchObject([{ schemeId: scheme.id, number: 1, submittedBy: 'li' }]);
    const diff = await call('GET', `/api/v1/schemes/${scheme.id}/diff?from=1&to=1`, { token: reviewer });
    expect(diff.status).toBe(200);
    const approved = await call<VersionMeta>('POST', `/api/v1/schemes/${scheme.id}/versions/1/approve`, {
      token: reviewer,
      // Decided today (not before the submission, not in the future), in force from 10 January: a stated backdating.
      body: {
        approvalNumber: '某档复〔2026〕3号',
        decidedOn: chinaDate(new Date()),
        effectiveFrom: '2026-01-10',
        backdateReason: '按年初会议决定自1月10日起执行',
      },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', decidedBy: 'zhao' });

    // The OA system classifies with its key: one record, then an NDJSON stream.
    const created = await call<ApiKeyCreated>('POST', `/api/v1/units/${unit.id}/api-keys`, { token: archivist, body: { name: 'OA 系统' } });
    const key = created.body.key;
    secrets.push(key);
    const one = await call('POST', `/api/v1/units/${unit.id}/classify`, {
      token: key,
      body: { title: '关于放假的通知', date: '2026-05-01' },
    });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      outcome: 'file',
      version: 1,
      retention: { code: 'D30' },
      item: { id: '3' },
      archivalCode: 'A001-WS·2026-D30-XZ',
      hash: approved.body.hash,
    });
    const stream = await call('POST', `/api/v1/units/${unit.id}/classify`, {
      token: key,
      headers: { 'content-type': 'application/x-ndjson' },
      raw: '{"title":"厂房建设合同","amount":5000000,"date":"2026-05-01"}\n{"title":\n{"title":"关于放假的通知","manuscript":"副本","date":"2026-05-01"}\n',
    });
    const lines = stream.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { outcome?: string; error?: { status: number } });
    expect(lines.map((l) => l.outcome ?? l.error?.status)).toEqual(['file', 400, 'exclude']);
    expect((await call('GET', `/api/v1/units/${unit.id}/schemes`, { token: key })).status).toBe(403);

    // The audit log holds every step and its chain verifies.
    const audit = (await call<AuditPage>('GET', `/api/v1/audit?scheme=${scheme.id}`, { token: reviewer })).body.entries
      .map((e) => e.action)
      .reverse();
    expect(audit).toEqual(['scheme.create', 'version.edit', 'version.submit', 'version.approve']);
    expect((await call('GET', '/api/v1/audit/verify', { token: admin })).body).toMatchObject({ ok: true });

    // An operator backs up the live database with the CLI.
    const backup = join(dir, 'backup.db');
    const cli = spawn(process.execPath, [BIN, 'backup', backup, '--db', dbFile()], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let cliOut = '';
    cli.stdout!.on('data', (c: Buffer) => (cliOut += c.toString()));
    cli.stderr!.on('data', (c: Buffer) => (cliOut += c.toString()));
    expect(await new Promise((resolve) => cli.once('exit', resolve)), cliOut).toBe(0);
    expect(verifyDatabaseFile(backup, { key: readAuditKey(`${dbFile()}.audit-key`) })).toMatchObject({ ok: true, integrity: 'ok' });
  });

  it('logs one JSON line per request, without secrets or record contents, and stops cleanly on SIGTERM', async () => {
    expect(await stop(server)).toBe(0);
    const requests = server.stdout.map((l) => JSON.parse(l)).filter((e) => e.msg === 'request');
    expect(requests.length).toBeGreaterThan(15);
    for (const r of requests)
      expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(['method', 'path', 'status', 'ms', 'requestId']));
    const all = server.stdout.join('\n') + server.stderr.join('');
    for (const s of secrets) expect(all).not.toContain(s);
    expect(all).not.toContain('厂房建设合同');
    expect(all).not.toContain('关于放假的通知');
    expect(server.stdout.at(-1)).toContain('"stopped"');
    const check = verifyDatabaseFile(dbFile(), { key: readAuditKey(`${dbFile()}.audit-key`) });
    expect(check.ok).toBe(true);
    // The key's last use, noted in memory per request, was written when the server stopped.
    const db = new Database(dbFile(), { readonly: true });
    try {
      expect(db.prepare("SELECT last_used_from FROM api_keys WHERE name = 'OA 系统'").get()).toEqual({ last_used_from: '127.0.0.1' });
    } finally {
      db.close();
    }
  });
});

describe('a first start without SANHEYI_ADMIN_PASSWORD', () => {
  it('generates the admin password and prints it once', async () => {
    const dbFile = join(dir, 'fresh.db');
    const first = await start(dbFile);
    const printed = /初始密码：(\S+)/.exec(first.stderr.join(''));
    expect(printed).not.toBe(null);
    const password = printed![1];
    expect(first.stdout.join('\n')).not.toContain(password);
    const call = client(first.base);
    expect((await call('POST', '/api/v1/auth/login', { body: { username: 'admin', password } })).status).toBe(200);
    expect((await call('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'admin' } })).status).toBe(401);
    expect(await stop(first)).toBe(0);

    const second = await start(dbFile);
    expect(second.stderr.join('')).not.toContain('初始密码');
    expect(await stop(second)).toBe(0);
  });
});
