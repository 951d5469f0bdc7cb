// The shipped national baselines (rulesets/*.json): valid, compiled, their own tests pass, fully covered by them,
// every row cites its source, and spot checks of the legal facts they encode.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../server/engine/analyse.js';
import { compile } from '../../server/engine/compile.js';
import { runTests } from '../../server/engine/run-tests.js';
import { parentId } from '../../server/engine/clause-numbers.js';
import { validateScheme } from '../../server/engine/validate.js';
import type { RetentionCode } from '../../server/schemas/retention-codes.js';
import type { Scheme, SchemeItem } from '../../server/schemas/scheme.js';

const dir = new URL('../../rulesets/', import.meta.url);
/** Wording for the editors that a printed 报审 table must not carry. */
const DEVELOPER_WORDING = /extra\.|未取得|截断|请标注|兜底|非附件条款|二手|importance|国家基线/;

const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (f: string) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Scheme;

/** Leaf rows: rows no other row names as its parent. */
function leaves(doc: Scheme): SchemeItem[] {
  const parents = new Set(doc.items.map((it) => parentId(it.id)).filter((p): p is string => p !== null));
  return doc.items.filter((it) => !parents.has(it.id));
}

/** Every retention code a row can give (its code or each branch's). */
function codesOf(item: SchemeItem): RetentionCode[] {
  if (item.retention === undefined) return [];
  return Array.isArray(item.retention) ? item.retention.map((b) => b.code) : [item.retention as RetentionCode];
}

function row(doc: Scheme, id: string): SchemeItem {
  const it = doc.items.find((x) => x.id === id);
  if (!it) throw new Error(`row ${id} missing`);
  return it;
}

it('ships the enterprise and organ baselines', () => {
  expect(files).toEqual(expect.arrayContaining(['enterprise-baseline.json', 'organ-baseline.json']));
});

describe.each(files)('%s', (file) => {
  const doc = load(file);

  it('is valid and its id is the file name', () => {
    const v = validateScheme(doc);
    expect(v.errors).toEqual([]);
    expect(v.ok).toBe(true);
    expect(doc.id).toBe(file.replace(/\.json$/, ''));
    expect(doc.description?.length ?? 0).toBeGreaterThan(200); // lists what the sources do not cover
  });

  it('compiles and passes all its own tests', () => {
    const run = runTests(compile(doc));
    const failures = run.outcomes.filter((o) => !o.passed).map((o) => `${o.name}: ${o.failures.join('；')}`);
    expect(failures).toEqual([]);
    expect(run.passed).toBe(doc.tests!.length);
  });

  it('has no error or warning findings, and every row, branch and exclusion is decided by one of its tests', () => {
    const a = analyse(compile(doc));
    const bad = a.findings.filter(
      (f) =>
        f.severity !== 'info' ||
        ['uncoveredRow', 'uncoveredBranch', 'uncoveredExclusion', 'unreachable', 'needsCondition'].includes(f.kind),
    );
    expect(bad.map((f) => `${f.kind} ${f.item ?? f.path}: ${f.message}`)).toEqual([]);
    // Overlaps are folded: only the ones the rows mark as intended, one finding per row.
    for (const f of a.findings.filter((x) => x.kind === 'overlap')) {
      expect(f.severity).toBe('info');
      expect(row(doc, f.item!).intendedOverlaps).toEqual(expect.arrayContaining(f.intended!));
    }
  });

  it('cites a basis on every leaf row and exclusion; heading rows carry no condition or retention', () => {
    for (const it of leaves(doc)) {
      expect(it.basis?.trim(), `row ${it.id}`).toBeTruthy();
      expect(it.when, `row ${it.id}`).toBeDefined();
      expect(it.class, `row ${it.id}`).toBeDefined();
    }
    for (const x of doc.exclusions ?? []) expect(x.basis?.trim(), `exclusion ${x.id}`).toBeTruthy();
    const leafIds = new Set(leaves(doc).map((it) => it.id));
    for (const it of doc.items.filter((x) => !leafIds.has(x.id))) {
      expect(it.when, `heading ${it.id}`).toBeUndefined();
      expect(it.retention, `heading ${it.id}`).toBeUndefined();
    }
  });

  it('numbers its rows as a 层垒 table: no pseudo clause numbers for articles or 79号令', () => {
    const ids = doc.items.map((it) => it.id);
    expect(ids.filter((id) => /^(79|87|88|108)(\.|$)/.test(id))).toEqual([]);
    expect(new Set(ids.map((id) => id.split('.')[0])).size).toBeLessThan(20);
    for (const it of doc.items.filter((x) => x.id.includes('.'))) expect(ids, `parent of ${it.id}`).toContain(parentId(it.id));
  });

  it('prints nothing meant for its editors: scopes, branches, notes, bases, reasons and class notes read as a table', () => {
    const printed: [string, string][] = [];
    for (const it of doc.items) {
      printed.push([`${it.id} scope`, it.scope], [`${it.id} note`, it.note ?? ''], [`${it.id} basis`, it.basis ?? '']);
      if (Array.isArray(it.retention)) for (const b of it.retention) printed.push([`${it.id} branch`, b.label]);
    }
    for (const x of doc.exclusions ?? [])
      printed.push([`${x.id} scope`, x.scope], [`${x.id} reason`, x.reason ?? ''], [`${x.id} basis`, x.basis ?? '']);
    const notes = (cs: Scheme['classes']): string[] =>
      cs.flatMap((c) => [c.note ?? '', ...notes((c as { children?: Scheme['classes'] }).children ?? [])]);
    for (const n of notes(doc.classes)) printed.push(['class note', n]);
    for (const [where, text] of printed) expect(text, where).not.toMatch(DEVELOPER_WORDING);
  });

  it('counts accounting retention from the fiscal year end (79号令第十四条), 5 years only after 报废清理', () => {
    for (const it of leaves(doc).filter((x) => x.class?.startsWith('KJ'))) {
      if (codesOf(it).includes('D5')) {
        expect(it.retentionStart, `row ${it.id}`).toEqual({
          event: '固定资产报废清理',
          dateField: 'assetScrappedOn',
          then: 'fiscalYearEndNextDay',
        });
      } else {
        expect(it.retentionStart, `row ${it.id}`).toBe('fiscalYearEndNextDay');
      }
    }
  });

  it('has a filing test (item and retention) for each leaf row and a test for each exclusion', () => {
    const items = new Set(doc.tests!.filter((t) => t.expect.outcome === 'file' && t.expect.retention).map((t) => t.expect.item));
    const exclusions = new Set(doc.tests!.filter((t) => t.expect.outcome === 'exclude').map((t) => t.expect.exclusion));
    for (const it of leaves(doc)) expect(items.has(it.id), `row ${it.id}`).toBe(true);
    for (const x of doc.exclusions ?? []) expect(exclusions.has(x.id), `exclusion ${x.id}`).toBe(true);
    expect(doc.tests!.some((t) => t.expect.outcome === 'review' && t.expect.item === undefined)).toBe(true); // no row matches
  });

  it('names what decides in its reviews and defaults, as the tests expect', () => {
    const engine = compile(doc);
    for (const t of doc.tests!.filter((x) => x.expect.needs)) {
      expect([...(engine.classify(t.record).needs ?? [])].sort(), t.name).toEqual([...t.expect.needs!].sort());
    }
  });

  it('lets the unit set its 大额资金标准 and says so', () => {
    const p = doc.parameters!.find((x) => x.name === 'largeAmount')!;
    expect(p).toMatchObject({ type: 'number', unit: '元' });
    expect(p.note).toContain('三重一大');
    const split = doc.items.filter((it) => Array.isArray(it.retention) && it.retention.some((b) => b.label === '重要的'));
    expect(split.length).toBeGreaterThan(2);
    for (const it of split) expect(it.default, `row ${it.id}`).toBe('从长');
  });
});

describe('enterprise-baseline: 10号令 and 79号令附表1', () => {
  const doc = load('enterprise-baseline.json');
  const engine = compile(doc);

  it('is an enterprise scheme that names 21号令 next to 10号令 for compiling and approving its table', () => {
    expect(doc.kind).toBe('enterprise');
    expect(doc.description).toContain('第二十七条');
    expect(doc.description).toContain('第二十八条');
    expect(doc.description).toContain('第二十九条');
    expect(doc.description).toContain('10号令第十五条');
  });

  it('encodes the 10号令 annex rows 1.1–3.3.1.1 with their periods, and leaves out the cut-off 3.3.1.2', () => {
    const annex: Record<string, RetentionCode> = {
      '1.1': 'Y',
      '1.2': 'Y',
      '1.3': 'Y',
      '1.4': 'Y',
      '2.1': 'Y',
      '2.2.1': 'Y',
      '2.2.2': 'D10',
      '2.3.1': 'Y',
      '2.3.2': 'D30',
      '3.1': 'Y',
      '3.2': 'Y',
      '3.3.1.1': 'Y',
    };
    for (const [id, code] of Object.entries(annex)) {
      expect(row(doc, id).retention, id).toBe(code);
      expect(row(doc, id).basis, id).toBe(`10号令附件《企业管理类档案保管期限表》 ${id}`);
    }
    expect(doc.items.some((it) => it.id === '3.3.1.2')).toBe(false);
    expect(doc.description).toContain('3.3.1.2');
  });

  it('numbers 10号令第八条 rows on after the annex (4–7) and 79号令附表1 as row 8, citing them in basis', () => {
    expect(row(doc, '4').basis).toBe('10号令第八条（二）');
    expect(row(doc, '5').basis).toBe('10号令第八条（四）');
    expect(row(doc, '6').basis).toBe('10号令第八条（五）');
    expect(row(doc, '7').basis).toBe('10号令第八条（三）');
    const table: RetentionCode[] = ['D30', 'D30', 'D30', 'D30', 'D30', 'D5', 'D30', 'D10', 'Y', 'D10', 'D10', 'D10', 'D30', 'Y', 'Y', 'Y'];
    const kj = leaves(doc).filter((it) => it.id.startsWith('8.'));
    expect(kj.map((it) => it.id)).toEqual([
      '8.1.1',
      '8.1.2',
      '8.2.1',
      '8.2.2',
      '8.2.3',
      '8.2.4',
      '8.2.5',
      '8.3.1',
      '8.3.2',
      '8.4.1',
      '8.4.2',
      '8.4.3',
      '8.4.4',
      '8.4.5',
      '8.4.6',
      '8.4.7',
    ]);
    kj.forEach((it, i) => {
      expect(it.retention, it.id).toBe(table[i]);
      expect(it.basis, it.id).toContain(`79号令附表1《企业和其他组织会计档案保管期限表》 第${i + 1}项`);
    });
  });

  it('keeps the annual financial report permanently and monthly reports 10 years, by report period or title', () => {
    const annual = engine.classify({
      title: '2024年度财务会计报告',
      businessType: '财务会计报告',
      date: '2024-12-31',
      accounting: { reportPeriod: '年度' },
    });
    expect(annual).toMatchObject({
      outcome: 'file',
      item: { id: '8.3.2' },
      retention: { code: 'Y' },
      retentionStart: '2025-01-01',
      classCode: 'KJ/03',
    });
    expect(annual.expiresOn).toBeUndefined();
    expect(engine.classify({ title: '2024年财务会计报告', businessType: '财务会计报告', date: '2024-12-31' })).toMatchObject({
      item: { id: '8.3.2' },
      retention: { code: 'Y' },
    });
    const monthly = engine.classify({ title: '2024年6月财务会计报表', businessType: '财务会计报告', date: '2024-06-30' });
    expect(monthly).toMatchObject({ outcome: 'file', item: { id: '8.3.1' }, retention: { code: 'D10' }, expiresOn: '2034-12-31' });
    expect(engine.classify({ title: '2024年12月资产负债表', businessType: '财务会计报告', date: '2024-12-31' })).toMatchObject({
      item: { id: '8.3.1' },
      retention: { code: 'D10' },
    });
    const halfYear = engine.classify({ title: '2024年半年度财务会计报告', businessType: '财务会计报告', date: '2024-06-30' });
    expect(halfYear).toMatchObject({ item: { id: '8.3.1' }, retention: { code: 'D10' } }); // “半年度” contains “年度” but is not annual
  });

  it('keeps original vouchers 30 years from 1 January after the fiscal year, and holds them while matters are pending', () => {
    const voucher = { title: '2024年3月差旅费报销原始凭证', businessType: '会计凭证', docType: '原始凭证', date: '2024-03-31' };
    const r = engine.classify(voucher);
    expect(r).toMatchObject({
      outcome: 'file',
      item: { id: '8.1.1' },
      retention: { code: 'D30' },
      retentionStart: '2025-01-01',
      expiresOn: '2054-12-31',
      archivalCode: 'KJ·2024-D30-01',
    });
    expect(r.reasons).toContain('保管期限自会计年度终了后的第一天起算');
    const pending = engine.classify({ ...voucher, accounting: { pendingMatters: true } });
    expect(pending).toMatchObject({ outcome: 'file', retention: { code: 'D30' }, hold: 'pendingMatters' });
    expect(pending.expiresOn).toBeUndefined();
  });

  it('keeps a fixed-asset card 5 years from the end of the accounting year in which it is scrapped', () => {
    const card = { title: '固定资产卡片（GD-2015-0032 数控机床）', businessType: '会计账簿', docType: '固定资产卡片', date: '2015-06-30' };
    const scrapped = engine.classify({ ...card, assetScrappedOn: '2020-03-01' });
    expect(scrapped).toMatchObject({
      outcome: 'file',
      item: { id: '8.2.4' },
      retention: { code: 'D5' },
      retentionStart: '2021-01-01',
      expiresOn: '2025-12-31',
    });
    const inUse = engine.classify(card);
    expect(inUse).toMatchObject({ outcome: 'file', retention: { code: 'D5' }, retentionStart: null });
    expect(inUse.expiresOn).toBeUndefined();
  });

  it('gives board documents not adopted 10 years, even when another permanent row also matches', () => {
    const r = engine.classify({
      title: '关于对外投资设立合资公司的议案（董事会审议未通过）',
      origin: 'own',
      docType: '议案',
      date: '2024-08-01',
    });
    expect(r).toMatchObject({ outcome: 'file', item: { id: '2.2.2' }, retention: { code: 'D10' } });
    const adopted = engine.classify({
      title: '华东新材料股份有限公司第三届董事会第五次会议决议',
      origin: 'own',
      docType: '决议',
      date: '2024-04-25',
    });
    expect(adopted).toMatchObject({ item: { id: '2.2.1' }, retention: { code: 'Y' }, archivalCode: 'WS·2024-Y-JG' });
  });

  it('excludes 10号令第五条 material only when its qualifier is established', () => {
    const general = { title: '关于开展2024年全国“安全生产月”活动的通知', origin: 'superior' as const, date: '2024-05-20' };
    expect(engine.classify({ ...general, releaseScope: '普发', handlingMode: '阅件' })).toMatchObject({
      outcome: 'exclude',
      exclusion: { id: 'A5.1.1', basis: '10号令第五条（一）' },
    });
    expect(engine.classify({ ...general, actionRequired: false })).toMatchObject({
      outcome: 'review',
      item: { id: '7.2' },
      exclusion: { id: 'A5.1.1' },
      needs: ['releaseScope', 'receiverRole', 'principalReceiver'],
    });
    // 主送本企业: not 普发, whatever OA says about handling.
    const named = compile({ ...doc, parameters: doc.parameters!.map((p) => (p.name === 'unitName' ? { ...p, value: '华东新材料' } : p)) });
    expect(
      named.classify({
        ...general,
        principalReceiver: '各市属国有企业',
        receiverRole: '主送',
        releaseScope: '主送单位',
        handlingMode: '阅件',
      }),
    ).toMatchObject({ outcome: 'exclude', exclusion: { id: 'A5.1.1' } });
    expect(
      named.classify({
        ...general,
        principalReceiver: '华东新材料股份有限公司',
        receiverRole: '主送',
        releaseScope: '主送单位',
        handlingMode: '阅件',
      }),
    ).toMatchObject({ outcome: 'file', item: { id: '7.2' }, retention: { code: 'Y' }, decidedBy: 'default' });
    expect(
      engine.classify({
        title: '公司2024年度工作要点（征求意见稿）',
        origin: 'own',
        manuscript: '征求意见稿',
        hasLeaderInstructions: false,
        date: '2024-01-05',
      }),
    ).toMatchObject({ outcome: 'exclude', exclusion: { id: 'A5.2.2' } });
    // 第十三条: a draft with important revisions is filed with the 正本; 附件 1.3 files the 章程送审稿.
    expect(
      engine.classify({
        title: '公司2024年度工作要点（草稿）',
        origin: 'own',
        manuscript: '草稿',
        hasLeaderInstructions: true,
        date: '2024-01-05',
      }),
    ).toMatchObject({ outcome: 'file', item: { id: '5.2' }, retention: { code: 'Y' } });
    expect(
      engine.classify({ title: '华能实业有限公司章程（送审稿）', origin: 'own', manuscript: '草稿', date: '2024-03-01' }),
    ).toMatchObject({ outcome: 'file', item: { id: '1.3' }, retention: { code: 'Y' } });
  });

  it('decides 重要的 from metadata and otherwise keeps the longer period, saying what would decide', () => {
    const contract = { title: '办公楼装修工程合同', origin: 'own' as const, docType: '合同', date: '2024-01-05' };
    expect(engine.classify({ ...contract, contract: { amount: 6000000 } })).toMatchObject({
      outcome: 'file',
      item: { id: '7.4' },
      branch: '重要的',
      retention: { code: 'Y' },
    });
    expect(engine.classify({ ...contract, title: '办公场所保洁服务合同', contract: { type: '担保', amount: 1000 } })).toMatchObject({
      branch: '重要的',
      retention: { code: 'Y' },
    });
    const open = engine.classify({ ...contract, title: '办公场所保洁服务合同' });
    expect(open).toMatchObject({ outcome: 'file', item: { id: '7.4' }, retention: { code: 'Y' }, decidedBy: 'default' });
    expect(open.needs).toEqual(expect.arrayContaining(['contract.amount', 'contract.type']));
    expect(open.reasons.join('')).toContain('从长');
    // The unit's own threshold decides.
    const lower = compile({ ...doc, parameters: doc.parameters!.map((p) => (p.name === 'largeAmount' ? { ...p, value: 300000 } : p)) });
    expect(lower.classify({ ...contract, title: '房屋租赁合同（办公场所）', amount: 360000 })).toMatchObject({
      item: { id: '7.4' },
      branch: '重要的',
      decidedBy: undefined,
    });
  });
});

describe('organ-baseline: 8号令 and 79号令附表2', () => {
  const doc = load('organ-baseline.json');
  const engine = compile(doc);

  it('is an organ scheme', () => {
    expect(doc.kind).toBe('organ');
  });

  it('encodes the 8号令 annex rows 1.1–5.2.2 with their periods, 7, 8.9 and 10.2 with both branches', () => {
    const annex: Record<string, RetentionCode> = {
      '1.1': 'Y',
      '1.2': 'Y',
      '1.3': 'D30',
      '1.4': 'D10',
      '2.1': 'Y',
      '2.2': 'D10',
      '3': 'Y',
      '4.1': 'Y',
      '4.2': 'D30',
      '5.1.1': 'Y',
      '5.1.2': 'D30',
      '5.2.1': 'D30',
      '5.2.2': 'D10',
      '8.9.1': 'Y',
      '8.9.2': 'D30',
    };
    for (const [id, code] of Object.entries(annex)) expect(row(doc, id).retention, id).toBe(code);
    const branches = (id: string) => (row(doc, id).retention as { label: string; code: string }[]).map((b) => [b.label, b.code]);
    expect(branches('7')).toEqual([
      ['重要的', 'Y'],
      ['一般的', 'D30'],
    ]);
    expect(branches('10.2')).toEqual([
      ['重要的', 'Y'],
      ['一般的', 'D10'],
    ]);
    expect(branches('13.1').map((b) => b[1])).toEqual(['Y', 'D30', 'D10']);
    expect(row(doc, '10.2').default).toBe('从长');
  });

  it('says where a row comes from a secondary source (editor note), and keeps the printed basis legal', () => {
    for (const id of ['7', '8.9.1', '8.9.2', '10.2', '11.4', '13.1', '13.2', '14.1', '14.2', '15.1', '15.2', '16.4.1', '16.4.6']) {
      expect(row(doc, id).editorNote, id).toMatch(/据|单位表|培训材料|转载/);
      expect(row(doc, id).basis, id).toMatch(/^(8号令|79号令)/);
    }
  });

  it('encodes the 行政单位、事业单位 rows of 79号令附表2, 所属单位报送的 2 years, and the 其他会计资料', () => {
    const table: Record<string, RetentionCode[]> = {
      '16.1': ['D30'],
      '16.2.1': ['D30'],
      '16.2.2': ['D30'],
      '16.2.3': ['D30'],
      '16.2.4': ['D5'],
      '16.3.1': ['Y', 'D2'],
      '16.3.2': ['Y', 'D2'],
      '16.3.3': ['D10'],
      '16.4.1': ['D10'],
      '16.4.2': ['D10'],
      '16.4.3': ['D30'],
      '16.4.4': ['Y'],
      '16.4.5': ['Y'],
      '16.4.6': ['Y'],
    };
    for (const [id, codes] of Object.entries(table)) expect(codesOf(row(doc, id)), id).toEqual(codes);
    expect(doc.periods).toEqual(['D2', 'D5']);
    expect(doc.description).toContain('推断');
    expect(
      engine.classify({
        title: '宁海县会计核算中心2023年度部门决算报表',
        businessType: '财务会计报告',
        origin: 'subordinate',
        date: '2023-12-31',
      }),
    ).toMatchObject({
      outcome: 'file',
      item: { id: '16.3.2' },
      branch: '所属单位报送的',
      retention: { code: 'D2' },
      expiresOn: '2025-12-31',
    });
    expect(engine.classify({ title: '2024年12月银行对账单', businessType: '其他会计资料', date: '2024-12-31' })).toMatchObject({
      item: { id: '16.4.2' },
      retention: { code: 'D10' },
    });
    expect(engine.classify({ title: '2024年会计档案销毁清册', businessType: '其他会计资料', date: '2024-12-31' })).toMatchObject({
      item: { id: '16.4.5' },
      retention: { code: 'Y' },
    });
  });

  it('gives the host of a joint meeting the longer period (附件 5.1 / 5.2, 8号令第十一条), by jointRole and jointWith', () => {
    const notice = { title: '关于召开全县国有资产管理工作会议的通知', docType: '通知', date: '2024-02-28', jointWith: ['宁海县国资办'] };
    expect(engine.classify({ ...notice, origin: 'own', jointRole: '主办' })).toMatchObject({
      outcome: 'file',
      item: { id: '5.1.1' },
      retention: { code: 'Y' },
    });
    expect(engine.classify({ ...notice, origin: 'peer', jointRole: '协办', manuscript: '副本', handlingMode: '阅件' })).toMatchObject({
      outcome: 'file',
      item: { id: '5.2.1' },
      retention: { code: 'D30' },
    });
    // 主办部门 inside the unit is not a joint meeting.
    expect(
      engine.classify({ title: notice.title, docType: '通知', origin: 'own', role: 'host', department: '资产管理科', date: '2024-02-28' }),
    ).toMatchObject({ item: { id: '4.1' } });
  });

  it('decides contracts by amount against the 大额资金标准, by type, or by marking, and otherwise keeps the longer period', () => {
    const c = { title: '2024年度办公设备维保服务协议', origin: 'own' as const, docType: '协议', date: '2024-02-20' };
    expect(engine.classify({ ...c, extra: { importance: '重要' } })).toMatchObject({
      item: { id: '10.2' },
      branch: '重要的',
      retention: { code: 'Y' },
    });
    expect(engine.classify({ ...c, contract: { amount: 56000 } })).toMatchObject({
      item: { id: '10.2' },
      branch: '一般的',
      retention: { code: 'D10' },
      expiresOn: '2034-12-31',
    });
    expect(engine.classify({ ...c, contract: { amount: 56000, type: '技术转让' } })).toMatchObject({
      branch: '重要的',
      retention: { code: 'Y' },
    });
    expect(engine.classify({ ...c, amount: 52000000 })).toMatchObject({ branch: '重要的', retention: { code: 'Y' } });
    expect(engine.classify(c)).toMatchObject({ outcome: 'file', item: { id: '10.2' }, retention: { code: 'Y' }, decidedBy: 'default' });
  });

  it('excludes 8号令第四条 material only when its qualifier is established; answers to the unit are never excluded', () => {
    const duty = { title: '关于做好2024年国庆节期间值班工作的通知', origin: 'superior' as const, date: '2024-09-25' };
    expect(engine.classify({ ...duty, releaseScope: '普发', handlingMode: '阅件' })).toMatchObject({
      outcome: 'exclude',
      exclusion: { id: 'A4.1.1', basis: '8号令第四条（一）' },
    });
    expect(engine.classify({ ...duty, receiverRole: '抄送', actionRequired: false })).toMatchObject({
      outcome: 'exclude',
      exclusion: { id: 'A4.1.1' },
    });
    expect(engine.classify({ ...duty, actionRequired: false })).toMatchObject({ outcome: 'review', exclusion: { id: 'A4.1.1' } });
    expect(engine.classify({ ...duty, releaseScope: '普发', handlingMode: '阅件', securityLevel: '机密' })).toMatchObject({
      outcome: 'review',
    });
    expect(
      engine.classify({ title: '关于印发《宁海县统计局2024年工作要点》的通知', origin: 'peer', handlingMode: '阅件', date: '2024-02-26' }),
    ).toMatchObject({ outcome: 'exclude', exclusion: { id: 'A4.3.1' } });
    // A peer's 复函 to the unit's own 请示, linked or by title: filed with it.
    const reply = {
      title: '市财政局关于追加预算的函',
      docType: '函',
      origin: 'peer' as const,
      handlingMode: '阅件' as const,
      date: '2024-03-01',
    };
    expect(engine.classify(reply)).toMatchObject({ outcome: 'exclude', exclusion: { id: 'A4.3.1' } });
    expect(engine.classify({ ...reply, relatedTo: [{ relation: '请示', docNumber: '甬档〔2024〕3号' }] })).toMatchObject({
      outcome: 'file',
      item: { id: '12.2' },
      retention: { code: 'Y' },
    });
    expect(engine.classify({ ...reply, title: '市财政局关于我局追加2024年预算请示的复函' })).toMatchObject({
      outcome: 'file',
      item: { id: '12.2' },
    });
  });

  it('keeps administrative-unit vouchers 30 years and own department reports permanently', () => {
    expect(
      engine.classify({ title: '2024年5月记账凭证', businessType: '会计凭证', docType: '记账凭证', date: '2024-05-31' }),
    ).toMatchObject({ item: { id: '16.1' }, retention: { code: 'D30' }, retentionStart: '2025-01-01', expiresOn: '2054-12-31' });
    expect(
      engine.classify({ title: '宁海县财政局2023年度部门决算报表', businessType: '财务会计报告', origin: 'own', date: '2023-12-31' }),
    ).toMatchObject({ item: { id: '16.3.2' }, branch: '本部门（单位）编制的', retention: { code: 'Y' } });
  });
});
