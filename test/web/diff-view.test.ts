// Side-by-side diff: the engine's semantic diff laid out over both versions' rows, flags taken as the service gives them.
import { describe, expect, it } from 'vitest';
import { diffSchemes } from '../../server/engine/diff.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { sideBySide } from '../../web-components/lib/diff-view.js';

const base: Scheme = {
  format: 'sanheyi.scheme/1',
  title: 't',
  unit: 'u',
  kind: 'enterprise',
  classes: [
    { code: 'WS', name: '文书' },
    { code: 'KJ', name: '科技' },
  ],
  items: [
    { id: '1', scope: '设立文件', class: 'WS', retention: 'Y', when: { in: ['设立', { var: 'title' }] }, derivedFrom: '1.1' },
    { id: '2', scope: '年度计划', class: 'WS', retention: 'D30', when: { in: ['计划', { var: 'title' }] }, derivedFrom: '1.2' },
    {
      id: '3',
      scope: '合同',
      class: 'WS',
      retention: [
        { label: '重要的', when: { '>': [{ var: 'amount' }, 100] }, code: 'Y' },
        { label: '一般的', code: 'D30' },
      ],
      when: { in: ['合同', { var: 'title' }] },
    },
    { id: '4', scope: '通知', class: 'WS', retention: 'D10', when: { in: ['通知', { var: 'title' }] } },
  ],
  exclusions: [{ id: 'X1', scope: '重份', when: { in: ['重份', { var: 'title' }] } }],
};

const view = (next: Scheme) => sideBySide(base, next, diffSchemes(base, next));

describe('side-by-side diff', () => {
  it('shows every row unchanged between equal versions', () => {
    const d = view(structuredClone(base));
    expect(d.changed).toBe(0);
    expect(d.rows).toHaveLength(4);
    expect(d.summary).toEqual([]);
  });

  it('flags a shortened retention and names the other changes per row', () => {
    const next = structuredClone(base);
    next.items[1] = { ...next.items[1], retention: 'D10', when: { in: ['年度计划', { var: 'title' }] } };
    next.items[3] = { ...next.items[3], scope: '通知、通报', class: 'KJ', retention: 'D30' };
    next.classes = [
      { code: 'WS', name: '文书档案' },
      { code: 'KJ', name: '科技' },
    ];
    next.exclusions = [];
    const d = view(next);
    const byKey = Object.fromEntries(d.rows.map((r) => [r.key, r]));
    expect(byKey['=2>2'].changes.sort()).toEqual(['condition', 'retentionShorter']);
    expect(byKey['=2>2'].shortened).toBe(true);
    expect(byKey['=4>4'].changes.sort()).toEqual(['class', 'retentionLonger', 'scope']);
    expect(d.shortened).toBe(1);
    expect(d.summary[0]).toEqual({ label: '保管期限缩短', count: 1, flagged: true });
    expect(d.other).toContain('类目 WS 改名：“文书” → “文书档案”');
    expect(d.other).toContain('删除不归档条目 X1：重份');
  });

  it('pairs a renumbered row through derivedFrom and shows a removed row where it was', () => {
    const next = structuredClone(base);
    next.items = [base.items[0], base.items[2], base.items[3], { ...base.items[1], id: '5' }];
    const d = view(next);
    expect(d.rows.map((r) => r.key)).toEqual(['=1>1', '=3>3', '=4>4', '=2>5']);
    expect(d.rows[3].changes).toEqual(['moved']);
    next.items = [base.items[0], base.items[2], base.items[3]];
    const removed = view(next);
    expect(removed.rows.map((r) => r.key)).toEqual(['=1>1', '-2', '=3>3', '=4>4']);
    expect(removed.rows[1].changes).toEqual(['removed']);
  });

  it('puts rows removed at the start first and added rows in place', () => {
    const next = structuredClone(base);
    next.items = [base.items[1], base.items[2], { id: '5', scope: '新增', class: 'WS', retention: 'Y', when: true }, base.items[3]];
    const d = view(next);
    expect(d.rows.map((r) => r.key)).toEqual(['-1', '=2>2', '=3>3', '+5', '=4>4']);
  });
});
