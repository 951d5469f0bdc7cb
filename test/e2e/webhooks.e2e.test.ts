// End to end: webhooks survive a crash of the server in the middle of a delivery. The built server is killed
// (SIGKILL) while the receiver holds the version.approved request open; after a restart on the same database every
// event arrives, each once by its Sanheyi-Webhook-Id, each signed with the hook's secret.
import { mkdtempSync, rmSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../server/engine/dates.js';
import { verifySignature } from '../../server/services/webhooks/signature.js';
import { spawnService } from './spawn-service.js';

const ADMIN_PASSWORD = 'e2e-admin-password-42';

const start = (dbFile: string) => spawnService(dbFile, { SANHEYI_ADMIN_PASSWORD: ADMIN_PASSWORD, SANHEYI_WEBHOOK_POLL_MS: '100' });

async function call(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

interface Delivery {
  id: string;
  event: string;
  signature: string;
  body: string;
}

let dir: string;
let receiver: Server;
const deliveries: Delivery[] = [];
/** The first request is held open (the server is killed while it waits); `held` resolves when it arrived. */
let holdFirst = true;
let heldArrived!: () => void;
const held = new Promise<void>((r) => (heldArrived = r));
const heldResponses: ServerResponse[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sanheyi-webhooks-e2e-'));
  receiver = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c));
    req.on('end', () => {
      deliveries.push({
        id: String(req.headers['sanheyi-webhook-id']),
        event: String(req.headers['sanheyi-event']),
        signature: String(req.headers['sanheyi-signature']),
        body,
      });
      if (holdFirst) {
        holdFirst = false;
        heldResponses.push(res);
        heldArrived();
        return;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  for (const res of heldResponses) res.destroy();
  await new Promise((r) => receiver.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('webhooks across a server restart', () => {
  it('delivers every event once (by id), signed, after a crash in the middle of a delivery', async () => {
    const db = join(dir, 'sanheyi.db');
    const first = await start(db);
    const b = first.base;
    const admin = (await call(b, 'POST', '/auth/login', undefined, { username: 'admin', password: ADMIN_PASSWORD })).body.token;
    const bureau = (await call(b, 'POST', '/orgs', admin, { type: 'bureau', name: '某市档案局' })).body;
    const unit = (
      await call(b, 'POST', '/orgs', admin, {
        type: 'unit',
        name: '甲有限公司',
        fonds: 'A001',
        kind: 'enterprise',
        supervisorId: bureau.id,
      })
    ).body;
    for (const [username, role, orgId] of [
      ['li', 'archivist', unit.id],
      ['zhao', 'reviewer', bureau.id],
    ] as const) {
      const r = await call(b, 'POST', '/users', admin, {
        username,
        password: `${username}-password-1`,
        displayName: username,
        role,
        orgId,
      });
      expect(r.status).toBe(201);
    }
    const li = (await call(b, 'POST', '/auth/login', undefined, { username: 'li', password: 'li-password-1' })).body.token;
    const zhao = (await call(b, 'POST', '/auth/login', undefined, { username: 'zhao', password: 'zhao-password-1' })).body.token;
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sanheyi`;
    const hook = await call(b, 'POST', `/units/${unit.id}/webhooks`, li, { url, events: ['version.approved', 'version.in-force'] });
    expect(hook.status).toBe(201);
    const scheme = (await call(b, 'POST', `/units/${unit.id}/schemes`, li, { name: '文书档案三合一表', baseline: 'demo-enterprise' })).body;
    expect((await call(b, 'POST', `/schemes/${scheme.id}/versions/1/submit`, li)).status).toBe(200);
    const today = chinaDate(new Date());
    const approved = await call(b, 'POST', `/schemes/${scheme.id}/versions/1/approve`, zhao, {
      approvalNumber: '某档复〔2026〕3号',
      decidedOn: today,
      effectiveFrom: today,
    });
    expect(approved.status).toBe(200);

    // version.approved is on its way; the receiver holds it, and the server dies before it hears back.
    await held;
    first.proc.kill('SIGKILL');
    await first.exited;
    expect(deliveries.map((d) => d.event)).toEqual(['version.approved']);

    // Restarted on the same database: the pending delivery goes out again, and version.in-force (its effective
    // date is today) is announced by the start-up check.
    const second = await start(db);
    try {
      for (let i = 0; i < 100 && new Set(deliveries.map((d) => d.id)).size < 2; i++) await new Promise((r) => setTimeout(r, 100));
      const byId = new Map<string, Delivery[]>();
      for (const d of deliveries) byId.set(d.id, [...(byId.get(d.id) ?? []), d]);
      expect([...byId.values()].map((ds) => ds[0].event).sort()).toEqual(['version.approved', 'version.in-force']);
      // The interrupted one was sent twice with the same id (the receiver dedupes on it), everything else once.
      expect(byId.get(`version.approved.${approved.body.id}`)).toHaveLength(2);
      expect(byId.get(`version.in-force.${approved.body.id}`)).toHaveLength(1);
      const now = Math.floor(Date.now() / 1000);
      for (const d of deliveries) expect(verifySignature(hook.body.secret, d.body, d.signature, now), d.id).toBe(true);
      // Nothing more comes: both are recorded as delivered, the in-force event is not announced twice.
      const sent = deliveries.length;
      await new Promise((r) => setTimeout(r, 600));
      expect(deliveries).toHaveLength(sent);
      const log = await call(second.base, 'GET', `/units/${unit.id}/webhooks/${hook.body.id}/deliveries`, li);
      expect(log.body.map((d: { event: string; state: string }) => [d.event, d.state]).sort()).toEqual([
        ['version.approved', 'delivered'],
        ['version.in-force', 'delivered'],
      ]);
    } finally {
      second.proc.kill('SIGTERM');
      await second.exited;
    }
  });
});
