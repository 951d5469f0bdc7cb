// Spreadsheets in and out: a 三合一 table (.xlsx/.csv) imported as a new scheme (or previewed), a version exported as xlsx/csv/html/pdf.
import { Hono } from 'hono';
import { contentDisposition } from '../http/download.js';
import { idParam, mediaType, query, readBytes } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { etagOf, ifNoneMatch } from '../http/etag.js';
import { IMPORT_LIMIT, declaredTableFormat, importParams } from '../http/import-query.js';
import { checks } from '../http/schemas.js';
import { AppError } from '../services/errors.js';
import type { Services } from '../services/index.js';

/** The print view is self-contained: no script, no fetch, only its own styles and inline images/fonts. */
const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

export const spreadsheets = (s: Services) =>
  new Hono<AppEnv>()
    .post('/units/:unit/schemes/import', async (c) => {
      const unitId = idParam(c, 'unit', '单位');
      // Authorise before reading a byte of the body: the same rule as creating a scheme.
      const target = s.spreadsheets.importTarget(c.get('principal'), unitId);
      const { dryRun, name, params } = importParams(query(c, checks.importQuery));
      const format = declaredTableFormat(mediaType(c));
      const bytes = await readBytes(c.req.raw, IMPORT_LIMIT, '表格文件');
      if (bytes.length === 0) throw new AppError('invalid_request', '请求体为空，需要表格文件', [{ path: '/', message: '缺少表格文件' }]);
      const upload = { bytes, format };
      if (dryRun) return c.json(await s.spreadsheets.previewImport(target, upload, params));
      const created = await s.spreadsheets.importScheme(target, upload, { ...params, name: name! });
      c.header('Location', `/api/v1/schemes/${created.id}`);
      c.header('ETag', etagOf(created.versions[0]));
      return c.json(created, 201);
    })
    .get('/schemes/:scheme/versions/:n/export', async (c) => {
      const schemeId = idParam(c, 'scheme', '方案');
      const n = idParam(c, 'n', '方案版本');
      const { format } = query(c, checks.exportQuery);
      const file = s.spreadsheets.exportVersion(c.get('principal'), schemeId, n, format, c.get('requestId'));
      c.header('ETag', file.etag);
      c.header('Cache-Control', 'private, no-cache');
      if (ifNoneMatch(c.req.header('if-none-match'), file.etag)) return c.body(null, 304);
      const data = await file.render();
      c.header('Content-Type', file.contentType);
      c.header('Content-Disposition', contentDisposition(format === 'html' ? 'inline' : 'attachment', file.filename, file.asciiFilename));
      if (format === 'html') c.header('Content-Security-Policy', HTML_CSP);
      return c.body(data, 200);
    });
