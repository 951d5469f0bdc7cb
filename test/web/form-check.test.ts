// Our own form check: each control's constraints as one Chinese message, so forms can be `novalidate`.
import { describe, expect, it } from 'vitest';
import { type Constraint, checkControls, constraintMessage } from '../../web-components/lib/form-check.js';

const control = (c: Partial<Constraint>): Constraint => ({
  name: 'x',
  type: 'text',
  value: '',
  required: false,
  maxLength: -1,
  minLength: -1,
  validity: {},
  ...c,
});

describe('constraintMessage', () => {
  it('says a required field is missing, also when it holds only spaces', () => {
    expect(constraintMessage(control({ required: true, validity: { valueMissing: true } }))).toBe('必填');
    expect(constraintMessage(control({ required: true, value: '   ' }))).toBe('必填');
    expect(constraintMessage(control({ type: 'select-one', required: true, validity: { valueMissing: true } }))).toBe('请选择');
    expect(constraintMessage(control({ type: 'checkbox', required: true, validity: { valueMissing: true } }))).toBe('请勾选');
    expect(constraintMessage(control({ type: 'file', required: true, validity: { valueMissing: true } }))).toBe('请选择文件');
  });

  it('leaves an empty optional field and a disabled one alone', () => {
    expect(constraintMessage(control({ validity: { patternMismatch: false } }))).toBeNull();
    expect(constraintMessage(control({ required: true, disabled: true }))).toBeNull();
    expect(constraintMessage(control({ value: 'ok' }))).toBeNull();
  });

  it('counts characters, not UTF-16 units, for the length limits', () => {
    expect(constraintMessage(control({ value: '一二三四', maxLength: 3 }))).toBe('最多 3 个字');
    expect(constraintMessage(control({ value: '𠀀𠀀𠀀', maxLength: 3 }))).toBeNull();
    expect(constraintMessage(control({ value: '短', minLength: 5 }))).toBe('至少 5 个字');
  });

  it('says a pattern mismatch with the control title, never the pattern', () => {
    expect(constraintMessage(control({ value: 'a b', title: '只能由字母和数字组成', validity: { patternMismatch: true } }))).toBe(
      '只能由字母和数字组成',
    );
    expect(constraintMessage(control({ value: 'a b', validity: { patternMismatch: true } }))).toBe('格式不正确');
  });

  it('names the bound of a date or number out of range, and bad addresses', () => {
    expect(constraintMessage(control({ type: 'date', value: '2020-01-01', min: '2024-05-01', validity: { rangeUnderflow: true } }))).toBe(
      '不能早于 2024-05-01',
    );
    expect(constraintMessage(control({ type: 'date', value: '2030-01-01', max: '2026-12-02', validity: { rangeOverflow: true } }))).toBe(
      '不能晚于 2026-12-02',
    );
    expect(constraintMessage(control({ type: 'number', value: '0', min: '1', validity: { rangeUnderflow: true } }))).toBe('不能小于 1');
    expect(constraintMessage(control({ type: 'number', value: '1.5', validity: { stepMismatch: true } }))).toBe('应为整数');
    expect(constraintMessage(control({ type: 'url', value: 'example', validity: { typeMismatch: true } }))).toBe(
      '网址格式不正确（应以 https:// 或 http:// 开头）',
    );
    expect(constraintMessage(control({ type: 'email', value: 'a@', validity: { typeMismatch: true } }))).toBe('邮箱地址格式不正确');
  });
});

describe('checkControls', () => {
  it('gives the first message of each name, in order, and skips unnamed controls', () => {
    const errors = checkControls([
      control({ name: 'reason', required: true }),
      control({ name: '', required: true }),
      control({ name: 'url', type: 'url', value: 'x', validity: { typeMismatch: true } }),
      control({ name: 'reason', value: '一二三', maxLength: 2 }),
    ]);
    expect(errors).toEqual({ reason: '必填', url: '网址格式不正确（应以 https:// 或 http:// 开头）' });
    expect(Object.keys(errors)).toEqual(['reason', 'url']);
  });
});
