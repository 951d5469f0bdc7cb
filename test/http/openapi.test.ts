// The OpenAPI document: covers every route of the app, resolves, and describes what the API really returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type World, approvedScheme, world } from './helpers.js';
import { conformance } from './openapi-conformance.js';
import type { ApiKeyCreated, BaselineSummary, Org, User, Version } from '../../server/schemas/api/index.js';

/** The parts of the OpenAPI document these tests read. */
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { operationId?: string }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

let w: World;
let doc: OpenApiDoc;
let schemas: ReturnType<typeof conformance>;
beforeAll(async () => {
  w = await world();
  const r = await w.req<OpenApiDoc>('GET', '/api/v1/openapi.json');
  expect(r.status).toBe(200);
  doc = r.body;
  schemas = conformance(doc);
});
afterAll(() => w.close());

/** Checks a response body against a component schema. */
const conforms = (name: string, value: unknown) => schemas.conforms(name, value);

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and public', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('documents every route of the app, and nothing else', () => {
    const routes = new Set(
      w.app.routes
        .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/v1/') || r.path === '/healthz' || r.path === '/readyz'))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([a-z]+)/g, '{$1}')}`),
    );
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)));
    expect([...documented].sort()).toEqual([...routes].sort());
  });

  it('has unique operation ids and only $refs that resolve', () => {
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    const refs = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === '$ref' ? refs.add(x as string) : walk(x);
    };
    walk(doc);
    for (const ref of refs) {
      const target = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), doc);
      expect(target, ref).toBeDefined();
    }
  });

  it('has component schemas that compile, including the scheme and record formats', () => {
    for (const name of Object.keys(doc.components.schemas)) {
      expect(schemas.schema(name), name).toBeDefined();
    }
  });

  it('describes what the API returns', async () => {
    const login = await w.req('POST', '/api/v1/auth/login', { body: { username: 'archA', password: 'correct horse battery' } });
    conforms('Session', login.body);
    conforms('Me', (await w.as('revX', 'GET', '/api/v1/me')).body);
    for (const org of (await w.as<Org[]>('admin', 'GET', '/api/v1/orgs')).body) conforms('Org', org);
    for (const u of (await w.as<User[]>('admin', 'GET', '/api/v1/users')).body) conforms('User', u);
    const id = await approvedScheme(w);
    conforms('SchemeWithVersions', (await w.as('archA', 'GET', `/api/v1/schemes/${id}`)).body);
    const version = (await w.as<Version>('archA', 'GET', `/api/v1/schemes/${id}/versions/1`)).body;
    conforms('Version', version);
    conforms('Scheme', version.document);
    conforms('Analysis', (await w.as('archA', 'GET', `/api/v1/schemes/${id}/versions/1/analysis`)).body);
    conforms('Compliance', (await w.as('archA', 'GET', `/api/v1/schemes/${id}/versions/1/compliance`)).body);
    conforms('Diff', (await w.as('archA', 'GET', `/api/v1/schemes/${id}/diff?from=1&to=1`)).body);
    conforms('AuditPage', (await w.as('admin', 'GET', '/api/v1/audit')).body);
    conforms('ChainCheck', (await w.as('admin', 'GET', '/api/v1/audit/verify')).body);
    const created = (await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: 'OA' })).body;
    conforms('ApiKeyCreated', created);
    for (const b of (await w.as<BaselineSummary[]>('archA', 'GET', '/api/v1/baselines')).body) conforms('BaselineSummary', b);
    conforms(
      'ClassifyResult',
      (
        await w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, {
          token: created.key,
          body: { title: '年度计划', date: '2026-05-01' },
        })
      ).body,
    );
    conforms(
      'ClassifyBatchResult',
      (await w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, { token: created.key, body: { records: [{ title: '年度计划' }] } }))
        .body,
    );
    const nd = await w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, {
      token: created.key,
      raw: '{"title":"年度计划"}\n{"x":1}\n',
      headers: { 'content-type': 'application/x-ndjson' },
    });
    for (const line of nd.text.trim().split('\n')) conforms('ClassifyLine', JSON.parse(line));
    conforms('Problem', (await w.as('archA', 'GET', '/api/v1/users')).body);
    conforms('Record', { title: '关于设立的申请', date: '2026-05-01', extra: { a: 1 } });
  });
});
