// Validation messages read as Chinese sentences: no regular expression, no type names, one message per place.
import { describe, expect, it } from 'vitest';
import { validateScheme } from '../../server/engine/validate.js';
import { toFieldErrors } from '../../server/schemas/ajv.js';
import {
  EXTRA_FIELD_PATTERN,
  ITEM_ID_PATTERN,
  CLASS_CODE_PATTERN,
  FIELD_PATH_PATTERN,
  PARAMETER_NAME_PATTERN,
} from '../../server/schemas/scheme.js';
import { RETENTION_CODE_PATTERN } from '../../server/schemas/retention-codes.js';
import { ajv } from '../../server/schemas/ajv.js';
import { type FullScheme, miniScheme } from '../engine/scheme-fixture.js';

/** The scheme's errors after one change (the edit is plain JSON: the point is a value the type refuses). */
function errorsAfter(change: (d: FullScheme) => void) {
  const d = structuredClone(miniScheme());
  change(d);
  const r = validateScheme(d);
  return r.errors;
}

describe('scheme validation messages', () => {
  it('gives a bad period code one readable message, not three alternatives', () => {
    expect(errorsAfter((d) => put(d.items[1], 'retention', 'X30'))).toEqual([
      { path: '/items/1/retention', message: '保管期限应为永久（Y）或定期若干年（如 D10、D30）' },
    ]);
  });

  it('puts a bad branch code at the branch, without the fixed-period alternative', () => {
    const errors = errorsAfter((d) =>
      put(d.items[1], 'retention', [
        { label: '重要的', code: 'Q', when: true },
        { label: '一般的', code: 'D10' },
      ]),
    );
    expect(errors).toEqual([{ path: '/items/1/retention/0/code', message: '保管期限应为永久（Y）或定期若干年（如 D10、D30）' }]);
  });

  it('says what a value of the wrong type should be, in words', () => {
    expect(errorsAfter((d) => put(d.items[1], 'retention', 30))).toEqual([{ path: '/items/1/retention', message: '应当是文字或列表' }]);
  });

  it('says an empty text must be filled in and names clause numbers and codes', () => {
    expect(errorsAfter((d) => put(d.items[1], 'scope', ''))).toEqual([{ path: '/items/1/scope', message: '必须填写' }]);
    expect(errorsAfter((d) => put(d.items[1], 'id', '0.1'))[0].message).toBe('条款号应为 1 至 4 级数字，以点分隔，如 1.2.3（不以 0 开头）');
    expect(errorsAfter((d) => put(d.classes[0], 'code', 'W-S'))[0].message).toBe('只能由 1–16 位字母或数字组成');
  });

  it('has words for every pattern of the scheme, and never quotes a pattern', () => {
    for (const pattern of [
      RETENTION_CODE_PATTERN,
      ITEM_ID_PATTERN,
      CLASS_CODE_PATTERN,
      EXTRA_FIELD_PATTERN,
      FIELD_PATH_PATTERN,
      PARAMETER_NAME_PATTERN,
    ]) {
      const validate = ajv.compile({ type: 'string', pattern });
      validate('?? not this');
      const [e] = toFieldErrors(validate.errors);
      expect(e.message).not.toMatch(/[\^$\\[]|模式|格式不正确/);
    }
    const unknown = ajv.compile({ type: 'string', pattern: '^q+$' });
    unknown('x');
    expect(toFieldErrors(unknown.errors)).toEqual([{ path: '/', message: '格式不正确' }]);
  });

  it('gives the length limit in characters', () => {
    const validate = ajv.compile({ type: 'string', maxLength: 5 });
    validate('一二三四五六');
    expect(toFieldErrors(validate.errors)).toEqual([{ path: '/', message: '最多 5 个字' }]);
  });
});

/** Sets a value the scheme's type refuses (that is the point of the test). */
function put(target: object, key: string, value: unknown): void {
  (target as Record<string, unknown>)[key] = value;
}
