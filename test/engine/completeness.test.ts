// What keeps a valid table from being submitted (server/engine/completeness.ts): the one rule the page and the
// service apply.
import { describe, expect, it } from 'vitest';
import { incompleteParts } from '../../server/engine/completeness.js';
import type { Scheme } from '../../server/schemas/scheme.js';

const classes = [
  { code: 'WS', name: '文书档案', children: [{ code: 'JG', name: '经营管理' }] },
  { code: 'KJ', name: '会计档案' },
];
const baseline = {
  format: 'sanheyi.scheme/1',
  unit: '基线',
  kind: 'enterprise',
  classes,
  items: [
    { id: '1', scope: '会议文件', class: 'WS/JG', retention: 'Y', when: true },
    { id: '2', scope: '原始凭证', class: 'KJ', retention: 'D30', when: true },
  ],
  tests: [],
} as unknown as Scheme;

const table = (items: Scheme['items'], tests: Scheme['tests'] = [{ name: 't', record: {}, expect: { outcome: 'file' } }] as never) =>
  ({ ...baseline, items, tests }) as Scheme;

describe('incompleteParts', () => {
  it('finds nothing in a complete table; heading rows need no condition', () => {
    const items = [
      { id: '1', scope: '标题' },
      { id: '1.1', scope: '会议文件', class: 'WS/JG', retention: 'Y', when: true },
    ] as Scheme['items'];
    expect(incompleteParts(table(items), baseline)).toEqual([]);
  });

  it('names rows without a condition, accounting rows under 文书 (by source or by origin) and missing tests', () => {
    const items = [
      { id: '1', scope: '待补充', class: 'WS/JG', retention: 'Y', needsCondition: true },
      { id: '2', scope: '记账凭证', class: 'WS/JG', retention: 'D30', basis: '79号令附表1 第2项', when: true },
      { id: '3', scope: '原始凭证', class: 'WS', retention: 'D30', derivedFrom: '2', when: true },
      { id: '4', scope: '会议文件', class: 'WS/JG', retention: 'Y', derivedFrom: '1', when: true },
      { id: '5', scope: '原始凭证', class: 'KJ', retention: 'D30', derivedFrom: '2', basis: '79号令', when: true },
    ] as Scheme['items'];
    expect(incompleteParts(table(items, []), baseline).map((e) => e.path)).toEqual([
      '/items/0/when',
      '/items/1/class',
      '/items/2/class',
      '/tests',
    ]);
  });

  it('without a baseline, knows accounting rows by their source only', () => {
    const items = [{ id: '1', scope: '原始凭证', class: 'WS', retention: 'D30', derivedFrom: '2', when: true }] as Scheme['items'];
    expect(incompleteParts(table(items), null)).toEqual([]);
    expect(incompleteParts(table(items), baseline)).toEqual([
      { path: '/items/0/class', message: '是会计档案，却放在文书档案类目 WS 下，请改放到会计档案类目' },
    ]);
  });
});
