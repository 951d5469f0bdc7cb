// HTTP tests of the audit log: every change recorded with before/after in its transaction, hash-chained, filtered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../server/store/audit-store.js';
import type { AuditPage, ChainCheck } from '../../server/schemas/api/index.js';
import { type World, approvedScheme, draft, expectProblem, newScheme, put, world } from './helpers.js';

let w: World;
let schemeA: number;
let schemeB: number;
beforeAll(async () => {
  w = await world();
  schemeA = await approvedScheme(w);
  const { doc, etag } = await draft(w, schemeA, 1);
  await w.as('archA', 'POST', `/api/v1/schemes/${schemeA}/versions`, { from: 1 });
  await put(w, schemeA, 2, doc, '"v2.r1"');
  void etag;
  w.now.value = new Date('2026-04-10T02:00:00Z');
  schemeB = await newScheme(w, 'archB', w.ids.unitB);
});
afterAll(() => w.close());

describe('audit entries', () => {
  it('records each state change and edit with who, when, before and after', async () => {
    const r = await w.as<AuditPage>('admin', 'GET', `/api/v1/audit?scheme=${schemeA}`);
    expect(r.status).toBe(200);
    const actions = r.body.entries.map((e) => e.action).reverse();
    expect(actions).toEqual(['scheme.create', 'version.submit', 'version.approve', 'version.create', 'version.edit']);
    const approve = r.body.entries.find((e) => e.action === 'version.approve');
    expect(approve).toMatchObject({
      actor: 'revX',
      unitId: w.ids.unitA,
      schemeId: schemeA,
      version: 1,
      before: { state: 'submitted' },
      after: { state: 'approved', approvalNumber: expect.any(String), effectiveFrom: '2026-03-01' },
    });
    const edit = r.body.entries.find((e) => e.action === 'version.edit');
    expect(edit?.before).toMatchObject({ rev: 1 });
    expect(edit?.after).toMatchObject({ rev: 2, document: { format: 'sanheyi.scheme/1' } });
    expect(edit?.at).toBe('2026-03-02T02:00:00.000Z');
  });

  it('chains every entry to the previous one', async () => {
    const rows = w.db.prepare('SELECT id, prev_hash, hash FROM audit_log ORDER BY id').all() as {
      id: number;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    const v = await w.as<ChainCheck>('admin', 'GET', '/api/v1/audit/verify');
    expect(v.body).toMatchObject({ ok: true, entries: rows.length, keyedFrom: 1, versions: { problems: [] } });
    expectProblem(await w.as('revX', 'GET', '/api/v1/audit/verify'), 403);
  });

  it('is append-only in the database', () => {
    expect(() => w.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => w.db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/);
  });

  it('filters by unit, scheme and time within what the caller may see', async () => {
    const b = await w.as<AuditPage>('revY', 'GET', `/api/v1/audit?unit=${w.ids.unitB}`);
    expect(b.body.entries.map((e) => [e.action, e.schemeId])).toContainEqual(['scheme.create', schemeB]);
    expect(b.body.entries.every((e) => e.unitId === w.ids.unitB)).toBe(true);
    const mine = await w.as<AuditPage>('archA', 'GET', '/api/v1/audit');
    expect(mine.body.entries.every((e) => e.unitId === w.ids.unitA)).toBe(true);
    expect(mine.body.entries.some((e) => e.schemeId === schemeA)).toBe(true);
    const april = await w.as<AuditPage>('admin', 'GET', '/api/v1/audit?from=2026-04-10&to=2026-04-10');
    expect(april.body.entries.map((e) => e.schemeId)).toEqual([schemeB]);
    const march = await w.as<AuditPage>('admin', 'GET', '/api/v1/audit?to=2026-03-31');
    expect(march.body.entries.some((e) => e.schemeId === schemeB)).toBe(false);
    const page = await w.as<AuditPage>('admin', 'GET', '/api/v1/audit?limit=2');
    expect(page.body.entries).toHaveLength(2);
    const next = await w.as<AuditPage>('admin', 'GET', `/api/v1/audit?limit=2&before=${page.body.nextBefore}`);
    expect(next.body.entries[0].id).toBe(page.body.nextBefore! - 1);
    expectProblem(await w.as<AuditPage>('archA', 'GET', `/api/v1/audit?unit=${w.ids.unitB}`), 404);
    expectProblem(await w.as<AuditPage>('archA', 'GET', `/api/v1/audit?scheme=${schemeB}`), 404);
    expectProblem(await w.as<AuditPage>('admin', 'GET', '/api/v1/audit?limit=5000'), 400);
    expectProblem(await w.as<AuditPage>('admin', 'GET', '/api/v1/audit?from=yesterday'), 400);
  });

  it('detects tampering: an edited entry breaks the chain', async () => {
    w.db.exec('DROP TRIGGER audit_log_no_update');
    w.db.prepare('UPDATE audit_log SET after = \'{"state":"approved","approvalNumber":"伪造"}\' WHERE action = \'version.approve\'').run();
    const v = await w.as<ChainCheck>('admin', 'GET', '/api/v1/audit/verify');
    expect(v.body).toMatchObject({ ok: false, reason: '记录内容与其密钥签名不符' });
    const id = (w.db.prepare("SELECT id FROM audit_log WHERE action = 'version.approve'").get() as { id: number }).id;
    expect(v.body.brokenAt).toBe(id);
  });
});
