// The placeholder rule for 批复文号, justifications and backdating reasons (issue 17.12), shared by the service and
// the review page.
import { describe, expect, it } from 'vitest';
import { MIN_MEANINGFUL, placeholderProblem } from '../../server/schemas/meaningful-text.js';

describe('placeholderProblem', () => {
  it.each([
    '',
    '无',
    '...',
    '……',
    'xxxx',
    'XXXX',
    '1111',
    '待定',
    'test',
    'TEST',
    'N/A',
    '测试测试',
    'abab',
    '— — —',
    '１１１１',
    '〔〕号',
  ])('refuses %j', (text) => expect(placeholderProblem(text)).not.toBeNull());

  it.each(['某档复〔2026〕12号', '档函2026-12', '经审查同意', '本单位无此类业务', 'Approved 2026/7', '京档〔2026〕3号'])(
    'accepts %j',
    (text) => expect(placeholderProblem(text)).toBeNull(),
  );

  it('counts characters, not UTF-16 units, and ignores punctuation and spaces', () => {
    expect(MIN_MEANINGFUL).toBe(4);
    expect(placeholderProblem('𠀀𠀁𠀂')).toMatch(/至少需要 4 个/);
    expect(placeholderProblem('𠀀𠀁𠀂𠀃')).toBeNull();
    expect(placeholderProblem(' 同 意 。')).toMatch(/至少需要 4 个/);
  });
});
