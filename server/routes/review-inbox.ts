// The review inbox of a unit (its archivists), deciding reviews, and the decision as the business system reads it.
import { Hono } from 'hono';
import { idParam, query, readJson, valid } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { int } from '../http/schemas.js';
import { checker } from '../schemas/ajv.js';
import {
  type DecideBody,
  type ReviewDecisionsQuery,
  type ReviewInboxQuery,
  decideBody,
  reviewDecisionsQuery,
  reviewInboxQuery,
} from '../schemas/api/review-inbox.js';
import type { Services } from '../services/index.js';

const checks = {
  query: checker<ReviewInboxQuery>(reviewInboxQuery),
  decisions: checker<ReviewDecisionsQuery>(reviewDecisionsQuery),
  decide: checker<DecideBody>(decideBody),
};

export const reviewInbox = (s: Services) =>
  new Hono<AppEnv>()
    .get('/units/:unit/review-inbox', (c) => {
      const unitId = idParam(c, 'unit', '单位');
      const q = query(c, checks.query);
      const row = q.row === 'none' ? null : q.row;
      return c.json(
        s.reviewInbox.inbox(c.get('principal'), unitId, { row, field: q.field, before: int(q.before), limit: int(q.limit) ?? 100 }),
      );
    })
    .get('/units/:unit/review-inbox/decided', (c) => {
      const unitId = idParam(c, 'unit', '单位');
      const q = query(c, checks.decisions);
      return c.json(s.reviewInbox.decisions(c.get('principal'), unitId, int(q.before), int(q.limit) ?? 50));
    })
    .post('/units/:unit/review-inbox/decide', async (c) => {
      const unitId = idParam(c, 'unit', '单位');
      const body = valid(checks.decide, await readJson(c), '', '请求体');
      return c.json({ decided: s.reviewInbox.decide(c.get('principal'), unitId, body) });
    })
    .post('/units/:unit/review-inbox/:id/to-test', (c) => {
      const unitId = idParam(c, 'unit', '单位');
      return c.json(s.reviewToTest.add(c.get('principal'), unitId, idParam(c, 'id', '待判断记录')));
    })
    .get('/units/:unit/decisions/:id', (c) => {
      const unitId = idParam(c, 'unit', '单位');
      return c.json(s.reviewInbox.status(c.get('principal'), unitId, idParam(c, 'id', '待判断记录')));
    });
