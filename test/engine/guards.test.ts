// Guards: the cheap necessary tests the index files rows under. A wrong guard silently drops a matching row.
import { describe, expect, it } from 'vitest';
import { defaultSelectivity, guardOf } from '../../server/engine/guards.js';
import { compileLogic } from '../../server/engine/logic-compile.js';
import { truthy } from '../../server/engine/operators.js';
import { RowIndex } from '../../server/engine/row-index.js';
import { Gen, mulberry32 } from './random-logic.js';

const amount = { var: 'amount' };

describe('guardOf', () => {
  it('indexes keywords and equalities, keeping the most selective clause of an "and"', () => {
    const origin5 = defaultSelectivity(new Map([['origin', 5]]));
    expect(guardOf({ and: [{ '==': [{ var: 'origin' }, 'own'] }, { in: ['纪要', { var: 'title' }] }] }, origin5)).toEqual([
      [{ kind: 'contains', field: 'title', value: '纪要' }],
    ]);
    expect(guardOf({ or: [{ in: ['纪要', { var: 'title' }] }, { '===': [{ var: 'docType' }, '决议'] }] })).toEqual([
      [
        { kind: 'contains', field: 'title', value: '纪要' },
        { kind: 'eq', field: 'docType', value: '决议', loose: false },
      ],
    ]);
  });

  it('indexes a comparison with a constant, false without the field, by its bounds', () => {
    expect(guardOf({ '>=': [amount, 50_000_000] })).toEqual([[{ kind: 'range', field: 'amount', op: '>=', value: 50_000_000 }]]);
    expect(guardOf({ '<': [0, amount] })).toEqual([[{ kind: 'range', field: 'amount', op: '>', value: 0 }]]);
    expect(guardOf({ '<=': [20_000_000, amount, 49_999_999] })).toEqual([
      [{ kind: 'range', field: 'amount', op: '>=', value: 20_000_000 }],
      [{ kind: 'range', field: 'amount', op: '<=', value: 49_999_999 }],
    ]);
    expect(guardOf({ '<': [{ var: 'date' }, '2000-01-01'] })).toEqual([[{ kind: 'range', field: 'date', op: '<', value: '2000-01-01' }]]);
  });

  it('guards other conditions on one field that are false without it by the field being filled in', () => {
    expect(guardOf({ '>': [{ '+': [amount, 1] }, 100] })).toEqual([[{ kind: 'present', field: 'amount' }]]);
    expect(guardOf({ '!!': [{ var: 'actionRequired' }] })).toEqual([[{ kind: 'present', field: 'actionRequired' }]]);
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

describe('RowIndex with comparison bounds', () => {
  it('never drops a row whose comparison holds, whatever type the record gives the field', () => {
    const g = new Gen(mulberry32(99));
    const constants = [0, 5, 10, 2.5, -1, 50_000_000, '5', '10', '2000-01-01', '1995-06-30', 'b', ''];
    const values = [
      undefined,
      null,
      0,
      4,
      5,
      6,
      10,
      11,
      -3,
      2.5,
      60_000_000,
      '5',
      '6',
      '10',
      '',
      'a',
      'c',
      '1999-12-31',
      '2000-01-01',
      '2024-05-01',
      true,
      false,
      [5],
      ['6'],
      {},
    ];
    const ops = ['<', '<=', '>', '>='];
    for (let round = 0; round < 200; round++) {
      const conditions = Array.from({ length: 12 }, () => {
        const field = { var: g.pick(['amount', 'date', 'extra.level']) };
        const op = g.pick(ops);
        if (g.chance(0.2) && (op === '<' || op === '<=')) return { [op]: [g.pick(constants), field, g.pick(constants)] };
        return g.chance(0.5) ? { [op]: [field, g.pick(constants)] } : { [op]: [g.pick(constants), field] };
      });
      const index = new RowIndex(conditions);
      const fns = conditions.map((c) => compileLogic(c));
      for (let k = 0; k < 30; k++) {
        const record: Record<string, unknown> = { title: '测试' };
        for (const f of ['amount', 'date']) if (g.chance(0.8)) record[f] = g.pick(values);
        if (g.chance(0.5)) record.extra = { level: g.pick(values) };
        const candidates = new Set(index.candidates(record));
        fns.forEach((fn, row) => {
          if (truthy(fn(record))) expect(candidates.has(row), `${JSON.stringify(conditions[row])} on ${JSON.stringify(record)}`).toBe(true);
        });
      }
    }
  });
});
