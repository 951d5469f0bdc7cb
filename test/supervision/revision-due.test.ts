import { describe, expect, it } from 'vitest';
import { daysBetween, revisionDue } from '../../server/services/supervision/revision-due.js';

describe('revisionDue (10号令 Art. 17: 5 years, or a recorded change)', () => {
  it('none without a table in force', () => {
    expect(revisionDue(null, [{ id: 1, kind: 'restructuring', occurredOn: '2025-01-01' }], '2026-03-01')).toEqual({
      status: 'none',
      dueOn: null,
      reasons: [],
    });
  });

  it('due on the day five years after the approval, not the day before', () => {
    expect(revisionDue('2021-03-01', [], '2026-02-28')).toMatchObject({ status: 'soon', dueOn: '2026-03-01', reasons: [] });
    expect(revisionDue('2021-03-01', [], '2026-03-01')).toEqual({
      status: 'due',
      dueOn: '2026-03-01',
      reasons: [{ kind: 'age', since: '2021-03-01', years: 5 }],
    });
  });

  it('soon within 180 days of the date, ok before', () => {
    expect(revisionDue('2021-09-01', [], '2026-03-05').status).toBe('soon');
    expect(revisionDue('2021-09-01', [], '2026-03-01').status).toBe('ok');
    expect(revisionDue('2024-01-01', [], '2026-03-01')).toMatchObject({ status: 'ok', dueOn: '2029-01-01' });
  });

  it('a change after the approval makes it due at once; one before or on the approval day does not', () => {
    const changes = [
      { id: 1, kind: 'main_business' as const, occurredOn: '2023-12-31' },
      { id: 2, kind: 'functions' as const, occurredOn: '2024-01-01' },
    ];
    expect(revisionDue('2024-01-01', changes, '2026-03-01').status).toBe('ok');
    const later = [...changes, { id: 3, kind: 'restructuring' as const, occurredOn: '2025-07-01' }];
    expect(revisionDue('2024-01-01', later, '2026-03-01')).toEqual({
      status: 'due',
      dueOn: '2029-01-01',
      reasons: [{ kind: 'change', changeId: 3, change: 'restructuring', occurredOn: '2025-07-01' }],
    });
  });

  it('29 February approvals fall due on 1 March', () => {
    expect(revisionDue('2024-02-29', [], '2026-03-01').dueOn).toBe('2029-03-01');
  });

  it('daysBetween', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });
});
