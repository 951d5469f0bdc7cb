// Period cells (current, coded, old regimes, event-based) and suggested conditions from 归档范围 wording.
import { describe, expect, it } from 'vitest';
import { checkLogic } from '../../server/engine/logic-check.js';
import { fieldNames } from '../../server/engine/validate.js';
import { parseEventRetention, parseRetention, splitInlineRetention } from '../../server/spreadsheet/retention-text.js';
import { scopeDocTypes, suggestCondition } from '../../server/spreadsheet/suggest.js';

describe('parseRetention', () => {
  it.each([
    ['永久', 'Y'],
    ['Y', 'Y'],
    ['永久保存', 'Y'],
    ['定期30年', 'D30'],
    ['30年', 'D30'],
    ['D30', 'D30'],
    ['３０年', 'D30'],
    ['定期10年', 'D10'],
    ['10', 'D10'],
    ['d10', 'D10'],
    [' 定期 10 年 ', 'D10'],
  ])('%s → %s without warning', (text, code) => {
    expect(parseRetention(text)).toEqual({ code });
  });

  it.each([
    ['长期', 'D30'],
    ['短期', 'D10'],
    ['3年', 'D10'],
    ['5年', 'D10'],
    ['15年', 'D30'],
    ['25年', 'D30'],
    ['定期5年', 'D10'],
  ])('old value %s → %s with a sentence', (text, code) => {
    const p = parseRetention(text)!;
    expect(p.code).toBe(code);
    expect(p.legacy).toBeTruthy();
  });

  it.each(['8年', '20年', '2年', '一般', ''])('unknown %s → null', (text) => {
    expect(parseRetention(text)).toBeNull();
  });

  it('reads event-based periods and several values in one cell', () => {
    expect(parseEventRetention('定期5年（自固定资产报废清理次日起算）')).toEqual({ code: 'D5', event: '固定资产报废清理' });
    expect(parseEventRetention('固定资产报废清理后保管5年')).toEqual({ code: 'D5', event: '固定资产报废清理' });
    expect(parseEventRetention('定期5年（自固定资产报废清理的次年1月1日起算）')).toEqual({
      code: 'D5',
      event: '固定资产报废清理',
      then: 'fiscalYearEndNextDay',
    });
    expect(parseEventRetention('永久')).toBeNull();
    expect(splitInlineRetention('重要的永久，一般的30年')).toEqual([
      { label: '重要的', text: '永久' },
      { label: '一般的', text: '30年' },
    ]);
    expect(splitInlineRetention('永久 / 10年')).toEqual([{ text: '永久' }, { text: '10年' }]);
  });
});

describe('suggestCondition', () => {
  const fields = fieldNames({});
  it('uses 文种 words for docType and salient words as title keywords', () => {
    expect(suggestCondition('党员代表大会、党委（党支部）会议及其他有关会议：会议通知、报告、换届选举结果、决议、通报、纪要等')).toEqual({
      and: [
        { or: ['党员代表大会', '党委', '党支部', '换届选举结果'].map((k) => ({ in: [k, { var: 'title' }] })) },
        { in: [{ var: 'docType' }, ['决议', '纪要', '报告', '通知', '通报']] },
      ],
    });
    expect(suggestCondition('合同、协议')).toEqual({ in: [{ var: 'docType' }, ['合同', '协议']] });
    expect(suggestCondition('基本建设项目文件')).toEqual({ in: ['基本建设项目', { var: 'title' }] });
    expect(suggestCondition('其他')).toBeNull();
  });

  it('finds 函 only as a word of its own', () => {
    expect(scopeDocTypes('函授教育材料')).toEqual([]);
    expect(scopeDocTypes('来函、复函')).toEqual([]);
    expect(scopeDocTypes('请示、函')).toEqual(['请示', '函']);
  });

  it('always produces conditions the validator accepts', () => {
    for (const scope of [
      '企业设立、合并、分立、改制的请示、批复、决议、章程',
      '单位编辑的出版物样本与定稿',
      '统计年报、季报',
      '印章启用、废止的通知及印模',
    ]) {
      const logic = suggestCondition(scope);
      expect(logic).not.toBeNull();
      expect(checkLogic(logic, '/when', { fields })).toEqual([]);
    }
  });
});
