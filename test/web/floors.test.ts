// The floor shown on a row while it is edited: per branch, with its source.
import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../server/schemas/scheme.js';
import { baselineIndex, rowFloor } from '../../web-components/lib/floors.js';
import { submitProblems } from '../../web-components/lib/submit-check.js';

const baseline = {
  format: 'sanheyi.scheme/1',
  title: 'b',
  unit: 'u',
  kind: 'enterprise',
  classes: [{ code: 'WS', name: '文书' }],
  items: [
    { id: '2.2.1', scope: '会议文件', retention: 'Y', basis: '10号令附件 2.2.1', when: true },
    {
      id: '5.1',
      scope: '合同',
      basis: '10号令附件 5.1',
      when: true,
      retention: [
        { label: '重要的', code: 'Y', when: { '>': [{ var: 'amount' }, 1] } },
        { label: '一般的', code: 'D30' },
      ],
    },
  ],
} as Scheme;
const ids = baselineIndex(baseline);
const scheme = (items: Scheme['items']) => ({ ...baseline, items }) as Scheme;

describe('rowFloor', () => {
  it('holds a fixed period to the baseline row and names its source', () => {
    const item = { id: '2.2.3', scope: '会议文件', retention: 'D30', derivedFrom: '2.2.1', when: true } as const;
    const f = rowFloor(item, scheme([item]), ids)!;
    expect(f.basis).toBe('10号令附件 2.2.1');
    expect(f.branches).toEqual([{ label: null, code: 'D30', floor: 'Y', below: true }]);
    expect(f.below).toBe(true);
  });

  it('holds each branch to the baseline branch of the same name; a fixed period to the longest branch', () => {
    const branched = {
      id: '5.1',
      scope: '合同',
      derivedFrom: '5.1',
      when: true,
      retention: [
        { label: '重要的', code: 'Y', when: true },
        { label: '一般的', code: 'D10' },
        { label: '其他', code: 'D10' },
      ],
    } as const;
    expect(rowFloor(branched as never, scheme([branched as never]), ids)!.branches).toEqual([
      { label: '重要的', code: 'Y', floor: 'Y', below: false },
      { label: '一般的', code: 'D10', floor: 'D30', below: true },
      { label: '其他', code: 'D10', floor: null, below: false },
    ]);
    const fixed = { id: '5.1', scope: '合同', derivedFrom: '5.1', when: true, retention: 'D30' } as const;
    expect(rowFloor(fixed, scheme([fixed]), ids)!.branches).toEqual([{ label: null, code: 'D30', floor: 'Y', below: true }]);
  });

  it('gives no floor to a row without a baseline counterpart or confirmed as not derived', () => {
    const own = { id: '9', scope: '本单位业务', retention: 'D10', when: true } as const;
    expect(rowFloor(own, scheme([own]), ids)).toBeNull();
    const confirmed = { id: '2.2.1', scope: '会议文件', retention: 'D10', derivedFrom: '2.2.1', notDerived: true, when: true } as const;
    expect(rowFloor(confirmed, scheme([confirmed]), ids)).toBeNull();
  });
});

describe('submitProblems', () => {
  it('blocks an incomplete table and names what approval will refuse, each with its place', () => {
    const draft = {
      ...baseline,
      classes: [
        { code: 'WS', name: '文书档案' },
        { code: 'KJ', name: '会计档案' },
      ],
      items: [
        { id: '1', scope: '会议文件', class: 'WS', retention: 'D30', derivedFrom: '2.2.1', when: true },
        { id: '2', scope: '待补充', class: 'WS', retention: 'Y', needsCondition: true },
        { id: '3', scope: '记账凭证', class: 'WS', retention: 'D30', basis: '79号令附表1 第2项', when: true },
      ],
    } as Scheme;
    expect(submitProblems(draft, baseline)).toEqual([
      { path: '/items/1/when', kind: 'incomplete', message: '还没有判断条件，任何文件都不会归入此条款' },
      { path: '/items/2/class', kind: 'incomplete', message: '是会计档案，却放在文书档案类目 WS 下，请改放到会计档案类目' },
      { path: '/tests', kind: 'incomplete', message: '一条也没有，请在“试分类与测试”中把典型文件存为测试用例' },
      { path: '/items/0/retention', kind: 'floor', message: '定为定期30年，短于国家基线下限永久（依据：10号令附件 2.2.1）' },
    ]);
  });
});
