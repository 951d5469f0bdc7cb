// A unit's copy of a national baseline keeps the baseline's parameter references ({"param": "largeAmount"}), so the
// unit's own 大额资金标准 decides its 重要的/一般的 branches; the baseline is served as stored, matching its ETag.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../server/engine/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import type { SchemeWithVersions, TryResponse, Version } from '../../server/schemas/api/index.js';
import { type World, world } from './helpers.js';

const SHIPPED = fileURLToPath(new URL('../../rulesets/', import.meta.url));
let w: World;

beforeAll(async () => {
  w = await world({ rulesetsDir: SHIPPED });
});
afterAll(() => w.close());

describe('parameters of a baseline copy', () => {
  it('are referenced, not replaced by the baseline’s values, so the unit’s own value decides', async () => {
    const created = await w.as<SchemeWithVersions>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/schemes`, {
      name: '文书档案三合一表',
      baseline: 'enterprise-baseline',
    });
    expect(created.status).toBe(201);
    const doc = (await w.as<Version>('archA', 'GET', `/api/v1/schemes/${created.body.id}/versions/1`)).body.document as Scheme;
    expect(JSON.stringify(doc)).toContain('{">=":[{"var":"contract.amount"},{"param":"largeAmount"}]}');

    // A 6,000,000 元 contract: 重要的 by its amount under the baseline's 5,000,000 standard, not under the unit's 10,000,000.
    const contract = { title: '关于设备采购的合同', docType: '合同', origin: 'own', date: '2026-05-01', contract: { amount: 6_000_000 } };
    const withStandard = (value: number): Scheme => ({
      ...doc,
      parameters: (doc.parameters ?? []).map((p) => (p.name === 'largeAmount' ? { ...p, value } : p)),
    });
    const tried = async (d: Scheme) =>
      (await w.as<TryResponse>('archA', 'POST', '/api/v1/try', { document: d, records: [contract] })).body.results[0]!;
    const baseline = await tried(withStandard(5_000_000));
    const unitOwn = await tried(withStandard(10_000_000));
    expect(baseline).toMatchObject({ item: { id: '7.4' }, retention: { code: 'Y' } });
    // Under the unit's standard the amount no longer makes it 重要的: the row's stated default (从长) decides, and says so.
    expect(unitOwn).toMatchObject({ item: { id: '7.4' }, decidedBy: 'default' });
    expect(baseline.decidedBy).toBeUndefined();
  });

  it('are served as stored by GET /baselines/{id}, whose ETag is that document’s hash', async () => {
    const r = await w.as<Scheme>('archA', 'GET', '/api/v1/baselines/enterprise-baseline');
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).toContain('{"param":"largeAmount"}');
    expect(r.headers.get('etag')).toBe(`"${contentHash(r.body)}"`);
  });
});
