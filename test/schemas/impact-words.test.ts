// The impact panel's words: the summary sentence and each side of a transition.
import { describe, expect, it } from 'vitest';
import { impactSentence, sideText } from '../../server/schemas/impact-words.js';

const none = {
  shorter: 0,
  longer: 0,
  nowExcluded: 0,
  nowReview: 0,
  nowFiledFromReview: 0,
  nowFiledFromExclusion: 0,
  rowChanged: 0,
  classChanged: 0,
};

describe('impact words', () => {
  it('says how many records would change and how, in the issue’s words', () => {
    expect(impactSentence(1000, 312, { ...none, shorter: 40, nowExcluded: 12, nowFiledFromReview: 260 })).toBe(
      '重放 1000 条分类记录，312 条的结论会改变：40 条期限变短，12 条改为不归档，260 条原需人工判断、现可归档。',
    );
    expect(impactSentence(5, 0, none)).toBe('重放 5 条分类记录，结论都不会改变。');
    expect(impactSentence(0, 0, none)).toBe('没有可重放的分类记录。');
  });

  it('names a side by row and period, or by outcome', () => {
    expect(sideText({ outcome: 'file', row: '2', retention: 'Y' })).toBe('条款 2 · Y');
    expect(sideText({ outcome: 'review', row: '2', retention: null })).toBe('需人工判断（2）');
    expect(sideText({ outcome: 'exclude', row: 'X1', retention: null })).toBe('不归档（X1）');
  });
});
