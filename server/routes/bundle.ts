// The signed bundle of a unit's approved table, for business systems that classify in-process (loadBundle).
import { Hono } from 'hono';
import { idParam, query } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { ifNoneMatch } from '../http/etag.js';
import { checker } from '../schemas/ajv.js';
import { type BundleQuery, bundleQuery } from '../schemas/api/index.js';
import type { Services } from '../services/index.js';

const checkQuery = checker<BundleQuery>(bundleQuery);

export const bundle = (s: Services) =>
  new Hono<AppEnv>().get('/units/:unit/bundle', (c) => {
    const unitId = idParam(c, 'unit', '单位');
    const q = query(c, checkQuery);
    const scheme = q.scheme === undefined ? undefined : Number(q.scheme);
    const r = s.bundles.bundle(c.get('principal'), unitId, scheme, (etag) => ifNoneMatch(c.req.header('if-none-match'), etag));
    c.header('ETag', r.etag);
    c.header('Cache-Control', 'private, no-cache');
    if (!r.bundle) return c.body(null, 304);
    return c.json(r.bundle);
  });
