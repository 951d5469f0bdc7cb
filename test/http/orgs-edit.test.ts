// Admins edit organisations (issue 12 "Accounts"): PATCH /orgs/{id} keeps the rules of creation, a unique 全宗号 and
// a supervision chain without cycles; a unit's kind (which chooses its baseline) changes only before it has a table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type World, expectProblem, newScheme, world } from './helpers.js';
import type { Org } from '../../server/schemas/api/index.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.close());

const patch = (id: number, body: unknown, who: 'admin' | 'revX' | 'archA' = 'admin') => w.as<Org>(who, 'PATCH', `/api/v1/orgs/${id}`, body);
const lastAudit = () =>
  w.db
    .prepare("SELECT actor, subject, unit_id AS unitId, before, after FROM audit_log WHERE action = 'org.update' ORDER BY id DESC")
    .get() as { actor: string; subject: string; unitId: number | null; before: string; after: string } | undefined;
const field = (r: { body: { errors: { path: string }[] } }) => r.body.errors.map((e) => e.path);

describe('PATCH /orgs/{id}', () => {
  it('renames a unit and changes its 全宗号, audited with before and after', async () => {
    const r = await patch(w.ids.unitB, { name: '乙股份有限公司', fonds: 'B002' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: w.ids.unitB, type: 'unit', name: '乙股份有限公司', fonds: 'B002', kind: 'enterprise' });
    const e = lastAudit()!;
    expect(e).toMatchObject({ actor: 'admin', subject: `org:${w.ids.unitB}`, unitId: w.ids.unitB });
    expect(JSON.parse(e.before)).toMatchObject({ name: '乙有限公司', fonds: 'B001' });
    expect(JSON.parse(e.after)).toMatchObject({ name: '乙股份有限公司', fonds: 'B002' });
    // Nothing changed: no entry.
    const count = () => (w.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'org.update'").get() as { n: number }).n;
    const before = count();
    expect((await patch(w.ids.unitB, { name: '乙股份有限公司' })).status).toBe(200);
    expect(count()).toBe(before);
  });

  it('is for admins, and checks its body and the org', async () => {
    expectProblem(await patch(w.ids.unitA, { name: 'x' }, 'archA'), 403);
    expectProblem(await patch(w.ids.unitA, { name: 'x' }, 'revX'), 403);
    expectProblem(await patch(99999, { name: 'x' }), 404);
    expectProblem(await patch(w.ids.unitA, {}), 400);
    const typed = await patch(w.ids.unitA, { type: 'bureau' });
    expectProblem(typed, 400);
    expect(field(typed)).toEqual(['/type']);
    const fonds = await patch(w.ids.unitA, { fonds: '甲-1' });
    expectProblem(fonds, 400);
    expect(field(fonds)).toEqual(['/fonds']);
  });

  it('keeps 全宗号 unique: 409 naming /fonds', async () => {
    const r = await patch(w.ids.unitA, { fonds: 'P001' });
    expectProblem(r, 409);
    expect(r.body.errors).toEqual([{ path: '/fonds', message: '全宗号已被使用' }]);
    expect(r.body.detail).toContain('丙集团有限公司');
    // Its own number is not a conflict.
    expect((await patch(w.ids.unitA, { fonds: 'A001' })).status).toBe(200);
  });

  it('keeps the rules of creation for 档案主管部门/上级单位', async () => {
    const cases: [number, Record<string, unknown>, string, string][] = [
      [w.ids.unitA, { supervisorId: null }, '/supervisorId', '单位必须有档案主管部门或上级单位（档案局或上级企业）'],
      [w.ids.unitA, { supervisorId: 424242 }, '/supervisorId', '组织 424242 不存在'],
      [w.ids.bureauX, { supervisorId: w.ids.unitA }, '/supervisorId', '档案局的上级单位只能是档案局'],
      [w.ids.bureauX, { fonds: 'X001' }, '/fonds', '档案局没有全宗号'],
      [w.ids.bureauX, { kind: 'organ' }, '/kind', '档案局没有单位类型'],
    ];
    for (const [id, body, path, message] of cases) {
      const r = await patch(id, body);
      expectProblem(r, 400);
      expect(r.body.errors, JSON.stringify(body)).toEqual([{ path, message }]);
    }
    // An organ (机关) cannot be a unit's 上级单位.
    const organ = (
      await w.as<Org>('admin', 'POST', '/api/v1/orgs', {
        type: 'unit',
        name: '某机关',
        fonds: 'G001',
        kind: 'organ',
        supervisorId: w.ids.bureauX,
      })
    ).body;
    const r = await patch(w.ids.unitA, { supervisorId: organ.id });
    expectProblem(r, 400);
    expect(r.body.errors[0]).toEqual({ path: '/supervisorId', message: '只有企业可以作为下属单位的上级单位（10号令第十五条）' });
  });

  it('a bureau gets a superior bureau, and loses it again', async () => {
    const r = await patch(w.ids.bureauY, { supervisorId: w.ids.bureauX });
    expect(r.body.supervisorId).toBe(w.ids.bureauX);
    expect((await patch(w.ids.bureauY, { supervisorId: null })).body.supervisorId).toBeNull();
  });

  it('refuses a cycle in the supervision chain, however long', async () => {
    const self = await patch(w.ids.bureauX, { supervisorId: w.ids.bureauX });
    expectProblem(self, 400);
    expect(self.body.errors[0].message).toBe('组织不能是自己的上级单位');
    // Y under X, then X under Y.
    expect((await patch(w.ids.bureauY, { supervisorId: w.ids.bureauX })).status).toBe(200);
    const two = await patch(w.ids.bureauX, { supervisorId: w.ids.bureauY });
    expectProblem(two, 400);
    expect(two.body.errors[0]).toMatchObject({ path: '/supervisorId' });
    expect(two.body.detail).toBe('“另一市档案局”隶属于“某市档案局”，不能反过来作为它的上级单位');
    // P (under X) supervises S: P may not be put under its own subsidiary.
    const sub = await patch(w.ids.parentP, { supervisorId: w.ids.subS });
    expectProblem(sub, 400);
    expect(field(sub)).toEqual(['/supervisorId']);
    expect((await patch(w.ids.bureauY, { supervisorId: null })).status).toBe(200);
  });

  it('changes a unit’s kind only while it has no table, and never an enterprise’s that has subsidiaries', async () => {
    const fresh = (
      await w.as<Org>('admin', 'POST', '/api/v1/orgs', {
        type: 'unit',
        name: '戊公司',
        fonds: 'E001',
        kind: 'enterprise',
        supervisorId: w.ids.bureauX,
      })
    ).body;
    const r = await patch(fresh.id, { kind: 'organ' });
    expect(r.status).toBe(200);
    expect(r.body.kind).toBe('organ');
    expect((await patch(fresh.id, { kind: 'enterprise' })).status).toBe(200);

    await newScheme(w, 'archA', w.ids.unitA);
    const refused = await patch(w.ids.unitA, { kind: 'organ' });
    expectProblem(refused, 409);
    expect(refused.body.errors).toEqual([{ path: '/kind', message: '已有三合一表，不能修改单位类型' }]);
    expect(refused.body.detail).toBe('“甲有限公司”已有三合一表，它们按企业的国家基线编制和审查；单位类型只能在建立三合一表之前修改');
    expect((await w.as<Org[]>('admin', 'GET', '/api/v1/orgs')).body.find((o) => o.id === w.ids.unitA)!.kind).toBe('enterprise');

    const parent = await patch(w.ids.parentP, { kind: 'organ' });
    expectProblem(parent, 400);
    expect(field(parent)).toEqual(['/kind']);
  });

  it('moves a unit to another supervisor; the new one reviews it on the next request', async () => {
    const { unitA, bureauY } = w.ids;
    expectProblem(await w.as('revY', 'GET', `/api/v1/units/${unitA}/schemes`), 404);
    expect((await patch(unitA, { supervisorId: bureauY })).status).toBe(200);
    expect((await w.as('revY', 'GET', `/api/v1/units/${unitA}/schemes`)).status).toBe(200);
    expectProblem(await w.as('revX', 'GET', `/api/v1/units/${unitA}/schemes`), 404);
    expect((await patch(unitA, { supervisorId: w.ids.bureauX })).status).toBe(200);
  });

  it('does not take a parent enterprise’s last subsidiary while it has reviewers', async () => {
    const r = await patch(w.ids.subS, { supervisorId: w.ids.bureauX });
    expectProblem(r, 409);
    expect(field(r)).toEqual(['/supervisorId']);
    expect(r.body.detail).toContain('还有审核员');
  });
});
