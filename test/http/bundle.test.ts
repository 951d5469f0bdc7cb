// Signed bundles: who may fetch them, ETag polling, and loadBundle classifying offline exactly as the service does.
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleInvalidError, ClassifyRefusedError, loadBundle } from '../../server/engine/bundle.js';
import type { Bundle } from '../../server/engine/bundle-format.js';
import type { ApiKeyCreated, ClassifyResponse, PublicKeysWire } from '../../server/schemas/api/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { keyFileFor } from '../../server/services/bundles/signing-keys.js';
import { conformance } from './openapi-conformance.js';
import { type World, approve, approvedScheme, draft, expectProblem, put, submit, world } from './helpers.js';

let w: World;
let scheme: number;
let apiKey: string;

/** Unit A: version 1 in force from 2026-03-01; version 2 (通知 kept 30 years, not 10) from 2026-06-01. */
beforeAll(async () => {
  w = await world();
  scheme = await approvedScheme(w);
  expect((await w.as('archA', 'POST', `/api/v1/schemes/${scheme}/versions`, { from: 1 })).status).toBe(201);
  const { doc, etag }: { doc: Scheme; etag: string } = await draft(w, scheme, 2);
  doc.items.find((i) => i.id === '3')!.retention = 'D30';
  doc.tests = doc.tests!.map((t) => (t.expect.item === '3' ? { ...t, expect: { ...t.expect, retention: 'D30' } } : t));
  expect((await put(w, scheme, 2, doc, etag)).status).toBe(200);
  expect((await submit(w, scheme, 2)).status).toBe(200);
  expect((await approve(w, scheme, 2, 'revX', { effectiveFrom: '2026-06-01' })).status).toBe(200);
  const k = await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: 'OA 系统' });
  apiKey = k.body.key;
});
afterAll(() => w.close());

const bundleUrl = () => `/api/v1/units/${w.ids.unitA}/bundle`;
const fetchBundle = (headers: Record<string, string> = {}) => w.req<Bundle>('GET', bundleUrl(), { token: apiKey, headers });
const publicKeys = async () => (await w.req<PublicKeysWire>('GET', '/api/v1/keys')).body.keys;

const RECORDS = [
  { title: '关于放假的通知', date: '2026-05-01' }, // version 1: 10 years
  { title: '关于放假的通知', date: '2026-06-01' }, // version 2 from its effective date: 30 years
  { title: '关于放假的通知', date: '2027-01-05T09:30:00+08:00' },
  { title: '厂房建设合同', amount: 5_000_000, date: '2026-07-01' },
  { title: '关于设立本公司的申请' }, // no date: as of today (2026-03-02 in the test clock) → version 1
  { title: '会议纪要', date: '2026-04-01', unknownField: 1 },
];

describe('GET /units/{unit}/bundle', () => {
  it('is signed, lists every approved version with its approval, baseline, digests and the chain head', async () => {
    const r = await fetchBundle();
    expect(r.status).toBe(200);
    const b = r.body;
    expect(b.format).toBe('sanheyi.bundle/1');
    expect(b.unit).toEqual({ id: w.ids.unitA, name: '甲有限公司', fonds: 'A001', kind: 'enterprise' });
    expect(b.versions.map((v) => [v.number, v.state, v.effectiveFrom, v.approvalNumber])).toEqual([
      [1, 'approved', '2026-03-01', '某档复〔2026〕12号'],
      [2, 'approved', '2026-06-01', '某档复〔2026〕12号'],
    ]);
    expect(b.versions[0].baseline).toMatchObject({ id: 'demo-enterprise', hash: expect.stringMatching(/^sha256:/) });
    expect(b.versions[0].digests.sha256).toBe(b.versions[0].hash);
    expect(b.versions[0].digests.sm3).toMatch(/^sm3:[0-9a-f]{64}$/);
    const head = w.app.services.stores.audit.list({ limit: 1 })[0];
    expect(b.auditHead).toEqual({ id: head.id, hash: head.hash });
    expect(b.signature).toMatchObject({ keyId: (await publicKeys())[0].id, algorithm: 'Ed25519' });
    const openapi = conformance((await w.req<object>('GET', '/api/v1/openapi.json')).body);
    openapi.conforms('Bundle', b);
    openapi.conforms('PublicKeys', (await w.req('GET', '/api/v1/keys')).body);
  });

  it('answers the unit’s API keys and users who may read the unit, no one else', async () => {
    expect((await w.as('archA', 'GET', bundleUrl())).status).toBe(200);
    expect((await w.as('revX', 'GET', bundleUrl())).status).toBe(200);
    expectProblem(await w.as('archB', 'GET', bundleUrl()), 404);
    expectProblem(await w.as('revY', 'GET', bundleUrl()), 404);
    expectProblem(await w.as(null, 'GET', bundleUrl()), 401);
    expectProblem(await w.req('GET', `/api/v1/units/${w.ids.unitB}/bundle`, { token: apiKey }), 404);
    expectProblem(await w.as('archB', 'GET', `/api/v1/units/${w.ids.unitB}/bundle`), 409); // no approved version
    expectProblem(await w.req('GET', `${bundleUrl()}?x=1`, { token: apiKey }), 400);
  });

  it('answers 304 to If-None-Match while nothing was approved, even as the audit log grows', async () => {
    const first = await fetchBundle();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"bundle\./);
    await w.as('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: '另一个系统' }); // an audited change
    const again = await fetchBundle({ 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect((await fetchBundle({ 'if-none-match': '"other"' })).status).toBe(200);
  });
});

describe('loadBundle', () => {
  it('classifies the same records with the same answers as the service, 409 before the first version included', async () => {
    const local = loadBundle((await fetchBundle()).text, await publicKeys(), { now: () => w.now.value });
    for (const record of RECORDS) {
      const remote = await w.req<ClassifyResponse>('POST', `/api/v1/units/${w.ids.unitA}/classify`, { token: apiKey, body: record });
      expect(remote.status, JSON.stringify(record)).toBe(200);
      // `reviewId` names the service's decision-log entry of a review outcome: there is no log offline.
      const { reviewId: _logged, ...answer } = remote.body;
      expect(JSON.parse(JSON.stringify(local.classify(record)))).toEqual(answer);
    }
    const hits = RECORDS.slice(0, 3).map((r) => local.classify(r));
    expect(hits.map((h) => [h.version, h.retention?.code])).toEqual([
      [1, 'D10'],
      [2, 'D30'],
      [2, 'D30'],
    ]);

    const early = { title: '关于放假的通知', date: '2026-02-28' };
    const remote = await w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, { token: apiKey, body: early });
    expectProblem(remote, 409);
    const refused = (() => {
      try {
        local.classify(early);
        return undefined;
      } catch (e) {
        return e as ClassifyRefusedError;
      }
    })();
    expect(refused).toBeInstanceOf(ClassifyRefusedError);
    expect({ type: `https://sanheyi.dev/problems/${refused!.code}`, detail: refused!.detail, errors: refused!.errors }).toEqual({
      type: remote.body.type,
      detail: remote.body.detail,
      errors: remote.body.errors,
    });

    const pinned = await w.req('POST', `/api/v1/units/${w.ids.unitA}/classify?version=1`, { token: apiKey, body: early });
    expect(JSON.parse(JSON.stringify(local.classify(early, { version: 1 })))).toEqual(pinned.body);

    const bad = { title: '通知', date: '2026-02-30' };
    const remoteBad = await w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, { token: apiKey, body: bad });
    expectProblem(remoteBad, 422);
    expect(() => local.classify(bad)).toThrow(ClassifyRefusedError);
  });

  const refusal = (text: string, keys: unknown[]) => {
    try {
      loadBundle(text, keys as never);
    } catch (e) {
      expect(e).toBeInstanceOf(BundleInvalidError);
      return (e as BundleInvalidError).errors;
    }
    throw new Error('accepted a tampered bundle');
  };

  it('refuses a bundle with one byte changed, saying where', async () => {
    const text = (await fetchBundle()).text;
    const keys = await publicKeys();
    // A row's wording in version 2's document: its hash and both digests no longer match.
    const inDoc = text.replace('一般行政事务通知', '一般行政事务通告');
    expect(inDoc).not.toBe(text);
    const docErrors = refusal(inDoc, keys);
    expect(docErrors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['/versions/0/hash', '/versions/0/digests/sha256', '/versions/0/digests/sm3', '/signature/value']),
    );
    expect(docErrors[0].message).toContain('第 1 版');
    // The effective date: only the signature can tell.
    const inDate = text.replace('"effectiveFrom":"2026-06-01"', '"effectiveFrom":"2026-06-02"');
    expect(inDate).not.toBe(text);
    expect(refusal(inDate, keys)).toEqual([{ path: '/signature/value', message: expect.stringContaining('签名不符') }]);
    // Not JSON any more.
    expect(refusal(text.slice(0, -1), keys)[0]).toMatchObject({ path: '/', message: expect.stringContaining('JSON') });
    // Someone else's key.
    expect(refusal(text, [{ id: 'ed25519:0000000000000000', publicKey: keys[0].publicKey }])[0].path).toBe('/signature/keyId');
  });

  it('keeps verifying bundles signed before a key rotation; new bundles are signed with the new key', async () => {
    const before = await fetchBundle();
    const keyFile = keyFileFor(w.db.name);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const fresh = w.app.services.bundles.keys.rotate();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const listed = await w.req<PublicKeysWire>('GET', '/api/v1/keys');
    expect(listed.body.current).toBe(fresh.id);
    expect(listed.body.keys.map((k) => [k.id, k.retiredAt === null])).toEqual([
      [before.body.signature.keyId, false],
      [fresh.id, true],
    ]);
    expect(loadBundle(before.text, listed.body.keys).versions).toHaveLength(2);
    const after = await fetchBundle({ 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200); // the signing key is part of the ETag
    expect(after.body.signature.keyId).toBe(fresh.id);
    expect(loadBundle(after.body, listed.body.keys).scheme.id).toBe(scheme);
  });
});
