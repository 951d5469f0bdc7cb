// The authorisation matrix: each role × own/other organisation × each action, as one table.
// 404 = the resource is in an organisation the caller may not see; 403 = visible, action forbidden; 401 = no caller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVAL, type World, draft, newScheme, submit, world } from './helpers.js';
import type { ApiKeyCreated } from '../../server/schemas/api/index.js';

let w: World;
const keys: Record<'keyA' | 'keyB', string> = { keyA: '', keyB: '' };

type Caller = 'admin' | 'archA' | 'archB' | 'revX' | 'revY' | 'revP' | 'keyA' | 'keyB' | 'anon';
const CALLERS: Caller[] = ['admin', 'archA', 'archB', 'revX', 'revY', 'revP', 'keyA', 'keyB', 'anon'];
// archA: archivist of unit A. archB: archivist of unit B (other unit). revX: reviewer of bureau X, which supervises A.
// revY: reviewer of bureau Y (supervises B only). revP: reviewer of parent enterprise P (supervises its subsidiary, not A).
// keyA / keyB: API keys of units A and B.

interface Request {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Builds what the action needs (fresh each time) and returns the request to make. */
type Setup = () => Promise<Request>;

const A = () => w.ids.unitA;

async function draftScheme(): Promise<number> {
  return newScheme(w, 'archA');
}
/** Submitted by a second archivist of A, so that admins are not the submitter (four eyes). */
async function submittedScheme(): Promise<number> {
  const id = await newScheme(w, 'archA2');
  const r = await submit(w, id, 1, 'archA2');
  if (r.status !== 200) throw new Error(r.text);
  return id;
}
async function approvedScheme(): Promise<number> {
  const id = await submittedScheme();
  const r = await w.as('revX', 'POST', `/api/v1/schemes/${id}/versions/1/approve`, APPROVAL);
  if (r.status !== 200) throw new Error(r.text);
  return id;
}
let classifyScheme = 0;

const ACTIONS: Record<string, Setup> = {
  listSchemes: async () => ({ method: 'GET', path: `/api/v1/units/${A()}/schemes` }),
  createScheme: async () => ({
    method: 'POST',
    path: `/api/v1/units/${A()}/schemes`,
    body: { name: '新方案', baseline: 'demo-enterprise' },
  }),
  getScheme: async () => ({ method: 'GET', path: `/api/v1/schemes/${await draftScheme()}` }),
  getVersion: async () => ({ method: 'GET', path: `/api/v1/schemes/${await draftScheme()}/versions/1` }),
  editDraft: async () => {
    const id = await draftScheme();
    const { doc, etag } = await draft(w, id, 1);
    return { method: 'PUT', path: `/api/v1/schemes/${id}/versions/1/document`, body: doc, headers: { 'if-match': etag } };
  },
  newVersion: async () => ({ method: 'POST', path: `/api/v1/schemes/${await approvedScheme()}/versions`, body: { from: 1 } }),
  submit: async () => ({ method: 'POST', path: `/api/v1/schemes/${await draftScheme()}/versions/1/submit` }),
  approve: async () => ({ method: 'POST', path: `/api/v1/schemes/${await submittedScheme()}/versions/1/approve`, body: APPROVAL }),
  reject: async () => ({
    method: 'POST',
    path: `/api/v1/schemes/${await submittedScheme()}/versions/1/reject`,
    body: { reason: '不完整' },
  }),
  analysis: async () => ({ method: 'GET', path: `/api/v1/schemes/${await draftScheme()}/versions/1/analysis` }),
  compliance: async () => ({ method: 'GET', path: `/api/v1/schemes/${await draftScheme()}/versions/1/compliance` }),
  diff: async () => ({ method: 'GET', path: `/api/v1/schemes/${await draftScheme()}/diff?from=1&to=1` }),
  classify: async () => ({
    method: 'POST',
    path: `/api/v1/units/${A()}/classify?scheme=${classifyScheme}`,
    body: { title: '2026年度计划' },
  }),
  listKeys: async () => ({ method: 'GET', path: `/api/v1/units/${A()}/api-keys` }),
  createKey: async () => ({ method: 'POST', path: `/api/v1/units/${A()}/api-keys`, body: { name: '业务系统' } }),
  revokeKey: async () => {
    const r = await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${A()}/api-keys`, { name: '待吊销' });
    return { method: 'DELETE', path: `/api/v1/units/${A()}/api-keys/${r.body.id}` };
  },
  auditOfUnit: async () => ({ method: 'GET', path: `/api/v1/audit?unit=${A()}` }),
  auditOfScheme: async () => ({ method: 'GET', path: `/api/v1/audit?scheme=${await draftScheme()}` }),
  reviewQueue: async () => ({ method: 'GET', path: '/api/v1/review/queue' }),
  try: async () => {
    const { doc } = await draft(w, await draftScheme(), 1);
    return { method: 'POST', path: '/api/v1/try', body: { document: doc, records: [{ title: '年度计划' }] } };
  },
  listOrgs: async () => ({ method: 'GET', path: '/api/v1/orgs' }),
  createOrg: async () => ({ method: 'POST', path: '/api/v1/orgs', body: { type: 'bureau', name: `档案局${Math.random()}` } }),
  listUsers: async () => ({ method: 'GET', path: '/api/v1/users' }),
  createUser: async () => ({
    method: 'POST',
    path: '/api/v1/users',
    body: {
      username: `u${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      password: 'long enough pw',
      displayName: '新用户',
      role: 'archivist',
      orgId: A(),
    },
  }),
  baselines: async () => ({ method: 'GET', path: '/api/v1/baselines' }),
  verifyAudit: async () => ({ method: 'GET', path: '/api/v1/audit/verify' }),
};

// prettier-ignore
const MATRIX: Record<keyof typeof ACTIONS, Record<Caller, number>> = {
  //              admin archA archB revX revY revP keyA keyB anon
  listSchemes: row(200, 200, 404, 200, 404, 404, 403, 403, 401),
  createScheme: row(201, 201, 404, 403, 404, 404, 403, 403, 401),
  getScheme: row(200, 200, 404, 200, 404, 404, 403, 403, 401),
  getVersion: row(200, 200, 404, 200, 404, 404, 403, 403, 401),
  editDraft: row(200, 200, 404, 403, 404, 404, 403, 403, 401),
  newVersion: row(201, 201, 404, 403, 404, 404, 403, 403, 401),
  submit: row(200, 200, 404, 403, 404, 404, 403, 403, 401),
  approve: row(200, 403, 404, 200, 404, 404, 403, 403, 401),
  reject: row(200, 403, 404, 200, 404, 404, 403, 403, 401),
  analysis: row(200, 200, 404, 200, 404, 404, 403, 403, 401),
  compliance: row(200, 200, 404, 200, 404, 404, 403, 403, 401),
  diff: row(200, 200, 404, 200, 404, 404, 403, 403, 401),
  classify: row(200, 200, 404, 200, 404, 404, 200, 404, 401),
  listKeys: row(200, 200, 404, 403, 404, 404, 403, 403, 401),
  createKey: row(201, 201, 404, 403, 404, 404, 403, 403, 401),
  revokeKey: row(204, 204, 404, 403, 404, 404, 403, 403, 401),
  auditOfUnit: row(200, 200, 404, 200, 404, 404, 403, 403, 401),
  auditOfScheme: row(200, 200, 404, 200, 404, 404, 403, 403, 401),
  reviewQueue: row(200, 403, 403, 200, 200, 200, 403, 403, 401),
  try: row(200, 200, 200, 200, 200, 200, 403, 403, 401),
  listOrgs: row(200, 200, 200, 200, 200, 200, 403, 403, 401),
  createOrg: row(201, 403, 403, 403, 403, 403, 403, 403, 401),
  listUsers: row(200, 403, 403, 403, 403, 403, 403, 403, 401),
  createUser: row(201, 403, 403, 403, 403, 403, 403, 403, 401),
  baselines: row(200, 200, 200, 200, 200, 200, 403, 403, 401),
  verifyAudit: row(200, 403, 403, 403, 403, 403, 403, 403, 401),
};

function row(...statuses: number[]): Record<Caller, number> {
  return Object.fromEntries(CALLERS.map((c, i) => [c, statuses[i]])) as Record<Caller, number>;
}

beforeAll(async () => {
  w = await world();
  classifyScheme = await approvedScheme();
  keys.keyA = (await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: 'A 的 OA' })).body.key;
  keys.keyB = (await w.as<ApiKeyCreated>('archB', 'POST', `/api/v1/units/${w.ids.unitB}/api-keys`, { name: 'B 的 OA' })).body.key;
});
afterAll(() => w.close());

const cases = Object.entries(MATRIX).flatMap(([action, row]) => CALLERS.map((caller) => [action, caller, row[caller]] as const));

describe('authorisation matrix', () => {
  it.each(cases)('%s by %s → %i', async (action, caller, expected) => {
    const req = await ACTIONS[action]();
    const token = caller === 'anon' ? null : caller === 'keyA' || caller === 'keyB' ? keys[caller] : w.tokens[caller];
    const r = await w.req(req.method, req.path, { token, body: req.body, headers: req.headers });
    expect(r.status, r.text).toBe(expected);
    if (expected >= 400) expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('covers every action for every caller', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(ACTIONS).sort());
  });
});

describe('four eyes and supervision chains', () => {
  it('a parent enterprise’s reviewer reviews its subsidiary, not its own bureau’s other units', async () => {
    const id = await newScheme(w, 'archS', w.ids.subS);
    await submit(w, id, 1, 'archS');
    expect((await w.as('revX', 'POST', `/api/v1/schemes/${id}/versions/1/approve`, APPROVAL)).status).toBe(404);
    expect((await w.as('revP', 'POST', `/api/v1/schemes/${id}/versions/1/approve`, APPROVAL)).status).toBe(200);
  });

  it('nobody approves their own submission, whatever their role', async () => {
    const id = await newScheme(w, 'admin');
    await submit(w, id, 1, 'admin');
    expect((await w.as('admin', 'POST', `/api/v1/schemes/${id}/versions/1/approve`, APPROVAL)).status).toBe(403);
    expect((await w.as('admin', 'POST', `/api/v1/schemes/${id}/versions/1/reject`, { reason: '撤回' })).status).toBe(403);
  });
});
