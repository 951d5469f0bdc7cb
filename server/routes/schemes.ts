// Schemes and their versions: create, read, edit drafts (If-Match), submit, approve, reject, analyse, compare.
// Each handler authorises once (before reading a byte of the body) and passes the target to the workflow step.
import { type Context, Hono } from 'hono';
import { body, idParam, query, readJson } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { etagOf, ifMatch } from '../http/etag.js';
import { checks } from '../http/schemas.js';
import type { Services } from '../services/index.js';

export const schemes = (s: Services) =>
  new Hono<AppEnv>()
    .get('/units/:unit/schemes', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.schemes.listForUnit(c.get('principal'), idParam(c, 'unit', '单位')));
    })
    .post('/units/:unit/schemes', async (c) => {
      const target = s.schemeAccess.creatableIn(c.get('principal'), idParam(c, 'unit', '单位'));
      const created = s.drafts.create(target, await body(c, checks.createScheme));
      c.header('Location', `/api/v1/schemes/${created.id}`);
      c.header('ETag', etagOf(created.versions[0]));
      return c.json(created, 201);
    })
    .get('/schemes/:scheme', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.schemes.get(s.schemeAccess.readable(c.get('principal'), schemeParam(c))));
    })
    .get('/schemes/:scheme/diff', (c) => {
      const schemeId = schemeParam(c);
      const q = query(c, checks.diffQuery);
      const target = s.schemeAccess.readable(c.get('principal'), schemeId);
      return c.json(s.review.diff(target, Number(q.from), Number(q.to)));
    })
    .post('/schemes/:scheme/versions', async (c) => {
      const target = s.schemeAccess.editable(c.get('principal'), schemeParam(c));
      const { from } = await body(c, checks.newVersion);
      const v = s.drafts.newVersion(target, from);
      c.header('Location', `/api/v1/schemes/${target.scheme.id}/versions/${v.number}`);
      c.header('ETag', etagOf(v));
      return c.json(v, 201);
    })
    .get('/schemes/:scheme/versions/:n', (c) => {
      query(c, checks.emptyQuery);
      const [target, n] = readableVersion(s, c);
      const v = s.schemes.version(target, n);
      c.header('ETag', etagOf(v));
      return c.json(v);
    })
    .put('/schemes/:scheme/versions/:n/document', async (c) => {
      const [schemeId, n] = versionParams(c);
      const target = s.schemeAccess.editable(c.get('principal'), schemeId);
      const v = s.drafts.putDocument(target, n, ifMatch(c.req.header('if-match')), await readJson(c));
      c.header('ETag', etagOf(v));
      return c.json(v);
    })
    .post('/schemes/:scheme/versions/:n/submit', async (c) => {
      const [schemeId, n] = versionParams(c);
      const target = s.schemeAccess.editable(c.get('principal'), schemeId);
      await body(c, checks.empty, { optional: true });
      return c.json(s.drafts.submit(target, n));
    })
    .post('/schemes/:scheme/versions/:n/approve', async (c) => {
      const [schemeId, n] = versionParams(c);
      const target = s.schemeAccess.decidable(c.get('principal'), schemeId);
      return c.json(s.decisions.approve(target, n, await body(c, checks.approve)));
    })
    .post('/schemes/:scheme/versions/:n/reject', async (c) => {
      const [schemeId, n] = versionParams(c);
      const target = s.schemeAccess.decidable(c.get('principal'), schemeId);
      return c.json(s.decisions.reject(target, n, await body(c, checks.reject)));
    })
    .get('/schemes/:scheme/versions/:n/analysis', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.review.analysis(...readableVersion(s, c)));
    })
    .get('/schemes/:scheme/versions/:n/compliance', (c) => {
      query(c, checks.emptyQuery);
      return c.json(s.review.compliance(...readableVersion(s, c)));
    });

/** The scheme named in the path (/schemes/:scheme…). */
function schemeParam(c: Context): number {
  return idParam(c, 'scheme', '方案');
}

/** The scheme and version number named in the path (/schemes/:scheme/versions/:n…). */
function versionParams(c: Context): [schemeId: number, n: number] {
  return [schemeParam(c), idParam(c, 'n', '方案版本')];
}

/** The version named in the path, of a scheme the caller may read. */
function readableVersion(s: Services, c: Context<AppEnv>) {
  const [schemeId, n] = versionParams(c);
  return [s.schemeAccess.readable(c.get('principal'), schemeId), n] as const;
}
