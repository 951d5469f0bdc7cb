// The service's errors (JSON Pointers) grouped by the field they belong to, for showing each beside its control.
import { describe, expect, it } from 'vitest';
import { errorsUnder, fieldsAt } from '../../web-components/lib/form-fields.js';

const errors = [
  { path: '/items/3/class', message: '条款缺少所属类目' },
  { path: '/items/3/retention/1/label', message: '分支“重要的”重复' },
  { path: '/items/3/retention/1/label', message: '分支“重要的”重复' },
  { path: '/items/3/retention/1/code', message: '保管期限应为永久（Y）或定期若干年（如 D10、D30）' },
  { path: '/items/3', message: '整条有误' },
  { path: '/items/30/class', message: '别的条款' },
];

describe('errorsUnder', () => {
  it('keeps the errors at and under a pointer, relative to it, and not those of a longer sibling', () => {
    expect(errorsUnder(errors, '/items/3/retention').map((e) => e.path)).toEqual(['/1/label', '/1/label', '/1/code']);
    expect(errorsUnder(errors, '/items/30')).toEqual([{ path: '/class', message: '别的条款' }]);
  });
});

describe('fieldsAt', () => {
  it('groups by the next segment, says a repeated message once and the row itself under ""', () => {
    expect(fieldsAt(errors, '/items/3')).toEqual({
      class: '条款缺少所属类目',
      retention: '分支“重要的”重复；保管期限应为永久（Y）或定期若干年（如 D10、D30）',
      '': '整条有误',
    });
    expect(fieldsAt(errors, '/items/3/retention/1')).toEqual({
      label: '分支“重要的”重复',
      code: '保管期限应为永久（Y）或定期若干年（如 D10、D30）',
    });
  });
});
