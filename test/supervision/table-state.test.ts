import { describe, expect, it } from 'vitest';
import { tableState, type VersionFacts } from '../../server/services/supervision/table-state.js';

let nextId = 1;
function v(p: Partial<VersionFacts> & Pick<VersionFacts, 'number' | 'state'>): VersionFacts {
  return {
    id: nextId++,
    schemeId: 1,
    schemeName: '三合一表',
    hash: `h${p.number}`,
    createdAt: '2020-01-01T00:00:00Z',
    updatedAt: '2020-01-01T00:00:00Z',
    submittedAt: null,
    decidedAt: null,
    decidedOn: null,
    approvalNumber: null,
    effectiveFrom: null,
    justification: null,
    rejectReason: null,
    ...p,
  };
}
const approved = (number: number, on: string, state: 'approved' | 'superseded' = 'approved') =>
  v({ number, state, decidedOn: on, effectiveFrom: on, approvalNumber: `档复〔${on.slice(0, 4)}〕${number}号` });

describe('tableState', () => {
  it('none without versions', () => {
    expect(tableState([], '2026-03-01')).toMatchObject({ state: 'none', schemes: 0, inForce: null, open: null });
  });

  it('draft since it was created', () => {
    const s = tableState([v({ number: 1, state: 'draft', createdAt: '2026-01-05T01:00:00Z' })], '2026-03-01');
    expect(s).toMatchObject({ state: 'draft', open: { number: 1, state: 'draft', since: '2026-01-05T01:00:00Z' } });
  });

  it('submitted since the submission, even with a version in force', () => {
    const s = tableState(
      [approved(1, '2021-01-01'), v({ number: 2, state: 'submitted', submittedAt: '2026-02-01T00:00:00Z' })],
      '2026-03-01',
    );
    expect(s.state).toBe('submitted');
    expect(s.open).toMatchObject({ number: 2, since: '2026-02-01T00:00:00Z' });
    expect(s.inForce).toMatchObject({ number: 1, approvedOn: '2021-01-01' });
  });

  it('approved: the latest version in effect today, with its 批复文号 and date', () => {
    const s = tableState([approved(1, '2019-05-01', 'superseded'), approved(2, '2023-06-01')], '2026-03-01');
    expect(s.state).toBe('approved');
    expect(s.inForce).toMatchObject({
      number: 2,
      approvalNumber: '档复〔2023〕2号',
      approvedOn: '2023-06-01',
      effectiveFrom: '2023-06-01',
    });
  });

  it('an approval taking effect later is upcoming, the older one stays in force', () => {
    const s = tableState([approved(1, '2020-01-01'), { ...approved(2, '2026-02-01'), effectiveFrom: '2026-04-01' }], '2026-03-01');
    expect(s.inForce?.number).toBe(1);
    expect(s.upcoming).toMatchObject({ number: 2, effectiveFrom: '2026-04-01' });
    const first = tableState([{ ...approved(1, '2026-02-01'), effectiveFrom: '2026-04-01' }], '2026-03-01');
    expect(first).toMatchObject({ state: 'approved', inForce: null, upcoming: { number: 1 } });
  });

  it('rejected when the latest version was rejected and nothing is in force', () => {
    const s = tableState([v({ number: 1, state: 'rejected', decidedOn: '2026-02-10', rejectReason: '期限过短' })], '2026-03-01');
    expect(s).toMatchObject({ state: 'rejected', rejected: { number: 1, on: '2026-02-10', reason: '期限过短' } });
    // A new draft after the rejection: drafting again.
    const again = tableState(
      [v({ number: 1, state: 'rejected', decidedOn: '2026-02-10' }), v({ number: 2, state: 'draft' })],
      '2026-03-01',
    );
    expect(again.state).toBe('draft');
  });

  it('with several schemes, describes the one in force', () => {
    const s = tableState(
      [
        v({ number: 1, state: 'draft', schemeId: 7, schemeName: '草稿表', updatedAt: '2026-02-01T00:00:00Z' }),
        { ...approved(1, '2022-01-01'), schemeId: 8, schemeName: '施行表' },
      ],
      '2026-03-01',
    );
    expect(s).toMatchObject({ state: 'approved', schemeId: 8, schemeName: '施行表', schemes: 2 });
  });
});
