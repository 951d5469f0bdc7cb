// The JSON view's own checks, before the service sees the text: one operator per object, known operators, declared
// fields, and parameter references written as {"param": name}.
import { describe, expect, it } from 'vitest';
import { checkShape } from '../../web-components/lib/logic-text.js';

const FIELDS = new Set(['amount', 'principalReceiver', 'title']);

describe('checkShape', () => {
  it('takes a scheme parameter wherever a value may stand, the service checking that it exists', () => {
    expect(checkShape({ '>=': [{ var: 'amount' }, { param: 'largeAmount' }] }, FIELDS)).toEqual([]);
    expect(checkShape({ in: [{ param: 'unitName' }, { var: 'principalReceiver' }] }, FIELDS)).toEqual([]);
  });

  it('refuses a parameter reference without a name, unknown operators and undeclared fields', () => {
    expect(checkShape({ '>=': [{ var: 'amount' }, { param: 5 }] }, FIELDS)).toEqual(['参数引用应写为 {"param": "参数名"}']);
    expect(checkShape({ match: [{ var: 'title' }, '纪要'] }, FIELDS)).toEqual(['不允许的运算符“match”']);
    expect(checkShape({ '==': [{ var: 'nosuch' }, 1] }, FIELDS)).toEqual(['未声明的字段“nosuch”']);
  });
});
