// Unit tests for the semantic diff of two scheme versions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffSchemes, matchRows } from '../../server/engine/diff.js';
import { validateScheme } from '../../server/engine/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { branches, miniScheme } from './scheme-fixture.js';

const base = JSON.parse(readFileSync(new URL('../http/fixtures/rulesets/demo-enterprise.json', import.meta.url), 'utf8')) as Scheme;
const copy = (): Scheme => structuredClone(base);

describe('diffSchemes', () => {
  it('finds nothing between equal versions', () => {
    const d = diffSchemes(base, copy(), { from: 1, to: 2 });
    expect(d.from).toBe(1);
    expect(d.to).toBe(2);
    expect(Object.values(d.items).every((l) => l.length === 0)).toBe(true);
    expect(d.classes).toEqual({ added: [], removed: [], renamed: [], recoded: [] });
    expect(d.settings).toEqual([]);
    expect(d.flagged).toBe(false);
  });

  it('reports added, removed, scope, condition and class changes', () => {
    const next = copy();
    next.items = next.items.filter((it) => it.id !== '3');
    next.items.push({ id: '4', scope: '会议纪要', class: 'WS/XZ', when: { in: ['纪要', { var: 'title' }] }, retention: 'D30' });
    next.items[1].scope = '本企业设立的申请、批复文件材料';
    next.items[2].when = { in: ['年度工作计划', { var: 'title' }] };
    next.items[2].class = 'WS/XZ';
    next.title = '新标题';
    expect(validateScheme(next).ok).toBe(true);
    const d = diffSchemes(base, next);
    expect(d.items.added).toEqual([{ id: '4', scope: '会议纪要' }]);
    expect(d.items.removed).toEqual([{ id: '3', scope: '一般行政事务通知' }]);
    expect(d.items.scopeChanged).toMatchObject([
      { id: '1.1', before: '本企业设立的申请及批准文件材料', after: '本企业设立的申请、批复文件材料' },
    ]);
    expect(d.items.conditionChanged).toMatchObject([{ id: '1.2', after: { in: ['年度工作计划', { var: 'title' }] } }]);
    expect(d.items.classChanged).toMatchObject([{ id: '1.2', before: 'WS/GL', after: 'WS/XZ' }]);
    expect(d.settings).toEqual(['title']);
  });

  it('separates lengthened from shortened periods and flags shortening', () => {
    const next = copy();
    next.items[1].retention = 'D30'; // 1.1 永久 → 30年
    next.items[4].retention = 'D30'; // 3 10年 → 30年
    next.items[3].retention = [
      { label: '重要的', when: { '>=': [{ var: 'amount' }, 1000000] }, code: 'Y' },
      { label: '一般的', code: 'D30' },
    ]; // 2: 一般的 10 → 30
    const d = diffSchemes(base, next);
    expect(d.items.retentionShortened).toMatchObject([
      { id: '1.1', flag: 'shortened', before: { shortest: 'Y', label: '永久' }, after: { shortest: 'D30' } },
    ]);
    expect(d.items.retentionLengthened.map((x) => x.id).sort()).toEqual(['2', '3']);
    expect(d.items.retentionLengthened.find((x) => x.id === '2')!.after.label).toBe('重要的：永久 / 一般的：定期30年');
    expect(d.flagged).toBe(true);
  });

  it('notices a branch condition change even when periods stay', () => {
    const next = copy();
    branches(next.items[3])[0].when = { '>=': [{ var: 'amount' }, 500000] };
    const d = diffSchemes(base, next);
    expect(d.items.conditionChanged.map((x) => x.id)).toEqual(['2']);
    expect(d.items.retentionShortened).toEqual([]);
    expect(d.items.retentionLengthened).toEqual([]);
  });

  it('matches renumbered rows by derivedFrom and reports them as moved', () => {
    const from = copy();
    for (const it of from.items) it.derivedFrom = it.id;
    const to = structuredClone(from);
    to.items[4].id = '4'; // 3 → 4, same baseline origin
    const d = diffSchemes(from, to);
    expect(d.items.moved).toEqual([{ id: '4', fromId: '3', scope: '一般行政事务通知', matchedBy: 'derivedFrom' }]);
    expect(d.items.added).toEqual([]);
    expect(d.items.removed).toEqual([]);
  });

  it('matches a row whose derivedFrom names the old id', () => {
    const { pairs, added, removed } = matchRows([{ id: '3', scope: 'a' }], [{ id: '5', scope: 'a', derivedFrom: '3' }]);
    expect(pairs.map(([b, a]) => [b.id, a.id])).toEqual([['3', '5']]);
    expect(added).toEqual([]);
    expect(removed).toEqual([]);
  });

  it("an inserted row that took a baseline row's number is new; the renumbered baseline row keeps its origin", () => {
    // First submission against the baseline: a new 2.2.2 was inserted, the copied 2.2.2 became 2.2.3.
    const baseline = [
      { id: '2.2.1', scope: 'a', retention: 'Y' },
      { id: '2.2.2', scope: 'b', retention: 'D30' },
    ] as Scheme['items'];
    const draft = [
      { id: '2.2.1', scope: 'a', retention: 'Y', derivedFrom: '2.2.1' },
      { id: '2.2.2', scope: '新条款', retention: 'Y' },
      { id: '2.2.3', scope: 'b', retention: 'D30', derivedFrom: '2.2.2' },
    ] as Scheme['items'];
    const d = diffSchemes({ ...base, items: baseline }, { ...base, items: draft });
    expect(d.items.added).toEqual([{ id: '2.2.2', scope: '新条款' }]);
    expect(d.items.moved).toEqual([{ id: '2.2.3', fromId: '2.2.2', scope: 'b', matchedBy: 'derivedFrom' }]);
    expect(d.items.scopeChanged).toEqual([]);
    expect(d.items.retentionLengthened).toEqual([]);
    expect(d.items.removed).toEqual([]);
  });

  it('reports classes added, removed, renamed and recoded', () => {
    const next = copy();
    next.classes[0].children![0].name = '经营管理类'; // renamed WS/GL
    next.classes[0].children![1].code = 'XZ2'; // recoded WS/XZ → WS/XZ2
    next.items[4].class = 'WS/XZ2';
    next.classes.push({ code: 'KJ', name: '会计' });
    const d = diffSchemes(base, next);
    expect(d.classes.renamed).toEqual([{ path: 'WS/GL', before: '经营管理', after: '经营管理类' }]);
    expect(d.classes.recoded).toEqual([{ before: 'WS/XZ', after: 'WS/XZ2', name: '行政管理' }]);
    expect(d.classes.added).toEqual([{ path: 'KJ', name: '会计' }]);
    expect(d.classes.removed).toEqual([]);
    const back = diffSchemes(next, base);
    expect(back.classes.removed).toEqual([{ path: 'KJ', name: '会计' }]);
  });

  it('reports exclusions added, removed and changed', () => {
    const next = copy();
    next.exclusions![0].scope = '重份文件';
    next.exclusions!.push({ id: 'X2', scope: '草稿', when: { '==': [{ var: 'manuscript' }, '草稿'] } });
    const d = diffSchemes(base, next);
    expect(d.exclusions.changed).toEqual([{ id: 'X1', fields: ['scope'] }]);
    expect(d.exclusions.added).toEqual([{ id: 'X2', scope: '草稿' }]);
    expect(diffSchemes(next, base).exclusions.removed).toEqual([{ id: 'X2', scope: '草稿' }]);
  });
});

describe('diff flags mixed branch changes', () => {
  it('flags a row whose 重要的 period falls even though its 一般的 period rises', () => {
    const before = miniScheme();
    before.items[2].retention = [
      { label: '重要的', when: { '==': [{ var: 'origin' }, 'own'] }, code: 'Y' },
      { label: '一般的', code: 'D10' },
    ];
    const after = miniScheme();
    after.items[2].retention = [
      { label: '重要的', when: { '==': [{ var: 'origin' }, 'own'] }, code: 'D30' },
      { label: '一般的', code: 'D30' },
    ];
    const d = diffSchemes(before as Scheme, after as Scheme);
    expect(d.items.retentionShortened).toHaveLength(1);
    expect(d.items.retentionLengthened).toHaveLength(0);
    expect(d.flagged).toBe(true);
  });
});
