// HTTP tests of the review inbox: grouping by row and missing field, deciding one or many (audited, announced to
// onDecided listeners), the business system reading the decision by reviewId, and turning a decision into a test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewDecided } from '../../server/services/decision-log/review-inbox.js';
import { reviewingScheme } from './decision-log-fixture.js';
import { type World, draft, expectProblem, world } from './helpers.js';
import type {
  Analysis,
  ApiKeyCreated,
  AuditPage,
  ClassifyResponse,
  DecideResultWire,
  ReviewDecisionListWire,
  ReviewInboxWire,
  ReviewStatusWire,
  ReviewTestAddedWire,
} from '../../server/schemas/api/index.js';

let w: World;
let key: string;
let scheme: number;
const unit = () => w.ids.unitA;
const classify = async (body: unknown) =>
  (await w.req<ClassifyResponse>('POST', `/api/v1/units/${unit()}/classify`, { token: key, body })).body;
const inbox = (q = '', who: 'archA' | 'revX' | 'archB' = 'archA') =>
  w.as<ReviewInboxWire>(who, 'GET', `/api/v1/units/${unit()}/review-inbox${q}`);
const decide = (body: unknown, who: 'archA' | 'revX' = 'archA') =>
  w.as<DecideResultWire>(who, 'POST', `/api/v1/units/${unit()}/review-inbox/decide`, body);
const events: ReviewDecided[] = [];
/** Whether each announcement ran inside the decision's transaction (so an outbox entry commits with it). */
const inTransaction: boolean[] = [];
const reviewIds: number[] = [];

beforeAll(async () => {
  w = await world();
  ({ key, scheme } = await reviewingScheme(w));
  w.app.services.reviewInbox.onDecided((e) => {
    inTransaction.push(w.db.inTransaction);
    events.push(e);
  });
  w.app.services.reviewInbox.onDecided(() => {
    throw new Error('a broken listener');
  });
  for (let i = 1; i <= 3; i++) reviewIds.push((await classify({ title: `${i}号采购合同`, date: '2026-05-01' })).reviewId!);
  reviewIds.push((await classify({ title: '会议室借用登记' })).reviewId!);
  await classify({ title: '关于放假的通知' }); // filed: not in the inbox
});
afterAll(() => w.close());

describe('inbox', () => {
  it('groups pending reviews by row and missing field', async () => {
    const r = await inbox();
    expect(r.status).toBe(200);
    expect(r.body.pending).toBe(4);
    expect(r.body.groups).toEqual([
      { row: '2', field: 'amount', count: 3, scope: '合同、协议' },
      { row: null, field: null, count: 1, scope: null },
    ]);
    expect(r.body.entries.map((e) => e.id)).toEqual([...reviewIds].reverse());
    expect((await inbox('?row=2&field=amount')).body.entries).toHaveLength(3);
    expect((await inbox('?row=none')).body.entries.map((e) => e.id)).toEqual([reviewIds[3]]);
    expect((await inbox('?field=date')).body.entries).toHaveLength(0);
  });

  it('is for the unit’s archivists', async () => {
    expectProblem(await inbox('', 'revX'), 403);
    expectProblem(await inbox('', 'archB'), 404);
    expectProblem(await inbox('?limit=5000'), 400);
  });
});

describe('deciding', () => {
  it('the business system sees pending before the decision', async () => {
    const r = await w.req<ReviewStatusWire>('GET', `/api/v1/units/${unit()}/decisions/${reviewIds[0]}`, { token: key });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: reviewIds[0], status: 'pending', version: 1, itemId: '2', needs: ['amount'], decision: null });
  });

  it('files many under a row with a period, all at once, audited and announced', async () => {
    const r = await decide({ ids: reviewIds.slice(0, 2), outcome: 'file', row: '2', retention: 'Y' });
    expect(r.status).toBe(200);
    expect(r.body.decided).toHaveLength(2);
    expect(r.body.decided[0]).toMatchObject({ outcome: 'file', itemId: '2', retention: 'Y', reason: null, decidedByName: 'archA' });
    expect(events.map((e) => e.reviewId)).toEqual(reviewIds.slice(0, 2));
    expect(inTransaction).toEqual([true, true]);
    expect(events[0]).toMatchObject({ unitId: unit(), apiKeyId: expect.any(Number), decision: { outcome: 'file', retention: 'Y' } });
    expect(w.logs.some((l) => l.msg === 'review.decided listener failed')).toBe(true);
    const audit = await w.as<AuditPage>('admin', 'GET', `/api/v1/audit?unit=${unit()}&limit=2`);
    expect(audit.body.entries.map((e) => [e.action, e.subject])).toEqual([
      ['review.decide', `decision_log:${reviewIds[1]}`],
      ['review.decide', `decision_log:${reviewIds[0]}`],
    ]);
    const status = await w.req<ReviewStatusWire>('GET', `/api/v1/units/${unit()}/decisions/${reviewIds[0]}`, { token: key });
    expect(status.body).toMatchObject({ status: 'decided', decision: { outcome: 'file', itemId: '2', retention: 'Y' } });
    expect((await inbox()).body.pending).toBe(2);
  });

  it('excludes with a reason', async () => {
    const r = await decide({ ids: [reviewIds[3]], outcome: 'exclude', reason: '临时性登记，无保存价值' });
    expect(r.body.decided[0]).toMatchObject({ outcome: 'exclude', itemId: null, reason: '临时性登记，无保存价值' });
  });

  it('refuses a decided, unknown or non-review record, an unknown row, and nothing half-done', async () => {
    const again = await decide({ ids: [reviewIds[2], reviewIds[0]], outcome: 'exclude', reason: 'x' });
    expectProblem(again, 409);
    expect(again.body.errors).toEqual([{ path: '/ids/1', message: '已判断' }]);
    expectProblem(await decide({ ids: [999999], outcome: 'exclude', reason: 'x' }), 404);
    const badRow = await decide({ ids: [reviewIds[2]], outcome: 'file', row: '9.9', retention: 'Y' });
    expectProblem(badRow, 400);
    expect(badRow.body.errors[0].path).toBe('/row');
    expectProblem(await decide({ ids: [reviewIds[2]], outcome: 'file', row: '2' }), 400);
    expectProblem(await decide({ ids: [reviewIds[2]], outcome: 'file', row: '2', retention: 'Y' }, 'revX'), 403);
    expect((await inbox()).body.pending).toBe(1);
  });

  it("lists every decided record for the unit's archivists, newest first and paged, so any can become a test", async () => {
    const url = (q = '') => `/api/v1/units/${unit()}/review-inbox/decided${q}`;
    const all = await w.as<ReviewDecisionListWire>('archA', 'GET', url());
    expect(all.status).toBe(200);
    const decidedIds = [reviewIds[0], reviewIds[1], reviewIds[3]].sort((a, b) => b - a);
    expect(all.body.entries.map((e) => e.logId)).toEqual(decidedIds);
    expect(all.body.next).toBeNull();
    const excluded = all.body.entries.find((e) => e.logId === reviewIds[3])!;
    expect(excluded).toMatchObject({ outcome: 'exclude', reason: '临时性登记，无保存价值', decidedByName: 'archA' });
    expect(excluded.title).toEqual(expect.any(String));
    expect(excluded.record.title).toBe(excluded.title);
    const first = await w.as<ReviewDecisionListWire>('archA', 'GET', url('?limit=2'));
    expect(first.body.entries).toHaveLength(2);
    expect(first.body.next).toBe(decidedIds[1]);
    const rest = await w.as<ReviewDecisionListWire>('archA', 'GET', url(`?limit=2&before=${first.body.next}`));
    expect(rest.body.entries.map((e) => e.logId)).toEqual([decidedIds[2]]);
    expectProblem(await w.as('revX', 'GET', url()), 403);
    expectProblem(await w.as('archB', 'GET', url()), 404);
    expectProblem(await w.as('archA', 'GET', url('?limit=0')), 400);
    expectProblem(await w.req('GET', url(), { token: key }), 403);
  });

  it('answers the business system of the unit only', async () => {
    const other = (await w.as<ApiKeyCreated>('archB', 'POST', `/api/v1/units/${w.ids.unitB}/api-keys`, { name: 'B' })).body.key;
    expectProblem(await w.req('GET', `/api/v1/units/${unit()}/decisions/${reviewIds[0]}`, { token: other }), 404);
    expectProblem(await w.req('GET', `/api/v1/units/${unit()}/decisions/${reviewIds[0]}`), 401);
    const filed = w.app.services.stores.decisionLog.list(unit(), { outcome: 'file', limit: 1 })[0];
    expectProblem(await w.req('GET', `/api/v1/units/${unit()}/decisions/${filed.id}`, { token: key }), 404);
    expect((await w.as('revX', 'GET', `/api/v1/units/${unit()}/decisions/${reviewIds[0]}`)).status).toBe(200);
  });
});

describe('turning a decision into a test', () => {
  const toTest = (id: number) => w.as<ReviewTestAddedWire>('archA', 'POST', `/api/v1/units/${unit()}/review-inbox/${id}/to-test`);

  it('needs a draft and a decision', async () => {
    expectProblem(await toTest(reviewIds[0]), 409); // no draft yet
    expect((await w.as('archA', 'POST', `/api/v1/schemes/${scheme}/versions`, { from: 1 })).status).toBe(201);
    expectProblem(await toTest(reviewIds[2]), 409); // not decided
  });

  it('adds the record with the decided outcome to the draft, once', async () => {
    const r = await toTest(reviewIds[0]);
    expect(r.status).toBe(200);
    expect(r.body.version.number).toBe(2);
    const { doc } = await draft(w, scheme, 2);
    expect(doc.tests?.at(-1)).toEqual({
      name: `分类记录 ${reviewIds[0]} 的人工判断`,
      record: { title: '1号采购合同', date: '2026-05-01' },
      expect: { outcome: 'file', item: '2', retention: 'Y' },
    });
    expectProblem(await toTest(reviewIds[0]), 409);
    const analysis = await w.as<Analysis>('archA', 'GET', `/api/v1/schemes/${scheme}/versions/2/analysis`);
    expect(analysis.body.tests?.failed).toBe(1); // the draft does not yet decide it by itself
  });
});
