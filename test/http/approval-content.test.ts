// What an approval must say (issue 17.12): a decision date between the submission and today, an effective date not
// before the decision unless the reviewer says why (stored, audited, printed), and a 批复文号 and justification that
// are not placeholders. Each refusal is a 422 naming the field, and records nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeholderProblem } from '../../server/schemas/meaningful-text.js';
import { type World, approve, expectProblem, newScheme, submit, world } from './helpers.js';
import type { AuditPage, Version } from '../../server/schemas/api/index.js';

let w: World;
beforeAll(async () => {
  // China date 2026-03-10 (10:00).
  w = await world({ start: '2026-03-10T02:00:00Z' });
});
afterAll(() => w.close());

const ok = { approvalNumber: '某档复〔2026〕21号', decidedOn: '2026-03-10', effectiveFrom: '2026-03-10' };
const paths = (r: { body: { errors: { path: string }[] } }) => r.body.errors.map((e) => e.path);

/** A scheme of unit A submitted today. */
async function submitted(): Promise<number> {
  const id = await newScheme(w);
  expect((await submit(w, id)).status).toBe(200);
  return id;
}

async function stillSubmitted(id: number): Promise<void> {
  expect((await w.as<Version>('revX', 'GET', `/api/v1/schemes/${id}/versions/1`)).body.state).toBe('submitted');
}

describe('the decision date', () => {
  it('may not be before the day of submission (China time)', async () => {
    const id = await submitted();
    const r = await approve(w, id, 1, 'revX', { ...ok, decidedOn: '2026-03-09', effectiveFrom: '2026-03-09' });
    expectProblem(r, 422);
    expect(r.body.type).toBe('https://sanheyi.dev/problems/invalid-decision');
    expect(r.body.errors).toContainEqual({ path: '/decidedOn', message: '不能早于提交日期 2026-03-10' });
    await stillSubmitted(id);
    expect((await approve(w, id, 1, 'revX', ok)).status).toBe(200);
  });

  it('may not be in the future, for approvals and rejections', async () => {
    const id = await submitted();
    const r = await approve(w, id, 1, 'revX', { ...ok, decidedOn: '2026-03-11', effectiveFrom: '2026-03-11' });
    expectProblem(r, 422);
    expect(r.body.errors).toEqual([{ path: '/decidedOn', message: '不能晚于今天（2026-03-10）' }]);
    const rej = await w.as('revX', 'POST', `/api/v1/schemes/${id}/versions/1/reject`, { reason: '请补充条款', decidedOn: '2026-03-11' });
    expectProblem(rej, 422);
    expect(paths(rej)).toEqual(['/decidedOn']);
    const early = await w.as('revX', 'POST', `/api/v1/schemes/${id}/versions/1/reject`, { reason: '请补充条款', decidedOn: '2026-03-01' });
    expectProblem(early, 422);
    expect(paths(early)).toEqual(['/decidedOn']);
    await stillSubmitted(id);
    const fine = await w.as('revX', 'POST', `/api/v1/schemes/${id}/versions/1/reject`, { reason: '请补充条款', decidedOn: '2026-03-10' });
    expect(fine.status).toBe(200);
  });
});

describe('an effective date before the decision', () => {
  it('needs a backdateReason, which is stored, audited and printed', async () => {
    const id = await submitted();
    // (The helper's APPROVAL carries a backdateReason: dropped here.)
    const backdated = { ...ok, effectiveFrom: '2026-03-01', backdateReason: undefined };
    const r = await approve(w, id, 1, 'revX', backdated);
    expectProblem(r, 422);
    expect(paths(r)).toEqual(['/backdateReason']);
    const blank = await approve(w, id, 1, 'revX', { ...backdated, backdateReason: ' …… ' });
    expectProblem(blank, 422);
    expect(paths(blank)).toEqual(['/backdateReason']);
    await stillSubmitted(id);

    const reason = '按局务会议纪要，自三月一日起执行';
    const a = await approve(w, id, 1, 'revX', { ...backdated, backdateReason: reason });
    expect(a.status).toBe(200);
    expect(a.body.backdateReason).toBe(reason);
    expect((await w.as<Version>('archA', 'GET', `/api/v1/schemes/${id}/versions/1`)).body.backdateReason).toBe(reason);
    const audit = await w.as<AuditPage>('admin', 'GET', `/api/v1/audit?scheme=${id}`);
    expect(audit.status).toBe(200);
    const entry = audit.body.entries.find((e) => e.action === 'version.approve');
    expect((entry!.after as { backdateReason?: string }).backdateReason).toBe(reason);
    const html = await w.as('archA', 'GET', `/api/v1/schemes/${id}/versions/1/export?format=html`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('早于批复日期生效的理由');
    expect(html.text).toContain(reason);
  });

  it('on or after the decision needs no reason, and a reason given is not recorded', async () => {
    const id = await submitted();
    const a = await approve(w, id, 1, 'revX', { ...ok, effectiveFrom: '2026-04-01', backdateReason: '无需追溯的说明文字' });
    expect(a.status).toBe(200);
    expect(a.body.backdateReason).toBeNull();
  });
});

describe('批复文号 and justification', () => {
  it.each(['无', '...', 'xxxx', '1111', '待定', 'test', '  ——  ', '测试测试', 'N/A'])('refuses the placeholder %j', async (text) => {
    const id = await submitted();
    const number = await approve(w, id, 1, 'revX', { ...ok, approvalNumber: text });
    expectProblem(number, 422);
    expect(paths(number)).toEqual(['/approvalNumber']);
    const why = await approve(w, id, 1, 'revX', { ...ok, justification: text });
    expectProblem(why, 422);
    expect(paths(why)).toEqual(['/justification']);
    await stillSubmitted(id);
  });

  it('names every field at fault in one answer', async () => {
    const id = await submitted();
    const r = await approve(w, id, 1, 'revX', {
      approvalNumber: '无',
      decidedOn: '2026-03-12',
      effectiveFrom: '2026-03-12',
      justification: 'xx',
    });
    expectProblem(r, 422);
    expect(paths(r)).toEqual(['/approvalNumber', '/justification', '/decidedOn']);
  });

  it('accepts real numbers and reasons', async () => {
    for (const text of ['某档复〔2026〕3号', '档函2026-12', '经审查同意', 'Approved 2026/7']) expect(placeholderProblem(text)).toBeNull();
    const id = await submitted();
    expect((await approve(w, id, 1, 'revX', { ...ok, approvalNumber: '档函〔2026〕7号', justification: '本单位无此类业务' })).status).toBe(
      200,
    );
  });
});
