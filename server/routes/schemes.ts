// Schemes and their versions: create, read, edit drafts (If-Match), submit, approve, reject, analyse, compare.
import { type Context, Hono } from 'hono';
import { body, idParam, query, readJson } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import type { Services } from '../services/index.js';
import { etagOf, ifMatch } from '../http/etag.js';

export const schemes = (s: Services) =>
  new Hono<AppEnv>()
    .get('/units/:unit/schemes', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.schemes.listForUnit(c.get('principal'), idParam(c, 'unit', '单位')));
    })
    .post('/units/:unit/schemes', async (c) => {
      const unitId = idParam(c, 'unit', '单位');
      s.schemes.creatableIn(c.get('principal'), unitId);
      const input = await body(c, checks.createScheme);
      const created = s.schemes.create(c.get('principal'), unitId, input);
      c.header('Location', `/api/v1/schemes/${created.id}`);
      c.header('ETag', etagOf(created.versions[0]));
      return c.json(created, 201);
    })
    .get('/schemes/:scheme', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.schemes.get(c.get('principal'), schemeParam(c)));
    })
    .get('/schemes/:scheme/diff', (c) => {
      const schemeId = schemeParam(c);
      const q = query(c, checks.diffQuery);
      return c.json(s.schemes.diff(c.get('principal'), schemeId, Number(q.from), Number(q.to)));
    })
    .post('/schemes/:scheme/versions', async (c) => {
      const schemeId = schemeParam(c);
      s.schemes.editable(c.get('principal'), schemeId);
      const { from } = await body(c, checks.newVersion);
      const v = s.schemes.newVersion(c.get('principal'), schemeId, from);
      c.header('Location', `/api/v1/schemes/${schemeId}/versions/${v.number}`);
      c.header('ETag', etagOf(v));
      return c.json(v, 201);
    })
    .get('/schemes/:scheme/versions/:n', (c) => {
      query(c, checks.emptyQuery);
      const v = s.schemes.version(c.get('principal'), ...versionParams(c));
      c.header('ETag', etagOf(v));
      return c.json(v);
    })
    .put('/schemes/:scheme/versions/:n/document', async (c) => {
      const [schemeId, n] = versionParams(c);
      s.schemes.editable(c.get('principal'), schemeId);
      const doc = await readJson(c);
      const v = s.schemes.putDocument(c.get('principal'), schemeId, n, ifMatch(c.req.header('if-match')), doc);
      c.header('ETag', etagOf(v));
      return c.json(v);
    })
    .post('/schemes/:scheme/versions/:n/submit', async (c) => {
      const [schemeId, n] = versionParams(c);
      s.schemes.editable(c.get('principal'), schemeId);
      await body(c, checks.empty, { optional: true });
      return c.json(s.schemes.submit(c.get('principal'), schemeId, n));
    })
    .post('/schemes/:scheme/versions/:n/approve', async (c) => {
      const [schemeId, n] = versionParams(c);
      s.schemes.decidable(c.get('principal'), schemeId);
      const input = await body(c, checks.approve);
      return c.json(s.schemes.approve(c.get('principal'), schemeId, n, input));
    })
    .post('/schemes/:scheme/versions/:n/reject', async (c) => {
      const [schemeId, n] = versionParams(c);
      s.schemes.decidable(c.get('principal'), schemeId);
      const input = await body(c, checks.reject);
      return c.json(s.schemes.reject(c.get('principal'), schemeId, n, input));
    })
    .get('/schemes/:scheme/versions/:n/analysis', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.schemes.analysis(c.get('principal'), ...versionParams(c)));
    })
    .get('/schemes/:scheme/versions/:n/compliance', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.schemes.compliance(c.get('principal'), ...versionParams(c)));
    });

/** The scheme named in the path (/schemes/:scheme…). */
function schemeParam(c: Context): number {
  return idParam(c, 'scheme', '方案');
}

/** The scheme and version number named in the path (/schemes/:scheme/versions/:n…), as the services take them. */
function versionParams(c: Context): [schemeId: number, n: number] {
  return [schemeParam(c), idParam(c, 'n', '方案版本')];
}
