// Test world for HTTP tests: a real SQLite file in a temp folder, the real app, two bureaus, units and users.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type App, createApp } from '../../server/app.js';
import type { PdfQueue } from '../../server/print/pdf-queue.js';
import type { Problem, SchemeWithVersions, Submitted, Version, VersionMeta } from '../../server/schemas/api/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import type { Logger } from '../../server/services/index.js';
import { type Db, openDatabase } from '../../server/store/db.js';

export const FIXTURE_RULESETS = fileURLToPath(new URL('./fixtures/rulesets/', import.meta.url));
export const BASELINE_ID = 'demo-enterprise';
export const PASSWORD = 'correct horse battery';
/** Cheap scrypt for tests (production default is 2^15). */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface Res<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface ReqOptions {
  token?: string | null;
  body?: unknown;
  /** Raw body text (sent as is). */
  raw?: string;
  headers?: Record<string, string>;
  /** The client's socket address as @hono/node-server would give it (c.env.incoming.socket.remoteAddress). */
  address?: string;
}

export type Who = 'admin' | 'admin2' | 'archA' | 'archA2' | 'archB' | 'revX' | 'revY' | 'revP' | 'archS';

export interface World {
  app: App;
  db: Db;
  dir: string;
  ids: { bureauX: number; bureauY: number; unitA: number; unitB: number; parentP: number; subS: number };
  tokens: Record<Who, string>;
  logs: Record<string, unknown>[];
  now: { value: Date };
  req<T = unknown>(method: string, path: string, opts?: ReqOptions): Promise<Res<T>>;
  as<T = unknown>(who: Who | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Res<T>>;
  close(): void;
}

/**
 * Organisations: bureau X supervises unit A and parent enterprise P; P supervises its subsidiary S
 * (10号令 Art. 15); bureau Y supervises unit B. Users: admin, admin2, archivists of A (two), B and S,
 * reviewers of X, Y and P.
 */
export async function world(options: { rulesetsDir?: string; webDir?: string; start?: string; pdf?: PdfQueue } = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'sanheyi-http-'));
  const db = openDatabase(join(dir, 'test.db'));
  const now = { value: new Date(options.start ?? '2026-03-02T02:00:00Z') };
  const logs: Record<string, unknown>[] = [];
  const log: Logger = (e) => logs.push(e);
  const app = createApp({
    db,
    clock: () => now.value,
    rulesetsDir: options.rulesetsDir ?? FIXTURE_RULESETS,
    webDir: options.webDir,
    log,
    scrypt: TEST_SCRYPT,
    sessionHours: 24 * 366,
    pdf: options.pdf,
  });
  const s = app.services;
  const bureauX = s.orgs.create(null, { type: 'bureau', name: '某市档案局' }).id;
  const bureauY = s.orgs.create(null, { type: 'bureau', name: '另一市档案局' }).id;
  const unitA = s.orgs.create(null, { type: 'unit', name: '甲有限公司', fonds: 'A001', kind: 'enterprise', supervisorId: bureauX }).id;
  const unitB = s.orgs.create(null, { type: 'unit', name: '乙有限公司', fonds: 'B001', kind: 'enterprise', supervisorId: bureauY }).id;
  const parentP = s.orgs.create(null, {
    type: 'unit',
    name: '丙集团有限公司',
    fonds: 'P001',
    kind: 'enterprise',
    supervisorId: bureauX,
  }).id;
  const subS = s.orgs.create(null, { type: 'unit', name: '丙集团子公司', fonds: 'S001', kind: 'enterprise', supervisorId: parentP }).id;
  const users: [Who, string, number | null][] = [
    ['admin', 'admin', null],
    ['admin2', 'admin', null],
    ['archA', 'archivist', unitA],
    ['archA2', 'archivist', unitA],
    ['archB', 'archivist', unitB],
    ['revX', 'reviewer', bureauX],
    ['revY', 'reviewer', bureauY],
    ['revP', 'reviewer', parentP],
    ['archS', 'archivist', subS],
  ];
  for (const [username, role, orgId] of users) {
    await s.auth.createUser(null, { username, password: PASSWORD, displayName: username, role: role as 'admin', orgId });
  }

  const req = async <T>(method: string, path: string, opts: ReqOptions = {}): Promise<Res<T>> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const env = opts.address ? { incoming: { socket: { remoteAddress: opts.address } } } : undefined;
    const res = await app.request(path, { method, headers, body }, env);
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  };

  const tokens = {} as Record<Who, string>;
  for (const [username] of users) {
    const r = await req<{ token: string }>('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    tokens[username] = r.body.token;
  }

  return {
    app,
    db,
    dir,
    logs,
    now,
    tokens,
    ids: { bureauX, bureauY, unitA, unitB, parentP, subS },
    req,
    as: (who, method, path, body, headers) => req(method, path, { token: who ? tokens[who] : null, body, headers }),
    close: () => {
      // The decision log's writer thread has its own connection: settle and stop it before the file goes. Its
      // connection closes as the thread ends, after this returns, so removing the folder may meet its -wal/-shm files
      // going away: retried.
      app.services.decisionLog.close();
      db.close();
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 });
    },
  };
}

/** Creates a scheme in `unit` copied from the fixture baseline; returns its id. */
export async function newScheme(w: World, who: Who = 'archA', unit = w.ids.unitA, name = '文书档案三合一表'): Promise<number> {
  const r = await w.as<SchemeWithVersions>(who, 'POST', `/api/v1/units/${unit}/schemes`, { name, baseline: BASELINE_ID });
  if (r.status !== 201) throw new Error(`create scheme: ${r.status} ${r.text}`);
  return r.body.id;
}

/** Submits a version; `T` is the body expected (a problem when the test expects a refusal). */
export async function submit<T = Submitted>(w: World, scheme: number, n = 1, who: Who = 'archA'): Promise<Res<T>> {
  return w.as<T>(who, 'POST', `/api/v1/schemes/${scheme}/versions/${n}/submit`);
}

/**
 * Decided on the world's first day (2026-03-02, the day of submission), in force from 2026-03-01: an approval
 * effective before its decision states why (issue 17.12).
 */
export const APPROVAL = {
  approvalNumber: '某档复〔2026〕12号',
  decidedOn: '2026-03-02',
  effectiveFrom: '2026-03-01',
  backdateReason: '按批复自2026年3月1日起执行',
};

export async function approve<T = VersionMeta>(
  w: World,
  scheme: number,
  n = 1,
  who: Who = 'revX',
  extra: Record<string, unknown> = {},
): Promise<Res<T>> {
  return w.as<T>(who, 'POST', `/api/v1/schemes/${scheme}/versions/${n}/approve`, { ...APPROVAL, ...extra });
}

/** A scheme of unit A with version 1 approved (effective 2026-03-01). */
export async function approvedScheme(w: World): Promise<number> {
  const id = await newScheme(w);
  const s = await submit(w, id);
  if (s.status !== 200) throw new Error(`submit: ${s.status} ${s.text}`);
  const a = await approve(w, id);
  if (a.status !== 200) throw new Error(`approve: ${a.status} ${a.text}`);
  return id;
}

/** Reads a version and returns its document and ETag. */
export async function draft(w: World, scheme: number, n: number, who: Who = 'archA'): Promise<{ doc: Scheme; etag: string }> {
  const r = await w.as<Version>(who, 'GET', `/api/v1/schemes/${scheme}/versions/${n}`);
  if (r.status !== 200) throw new Error(`get version: ${r.status} ${r.text}`);
  return { doc: r.body.document, etag: r.headers.get('etag')! };
}

export async function put<T = VersionMeta>(
  w: World,
  scheme: number,
  n: number,
  doc: unknown,
  etag: string | null,
  who: Who = 'archA',
): Promise<Res<T>> {
  return w.req<T>('PUT', `/api/v1/schemes/${scheme}/versions/${n}/document`, {
    token: w.tokens[who],
    body: doc,
    headers: etag ? { 'if-match': etag } : {},
  });
}

/** Asserts a problem document with `status`; the response is then typed as one. */
export function expectProblem<T>(r: Res<T>, status: number): asserts r is Res<T & Problem> {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  const type = r.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${type}`);
  const body = r.body as Record<string, unknown>;
  for (const k of ['type', 'title', 'status', 'detail', 'errors']) if (!(k in body)) throw new Error(`problem lacks ${k}: ${r.text}`);
}
