// 层垒制 row operations: indent/outdent/reorder/insert/remove renumber clause ids and keep test references in step.
import { describe, expect, it } from 'vitest';
import type { Scheme, SchemeItem } from '../../server/schemas/scheme.js';
import { applyRenames, cannot, indent, insertAfter, isHeading, move, outdent, remove, renumber } from '../../web-components/lib/items.js';

const rows = (...ids: string[]): SchemeItem[] => ids.map((id) => ({ id, scope: `范围 ${id}` }));
const ids = (items: SchemeItem[]) => items.map((it) => it.id);
const scopes = (items: SchemeItem[]) => items.map((it) => it.scope.replace('范围 ', ''));

describe('item renumbering', () => {
  it('indents a row (with its subtree) under its previous sibling', () => {
    const items = rows('1', '1.1', '2', '2.1', '3');
    const r = indent(items, 2);
    expect(ids(r.items)).toEqual(['1', '1.1', '1.2', '1.2.1', '2']);
    expect(scopes(r.items)).toEqual(['1', '1.1', '2', '2.1', '3']);
    expect(r.renamed.get('2')).toBe('1.2');
    expect(r.renamed.get('3')).toBe('2');
    expect(r.focus).toBe(2);
  });

  it('outdents a row after its parent’s subtree, leaving later siblings under the parent', () => {
    const items = rows('1', '1.1', '1.1.1', '1.2', '2');
    const r = outdent(items, 1);
    expect(scopes(r.items)).toEqual(['1', '1.2', '1.1', '1.1.1', '2']);
    expect(ids(r.items)).toEqual(['1', '1.1', '2', '2.1', '3']);
    expect(r.focus).toBe(2);
  });

  it('moves a row with its subtree past its sibling’s subtree, both ways', () => {
    const items = rows('1', '1.1', '2', '2.1', '2.2', '3');
    const down = move(items, 0, 1);
    expect(scopes(down.items)).toEqual(['2', '2.1', '2.2', '1', '1.1', '3']);
    expect(ids(down.items)).toEqual(['1', '1.1', '1.2', '2', '2.1', '3']);
    expect(down.focus).toBe(3);
    const up = move(down.items, 3, -1);
    expect(scopes(up.items)).toEqual(['1', '1.1', '2', '2.1', '2.2', '3']);
  });

  it('refuses what 层垒制 forbids and says why', () => {
    const items = rows('1', '1.1', '1.1.1', '1.1.1.1', '1.2');
    expect(cannot(items, 0, 'indent')).toContain('同级');
    expect(cannot(items, 0, 'outdent')).toContain('第一级');
    expect(cannot(rows('1', '1.1', '1.2', '1.2.1', '1.2.1.1'), 2, 'indent')).toContain('4');
    expect(cannot(items, 4, 'moveDown')).toContain('最后');
    expect(cannot(items, 4, 'moveUp')).toBeNull();
    expect(ids(indent(items, 0).items)).toEqual(ids(items));
  });

  it('inserts siblings after the subtree and children as last child', () => {
    const items = rows('1', '1.1', '2');
    const sib = insertAfter(items, 0, { scope: '新' });
    expect(ids(sib.items)).toEqual(['1', '1.1', '2', '3']);
    expect(sib.items[2].scope).toBe('新');
    const child = insertAfter(items, 0, { scope: '新' }, true);
    expect(ids(child.items)).toEqual(['1', '1.1', '1.2', '2']);
    expect(child.items[2].scope).toBe('新');
    expect(ids(insertAfter([], -1, { scope: '第一条' }).items)).toEqual(['1']);
  });

  it('removes a subtree and closes the gap', () => {
    const r = remove(rows('1', '1.1', '2', '2.1', '3'), 2);
    expect(ids(r.items)).toEqual(['1', '1.1', '2']);
    expect(r.removed).toEqual(new Set(['2', '2.1']));
    expect(r.renamed.get('3')).toBe('2');
  });

  it('renumbers gaps and knows heading rows', () => {
    expect(ids(renumber(rows('1', '3', '3.2', '7')).items)).toEqual(['1', '2', '2.1', '3']);
    expect(isHeading(rows('1', '1.1'), 0)).toBe(true);
    expect(isHeading(rows('1', '1.1'), 1)).toBe(false);
  });

  it('moves test expectations with their rows and drops tests of removed rows', () => {
    const scheme = {
      format: 'sanheyi.scheme/1', title: 't', unit: 'u', kind: 'enterprise', classes: [{ code: 'WS', name: '文书' }],
      items: rows('1', '2', '3'),
      tests: [
        { record: { title: 'a' }, expect: { outcome: 'file', item: '2' } },
        { record: { title: 'b' }, expect: { outcome: 'file', item: '3' } },
        { record: { title: 'c' }, expect: { outcome: 'review' } },
      ],
    } as Scheme;
    const r = remove(scheme.items, 1);
    const next = applyRenames({ ...scheme, items: r.items }, r.renamed, r.removed);
    expect(next.tests!.map((t) => t.expect.item)).toEqual(['2', undefined]);
  });
});
