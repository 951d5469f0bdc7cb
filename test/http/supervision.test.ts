// HTTP tests of the supervision view and unit changes: who sees which units, states, revision due, filters, export.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { AuditPage, Problem, SupervisionPageWire, UnitChangeWire } from '../../server/schemas/api/index.js';
import { APPROVAL, approve, draft, FIXTURE_RULESETS, newScheme, PASSWORD, put, submit, TEST_SCRYPT, type World, world } from './helpers.js';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(() => w.close());

const units = (r: { body: { rows: { unit: { id: number } }[] } }) => r.body.rows.map((x) => x.unit.id).sort((a, b) => a - b);

/** A: approved v1 (2026-03-01) with one waived finding; B: submitted; S (P's subsidiary): a draft; P: nothing. */
async function seed(): Promise<{ a: number; b: number; s: number }> {
  const a = await newScheme(w);
  const { doc, etag } = await draft(w, a, 1);
  doc.items[2].when = { in: ['年度工作计划', { var: 'title' }] }; // the baseline's 年度计划 record is now undecided (a warning)
  doc.tests = doc.tests!.filter((t) => t.name !== '年度计划');
  expect((await put(w, a, 1, doc, etag)).status).toBe(200);
  expect((await submit(w, a)).status).toBe(200);
  expect((await approve(w, a, 1, 'revX', { justification: '年度计划另行人工判断' })).status).toBe(200);
  const b = await newScheme(w, 'archB', w.ids.unitB);
  expect((await submit(w, b, 1, 'archB')).status).toBe(200);
  const s = await newScheme(w, 'archS', w.ids.subS);
  return { a, b, s };
}

describe('GET /supervision/units', () => {
  it('a bureau reviewer sees its units and, through the parent enterprise, its subsidiary — never another bureau’s', async () => {
    await seed();
    const x = await w.as<SupervisionPageWire>('revX', 'GET', '/api/v1/supervision/units');
    expect(x.status).toBe(200);
    expect(units(x)).toEqual([w.ids.unitA, w.ids.parentP, w.ids.subS].sort((a, b) => a - b));
    expect(x.body.rows.find((r) => r.unit.id === w.ids.subS)).toMatchObject({
      depth: 2,
      supervisor: { id: w.ids.parentP },
      state: 'draft',
    });
    const y = await w.as<SupervisionPageWire>('revY', 'GET', '/api/v1/supervision/units');
    expect(units(y)).toEqual([w.ids.unitB]);
    expect(y.body.rows[0]).toMatchObject({ state: 'submitted', open: { number: 1, state: 'submitted' } });
    expect(units(await w.as<SupervisionPageWire>('revP', 'GET', '/api/v1/supervision/units'))).toEqual([w.ids.subS]);
    expect(units(await w.as<SupervisionPageWire>('admin', 'GET', '/api/v1/supervision/units'))).toHaveLength(4);
  });

  it('archivists and API-less callers may not', async () => {
    expect((await w.as<SupervisionPageWire>('archA', 'GET', '/api/v1/supervision/units')).status).toBe(403);
    expect((await w.as(null, 'GET', '/api/v1/supervision/units')).status).toBe(401);
  });

  it('rows carry the 批复, the age, the revision date and the waived findings; counts sit on top', async () => {
    await seed();
    w.now.value = new Date('2027-03-01T02:00:00Z');
    const r = await w.as<SupervisionPageWire>('revX', 'GET', '/api/v1/supervision/units');
    const a = r.body.rows.find((x) => x.unit.id === w.ids.unitA);
    expect(a).toMatchObject({
      state: 'approved',
      inForce: { number: 1, approvalNumber: APPROVAL.approvalNumber, approvedOn: '2026-03-02', effectiveFrom: '2026-03-01', ageDays: 364 },
      revision: { status: 'ok', dueOn: '2031-03-02', reasons: [] },
      findings: { waived: 1, open: 0, openErrors: 0 },
    });
    expect(r.body).toMatchObject({ today: '2027-03-01', total: 3, offset: 0 });
    expect(r.body.counts).toEqual({
      units: 3,
      states: { none: 1, draft: 1, submitted: 0, approved: 1, rejected: 0 },
      withoutApproved: 2,
      revisionDue: 0,
      revisionSoon: 0,
      withOpenFindings: 0,
      withWaivedFindings: 1,
      calls: 0,
      review: 0,
    });
  });

  it('a table approved five years ago is due for revision', async () => {
    // Submitted and decided in 2021 (a decision is not dated before its submission, nor after its day), read in 2026.
    w.close();
    w = await world({ start: '2021-03-02T02:00:00Z' });
    const a = await newScheme(w);
    expect((await submit(w, a)).status).toBe(200);
    expect((await approve(w, a, 1, 'revX', { decidedOn: '2021-03-02', effectiveFrom: '2021-04-01' })).status).toBe(200);
    w.now.value = new Date('2026-03-02T02:00:00Z');
    const login = await w.req<{ token: string }>('POST', '/api/v1/auth/login', { body: { username: 'revX', password: PASSWORD } });
    w.tokens.revX = login.body.token;
    const due = await w.as<SupervisionPageWire>('revX', 'GET', '/api/v1/supervision/units?revision=due');
    expect(due.body.rows.map((x) => x.unit.id)).toEqual([w.ids.unitA]);
    expect(due.body.rows[0].revision).toEqual({
      status: 'due',
      dueOn: '2026-03-02',
      reasons: [{ kind: 'age', since: '2021-03-02', years: 5 }],
    });
    expect(due.body.counts.revisionDue).toBe(1);
  });

  it('filters by state, findings and text, pages, and names a bad filter’s path', async () => {
    await seed();
    const q = (s: string) => w.as<SupervisionPageWire>('revX', 'GET', `/api/v1/supervision/units?${s}`);
    expect(units(await q('state=unapproved'))).toEqual([w.ids.parentP, w.ids.subS].sort((a, b) => a - b));
    expect(units(await q('state=none'))).toEqual([w.ids.parentP]);
    expect(units(await q('findings=waived'))).toEqual([w.ids.unitA]);
    expect(units(await q('q=子公司'))).toEqual([w.ids.subS]);
    expect(units(await q('q=s001'))).toEqual([w.ids.subS]);
    const page = await q('sort=fonds&offset=1&limit=1');
    expect(page.body).toMatchObject({ total: 3, offset: 1, limit: 1 });
    expect(page.body.rows.map((x) => x.unit.fonds)).toEqual(['P001']);
    const bad = await w.as<Problem>('revX', 'GET', '/api/v1/supervision/units?state=maybe&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path).sort()).toEqual(['/query/limit', '/query/state']);
  });

  it('a submitted version’s findings are open; a rejection shows as rejected', async () => {
    const b = await newScheme(w, 'archB', w.ids.unitB);
    const { doc, etag } = await draft(w, b, 1, 'archB');
    doc.items[2].when = { in: ['年度工作计划', { var: 'title' }] };
    doc.tests = doc.tests!.filter((t) => t.name !== '年度计划');
    expect((await put(w, b, 1, doc, etag, 'archB')).status).toBe(200);
    expect((await submit(w, b, 1, 'archB')).status).toBe(200);
    const open = await w.as<SupervisionPageWire>('revY', 'GET', '/api/v1/supervision/units?findings=open');
    expect(open.body.rows[0]).toMatchObject({ state: 'submitted', findings: { open: 1, openErrors: 0, waived: 0 } });
    expect(open.body.counts.withOpenFindings).toBe(1);
    const rej = await w.as('revY', 'POST', `/api/v1/schemes/${b}/versions/1/reject`, {
      reason: '请补充年度计划条款',
      decidedOn: '2026-03-02',
    });
    expect(rej.status).toBe(200);
    const after = await w.as<SupervisionPageWire>('revY', 'GET', '/api/v1/supervision/units');
    expect(after.body.rows[0]).toMatchObject({
      state: 'rejected',
      rejected: { number: 1, on: '2026-03-02', reason: '请补充年度计划条款' },
    });
  });

  it('runs the compliance check once per frozen version, not once per request', async () => {
    await seed();
    await w.as<SupervisionPageWire>('revX', 'GET', '/api/v1/supervision/units');
    const runs = w.app.services.supervision.complianceRuns;
    expect(runs).toBe(1);
    await w.as<SupervisionPageWire>('admin', 'GET', '/api/v1/supervision/units');
    expect(w.app.services.supervision.complianceRuns).toBe(2); // B's submitted version, seen first by the admin
    await w.as<SupervisionPageWire>('revX', 'GET', '/api/v1/supervision/units');
    await w.as<SupervisionPageWire>('admin', 'GET', '/api/v1/supervision/units');
    expect(w.app.services.supervision.complianceRuns).toBe(2);
    // Stored with the version: a restarted service (a new app on the same database) checks nothing again.
    const again = createApp({ db: w.db, clock: () => w.now.value, rulesetsDir: FIXTURE_RULESETS, log: () => {}, scrypt: TEST_SCRYPT });
    const admin = again.services.stores.users.byUsername('admin')!;
    const page = again.services.supervision.page({ kind: 'user', user: admin }, {});
    expect(page.rows.find((r) => r.unit.id === w.ids.unitA)?.findings).toEqual({ waived: 1, open: 0, openErrors: 0 });
    expect(again.services.supervision.complianceRuns).toBe(0);
  });
});

describe('classification figures of the last 30 days', () => {
  it('come from the decision log: calls, outcome shares, what causes reviews; older calls drop out', async () => {
    await seed();
    const classify = (record: object) => w.as('archA', 'POST', `/api/v1/units/${w.ids.unitA}/classify`, record);
    for (const record of [
      { title: 'x', date: '2026-03-02' },
      { title: 'y', date: '2026-03-02' },
      { title: '2026年度计划', date: '2026-03-02' },
    ]) {
      expect((await classify(record)).status).toBe(200);
    }
    const r = await w.as<SupervisionPageWire>('revX', 'GET', '/api/v1/supervision/units?sort=review');
    const a = r.body.rows[0];
    expect(a.unit.id).toBe(w.ids.unitA);
    expect(a.figures.calls).toBe(3);
    expect(a.figures.filed + a.figures.excluded + a.figures.review).toBe(3);
    expect(a.figures.review).toBeGreaterThanOrEqual(2);
    expect(a.figures.reviewShare).toBeCloseTo(a.figures.review / 3);
    expect(r.body.counts).toMatchObject({ calls: 3, review: a.figures.review });
    expect(r.body.rows.find((x) => x.unit.id === w.ids.parentP)?.figures).toMatchObject({ calls: 0, reviewShare: null });
    w.now.value = new Date('2026-04-02T02:00:00Z');
    expect((await w.as<SupervisionPageWire>('revX', 'GET', '/api/v1/supervision/units?sort=review')).body.counts.calls).toBe(0);
  });
});

describe('unit changes (POST/GET /orgs/{id}/changes)', () => {
  const change = { kind: 'restructuring', occurredOn: '2026-02-10', description: '完成混合所有制改制', reference: '某国资〔2026〕8号' };

  it('admins record a change; the table in force becomes due; it is audited', async () => {
    await seed();
    w.now.value = new Date('2026-06-01T02:00:00Z');
    const r = await w.as<UnitChangeWire>('admin', 'POST', `/api/v1/orgs/${w.ids.unitA}/changes`, { ...change, occurredOn: '2026-05-10' });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`/api/v1/orgs/${w.ids.unitA}/changes/${r.body.id}`);
    expect(r.body).toMatchObject({ ...change, occurredOn: '2026-05-10', unitId: w.ids.unitA, recordedBy: 'admin' });
    const v = await w.as<SupervisionPageWire>('revX', 'GET', '/api/v1/supervision/units?revision=due');
    expect(v.body.rows[0]).toMatchObject({
      unit: { id: w.ids.unitA },
      revision: { status: 'due', reasons: [{ kind: 'change', changeId: r.body.id, change: 'restructuring', occurredOn: '2026-05-10' }] },
    });
    const audit = await w.as<AuditPage>('admin', 'GET', `/api/v1/audit?unit=${w.ids.unitA}`);
    expect(audit.body.entries[0]).toMatchObject({ action: 'unit.change', subject: `unit_change:${r.body.id}`, actor: 'admin' });
    expect((await w.as('revX', 'GET', `/api/v1/orgs/${w.ids.unitA}/changes`)).body).toEqual([r.body]);
    expect(() => w.db.prepare('DELETE FROM unit_changes').run()).toThrow(/append-only/);
  });

  it('only admins record; readers are the unit, its supervisors (also through the parent) and admins', async () => {
    expect((await w.as('revX', 'POST', `/api/v1/orgs/${w.ids.unitA}/changes`, change)).status).toBe(403);
    expect((await w.as('archA', 'POST', `/api/v1/orgs/${w.ids.unitA}/changes`, change)).status).toBe(403);
    expect((await w.as('admin', 'POST', `/api/v1/orgs/${w.ids.subS}/changes`, change)).status).toBe(201);
    expect((await w.as('revX', 'GET', `/api/v1/orgs/${w.ids.subS}/changes`)).body).toHaveLength(1);
    expect((await w.as('revP', 'GET', `/api/v1/orgs/${w.ids.subS}/changes`)).body).toHaveLength(1);
    expect((await w.as('archS', 'GET', `/api/v1/orgs/${w.ids.subS}/changes`)).status).toBe(200);
    expect((await w.as('revY', 'GET', `/api/v1/orgs/${w.ids.subS}/changes`)).status).toBe(404);
    expect((await w.as('admin', 'GET', `/api/v1/orgs/${w.ids.bureauX}/changes`)).status).toBe(404);
  });

  it('validates the body and refuses a change dated after today', async () => {
    const bad = await w.as<Problem>('admin', 'POST', `/api/v1/orgs/${w.ids.unitA}/changes`, { kind: 'merger', occurredOn: '2026-13-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path).sort()).toEqual(['/description', '/kind', '/occurredOn']);
    const future = await w.as<Problem>('admin', 'POST', `/api/v1/orgs/${w.ids.unitA}/changes`, { ...change, occurredOn: '2026-04-01' });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ path: '/occurredOn', message: '不能晚于 2026-03-02' }]);
  });
});

describe('GET /supervision/units/export', () => {
  it('the same rows as xlsx, filters applied', async () => {
    await seed();
    const res = await w.app.request('/api/v1/supervision/units/export?state=unapproved&sort=fonds', {
      headers: { authorization: `Bearer ${w.tokens.revX}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('单位')!;
    expect(String(ws.getCell(1, 1).value)).toMatch(/筛选：尚无施行中的表.*共 2 家/);
    expect(ws.getRow(2).getCell(2).value).toBe('单位');
    expect([ws.getCell(3, 1).value, ws.getCell(4, 1).value]).toEqual(['P001', 'S001']);
    expect(ws.getCell(3, 5).value).toBe('尚无三合一表');
    expect(String(ws.getCell(4, 5).value)).toMatch(/^草拟中 v1/);
    expect(ws.rowCount).toBe(4);
    expect((await w.as('archA', 'GET', '/api/v1/supervision/units/export')).status).toBe(403);
  });
});
