// Side-by-side diff: rows matched by id then derivedFrom, changes named, shortened retentions flagged.
import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../server/schemas/scheme.js';
import { diffSchemes, matchItems } from '../../web-components/lib/diff-view.js';

const base: Scheme = {
  format: 'sanheyi.scheme/1', title: 't', unit: 'u', kind: 'enterprise',
  classes: [{ code: 'WS', name: '文书' }, { code: 'KJ', name: '科技' }],
  items: [
    { id: '1', scope: '设立文件', class: 'WS', retention: 'Y', when: { in: ['设立', { var: 'title' }] }, derivedFrom: '1.1' },
    { id: '2', scope: '年度计划', class: 'WS', retention: 'D30', when: { in: ['计划', { var: 'title' }] }, derivedFrom: '1.2' },
    { id: '3', scope: '合同', class: 'WS', retention: [{ label: '重要的', when: { '>': [{ var: 'amount' }, 100] }, code: 'Y' }, { label: '一般的', code: 'D30' }], when: { in: ['合同', { var: 'title' }] } },
    { id: '4', scope: '通知', class: 'WS', retention: 'D10', when: { in: ['通知', { var: 'title' }] } },
  ],
  exclusions: [{ id: 'X1', scope: '重份', when: { in: ['重份', { var: 'title' }] } }],
};

describe('scheme diff', () => {
  it('reports no changes between equal versions', () => {
    const d = diffSchemes(base, structuredClone(base));
    expect(d.changed).toBe(0);
    expect(d.rows).toHaveLength(4);
  });

  it('flags a shortened retention, names the other changes and places removed rows', () => {
    const next = structuredClone(base);
    next.items[1] = { ...next.items[1], retention: 'D10', when: { in: ['年度计划', { var: 'title' }] } };
    next.items[2] = { ...next.items[2], retention: [{ label: '重要的', when: { '>': [{ var: 'amount' }, 100] }, code: 'Y' }, { label: '一般的', code: 'D10' }] };
    next.items.splice(3, 1);
    next.items.push({ id: '4', scope: '新条款', class: 'KJ', retention: 'Y', when: true });
    next.classes = [{ code: 'WS', name: '文书档案' }];
    next.exclusions = [];
    const d = diffSchemes(base, next);
    const byKey = Object.fromEntries(d.rows.map((r) => [r.key, r]));
    expect(byKey['=2>2'].changes).toEqual(['retentionShorter', 'condition']);
    expect(byKey['=2>2'].shortened).toBe(true);
    expect(byKey['=3>3'].shortened).toBe(true);
    // Row 4 kept its id with new content: matched by id, as the service matches.
    expect(byKey['=4>4'].changes).toEqual(expect.arrayContaining(['scope', 'retentionLonger', 'class']));
    expect(d.shortened).toBe(2);
    expect(d.classes.renamed[0].detail).toBe('“文书” → “文书档案”');
    expect(d.classes.removed.map((c) => c.key)).toEqual(['KJ']);
    expect(d.exclusions.removed.map((c) => c.key)).toEqual(['X1']);
  });

  it('matches rows by id first, then a renumbered row by derivedFrom', () => {
    const next = structuredClone(base);
    next.items = [base.items[1], base.items[2], base.items[3], { ...base.items[0], id: '5' }];
    const pairs = matchItems(base.items, next.items);
    expect(pairs.get(base.items[0])?.id).toBe('5');
    const d = diffSchemes(base, next);
    expect(d.rows.map((r) => r.key)).toEqual(['=2>2', '=3>3', '=4>4', '=1>5']);
    expect(d.rows[3].changes).toEqual(['moved']);
  });

  it('shows a removed row where it was', () => {
    const next = structuredClone(base);
    next.items.splice(1, 1);
    const d = diffSchemes(base, next);
    expect(d.rows.map((r) => r.key)).toEqual(['=1>1', '-2', '=3>3', '=4>4']);
    expect(d.counts).toEqual({ removed: 1 });
  });
});
