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
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
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

  it('has no error findings and every row, branch and exclusion is decided by one of its tests', () => {
    const a = analyse(compile(doc));
    const bad = a.findings.filter((f) => f.severity === 'error' || ['uncoveredRow', 'uncoveredBranch', 'uncoveredExclusion', 'unreachable', 'needsCondition'].includes(f.kind));
    expect(bad.map((f) => `${f.kind} ${f.item ?? f.path}: ${f.message}`)).toEqual([]);
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

  it('counts accounting retention from the fiscal year end (79号令第十四条), 5 years only from an event', () => {
    for (const it of leaves(doc).filter((x) => x.class?.startsWith('KJ'))) {
      if (codesOf(it).includes('D5')) {
        expect(it.retentionStart, `row ${it.id}`).toEqual({ event: '固定资产报废清理', dateField: 'extra.assetScrappedOn' });
      } else {
        expect(it.retentionStart, `row ${it.id}`).toBe('fiscalYearEndNextDay');
      }
    }
  });

  it('has a filing test (item and retention) for each leaf row and a test for each exclusion', () => {
    const items = new Set(doc.tests!.filter((t) => t.expect.outcome === 'file' && t.expect.retention).map((t) => t.expect.item));
    const exclusions = new Set(doc.tests!.map((t) => t.expect.exclusion).filter(Boolean));
    for (const it of leaves(doc)) expect(items.has(it.id), `row ${it.id}`).toBe(true);
    for (const x of doc.exclusions ?? []) expect(exclusions.has(x.id), `exclusion ${x.id}`).toBe(true);
    expect(doc.tests!.some((t) => t.expect.outcome === 'review' && t.expect.item === undefined)).toBe(true); // no row matches
  });
});

describe('enterprise-baseline: 10号令 and 79号令附表1', () => {
  const doc = load('enterprise-baseline.json');
  const engine = compile(doc);

  it('is an enterprise scheme', () => {
    expect(doc.kind).toBe('enterprise');
  });

  it('encodes the 10号令 annex rows 1.1–3.3.1.1 with their periods, and leaves out the cut-off 3.3.1.2', () => {
    const annex: Record<string, RetentionCode> = {
      '1.1': 'Y', '1.2': 'Y', '1.3': 'Y', '1.4': 'Y', '2.1': 'Y', '2.2.1': 'Y', '2.2.2': 'D10', '2.3.1': 'Y', '2.3.2': 'D30',
      '3.1': 'Y', '3.2': 'Y', '3.3.1.1': 'Y',
    };
    for (const [id, code] of Object.entries(annex)) {
      expect(row(doc, id).retention, id).toBe(code);
      expect(row(doc, id).basis, id).toBe(`10号令附件《企业管理类档案保管期限表》 ${id}`);
    }
    expect(doc.items.some((it) => it.id === '3.3.1.2')).toBe(false);
    expect(doc.description).toContain('3.3.1.2');
  });

  it('encodes all 16 rows of 79号令附表1', () => {
    const table: RetentionCode[] = ['D30', 'D30', 'D30', 'D30', 'D30', 'D5', 'D30', 'D10', 'Y', 'D10', 'D10', 'D10', 'D30', 'Y', 'Y', 'Y'];
    table.forEach((code, i) => {
      const it = row(doc, `79.${i + 1}`);
      expect(it.retention, it.id).toBe(code);
      expect(it.basis, it.id).toContain(`79号令附表1 第${i + 1}项`);
    });
    expect(leaves(doc).filter((it) => it.id.startsWith('79.'))).toHaveLength(16);
  });

  it('keeps the annual financial report permanently and monthly reports 10 years', () => {
    const annual = engine.classify({ title: '2024年度财务会计报告', businessType: '财务会计报告', date: '2024-12-31', extra: { reportPeriod: '年度' } });
    expect(annual).toMatchObject({ outcome: 'file', item: { id: '79.9' }, retention: { code: 'Y' }, retentionStart: '2025-01-01', classCode: 'KJ/03' });
    expect(annual.expiresOn).toBeUndefined();
    const monthly = engine.classify({ title: '2024年6月财务会计报表', businessType: '财务会计报告', date: '2024-06-30' });
    expect(monthly).toMatchObject({ outcome: 'file', item: { id: '79.8' }, retention: { code: 'D10' }, expiresOn: '2034-12-31' });
    const halfYear = engine.classify({ title: '2024年半年度财务会计报告', businessType: '财务会计报告', date: '2024-06-30' });
    expect(halfYear).toMatchObject({ item: { id: '79.8' }, retention: { code: 'D10' } }); // “半年度” contains “年度” but is not annual
  });

  it('keeps original vouchers 30 years from 1 January after the fiscal year', () => {
    const r = engine.classify({ title: '2024年3月差旅费报销原始凭证', businessType: '会计凭证', docType: '原始凭证', date: '2024-03-31' });
    expect(r).toMatchObject({ outcome: 'file', item: { id: '79.1' }, retention: { code: 'D30' }, retentionStart: '2025-01-01', expiresOn: '2054-12-31', archivalCode: 'KJ·2024-D30-01' });
    expect(r.reasons).toContain('保管期限自会计年度终了后的第一天起算');
  });

  it('keeps a fixed-asset card 5 years from the day after it is scrapped', () => {
    const card = { title: '固定资产卡片（GD-2015-0032 数控机床）', businessType: '会计账簿', docType: '固定资产卡片', date: '2015-06-30' };
    const scrapped = engine.classify({ ...card, extra: { assetScrappedOn: '2020-03-01' } });
    expect(scrapped).toMatchObject({ outcome: 'file', item: { id: '79.6' }, retention: { code: 'D5' }, retentionStart: '2020-03-02', expiresOn: '2025-03-01' });
    const inUse = engine.classify(card);
    expect(inUse).toMatchObject({ outcome: 'file', retention: { code: 'D5' }, retentionStart: null });
    expect(inUse.expiresOn).toBeUndefined();
  });

  it('gives board documents not adopted 10 years, even when another permanent row also matches', () => {
    const r = engine.classify({ title: '关于对外投资设立合资公司的议案（董事会审议未通过）', origin: 'own', docType: '议案', date: '2024-08-01' });
    expect(r).toMatchObject({ outcome: 'file', item: { id: '2.2.2' }, retention: { code: 'D10' } });
    const adopted = engine.classify({ title: '华东新材料股份有限公司第三届董事会第五次会议决议', origin: 'own', docType: '决议', date: '2024-04-25' });
    expect(adopted).toMatchObject({ item: { id: '2.2.1' }, retention: { code: 'Y' }, archivalCode: 'WS·2024-Y-JG' });
  });

  it('does not file 10号令第五条 material: general documents from superiors needing no action, drafts, duplicates', () => {
    expect(engine.classify({ title: '关于开展2024年全国“安全生产月”活动的通知', origin: 'superior', actionRequired: false, date: '2024-05-20' }))
      .toMatchObject({ outcome: 'exclude', exclusion: { id: 'A5.1.1', basis: '10号令第五条（一）' } });
    expect(engine.classify({ title: '公司2024年度工作要点（征求意见稿）', origin: 'own', manuscript: '草稿', date: '2024-01-05' }))
      .toMatchObject({ outcome: 'exclude', exclusion: { id: 'A5.2.2' } });
    // 第十三条: a draft with important revisions is filed with the 正本.
    expect(engine.classify({ title: '华东新材料股份有限公司章程修正案（送审稿）', origin: 'own', manuscript: '草稿', date: '2024-05-10', extra: { importantRevisions: true } }))
      .toMatchObject({ outcome: 'file', item: { id: '1.3' }, retention: { code: 'Y' } });
  });

  it('asks a person where the sources give no period (一般的 under 第九条, the cut-off 3.3.1.2)', () => {
    expect(engine.classify({ title: '首次公开发行股票并上市辅导协议', origin: 'own', docType: '协议', date: '2023-12-01' }).outcome).toBe('review');
    const contract = { title: '办公用品采购合同', origin: 'own' as const, docType: '合同', date: '2024-01-05' };
    expect(engine.classify(contract)).toMatchObject({ outcome: 'review', item: { id: '108.4' } });
    expect(engine.classify({ ...contract, extra: { importance: '重要' } })).toMatchObject({ outcome: 'file', retention: { code: 'Y' }, branch: '重要的' });
  });
});

describe('organ-baseline: 8号令 and 79号令附表2', () => {
  const doc = load('organ-baseline.json');
  const engine = compile(doc);

  it('is an organ scheme', () => {
    expect(doc.kind).toBe('organ');
  });

  it('encodes the 8号令 annex rows 1.1–5.2.2 with their periods and 10.2 as 重要的 永久 / 一般的 10年', () => {
    const annex: Record<string, RetentionCode> = {
      '1.1': 'Y', '1.2': 'Y', '1.3': 'D30', '1.4': 'D10', '2.1': 'Y', '2.2': 'D10', '3': 'Y', '4.1': 'Y', '4.2': 'D30',
      '5.1.1': 'Y', '5.1.2': 'D30', '5.2.1': 'D30', '5.2.2': 'D10',
    };
    for (const [id, code] of Object.entries(annex)) expect(row(doc, id).retention, id).toBe(code);
    expect((row(doc, '10.2').retention as { label: string; code: string }[]).map((b) => [b.label, b.code])).toEqual([['重要的', 'Y'], ['一般的', 'D10']]);
    expect(row(doc, '10.2').review).toBeTruthy();
  });

  it('marks rows taken from training material in note and basis', () => {
    for (const id of ['88.1', '88.2']) {
      expect(row(doc, id).basis).toContain('培训材料');
      expect(row(doc, id).note).toContain('培训材料');
    }
  });

  it('encodes the 行政单位、事业单位 rows of 79号令附表2, saying the column assignment is partly inferred', () => {
    const table: Record<string, RetentionCode[]> = {
      '79.3': ['D30'], '79.5': ['D30'], '79.6': ['D30'], '79.8': ['D30'], '79.9': ['D5'], '79.11': ['Y'], '79.13': ['Y'], '79.17': ['D10'],
    };
    for (const [id, codes] of Object.entries(table)) expect(codesOf(row(doc, id)), id).toEqual(codes);
    expect(row(doc, '79').note).toContain('推断');
    expect(doc.description).toContain('推断');
  });

  it('gives the host of a joint meeting the longer period (附件 5.1 / 5.2, 8号令第十一条)', () => {
    const notice = { title: '关于召开全县国有资产管理工作会议的通知', docType: '通知', date: '2024-02-28' };
    expect(engine.classify({ ...notice, origin: 'own', role: 'host' })).toMatchObject({ outcome: 'file', item: { id: '5.1.1' }, retention: { code: 'Y' } });
    expect(engine.classify({ ...notice, origin: 'peer', role: 'co', manuscript: '副本', actionRequired: false }))
      .toMatchObject({ outcome: 'file', item: { id: '5.2.1' }, retention: { code: 'D30' } });
  });

  it('decides contracts by importance and otherwise asks a person', () => {
    const c = { title: '2024年度办公设备维保服务协议', origin: 'own' as const, docType: '协议', date: '2024-02-20' };
    expect(engine.classify({ ...c, extra: { importance: '重要' } })).toMatchObject({ item: { id: '10.2' }, branch: '重要的', retention: { code: 'Y' } });
    expect(engine.classify({ ...c, extra: { importance: '一般' } })).toMatchObject({ item: { id: '10.2' }, branch: '一般的', retention: { code: 'D10' }, expiresOn: '2034-12-31' });
    expect(engine.classify(c)).toMatchObject({ outcome: 'review', item: { id: '10.2' } });
  });

  it('does not file 8号令第四条 material: general documents from superiors and peers needing no action', () => {
    expect(engine.classify({ title: '关于做好2024年国庆节期间值班工作的通知', origin: 'superior', actionRequired: false, date: '2024-09-25' }))
      .toMatchObject({ outcome: 'exclude', exclusion: { id: 'A4.1.1', basis: '8号令第四条（一）' } });
    expect(engine.classify({ title: '关于印发《宁海县统计局2024年工作要点》的通知', origin: 'peer', actionRequired: false, date: '2024-02-26' }))
      .toMatchObject({ outcome: 'exclude', exclusion: { id: 'A4.3.1' } });
  });

  it('keeps administrative-unit vouchers 30 years and own department reports permanently', () => {
    expect(engine.classify({ title: '2024年5月记账凭证', businessType: '会计凭证', docType: '记账凭证', date: '2024-05-31' }))
      .toMatchObject({ item: { id: '79.3' }, retention: { code: 'D30' }, retentionStart: '2025-01-01', expiresOn: '2054-12-31' });
    expect(engine.classify({ title: '宁海县财政局2023年度部门决算报表', businessType: '财务会计报告', origin: 'own', date: '2023-12-31' }))
      .toMatchObject({ item: { id: '79.13' }, retention: { code: 'Y' } });
    // 备注 “所属单位报送的保管2年”: no such code, so a person decides.
    expect(engine.classify({ title: '宁海县会计核算中心2023年度部门决算报表', businessType: '财务会计报告', origin: 'subordinate', date: '2023-12-31' }))
      .toMatchObject({ outcome: 'review', item: { id: '79.13' } });
  });
});
