// Guards: the cheap necessary tests the index files rows under. A wrong guard silently drops a matching row.
import { describe, expect, it } from 'vitest';
import { defaultSelectivity, guardOf } from '../../server/engine/guards.js';

const amount = { var: 'amount' };

describe('guardOf', () => {
  it('indexes keywords and equalities, keeping the most selective clause of an "and"', () => {
    const origin5 = defaultSelectivity(new Map([['origin', 5]]));
    expect(guardOf({ and: [{ '==': [{ var: 'origin' }, 'own'] }, { in: ['纪要', { var: 'title' }] }] }, origin5)).toEqual([
      [{ kind: 'contains', field: 'title', value: '纪要' }],
    ]);
    expect(guardOf({ or: [{ in: ['纪要', { var: 'title' }] }, { '===': [{ var: 'docType' }, '决议'] }] })).toEqual([
      [{ kind: 'contains', field: 'title', value: '纪要' }, { kind: 'eq', field: 'docType', value: '决议', loose: false }],
    ]);
  });

  it('guards a comparison on one field that is false without it by the field being filled in', () => {
    expect(guardOf({ '>=': [amount, 50_000_000] })).toEqual([[{ kind: 'present', field: 'amount' }]]);
    expect(guardOf({ '<=': [20_000_000, amount, 49_999_999] })).toEqual([[{ kind: 'present', field: 'amount' }]]);
    expect(guardOf({ '<': [{ var: 'date' }, '2000-01-01'] })).toEqual([[{ kind: 'present', field: 'date' }]]);
    expect(guardOf({ '<': [{ var: 'extra.level' }, '3'] })).toBeNull(); // null < "3" holds: no guard
    expect(guardOf({ and: [{ '>': [amount, 30_000_000] }, { '!!': [{ var: 'actionRequired' }] }] })).toHaveLength(1);
  });

  it('gives no presence guard where a missing field can satisfy the condition or other data is read', () => {
    expect(guardOf({ '<': [amount, 10] })).toBeNull(); // null → 0 < 10
    expect(guardOf({ '!': [{ var: 'docNumber' }] })).toBeNull();
    expect(guardOf({ '==': [{ var: 'amount' }, null] })).toBeNull();
    expect(guardOf({ '>': [amount, { var: 'extra.limit' }] })).toBeNull(); // two fields
    expect(guardOf({ '>': [{ var: ['amount', 100] }, 50] })).toBeNull(); // a default stands in for the field
    expect(guardOf({ '!': [{ missing: ['amount'] }] })).toBeNull();
  });
});
