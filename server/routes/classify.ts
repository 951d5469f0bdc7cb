// Classification for business systems: one record, a JSON batch ({records}), or an NDJSON stream (line in, line out:
// `{line, ...result}` or `{line, error}`, as `sanheyi classify` writes JSONL).
import { Hono } from 'hono';
import { idParam, mediaType, parseJson, query, readJson, valid } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { jsonResponse } from '../http/middleware.js';
import { NDJSON_TYPE, ndjsonResponse } from '../http/ndjson.js';
import { checks, int } from '../http/schemas.js';
import type { ClassifyCall, LogSource } from '../services/decision-log/decision-log-service.js';
import type { Logger, Services } from '../services/index.js';

const MINIMAL = { detail: 'minimal' } as const;

export const classify = (s: Services, log: Logger) =>
  new Hono<AppEnv>().post('/units/:unit/classify', async (c) => {
    const unitId = idParam(c, 'unit', '单位');
    const q = query(c, checks.classifyQuery);
    // Authorise and resolve the scheme before reading a byte of the body.
    const target = s.classify.target(c.get('principal'), unitId, { schemeId: int(q.scheme), version: int(q.version) });
    // ?detail=minimal: no reasons and no candidates (a third of classify time goes into wording them).
    const options = q.detail === 'minimal' ? MINIMAL : undefined;
    // Every classification is recorded in the unit's decision log (batched; a review gets its `reviewId`).
    const call = (source: LogSource): ClassifyCall => ({ principal: c.get('principal'), requestId: c.get('requestId'), source });

    const type = mediaType(c);
    if (type === NDJSON_TYPE) {
      const one = s.classify.classifier(target, options, call('ndjson'));
      return ndjsonResponse(c, (line, n) => ({ line: n, ...one(parseJson(line), '', line) }), log);
    }
    const value = await readJson(c, { type });
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'records' in value) {
      const { records } = valid(checks.classifyBatch, value, '', '请求体');
      return jsonResponse(c, { results: s.classify.batch(target, records, options, call('batch')) });
    }
    return jsonResponse(c, s.classify.classify(target, value, '', options, call('single')));
  });
