// 层垒制 row operations: only the rows an operation is about get new numbers; renumbering is its own action; test
// references follow their rows.
import { describe, expect, it } from 'vitest';
import type { Scheme, SchemeItem } from '../../server/schemas/scheme.js';
import {
  applyRenames,
  cannot,
  indent,
  insertAfter,
  isHeading,
  move,
  outdent,
  remove,
  renumber,
  renumberSiblings,
} from '../../web-components/lib/items.js';

const rows = (...ids: string[]): SchemeItem[] => ids.map((id) => ({ id, scope: `范围 ${id}` }));
const ids = (items: SchemeItem[]) => items.map((it) => it.id);
const scopes = (items: SchemeItem[]) => items.map((it) => it.scope.replace('范围 ', ''));

describe('item renumbering', () => {
  it('indents a row (with its subtree) under its previous sibling', () => {
    const items = rows('1', '1.1', '2', '2.1', '3');
    const r = indent(items, 2);
    expect(ids(r.items)).toEqual(['1', '1.1', '1.2', '1.2.1', '3']);
    expect(scopes(r.items)).toEqual(['1', '1.1', '2', '2.1', '3']);
    expect(r.renamed).toEqual(
      new Map([
        ['2', '1.2'],
        ['2.1', '1.2.1'],
      ]),
    );
    expect(r.focus).toBe(2);
  });

  it('outdents a row after its parent’s subtree under a free number, leaving later siblings under the parent', () => {
    const items = rows('1', '1.1', '1.1.1', '1.2', '2');
    const r = outdent(items, 1);
    expect(scopes(r.items)).toEqual(['1', '1.2', '1.1', '1.1.1', '2']);
    expect(ids(r.items)).toEqual(['1', '1.2', '3', '3.1', '2']);
    expect(ids(outdent(rows('1', '1.1', '1.2', '3'), 1).items)).toEqual(['1', '1.2', '2', '3']);
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

  it('inserts siblings after the subtree under a free number, and children as last child; no other row moves', () => {
    const items = rows('1', '1.1', '2');
    const sib = insertAfter(items, 0, { scope: '新' });
    expect(ids(sib.items)).toEqual(['1', '1.1', '3', '2']);
    expect(sib.items[2].scope).toBe('新');
    expect(sib.renamed.size).toBe(0);
    expect(ids(insertAfter(items, 2, { scope: '新' }).items)).toEqual(['1', '1.1', '2', '3']);
    // Inserting into the middle of 22 numbered rows renumbers none of them.
    const many = rows('2', '2.2', ...Array.from({ length: 22 }, (_, i) => `2.2.${i + 1}`));
    const mid = insertAfter(many, 2, { scope: '新' });
    expect(mid.items[3].id).toBe('2.2.23');
    expect(ids(mid.items.filter((it) => it.scope !== '新'))).toEqual(ids(many));
    const child = insertAfter(items, 0, { scope: '新' }, true);
    expect(ids(child.items)).toEqual(['1', '1.1', '1.2', '2']);
    expect(child.items[2].scope).toBe('新');
    expect(ids(insertAfter([], -1, { scope: '第一条' }).items)).toEqual(['1']);
  });

  it('removes a subtree and leaves the gap', () => {
    const r = remove(rows('1', '1.1', '2', '2.1', '3'), 2);
    expect(ids(r.items)).toEqual(['1', '1.1', '3']);
    expect(r.removed).toEqual(new Set(['2', '2.1']));
    expect(r.renamed.size).toBe(0);
  });

  it('renumbers gaps and knows heading rows', () => {
    expect(ids(renumber(rows('1', '3', '3.2', '7')).items)).toEqual(['1', '2', '2.1', '3']);
    expect(isHeading(rows('1', '1.1'), 0)).toBe(true);
    expect(isHeading(rows('1', '1.1'), 1)).toBe(false);
  });

  it('moves test expectations with their rows and drops tests of removed rows', () => {
    const scheme = {
      format: 'sanheyi.scheme/1',
      title: 't',
      unit: 'u',
      kind: 'enterprise',
      classes: [{ code: 'WS', name: '文书' }],
      items: rows('1', '2', '3'),
      tests: [
        { record: { title: 'a' }, expect: { outcome: 'file', item: '2' } },
        { record: { title: 'b' }, expect: { outcome: 'file', item: '3' } },
        { record: { title: 'c' }, expect: { outcome: 'review' } },
      ],
    } as Scheme;
    const r = remove(scheme.items, 1);
    const next = applyRenames({ ...scheme, items: r.items }, r.renamed, r.removed);
    expect(next.tests!.map((t) => t.expect.item)).toEqual(['3', undefined]);
    const again = renumber(next.items);
    expect(applyRenames({ ...next, items: again.items }, again.renamed).tests!.map((t) => t.expect.item)).toEqual(['2', undefined]);
  });
});

describe('explicit renumbering', () => {
  it('numbers one level in order with their subtrees and leaves the other levels alone', () => {
    const items = rows('1', '2', '2.1', '2.3', '2.3.1', '2.2', '79', '79.4');
    const r = renumberSiblings(items, 3);
    expect(ids(r.items)).toEqual(['1', '2', '2.1', '2.2', '2.2.1', '2.3', '79', '79.4']);
    expect(r.renamed).toEqual(
      new Map([
        ['2.3', '2.2'],
        ['2.3.1', '2.2.1'],
        ['2.2', '2.3'],
      ]),
    );
    expect(renumberSiblings(items, 1).renamed).toEqual(
      new Map([
        ['79', '3'],
        ['79.4', '3.4'],
      ]),
    );
  });
});
