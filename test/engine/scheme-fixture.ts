// A small valid scheme for engine and validation tests; each test copies and changes it. And the narrowings tests use
// to edit a row's split retention or event start through the scheme's own types.
import type {
  EventStart,
  RetentionBranch,
  Scheme,
  SchemeExclusion,
  SchemeField,
  SchemeItem,
  SchemeTest,
} from '../../server/schemas/scheme.js';

/** The branches of a split row (throws for a fixed period). */
export function branches(item: SchemeItem): RetentionBranch[] {
  if (!Array.isArray(item.retention)) throw new Error(`row ${item.id} is not split`);
  return item.retention;
}

/** A row's event start (throws for a rule or none). */
export function eventStart(item: SchemeItem): EventStart {
  if (typeof item.retentionStart !== 'object') throw new Error(`row ${item.id} has no event start`);
  return item.retentionStart;
}

/** A scheme whose optional lists are there (the fixture has them all). */
export type FullScheme = Scheme & { fields: SchemeField[]; exclusions: SchemeExclusion[]; tests: SchemeTest[] };

export function miniScheme(): FullScheme {
  return {
    format: 'sanheyi.scheme/1',
    title: '测试单位三合一表',
    unit: '某市建设投资集团有限公司',
    kind: 'enterprise',
    fonds: 'Z109',
    fields: [
      { name: 'extra.assetScrappedOn', label: '固定资产报废日期', type: 'date' },
      { name: 'extra.importance', label: '重要程度', type: 'enum', values: ['重要', '一般'] },
    ],
    departments: [{ code: 'BGS', name: '办公室' }],
    classes: [
      {
        code: 'WS',
        name: '文书档案',
        children: [
          { code: 'DQ', name: '党群工作' },
          { code: 'XZ', name: '行政管理', children: [{ code: '01', name: '综合' }] },
        ],
      },
      { code: 'KJ', name: '会计档案', children: [{ code: '02', name: '会计账簿' }] },
    ],
    items: [
      { id: '1', scope: '会议文件材料' },
      {
        id: '1.1',
        scope: '会议决议、纪要',
        class: 'WS/DQ',
        retention: 'Y',
        basis: '10号令附件 2.2.1',
        when: { or: [{ in: ['决议', { var: 'title' }] }, { in: [{ var: 'docType' }, ['纪要', '决议']] }] },
      },
      {
        id: '1.2',
        scope: '会议通知',
        class: 'WS/XZ/01',
        basis: '测试',
        when: { '==': [{ var: 'docType' }, '通知'] },
        retention: [
          { label: '重要的', when: { '==': [{ var: 'origin' }, 'own'] }, code: 'D30' },
          { label: '一般的', code: 'D10' },
        ],
      },
      {
        id: '2',
        scope: '合同协议',
        class: 'WS/XZ',
        basis: '测试',
        when: { '==': [{ var: 'docType' }, '合同'] },
        retention: [{ label: '重要的', when: { '>=': [{ var: 'amount' }, 1000000] }, code: 'Y' }],
        review: '金额未达标准时，由档案员判断合同是否重要',
      },
      {
        id: '3',
        scope: '固定资产卡片',
        class: 'KJ/02',
        basis: '79号令附表1 第6项',
        retention: 'D5',
        retentionStart: { event: '固定资产报废清理', dateField: 'extra.assetScrappedOn' },
        when: { in: ['固定资产卡片', { var: 'title' }] },
      },
      {
        id: '4',
        scope: '会计账簿',
        class: 'KJ/02',
        basis: '79号令附表1 第3项',
        retention: 'D30',
        retentionStart: 'fiscalYearEndNextDay',
        when: { '==': [{ var: 'businessType' }, '会计账簿'] },
      },
    ],
    exclusions: [{ id: 'E1', scope: '一般性文件的草稿', when: { '==': [{ var: 'manuscript' }, '草稿'] }, basis: '10号令第五条（二）' }],
    tests: [
      {
        name: '董事会决议',
        record: { title: '董事会关于增资的决议', date: '2024-03-01' },
        expect: { outcome: 'file', item: '1.1', retention: 'Y' },
      },
    ],
  };
}
