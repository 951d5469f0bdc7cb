// Engine behaviour: outcomes, the multiple-match policy, retention dates, 档号 prefix, reasons, hashing, safety.
import { describe, expect, it } from 'vitest';
import { compile } from '../../server/engine/compile.js';
import { analyse } from '../../server/engine/analyse.js';
import { contentHash } from '../../server/engine/hash.js';
import { generateRecords, generateScheme } from '../../bench/generate.js';
import { miniScheme } from './scheme-fixture.js';

const engine = compile(miniScheme(), { version: 3 });

describe('classify', () => {
  it('files a record with class, retention, dates, 档号 prefix, deciding row, reasons, version and hash', () => {
    const r = engine.classify({ title: '董事会关于增资扩股的决议', date: '2011-05-20', docType: '决议' });
    expect(r).toMatchObject({
      outcome: 'file',
      classCode: 'WS/DQ',
      classPath: ['文书档案', '党群工作'],
      retention: { code: 'Y', label: '永久' },
      retentionStart: '2012-01-01',
      archivalCode: 'Z109-WS·2011-Y-DQ',
      item: { id: '1.1', scope: '会议决议、纪要', basis: '10号令附件 2.2.1' },
      version: 3,
      hash: engine.hash,
    });
    expect(r.expiresOn).toBeUndefined(); // 永久 has no last day
    expect(r.reasons[0]).toBe('匹配条款 1.1：会议决议、纪要');
    expect(r.reasons).toContain('题名包含“决议”');
  });

  it('computes the last day kept for fixed terms (start + years − 1 day)', () => {
    const r = engine.classify({ title: '关于召开年度工作会议的通知', date: '2024-12-31', docType: '通知', origin: 'own' });
    expect(r).toMatchObject({
      outcome: 'file',
      item: { id: '1.2' },
      branch: '重要的',
      retention: { code: 'D30' },
      retentionStart: '2025-01-01',
      expiresOn: '2054-12-31',
    });
    expect(r.archivalCode).toBe('Z109-WS·2024-D30-XZ·01');
    expect(r.reasons).toContain('按“重要的”定为定期30年');
  });

  it('takes the default branch when the 重要 condition does not hold', () => {
    const r = engine.classify({ title: '关于端午节放假的通知', date: '2023-06-01', docType: '通知', origin: 'superior' });
    expect(r).toMatchObject({ outcome: 'file', branch: '一般的', retention: { code: 'D10' }, expiresOn: '2033-12-31' });
    expect(r.archivalCode).toBe('Z109-WS·2023-D10-XZ·01');
  });

  it('gives each class, year and retention its own 档号 prefix (prefixes are built once and shared)', () => {
    const doc = miniScheme();
    // Two rows of one class with different retentions, and a row of another class.
    doc.items.push({
      id: '9',
      scope: '年度计划',
      class: 'WS/XZ/01',
      retention: 'D30',
      basis: '测试',
      when: { in: ['计划', { var: 'title' }] },
    });
    const c = compile(doc);
    const code = (record: object) => c.classify(record).archivalCode;
    const seen = new Set<string | undefined>();
    for (const year of ['2019', '2020']) {
      const codes = [
        code({ title: '放假通知', docType: '通知', origin: 'superior', date: `${year}-03-01` }), // 1.2 一般的: D10
        code({ title: '放假通知', docType: '通知', origin: 'own', date: `${year}-03-01` }), // 1.2 重要的: D30
        code({ title: '年度计划', date: `${year}-03-01` }), // 9: D30, same class
        code({ title: '决议', date: `${year}-03-01` }), // 1.1: Y, WS/DQ
      ];
      expect(codes).toEqual([
        `Z109-WS·${year}-D10-XZ·01`,
        `Z109-WS·${year}-D30-XZ·01`,
        `Z109-WS·${year}-D30-XZ·01`,
        `Z109-WS·${year}-Y-DQ`,
      ]);
      for (const x of codes) seen.add(x);
    }
    expect(seen.size).toBe(6);
  });

  it('asks for review when no row matches — never a silent default', () => {
    const r = engine.classify({ title: '食堂菜单', date: '2024-01-02' });
    expect(r.outcome).toBe('review');
    expect(r.retention).toBeUndefined();
    expect(r.candidates).toEqual([]);
    expect(r.reasons[0]).toMatch(/没有匹配/);
  });

  it('asks for review when a row cannot decide 重要/一般 from the metadata', () => {
    const r = engine.classify({ title: '办公用品采购合同', date: '2024-01-02', docType: '合同', amount: 8000 });
    expect(r).toMatchObject({ outcome: 'review', item: { id: '2' } });
    expect(r.reasons.join()).toMatch(/金额未达标准时/);
    const big = engine.classify({ title: '办公楼建设工程施工合同', date: '2024-01-02', docType: '合同', amount: 35_000_000 });
    expect(big).toMatchObject({ outcome: 'file', item: { id: '2' }, retention: { code: 'Y' }, branch: '重要的' });
  });

  it('does not ask for review when a decided row already keeps longer than the undecided one could', () => {
    // Row 1.1 (永久, depth 2) matches by title; row 2 could at most give 永久 too but loses the tie (depth 1).
    const tie = engine.classify({ title: '关于合同的决议', date: '2024-01-02', docType: '合同', amount: 1 });
    expect(tie).toMatchObject({ outcome: 'file', item: { id: '1.1' } });
    // Had row 2 been deeper, its undecided 重要 branch could win the tie: then a person decides.
    const deeper = miniScheme();
    deeper.items.splice(3, 1, { id: '2', scope: '合同' }, { ...deeper.items[3], id: '2.1.1' });
    deeper.items.splice(4, 0, { id: '2.1', scope: '合同协议' });
    deeper.items.sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1));
    const open = compile(deeper).classify({ title: '关于合同的决议', date: '2024-01-02', docType: '合同', amount: 1 });
    expect(open).toMatchObject({ outcome: 'review', item: { id: '2.1.1' } });
    // Row 1.2 (D10 or D30) undecided never beats 1.1's 永久.
    const doc = miniScheme();
    doc.items[2].retention = [{ label: '重要的', when: { '==': [{ var: 'origin' }, 'own'] }, code: 'D30' }];
    doc.items[2].review = '需判断';
    const r = compile(doc).classify({ title: '关于印发决议的通知', docType: '通知', date: '2024-01-02' });
    expect(r).toMatchObject({ outcome: 'file', item: { id: '1.1' }, retention: { code: 'Y' } });
    expect(r.candidates.map((c) => [c.id, c.retention?.code ?? null])).toEqual([
      ['1.1', 'Y'],
      ['1.2', null],
    ]);
  });

  it('longest retention wins; ties go to the deeper clause, then table order', () => {
    const doc = miniScheme();
    doc.items.push(
      { id: '5', scope: '纪要（浅）', class: 'WS/DQ', retention: 'D30', when: { in: ['纪要', { var: 'title' }] } },
      { id: '6', scope: '标题' },
      { id: '6.1', scope: '纪要（深）', class: 'WS/XZ', retention: 'D30', when: { in: ['纪要', { var: 'title' }] } },
      { id: '7', scope: '纪要（后）', class: 'WS/XZ', retention: 'D30', when: { in: ['纪要', { var: 'title' }] } },
    );
    const c = compile(doc);
    const r = c.classify({ title: '办公会纪要', date: '2020-01-01' });
    expect(r.item!.id).toBe('6.1');
    expect(r.candidates.map((x) => x.id)).toEqual(['5', '6.1', '7']);
    expect(r.reasons.join()).toMatch(/共匹配 3 条条款/);
    const withY = c.classify({ title: '办公会纪要', docType: '纪要', date: '2020-01-01' });
    expect(withY.item!.id).toBe('1.1');
  });

  it('words several matches and overridden rows exactly, whichever record came first', () => {
    const doc = miniScheme();
    doc.items.push(
      { id: '5', scope: '纪要（浅）', class: 'WS/DQ', retention: 'D30', when: { in: ['纪要', { var: 'title' }] } },
      {
        id: '6',
        scope: '放假通知',
        class: 'WS/XZ',
        when: { in: ['放假', { var: 'title' }] },
        retention: [
          { label: '需办理的', when: { '==': [{ var: 'actionRequired' }, true] }, code: 'Y' },
          { label: '其他', code: 'D10' },
        ],
      },
    );
    const c = compile(doc);
    const reasons = (record: object) => [...c.classify({ date: '2020-01-01', ...record }).reasons];
    const byDocType = [
      '匹配条款 1.1：会议决议、纪要',
      '文种属于 “纪要”、“决议”',
      '共匹配 2 条条款（1.1 永久、5 定期30年），按“保管期限从长，同等取更具体条款”的规则选定 1.1',
      '保管期限自形成年度的次年1月1日起算',
    ];
    const byTitle = [
      '匹配条款 1.1：会议决议、纪要',
      '题名包含“决议”',
      '共匹配 2 条条款（1.1 永久、5 定期30年），按“保管期限从长，同等取更具体条款”的规则选定 1.1',
      '保管期限自形成年度的次年1月1日起算',
    ];
    for (let round = 0; round < 2; round++) {
      expect(reasons({ title: '办公会纪要', docType: '纪要' })).toEqual(byDocType);
      expect(reasons({ title: '办公会决议纪要' })).toEqual(byTitle);
      expect(reasons({ title: '办公会决议' })).toEqual([
        '匹配条款 1.1：会议决议、纪要',
        '题名包含“决议”',
        '保管期限自形成年度的次年1月1日起算',
      ]);
      // Rows 1.2 and 6 both have branches: which branch each took decides the winner and the wording.
      const notice = { title: '放假通知', docType: '通知', origin: 'own' };
      expect(reasons({ ...notice, actionRequired: true })).toContain(
        '共匹配 2 条条款（1.2 定期30年、6 永久），按“保管期限从长，同等取更具体条款”的规则选定 6',
      );
      expect(reasons({ ...notice, actionRequired: false })).toContain(
        '共匹配 2 条条款（1.2 定期30年、6 定期10年），按“保管期限从长，同等取更具体条款”的规则选定 1.2',
      );
      expect(reasons({ ...notice, origin: 'peer', actionRequired: false })).toContain(
        '共匹配 2 条条款（1.2 定期10年、6 定期10年），按“保管期限从长，同等取更具体条款”的规则选定 1.2',
      );
      expect(reasons({ title: '决议纪要', manuscript: '草稿' })).toEqual([
        '属于不归档范围 E1：一般性文件的草稿',
        '稿本为“草稿”',
        '（另匹配条款 1.1、5，按不归档范围的规则不归档）',
      ]);
      expect(reasons({ title: '决议', manuscript: '草稿' })).toEqual([
        '属于不归档范围 E1：一般性文件的草稿',
        '稿本为“草稿”',
        '（另匹配条款 1.1，按不归档范围的规则不归档）',
      ]);
      expect(reasons({ title: '纪要', manuscript: '草稿' })).toEqual([
        '属于不归档范围 E1：一般性文件的草稿',
        '稿本为“草稿”',
        '（另匹配条款 5，按不归档范围的规则不归档）',
      ]);
    }
  });

  it('gives the same results in any order of records (what is built once is keyed by all it depends on)', () => {
    const gen = generateScheme(3, 120);
    const records = JSON.parse(JSON.stringify([...generateRecords(gen, 3000, 4)])) as object[];
    const forward = compile(gen.scheme);
    const backward = compile(gen.scheme);
    const there = records.map((r) => JSON.stringify(forward.classify(r)));
    const back = records
      .toReversed()
      .map((r) => JSON.stringify(backward.classify(r)))
      .reverse();
    expect(back).toEqual(there);
    expect(new Set(there.map((r) => JSON.parse(r).outcome))).toEqual(new Set(['file', 'exclude', 'review']));
    expect(there.filter((r) => JSON.parse(r).candidates.length > 1).length).toBeGreaterThan(100);
  });

  it('tests a word against a default title as json-logic-js does (the title search is of the field itself)', () => {
    const doc = miniScheme();
    doc.items.push(
      { id: '5', scope: '甲', class: 'WS/DQ', retention: 'D10', when: { in: ['甲', { var: ['title', '甲'] }] } },
      { id: '6', scope: '乙', class: 'WS/DQ', retention: 'Y', when: { in: ['乙', { var: ['title', '乙'] }] } },
    );
    doc.exclusions = [{ id: 'E1', scope: '丙', when: { in: ['乙', { var: ['title', '丙'] }] } }];
    const r = compile(doc).classify({ date: '2020-01-01' }); // no title: both defaults contain their word
    expect(r).toMatchObject({ outcome: 'file', item: { id: '6' }, retention: { code: 'Y' } });
    expect(r.candidates.map((c) => c.id)).toEqual(['5', '6']);
  });

  it('checks 不归档范围 first and says which rows it overrode', () => {
    const r = engine.classify({ title: '董事会决议（征求意见稿）', manuscript: '草稿', date: '2024-01-01' });
    expect(r).toMatchObject({ outcome: 'exclude', exclusion: { id: 'E1', scope: '一般性文件的草稿', basis: '10号令第五条（二）' } });
    expect(r.candidates.map((c) => c.id)).toEqual(['1.1']);
    expect(r.reasons.join()).toMatch(/另匹配条款 1\.1，按不归档范围的规则不归档/);
    expect(r.archivalCode).toBeUndefined();
  });

  it('counts accounting retention from the day after the fiscal year', () => {
    const r = engine.classify({ title: '2023年度总账', businessType: '会计账簿', date: '2023-12-31' });
    expect(r).toMatchObject({
      retention: { code: 'D30' },
      retentionStart: '2024-01-01',
      expiresOn: '2053-12-31',
      archivalCode: 'Z109-KJ·2023-D30-02',
    });
    expect(r.reasons).toContain('保管期限自会计年度终了后的第一天起算');
  });

  it('counts event-based retention from the event date carried in a declared field', () => {
    const scrapped = engine.classify({ title: '固定资产卡片（车辆）', date: '2010-03-01', extra: { assetScrappedOn: '2020-03-01' } });
    expect(scrapped).toMatchObject({ retention: { code: 'D5', label: '定期5年' }, retentionStart: '2020-03-02', expiresOn: '2025-03-01' });
    const inUse = engine.classify({ title: '固定资产卡片（车辆）', date: '2010-03-01' });
    expect(inUse.outcome).toBe('file');
    expect(inUse.retentionStart).toBeNull();
    expect(inUse.expiresOn).toBeUndefined();
    expect(inUse.reasons.join()).toMatch(/尚无日期/);
  });

  it('handles 29 February and date-times', () => {
    const doc = miniScheme();
    doc.items[5].retentionStart = { event: '固定资产报废清理', dateField: 'extra.assetScrappedOn' };
    doc.items[5].retention = 'D5';
    const r = compile(doc).classify({ title: '账簿', businessType: '会计账簿', extra: { assetScrappedOn: '2024-02-28' } });
    expect(r).toMatchObject({ retentionStart: '2024-02-29', expiresOn: '2029-02-28' });
    const dt = engine.classify({ title: '决议', date: '2019-12-31T23:30:00+08:00' });
    expect(dt).toMatchObject({ retentionStart: '2020-01-01', archivalCode: 'Z109-WS·2019-Y-DQ' });
  });

  it('leaves the 档号 prefix out, and says why, when the year is unknown', () => {
    const r = engine.classify({ title: '决议' });
    expect(r.outcome).toBe('file');
    expect(r.archivalCode).toBeUndefined();
    expect(r.retentionStart).toBeNull();
    expect(r.reasons.join()).toMatch(/缺少形成日期/);
  });

  it('uses the department code for the 机构 segment when the scheme says so', () => {
    const doc = miniScheme();
    doc.archivalCode = { segment: 'department' };
    const c = compile(doc);
    expect(c.classify({ title: '决议', date: '2011-01-01', department: '办公室' }).archivalCode).toBe('Z109-WS·2011-Y-BGS');
    const r = c.classify({ title: '决议', date: '2011-01-01', department: '后勤部' });
    expect(r.archivalCode).toBeUndefined();
    expect(r.reasons.join()).toMatch(/机构“后勤部”没有机构代码/);
  });

  it('never reaches prototypes from record data', () => {
    const record = JSON.parse('{"title":"决议","__proto__":{"docType":"合同"},"extra":{"__proto__":{"assetScrappedOn":"2020-01-01"}}}');
    const r = engine.classify(record);
    expect(r.item!.id).toBe('1.1');
    expect(({} as Record<string, unknown>).docType).toBeUndefined();
  });
});

describe('content hash', () => {
  it('ignores key order and the version number, and changes with content', () => {
    const a = miniScheme();
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverse(x)]),
            )
          : v;
    const b = reverse(a);
    expect(compile(b).hash).toBe(compile(a).hash);
    expect(compile({ ...a, version: 9 }).hash).toBe(compile(a).hash);
    const c = miniScheme();
    c.items[1].retention = 'D30';
    expect(contentHash(c)).not.toBe(contentHash(a));
  });
});

describe('analyse', () => {
  it('finds failing tests, rows that never win, overlaps, empty classes and uncovered rows', () => {
    const doc = miniScheme();
    doc.classes.push({ code: 'SX', name: '声像档案' });
    doc.items.push(
      {
        id: '8',
        scope: '董事会纪要',
        class: 'WS/DQ',
        retention: 'D10',
        when: { and: [{ in: [{ var: 'docType' }, ['纪要', '决议']] }, { in: ['董事会', { var: 'title' }] }] },
      },
      {
        id: '9',
        scope: '草稿纪要',
        class: 'WS/DQ',
        retention: 'Y',
        when: { and: [{ '==': [{ var: 'manuscript' }, '草稿'] }, { '==': [{ var: 'docType' }, '纪要'] }] },
      },
      { id: '10', scope: '从不', class: 'WS/DQ', retention: 'Y', when: false },
    );
    doc.tests.push({
      name: '错误预期',
      record: { title: '通知', docType: '通知', date: '2024-01-01' },
      expect: { outcome: 'file', retention: 'Y' },
    });
    const a = analyse(compile(doc));
    const kinds = (k: string) => a.findings.filter((f) => f.kind === k);
    expect(kinds('failingTest').map((f) => f.path)).toEqual(['/tests/1']);
    expect(kinds('failingTest')[0].message).toMatch(/保管期限应为 Y，实际为 D10/);
    expect(kinds('unreachable').map((f) => [f.item, f.other ?? null])).toEqual([
      ['8', '1.1'],
      ['9', 'E1'],
      ['10', null],
    ]);
    expect(kinds('overlap').some((f) => [f.item, f.other].includes('1.2'))).toBe(true);
    expect(kinds('emptyClass').map((f) => f.path)).toEqual(['/classes/2']);
    expect(kinds('uncoveredRow').map((f) => f.item)).toEqual(expect.arrayContaining(['2', '3', '4']));
    expect(kinds('uncoveredExclusion')).toHaveLength(1);
    expect(a.counts.error).toBe(1);
    expect(a.tests).toMatchObject({ passed: 1, failed: 1 });
  });

  it('warns of a parameter no condition refers to, and not of one a branch or exclusion uses', () => {
    const doc = miniScheme();
    doc.parameters = [
      { name: 'largeAmount', label: '大额资金标准', type: 'number', unit: '元', value: 5_000_000 },
      { name: 'unitName', label: '本单位名称', type: 'string', value: '甲公司' },
    ];
    const unused = () => analyse(compile(doc)).findings.filter((f) => f.kind === 'unusedParameter');
    expect(unused().map((f) => [f.path, f.severity])).toEqual([
      ['/parameters/0', 'warning'],
      ['/parameters/1', 'warning'],
    ]);
    expect(unused()[0].message).toContain('参数“大额资金标准”没有被任何条件引用');
    doc.items[1].when = { and: [doc.items[1].when ?? true, { '>=': [{ var: 'amount' }, { param: 'largeAmount' }] }] };
    expect(unused().map((f) => f.path)).toEqual(['/parameters/1']);
  });
});

describe('package entry', () => {
  it('exports compile for in-process use', async () => {
    const lib = await import('../../server/engine/index.js');
    expect(typeof lib.compile).toBe('function');
    expect(lib.compile(miniScheme()).classify({ title: '决议', date: '2020-01-01' }).outcome).toBe('file');
  });
});
