// Webhooks: registration rules, signed deliveries to a local receiver, retries with backoff, the delivery log, and
// version.in-force announced once on the effective date.
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../server/services/webhooks/signature.js';
import { conformance } from './openapi-conformance.js';
import { type World, approve, approvedScheme, expectProblem, newScheme, submit, world } from './helpers.js';
import type {
  ClassifyResponse,
  SchemeWithVersions,
  WebhookCreatedWire,
  WebhookDeliveryWire,
  WebhookUpdatedWire,
  WebhookWire,
} from '../../server/schemas/api/index.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  path: string | undefined;
}

let w: World;
let receiver: Server;
let url: string;
const received: Received[] = [];
/** What the receiver answers next (then 204). */
const answers: number[] = [];

beforeAll(async () => {
  w = await world();
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body, path: req.url });
      res.writeHead(answers.shift() ?? 204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  w.app.services.delivery.stop();
  await new Promise((r) => receiver.close(r));
  w.close();
});

const hooksUrl = () => `/api/v1/units/${w.ids.unitA}/webhooks`;
const deliver = () => w.app.services.delivery.deliverDue();
const nowSeconds = () => Math.floor(w.now.value.getTime() / 1000);

describe('registering webhooks', () => {
  it('accepts https and local http only, for the unit’s archivists and admins; the secret is shown once', async () => {
    expectProblem(await w.as('archA', 'POST', hooksUrl(), { url: 'http://example.com/h', events: ['version.approved'] }), 400);
    expectProblem(await w.as('archA', 'POST', hooksUrl(), { url: 'ftp://example.com/h', events: ['version.approved'] }), 400);
    expectProblem(await w.as('archA', 'POST', hooksUrl(), { url: 'https://example.com/h', events: ['nope'] }), 400);
    expectProblem(await w.as('archA', 'POST', hooksUrl(), { url: 'https://example.com/h', events: [] }), 400);
    expectProblem(await w.as('revX', 'POST', hooksUrl(), { url: 'https://example.com/h', events: ['version.approved'] }), 403);
    expectProblem(await w.as('archB', 'POST', hooksUrl(), { url: 'https://example.com/h', events: ['version.approved'] }), 404);
    expectProblem(await w.as(null, 'GET', hooksUrl()), 401);
    const created = await w.as<WebhookCreatedWire>('archA', 'POST', hooksUrl(), {
      url: 'https://oa.example.com/hooks',
      events: ['version.approved'],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const openapi = conformance((await w.req<object>('GET', '/api/v1/openapi.json')).body);
    openapi.conforms('WebhookCreated', created.body);
    const listed = await w.as('admin', 'GET', hooksUrl());
    expect(listed.body).toEqual([
      {
        id: created.body.id,
        unitId: w.ids.unitA,
        url: 'https://oa.example.com/hooks',
        events: ['version.approved'],
        createdBy: 'archA',
        createdAt: expect.any(String),
        active: true,
        disabledAt: null,
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    expect((await w.as('archA', 'DELETE', `${hooksUrl()}/${created.body.id}`)).status).toBe(204);
    expectProblem(await w.as('archA', 'GET', `${hooksUrl()}/${created.body.id}`), 404);
    expect(w.app.services.stores.audit.list({ limit: 2 }).map((e) => e.action)).toEqual(['webhook.delete', 'webhook.create']);
  });
});

describe('delivering', () => {
  let hook: { id: number; secret: string };

  it('signs version.approved with the hook’s secret and a timestamp, delivered once', async () => {
    const r = await w.as<WebhookCreatedWire>('archA', 'POST', hooksUrl(), { url, events: ['version.approved', 'version.in-force'] });
    hook = r.body;
    const scheme = await approvedScheme(w);
    await deliver();
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got.headers['sanheyi-event']).toBe('version.approved');
    expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(verifySignature(hook.secret, got.body, String(got.headers['sanheyi-signature']), nowSeconds())).toBe(true);
    expect(verifySignature(hook.secret, got.body + ' ', String(got.headers['sanheyi-signature']), nowSeconds())).toBe(false);
    expect(verifySignature(hook.secret, got.body, String(got.headers['sanheyi-signature']), nowSeconds() + 301)).toBe(false);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      id: got.headers['sanheyi-webhook-id'],
      type: 'version.approved',
      unit: { id: w.ids.unitA, name: '甲有限公司' },
      data: { scheme: { id: scheme }, version: { number: 1, approvalNumber: '某档复〔2026〕12号', effectiveFrom: '2026-03-01' } },
    });
    await deliver();
    expect(received).toHaveLength(1);
  });

  it('announces version.in-force once, when the effective date arrives', async () => {
    received.length = 0;
    // The version approved above took effect on 2026-03-01, before today (2026-03-02).
    expect(w.app.services.webhooks.announceInForce()).toBe(1);
    expect(w.app.services.webhooks.announceInForce()).toBe(0);
    await deliver();
    expect(received.map((r) => r.headers['sanheyi-event'])).toEqual(['version.in-force']);
    // A second scheme approved today for 2026-03-05: nothing until that day (China time).
    const later = await newScheme(w, 'archA', w.ids.unitA, '会计档案三合一表');
    await submit(w, later);
    await approve(w, later, 1, 'revX', { effectiveFrom: '2026-03-05' });
    await deliver();
    received.length = 0;
    expect(w.app.services.webhooks.announceInForce()).toBe(0);
    w.now.value = new Date('2026-03-04T16:00:00Z'); // 00:00 on 5 March in China
    expect(w.app.services.webhooks.announceInForce()).toBe(1);
    await deliver();
    expect(received.map((r) => JSON.parse(r.body).data.scheme.id)).toEqual([later]);
  });

  it('retries a failed delivery with exponential backoff and logs every attempt', async () => {
    received.length = 0;
    answers.push(500, 503);
    const scheme = await newScheme(w, 'archA', w.ids.unitA, '科技档案三合一表');
    await submit(w, scheme);
    // Decided on the clock's day (5 March, China time): not before the submission.
    expect((await approve(w, scheme, 1, 'revX', { decidedOn: '2026-03-05', effectiveFrom: '2026-03-05' })).status).toBe(200);
    await deliver();
    expect(received).toHaveLength(1); // 500
    await deliver();
    expect(received).toHaveLength(1); // not due yet
    w.now.value = new Date(w.now.value.getTime() + 10_000);
    await deliver();
    expect(received).toHaveLength(2); // 503
    w.now.value = new Date(w.now.value.getTime() + 10_000);
    await deliver();
    expect(received).toHaveLength(2); // the second retry waits 20 s
    w.now.value = new Date(w.now.value.getTime() + 10_000);
    await deliver();
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers['sanheyi-webhook-id'])).size).toBe(1);
    const log = await w.as<WebhookDeliveryWire[]>('archA', 'GET', `${hooksUrl()}/${hook.id}/deliveries`);
    expect(log.status).toBe(200);
    const entry = log.body.find((d) => d.eventId === received[0].headers['sanheyi-webhook-id'])!;
    expect(entry).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 204, lastError: null });
    expect(entry.attemptLog.map((a) => a.status)).toEqual([500, 503, 204]);
    const openapi = conformance((await w.req<object>('GET', '/api/v1/openapi.json')).body);
    for (const d of log.body) openapi.conforms('WebhookDelivery', d);
    expectProblem(await w.as('revX', 'GET', `${hooksUrl()}/${hook.id}/deliveries`), 403);
  });

  it('sends review.decided when an archivist decides a record classify sent to review', async () => {
    const r = await w.as<WebhookCreatedWire>('archA', 'POST', hooksUrl(), { url, events: ['review.decided'] });
    expect(r.status).toBe(201);
    const scheme = (await w.as<SchemeWithVersions[]>('archA', 'GET', `/api/v1/units/${w.ids.unitA}/schemes`)).body.find((x) =>
      x.versions.some((v) => v.state === 'approved'),
    )!.id;
    const review = await w.as<ClassifyResponse>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/classify?scheme=${scheme}`, {
      title: '会议纪要',
      date: '2026-03-02',
    });
    expect(review.body).toMatchObject({ outcome: 'review', reviewId: expect.any(Number) });
    received.length = 0;
    const decided = await w.as('archA', 'POST', `/api/v1/units/${w.ids.unitA}/review-inbox/decide`, {
      ids: [review.body.reviewId],
      outcome: 'exclude',
      reason: '会议记录草稿，不归档',
    });
    expect(decided.status, decided.text).toBe(200);
    await deliver();
    const got = received.filter((x) => x.headers['sanheyi-event'] === 'review.decided');
    expect(got).toHaveLength(1);
    expect(got[0].headers['sanheyi-webhook-id']).toBe(`review.decided.${review.body.reviewId}`);
    expect(verifySignature(r.body.secret, got[0].body, String(got[0].headers['sanheyi-signature']), nowSeconds())).toBe(true);
    expect(JSON.parse(got[0].body).data).toMatchObject({
      reviewId: review.body.reviewId,
      decision: { outcome: 'exclude', reason: '会议记录草稿，不归档', decidedBy: 'archA' },
      status: `/api/v1/units/${w.ids.unitA}/decisions/${review.body.reviewId}`,
    });
  });

  it('gives up after the last attempt and says why (nothing listens on the port)', async () => {
    const { stores, clock } = w.app.services;
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const down = stores.webhooks.create(
      { unitId: w.ids.unitA, url: `http://127.0.0.1:${port}/closed`, events: ['version.approved'], secret: 's', by: null },
      clock().toISOString(),
    );
    w.db.transaction(() => w.app.services.webhooks.enqueue(w.ids.unitA, 'version.approved', 'test.down', { x: 1 }))();
    for (let i = 0; i < 12; i++) {
      await deliver();
      w.now.value = new Date(w.now.value.getTime() + 3600_000);
    }
    const [entry] = stores.webhooks.deliveries(down.id, 10);
    expect(entry).toMatchObject({ state: 'failed', attempts: 12, lastStatus: null });
    expect(entry.lastError).toMatch(/ECONNREFUSED/);
  });
});

describe('changing a webhook (PATCH)', () => {
  const queue = (eventId: string) =>
    w.db.transaction(() => w.app.services.webhooks.enqueue(w.ids.unitA, 'version.approved', eventId, { x: 1 }))();
  const got = (eventId: string) => received.filter((r) => r.headers['sanheyi-webhook-id'] === eventId);
  let hook: { id: number; secret: string };
  const hookUrl = () => `${hooksUrl()}/${hook.id}`;

  it('checks the body and who asks', async () => {
    // The unit's other hooks deleted, so that what the receiver gets is this hook's.
    for (const h of (await w.as<WebhookWire[]>('archA', 'GET', hooksUrl())).body) await w.as('archA', 'DELETE', `${hooksUrl()}/${h.id}`);
    hook = (await w.as<WebhookCreatedWire>('archA', 'POST', hooksUrl(), { url, events: ['version.approved'] })).body;
    expectProblem(await w.as('archA', 'PATCH', hookUrl(), {}), 400);
    const bad = await w.as('archA', 'PATCH', hookUrl(), { url: 'http://example.com/h' });
    expectProblem(bad, 400);
    expect(bad.body.errors[0].path).toBe('/url');
    expectProblem(await w.as('archA', 'PATCH', hookUrl(), { events: [] }), 400);
    expectProblem(await w.as('archA', 'PATCH', hookUrl(), { secret: 'mine' }), 400);
    expectProblem(await w.as('revX', 'PATCH', hookUrl(), { active: false }), 403);
    expectProblem(await w.as('archB', 'PATCH', hookUrl(), { active: false }), 404);
    expectProblem(await w.as('archA', 'PATCH', `${hooksUrl()}/999999`, { active: false }), 404);
    expectProblem(await w.as(null, 'PATCH', hookUrl(), { active: false }), 401);
  });

  it('disabled, a hook gets no new events and its pending ones wait; enabled, they are sent', async () => {
    // Queued while active; its first attempt fails, so it is pending (retried in 10 s) when the hook is disabled.
    answers.push(500);
    queue('patch.pending');
    await deliver();
    expect(got('patch.pending')).toHaveLength(1);
    received.length = 0;
    const off = await w.as<WebhookUpdatedWire>('archA', 'PATCH', hookUrl(), { active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: hook.id, active: false, disabledAt: w.now.value.toISOString() });
    expect(off.body.secret).toBeUndefined();
    queue('patch.while-off');
    w.now.value = new Date(w.now.value.getTime() + 3600_000);
    await deliver();
    expect(got('patch.pending')).toHaveLength(0);
    expect(got('patch.while-off')).toHaveLength(0);
    expect(
      (await w.as<WebhookDeliveryWire[]>('archA', 'GET', `${hookUrl()}/deliveries`)).body.map((d) => [d.eventId, d.state]),
    ).toContainEqual(['patch.pending', 'pending']);
    const on = await w.as('admin', 'PATCH', hookUrl(), { active: true });
    expect(on.body).toMatchObject({ active: true, disabledAt: null });
    await deliver();
    expect(got('patch.pending')).toHaveLength(1);
    expect(got('patch.while-off')).toHaveLength(0);
  });

  it('changes url and events, and rotates the secret (shown once; later deliveries signed with it)', async () => {
    const moved = `${url}-moved`;
    const r = await w.as<WebhookUpdatedWire>('archA', 'PATCH', hookUrl(), {
      url: moved,
      events: ['version.approved', 'review.decided'],
      rotateSecret: true,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toMatchObject({ url: moved, events: ['version.approved', 'review.decided'], active: true });
    expect(r.body.secret).toMatch(/^whsec_/);
    expect(r.body.secret).not.toBe(hook.secret);
    conformance((await w.req<object>('GET', '/api/v1/openapi.json')).body).conforms('WebhookUpdated', r.body);
    expect(JSON.stringify((await w.as('archA', 'GET', hookUrl())).body)).not.toContain('whsec_');
    queue('patch.rotated');
    await deliver();
    const [delivery] = got('patch.rotated');
    expect(delivery.path).toBe('/hooks-moved');
    const signature = String(delivery.headers['sanheyi-signature']);
    expect(verifySignature(r.body.secret!, delivery.body, signature, nowSeconds())).toBe(true);
    expect(verifySignature(hook.secret, delivery.body, signature, nowSeconds())).toBe(false);
    // Audited: what changed, that the secret was rotated, never the secret.
    const entries = w.app.services.stores.audit.list({ limit: 3 }).filter((e) => e.action === 'webhook.update');
    expect(entries[0]).toMatchObject({
      subject: `webhook:${hook.id}`,
      before: { url, events: ['version.approved'], active: true },
      after: { url: moved, active: true, secretRotated: true },
    });
    expect(JSON.stringify(w.db.prepare("SELECT * FROM audit_log WHERE action = 'webhook.update'").all())).not.toContain('whsec_');
  });
});
