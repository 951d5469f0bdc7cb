// One content hash: the library's contentHash(doc) is the hash stored for a version, printed on its 报审 table and
// returned by classify.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, digests } from '../../server/engine/index.js';
import { type World, approvedScheme, world } from './helpers.js';
import type { ApiKeyCreated, ClassifyResponse, Version } from '../../server/schemas/api/index.js';

let w: World;
let scheme: number;
beforeAll(async () => {
  w = await world();
  scheme = await approvedScheme(w);
});
afterAll(() => w.close());

describe('content hash', () => {
  it('library == stored == version API == classify == export', async () => {
    const v = await w.as<Version>('archA', 'GET', `/api/v1/schemes/${scheme}/versions/1`);
    expect(v.status).toBe(200);
    const doc = v.body.document;
    const hash = contentHash(doc);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const row = w.db.prepare('SELECT hash, document FROM scheme_versions WHERE scheme_id = ? AND number = 1').get(scheme) as {
      hash: string;
      document: string;
    };
    expect(row.hash).toBe(hash);
    expect(contentHash(JSON.parse(row.document))).toBe(hash);
    expect(v.body.hash).toBe(hash);

    const key = (await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: 'OA' })).body.key;
    const c = await w.req<ClassifyResponse>('POST', `/api/v1/units/${w.ids.unitA}/classify`, {
      token: key,
      body: { title: '关于放假的通知', date: '2026-05-10' },
    });
    expect(c.status).toBe(200);
    expect(c.body.hash).toBe(hash);

    const html = await w.as('archA', 'GET', `/api/v1/schemes/${scheme}/versions/1/export?format=html`);
    expect(html.status).toBe(200);
    expect(html.text).toContain(hash);
    // The document a client holds may carry its version number: the hash is the same.
    expect(contentHash({ ...doc, version: 1 })).toBe(hash);
    expect(digests(doc).sha256).toBe(hash);
  });
});
