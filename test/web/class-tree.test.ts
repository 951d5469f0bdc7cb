// 分类方案 tree edits keep rows' and tests' class paths in step and hold the four-level limit.
import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../server/schemas/scheme.js';
import {
  addClass,
  flattenClassTree,
  moveClass,
  moveTargets,
  recodeClass,
  removeClass,
  renameClass,
  reorderClass,
} from '../../web-components/lib/class-tree.js';

const scheme = (): Scheme => ({
  format: 'sanheyi.scheme/1',
  title: '三合一',
  unit: '某公司',
  kind: 'enterprise',
  classes: [
    {
      code: 'WS',
      name: '文书',
      children: [
        { code: 'DQ', name: '党群', children: [{ code: 'ZZ', name: '组织' }] },
        { code: 'XZ', name: '行政' },
      ],
    },
    { code: 'KJ', name: '科技' },
  ],
  items: [
    { id: '1', scope: '党委会纪要', class: 'WS/DQ/ZZ', retention: 'Y', when: true },
    { id: '2', scope: '行政通知', class: 'WS/XZ', retention: 'D10', when: true },
  ],
  tests: [{ record: { title: 'x' }, expect: { outcome: 'file', classCode: 'WS/DQ/ZZ' } }],
});

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error((r as unknown as { message: string }).message);
  return (r as unknown as { scheme: Scheme }).scheme;
};

describe('class tree', () => {
  it('flattens with code paths and Chinese names', () => {
    const flat = flattenClassTree(scheme().classes);
    expect(flat.map((c) => c.path)).toEqual(['WS', 'WS/DQ', 'WS/DQ/ZZ', 'WS/XZ', 'KJ']);
    expect(flat[2].names).toEqual(['文书', '党群', '组织']);
  });

  it('recodes a class and its rows, descendants and tests follow', () => {
    const s = ok(recodeClass(scheme(), [0, 0], 'DJ'));
    expect(s.items[0].class).toBe('WS/DJ/ZZ');
    expect(s.items[1].class).toBe('WS/XZ');
    expect(s.tests![0].expect.classCode).toBe('WS/DJ/ZZ');
    expect(recodeClass(scheme(), [0, 0], 'XZ')).toMatchObject({ ok: false });
    expect(recodeClass(scheme(), [0, 0], '党群')).toMatchObject({ ok: false });
  });

  it('moves a class under another, within four levels, and rows follow', () => {
    const s = ok(moveClass(scheme(), [0, 0], [1]));
    expect(flattenClassTree(s.classes).map((c) => c.path)).toEqual(['WS', 'WS/XZ', 'KJ', 'KJ/DQ', 'KJ/DQ/ZZ']);
    expect(s.items[0].class).toBe('KJ/DQ/ZZ');
    expect(moveClass(scheme(), [0], [0, 0, 0])).toMatchObject({ ok: false });
    const targets = moveTargets(scheme().classes, [0, 0]).map((c) => c.path);
    expect(targets).toEqual(['WS/XZ', 'KJ']);
  });

  it('adds within the depth limit, renames, reorders and refuses removing used classes', () => {
    let s = ok(addClass(scheme(), [0, 0, 0], { code: 'A1', name: '小类' }));
    expect(flattenClassTree(s.classes).some((c) => c.path === 'WS/DQ/ZZ/A1')).toBe(true);
    expect(addClass(s, [0, 0, 0, 0], { code: 'B', name: '第五级' })).toMatchObject({ ok: false });
    s = ok(renameClass(s, [1], '科研'));
    expect(s.classes[1].name).toBe('科研');
    s = ok(reorderClass(s, [1], -1));
    expect(s.classes.map((c) => c.code)).toEqual(['KJ', 'WS']);
    expect(removeClass(scheme(), [0, 1])).toMatchObject({ ok: false });
    expect(ok(removeClass(scheme(), [1])).classes.map((c) => c.code)).toEqual(['WS']);
  });
});
