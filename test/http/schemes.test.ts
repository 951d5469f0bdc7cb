// HTTP tests of the scheme workflow: create from a baseline, edit drafts with If-Match, submit, approve, reject, supersede.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVAL, type World, approve, approvedScheme, draft, expectProblem, newScheme, put, submit, world } from './helpers.js';
import type {
  Analysis,
  AuditPage,
  Compliance,
  ComplianceProblem,
  Diff,
  ReviewQueueEntry,
  SchemeWithVersions,
  Version,
} from '../../server/schemas/api/index.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.close());

describe('creating a scheme', () => {
  it('copies a baseline into draft version 1 with the unit set and derivedFrom on every row', async () => {
    const r = await w.as<SchemeWithVersions>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/schemes`, {
      name: '文书档案',
      baseline: 'demo-enterprise',
    });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`/api/v1/schemes/${r.body.id}`);
    expect(r.body).toMatchObject({ unitId: w.ids.unitA, name: '文书档案', baselineId: 'demo-enterprise', createdBy: 'archA' });
    expect(r.body.versions).toMatchObject([{ number: 1, state: 'draft', createdBy: 'archA' }]);
    const { doc } = await draft(w, r.body.id, 1);
    expect(doc).toMatchObject({ unit: '甲有限公司', fonds: 'A001', kind: 'enterprise', version: 1, baseline: { id: 'demo-enterprise' } });
    expect(doc.baseline?.hash).toMatch(/^sha256:/);
    expect(doc.id).toBeUndefined();
    expect(doc.items.every((it) => it.derivedFrom === it.id)).toBe(true);
  });

  it('accepts a document instead of a baseline, and rejects an invalid one with paths', async () => {
    const { doc } = await draft(w, await newScheme(w), 1);
    const ok = await w.as('archA', 'POST', `/api/v1/units/${w.ids.unitA}/schemes`, { name: '自带文档', document: doc });
    expect(ok.status).toBe(201);
    const bad = await w.as('archA', 'POST', `/api/v1/units/${w.ids.unitA}/schemes`, { name: '坏文档', document: { ...doc, items: [] } });
    expectProblem(bad, 422);
    expect(bad.body.errors[0].path).toBe('/document/items');
  });

  it('needs a baseline or a document, and a baseline that exists', async () => {
    expectProblem(await w.as('archA', 'POST', `/api/v1/units/${w.ids.unitA}/schemes`, { name: '空' }), 400);
    const r = await w.as('archA', 'POST', `/api/v1/units/${w.ids.unitA}/schemes`, { name: '空', baseline: 'nope' });
    expectProblem(r, 400);
    expect(r.body.errors).toEqual([{ path: '/baseline', message: '基线不存在' }]);
  });

  it('lists the unit’s schemes with their versions', async () => {
    const id = await newScheme(w, 'archA', w.ids.unitA, '列表用的三合一表');
    const r = await w.as<SchemeWithVersions[]>('revX', 'GET', `/api/v1/units/${w.ids.unitA}/schemes`);
    expect(r.status).toBe(200);
    const listed = r.body.find((s) => s.id === id)!;
    expect(listed).toMatchObject({ id, unitId: w.ids.unitA, name: '列表用的三合一表' });
    expect(listed.versions.map((v) => [v.number, v.state])).toEqual([[1, 'draft']]);
  });
});

describe('editing a draft', () => {
  it('needs If-Match (428), refuses a stale one (412) and an invalid document (422), and bumps the ETag', async () => {
    const id = await newScheme(w);
    const { doc, etag } = await draft(w, id, 1);
    expect(etag).toBe('"v1.r1"');
    doc.items[1].scope = '本企业设立的申请、批复文件材料';
    expectProblem(await put(w, id, 1, doc, null), 428);
    const ok = await put(w, id, 1, doc, etag);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"v1.r2"');
    expect(ok.body).toMatchObject({ number: 1, state: 'draft', rev: 2 });
    const stale = await put(w, id, 1, doc, etag);
    expectProblem(stale, 412);
    const invalid = await put(w, id, 1, { ...doc, classes: [] }, '"v1.r2"');
    expectProblem(invalid, 422);
    expect(invalid.body.errors.map((e) => e.path)).toContain('/classes');
    const again = await draft(w, id, 1);
    expect(again.doc.items[1].scope).toBe('本企业设立的申请、批复文件材料');
    expect(again.doc.version).toBe(1);
  });

  it('keeps the version number in the document whatever the client sends', async () => {
    const id = await newScheme(w);
    const { doc, etag } = await draft(w, id, 1);
    await put(w, id, 1, { ...doc, version: 7 }, etag);
    expect((await draft(w, id, 1)).doc.version).toBe(1);
  });
});

describe('submitting', () => {
  it('refuses a draft whose tests fail, naming each failing test', async () => {
    const id = await newScheme(w);
    const { doc, etag } = await draft(w, id, 1);
    doc.tests![0].expect.retention = 'D10';
    await put(w, id, 1, doc, etag);
    const r = await submit(w, id);
    expectProblem(r, 422);
    expect(r.body.type).toMatch(/tests-failed$/);
    expect(r.body.errors[0].path).toBe('/tests/0');
  });

  it('freezes the content: no edits after submit, not even in the database', async () => {
    const id = await newScheme(w);
    const before = await draft(w, id, 1);
    const r = await submit(w, id);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: 'submitted', submittedBy: 'archA' });
    expect(r.body.hash).toMatch(/^sha256:/);
    expect(r.body.compliance).toMatchObject({ requiresJustification: false });
    const edit = await put(w, id, 1, before.doc, '"v1.r1"');
    expectProblem(edit, 409);
    expect(() => w.db.prepare("UPDATE scheme_versions SET document = '{}' WHERE scheme_id = ? AND number = 1").run(id)).toThrow(/frozen/);
    expectProblem(await submit(w, id), 409);
  });
});

describe('approving and rejecting', () => {
  it('approves with the bureau’s decision; approved content is immutable in the database', async () => {
    const id = await newScheme(w);
    await submit(w, id);
    const r = await approve(w, id, 1, 'revX', { comment: '同意' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      state: 'approved',
      decidedBy: 'revX',
      approvalNumber: APPROVAL.approvalNumber,
      decidedOn: '2026-03-02',
      effectiveFrom: '2026-03-01',
      backdateReason: APPROVAL.backdateReason,
      comment: '同意',
    });
    expect(() => w.db.prepare("UPDATE scheme_versions SET backdate_reason = 'x' WHERE scheme_id = ? AND number = 1").run(id)).toThrow(
      /frozen/,
    );
    expect(() => w.db.prepare("UPDATE scheme_versions SET document = '{}' WHERE scheme_id = ? AND number = 1").run(id)).toThrow(/frozen/);
    expect(() => w.db.prepare("UPDATE scheme_versions SET approval_number = 'x' WHERE scheme_id = ? AND number = 1").run(id)).toThrow(
      /frozen/,
    );
    expect(() => w.db.prepare("UPDATE scheme_versions SET state = 'draft' WHERE scheme_id = ? AND number = 1").run(id)).toThrow(
      /not allowed/,
    );
    expect(() => w.db.prepare('DELETE FROM scheme_versions WHERE scheme_id = ? AND number = 1').run(id)).toThrow(/only drafts/);
    expectProblem(await approve(w, id), 409);
  });

  it('enforces four eyes, also for admins', async () => {
    const id = await newScheme(w, 'admin');
    await submit(w, id, 1, 'admin');
    const own = await approve(w, id, 1, 'admin');
    expectProblem(own, 403);
    expect(own.body.detail).toMatch(/双人审核/);
    expect((await approve(w, id, 1, 'admin2')).status).toBe(200);
  });

  it('refuses to submit or approve a period proven shorter than the national floor — no justification waives it', async () => {
    const id = await newScheme(w);
    const { doc, etag } = await draft(w, id, 1);
    doc.items[1].retention = 'D30'; // 1.1: baseline 永久
    doc.tests![0].expect.retention = 'D30';
    expect((await put(w, id, 1, doc, etag)).status).toBe(200);
    const compliance = await w.as<Compliance>('revX', 'GET', `/api/v1/schemes/${id}/versions/1/compliance`);
    expect(compliance.body).toMatchObject({
      blocking: true,
      requiresJustification: false,
      baseline: { id: 'demo-enterprise', stale: false },
    });
    expect(compliance.body.findings.find((f) => f.kind === 'shorterRetention')).toMatchObject({
      item: '1.1',
      baselineRetention: 'Y',
      retention: 'D30',
      severity: 'error',
    });
    const refused = await submit<ComplianceProblem>(w, id);
    expectProblem(refused, 422);
    expect(refused.body.type).toMatch(/below-floor$/);
    expect(refused.body.detail).toMatch(/短于国家基线/);
    expect(refused.body.errors.map((e) => e.path)).toEqual(['/items/1/retention', '/baseline/tests/0']);
    expect(refused.body.findings).toHaveLength(2);
    expect((await w.as<Version>('archA', 'GET', `/api/v1/schemes/${id}/versions/1`)).body.state).toBe('draft');
  });

  it('requires a justification for findings that are not proofs (a baseline record now undecided), and records it', async () => {
    const id = await newScheme(w);
    const { doc, etag } = await draft(w, id, 1);
    doc.items[2].when = { in: ['年度工作计划', { var: 'title' }] }; // the baseline's “2024年度计划” no longer matches any row
    doc.tests = doc.tests!.filter((t) => t.name !== '年度计划');
    expect((await put(w, id, 1, doc, etag)).status).toBe(200);
    const compliance = await w.as<Compliance>('revX', 'GET', `/api/v1/schemes/${id}/versions/1/compliance`);
    expect(compliance.body).toMatchObject({ blocking: false, requiresJustification: true });
    expect((await submit(w, id)).status).toBe(200);
    const refused = await approve<ComplianceProblem>(w, id);
    expectProblem(refused, 422);
    expect(refused.body.errors).toEqual([{ path: '/justification', message: expect.any(String) }]);
    expect(refused.body.findings?.map((f) => f.kind)).toEqual(['testUndecided']);
    const ok = await approve(w, id, 1, 'revX', { justification: '年度计划由办公室另行按30年保管，已在归档流程中人工判断' });
    expect(ok.status).toBe(200);
    expect(ok.body.justification).toBe('年度计划由办公室另行按30年保管，已在归档流程中人工判断');
  });

  it('rejects with a reason; a rejected version can be copied into a new draft', async () => {
    const id = await newScheme(w);
    await submit(w, id);
    expectProblem(await w.as('revX', 'POST', `/api/v1/schemes/${id}/versions/1/reject`, {}), 400);
    const r = await w.as('revX', 'POST', `/api/v1/schemes/${id}/versions/1/reject`, { reason: '归档范围不完整' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: 'rejected', rejectReason: '归档范围不完整', decidedBy: 'revX' });
    const copy = await w.as('archA', 'POST', `/api/v1/schemes/${id}/versions`, { from: 1 });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ number: 2, state: 'draft', copiedFrom: 1 });
    expect(copy.headers.get('etag')).toBe('"v2.r1"');
    expect((await draft(w, id, 2)).doc.version).toBe(2);
    expectProblem(await w.as('archA', 'POST', `/api/v1/schemes/${id}/versions`, { from: 1 }), 409);
    expectProblem(await w.as('archA', 'POST', `/api/v1/schemes/${id}/versions`, { from: 9 }), 404);
  });

  it('supersedes the approved version once a newer one takes effect', async () => {
    const id = await approvedScheme(w);
    const v2 = await w.as('archA', 'POST', `/api/v1/schemes/${id}/versions`, { from: 1 });
    expect(v2.status).toBe(201);
    await submit(w, id, 2);
    const early = await approve(w, id, 2, 'revX', { effectiveFrom: '2026-02-01' });
    expectProblem(early, 409);
    expect(early.body.errors[0].path).toBe('/effectiveFrom');
    const later = await approve(w, id, 2, 'revX', { effectiveFrom: '2026-06-01' });
    expect(later.status).toBe(200);
    let scheme = await w.as<SchemeWithVersions>('archA', 'GET', `/api/v1/schemes/${id}`);
    expect(scheme.body.versions.map((v) => v.state)).toEqual(['approved', 'approved']);
    w.now.value = new Date('2026-06-01T00:30:00Z'); // 08:30 in China: the new version is in force
    scheme = await w.as<SchemeWithVersions>('archA', 'GET', `/api/v1/schemes/${id}`);
    expect(scheme.body.versions.map((v) => v.state)).toEqual(['superseded', 'approved']); // shown at once
    expect(scheme.body.versions[0].supersededAt).toBe(null); // a GET writes nothing
    expect(
      (await w.as<AuditPage>('admin', 'GET', `/api/v1/audit?scheme=${id}`)).body.entries.some((e) => e.action === 'version.supersede'),
    ).toBe(false);
    w.now.value = new Date('2026-06-01T01:00:00Z');
    w.app.services.supersede.sweep(); // the hourly housekeeping records the move
    scheme = await w.as<SchemeWithVersions>('archA', 'GET', `/api/v1/schemes/${id}`);
    expect(scheme.body.versions.map((v) => v.state)).toEqual(['superseded', 'approved']);
    expect(scheme.body.versions[0].supersededAt).toBe('2026-06-01T01:00:00.000Z');
    const audit = await w.as<AuditPage>('admin', 'GET', `/api/v1/audit?scheme=${id}`);
    expect(audit.body.entries.find((e) => e.action === 'version.supersede')).toMatchObject({
      actor: 'system',
      version: 1,
      after: { state: 'superseded', by: 2 },
    });
    w.now.value = new Date('2026-03-02T02:00:00Z');
  });
});

describe('reviewer views', () => {
  it('shows the review queue to supervising reviewers only', async () => {
    const id = await newScheme(w);
    await submit(w, id);
    const x = await w.as<ReviewQueueEntry[]>('revX', 'GET', '/api/v1/review/queue');
    expect(x.status).toBe(200);
    expect(x.body.find((e) => e.schemeId === id)).toMatchObject({
      number: 1,
      state: 'submitted',
      unit: { id: w.ids.unitA, fonds: 'A001' },
      submittedBy: 'archA',
    });
    const y = await w.as<ReviewQueueEntry[]>('revY', 'GET', '/api/v1/review/queue');
    expect(y.body.find((e) => e.schemeId === id)).toBeUndefined();
    expect((await w.as<ReviewQueueEntry[]>('admin', 'GET', '/api/v1/review/queue')).body.find((e) => e.schemeId === id)).toBeDefined();
    expectProblem(await w.as('archA', 'GET', '/api/v1/review/queue'), 403);
  });

  it('analyses a version: validity, tests and findings', async () => {
    const id = await newScheme(w);
    const r = await w.as<Analysis>('revX', 'GET', `/api/v1/schemes/${id}/versions/1/analysis`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ valid: true, errors: [], tests: { passed: 5, failed: 0 } });
    expect(Array.isArray(r.body.findings)).toBe(true);
  });

  it('diffs two versions by meaning, flagging shortened periods', async () => {
    const id = await approvedScheme(w);
    await w.as('archA', 'POST', `/api/v1/schemes/${id}/versions`, { from: 1 });
    const { doc, etag } = await draft(w, id, 2);
    doc.items[4].retention = 'D30';
    doc.items[2].retention = 'D10';
    doc.tests![1].expect.retention = 'D10';
    expect((await put(w, id, 2, doc, etag)).status).toBe(200);
    const r = await w.as<Diff>('revX', 'GET', `/api/v1/schemes/${id}/diff?from=1&to=2`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ from: 1, to: 2, flagged: true });
    expect(r.body.items.retentionLengthened.map((x) => x.id)).toEqual(['3']);
    expect(r.body.items.retentionShortened).toMatchObject([{ id: '1.2', flag: 'shortened' }]);
    expectProblem(await w.as('revX', 'GET', `/api/v1/schemes/${id}/diff?from=1`), 400);
    expectProblem(await w.as('revX', 'GET', `/api/v1/schemes/${id}/diff?from=1&to=9`), 404);
  });
});
