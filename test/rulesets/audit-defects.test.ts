// The defects of the baselines' domain audit (audit-2026-12.md §3), one test each, on records other than the probe
// records (probes.test.ts). Each expectation failed on the baselines before the audit's fixes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../server/engine/compile.js';
import { checkCompliance } from '../../server/engine/compliance.js';
import type { ClassifiableRecord } from '../../server/schemas/record.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { fromBaseline } from '../../server/services/schemes/schemes-service.js';

const load = (f: string) => JSON.parse(readFileSync(new URL(`../../rulesets/${f}`, import.meta.url), 'utf8')) as Scheme;
const ent = load('enterprise-baseline.json');
const org = load('organ-baseline.json');
const E = compile(ent);
const O = compile(org);
const at = { date: '2024-03-01' };

interface Want {
  outcome: 'file' | 'exclude' | 'review';
  item?: string;
  retention?: string;
  exclusion?: string;
}
function expectResult(r: ReturnType<typeof E.classify>, want: Want): void {
  const got: Want = { outcome: r.outcome };
  if (want.item !== undefined) got.item = r.item?.id;
  if (want.retention !== undefined) got.retention = r.retention?.code;
  if (want.exclusion !== undefined) got.exclusion = r.exclusion?.id;
  expect(got).toEqual(want);
}

const cases: [string, typeof E, ClassifiableRecord, Want][] = [
  [
    '#1 a 批复 addressed to the unit is not a 普发 document',
    E,
    { title: '关于同意华东新材料股份有限公司改制方案的批复', origin: 'superior', docType: '批复', actionRequired: false, ...at },
    { outcome: 'file', item: '1.4', retention: 'Y' },
  ],
  [
    '#1 an appointment of the unit’s own head, unit unknown: a person decides',
    O,
    { title: '县委组织部关于李某某任县财政局局长的通知', origin: 'superior', docType: '通知', handlingMode: '阅件', ...at },
    { outcome: 'review', exclusion: 'A4.1.2' },
  ],
  [
    '#2 a peer’s 复函 linked to the unit’s own 函 is filed with it',
    O,
    {
      title: '县统计局关于协助提供统计数据的函',
      origin: 'peer',
      docType: '函',
      handlingMode: '阅件',
      relatedTo: [{ relation: '来文', docNumber: '宁财函〔2024〕5号' }],
      ...at,
    },
    { outcome: 'file', item: '12.2', retention: 'Y' },
  ],
  [
    '#3 the co-organiser’s copy of a joint document is not a duplicate',
    E,
    {
      title: '关于联合开展安全生产检查的通知（复制件）',
      origin: 'own',
      jointRole: '协办',
      jointWith: ['宁波港信物流有限公司'],
      manuscript: '复制件',
      ...at,
    },
    { outcome: 'review' },
  ],
  [
    '#4 a 送审稿 of the 章程 is filed, not excluded as a draft',
    E,
    { title: '公司章程（送审稿）', origin: 'own', docType: '章程', manuscript: '草稿', ...at },
    { outcome: 'file', item: '1.3', retention: 'Y' },
  ],
  [
    '#4 a draft whose revisions are unknown, of a permanent document: a person decides',
    O,
    { title: '宁海县财政局2024年工作总结（草稿）', origin: 'own', docType: '总结', manuscript: '草稿', ...at },
    { outcome: 'review', exclusion: 'A4.2.2' },
  ],
  [
    '#6 dissolving a 领导小组 is not the enterprise’s dissolution',
    E,
    { title: '关于解散公司上市工作领导小组的通知', origin: 'own', docType: '通知', ...at },
    { outcome: 'review' },
  ],
  [
    '#7 a supplier’s 营业执照 is not the enterprise’s licence',
    E,
    { title: '宁波某物资公司营业执照', origin: 'external', manuscript: '复制件', ...at },
    { outcome: 'review' },
  ],
  [
    '#8 设立 of a subsidiary cites 对外投资, not 本企业设立',
    E,
    { title: '关于设立华东新材料（香港）子公司的请示', origin: 'own', docType: '请示', ...at },
    { outcome: 'file', item: '4.2', retention: 'Y' },
  ],
  [
    '#9 a 学会 章程 is not the enterprise’s 章程',
    E,
    { title: '宁波市档案学会章程', origin: 'external', docType: '章程', ...at },
    { outcome: 'review' },
  ],
  [
    '#10 a department name with 资产 is not an asset record',
    E,
    { title: '关于资产财务部2024年工作安排的通知', origin: 'own', docType: '通知', ...at },
    { outcome: 'review' },
  ],
  [
    '#11 a 党支部 plan is not the enterprise’s annual plan',
    E,
    { title: '第二党支部2025年度工作计划', origin: 'own', docType: '计划', department: '第二党支部', ...at },
    { outcome: 'review' },
  ],
  [
    '#12 an outside meeting of 董事会秘书 is not the board’s meeting',
    E,
    { title: '关于董事会秘书参加监管部门会议的通知', origin: 'external', docType: '通知', ...at },
    { outcome: 'review' },
  ],
  [
    '#13 “按规定报送” is not a 规定 the organ made',
    O,
    { title: '关于按规定报送2024年度政府采购信息的通知', origin: 'own', docType: '通知', ...at },
    { outcome: 'review' },
  ],
  [
    '#14 任职资格 is not an appointment',
    O,
    { title: '关于公布2024年度中级会计师任职资格评审结果的通知', origin: 'own', docType: '通知', ...at },
    { outcome: 'review' },
  ],
  [
    '#15 学习 a 全会’s 决定 is not the 本级 全会',
    O,
    { title: '关于学习贯彻党的二十届三中全会《决定》的通知', origin: 'superior', docType: '通知', handlingMode: '办件', ...at },
    { outcome: 'file', item: '13.1' },
  ],
  [
    '#16 “2024年财务会计报告” without 年度 is annual',
    E,
    { title: '华东新材料股份有限公司2024年财务会计报告', businessType: '财务会计报告', date: '2024-12-31' },
    { outcome: 'file', item: '8.3.2', retention: 'Y' },
  ],
  [
    '#17 a 现场推进会 of the organ is its 工作会议',
    O,
    { title: '全县财政工作现场推进会日程安排', origin: 'own', docType: '日程', ...at },
    { outcome: 'file', item: '4.1', retention: 'Y' },
  ],
  [
    '#17 a 补充协议 is a contract (10.2)',
    O,
    { title: '办公楼物业服务补充协议', origin: 'own', docType: '补充协议', contract: { amount: 30000 }, ...at },
    { outcome: 'file', item: '10.2', retention: 'D10' },
  ],
  [
    '#17 79号令附表2 其他会计资料: 会计档案移交清册 30年',
    O,
    { title: '2023年度会计档案移交清册', businessType: '其他会计资料', date: '2024-01-10' },
    { outcome: 'file', item: '16.4.3', retention: 'D30' },
  ],
  [
    '#17 8号令 annex 7: a 省部级 leader’s visit is 重要的',
    O,
    { title: '财政部领导视察宁海县财政工作时的讲话', origin: 'superior', docType: '讲话', issuerLevel: '中央', ...at },
    { outcome: 'file', item: '7', retention: 'Y' },
  ],
  [
    '#18 a 5,200万 construction contract is 重要的 by the 大额资金标准',
    O,
    { title: '宁海县档案馆新馆建设工程施工合同', origin: 'own', docType: '合同', contract: { amount: 52000000, type: '施工' }, ...at },
    { outcome: 'file', item: '10.2', retention: 'Y' },
  ],
  [
    '#20 a fixed-asset card counts from the end of the year of scrapping',
    O,
    {
      title: '固定资产卡片（ZC-2010-0007 复印机）',
      businessType: '会计账簿',
      docType: '固定资产卡片',
      date: '2010-05-31',
      assetScrappedOn: '2024-06-15',
    },
    { outcome: 'file', item: '16.2.4', retention: 'D5' },
  ],
  [
    '#22 所属单位报送的 部门财务报告 2 years',
    O,
    { title: '某所属事业单位2024年度部门财务报告', businessType: '财务会计报告', origin: 'subordinate', date: '2024-12-31' },
    { outcome: 'file', item: '16.3.1', retention: 'D2' },
  ],
  [
    '#25 an internal 主办部门 is not a joint meeting’s host',
    O,
    { title: '关于召开全县国库集中支付工作会议的通知', origin: 'own', role: 'host', department: '国库科', docType: '通知', ...at },
    { outcome: 'file', item: '4.1', retention: 'Y' },
  ],
];

describe('audit-2026-12 defects, on the shipped baselines', () => {
  it.each(cases)('%s', (_name, engine, record, want) => expectResult(engine.classify(record), want));

  it('#5 the 一般的 branch ships with its period where the sources give one, so the floor is per branch', () => {
    const branches = (doc: Scheme, id: string) =>
      (doc.items.find((i) => i.id === id)!.retention as { label: string; code: string }[]).map((b) => `${b.label}:${b.code}`);
    expect(branches(org, '10.2')).toEqual(['重要的:Y', '一般的:D10']);
    expect(branches(org, '7')).toEqual(['重要的:Y', '一般的:D30']);
    expect(branches(org, '13.1')).toEqual(['重要的:Y', '一般的:D30', '非本机关主管业务但需贯彻执行的:D10']);
  });

  it('#5 an untouched copy meets its floor; an added 一般的 branch has no 永久 floor; a shortened 重要的 branch is an error', () => {
    for (const [base, kind] of [
      [ent, 'enterprise'],
      [org, 'organ'],
    ] as const) {
      const copy = fromBaseline(base, { id: 1, type: 'unit', name: '某单位', kind } as never, { id: base.id!, hash: 'sha256:x' });
      const report = checkCompliance(compile(copy), compile(base));
      expect(
        report.findings.filter((f) => f.severity !== 'info').map((f) => f.message),
        kind,
      ).toEqual([]);
    }
    const copy = fromBaseline(ent, { id: 1, type: 'unit', name: '某企业', kind: 'enterprise' } as never, { id: ent.id!, hash: 'sha256:x' });
    const contracts = copy.items.find((i) => i.id === '7.4')!;
    (contracts.retention as object[]).push({ label: '一般的', code: 'D30' });
    // The row's floor is per branch (the baseline's test records decided by the 从长 default are another matter).
    const general = checkCompliance(compile(copy), compile(ent)).findings.filter((f) => f.item === '7.4' && f.in === 'scheme');
    expect(general.map((f) => [f.kind, f.severity])).toEqual([['branchWithoutFloor', 'info']]);
    const organ = fromBaseline(org, { id: 2, type: 'unit', name: '某机关', kind: 'organ' } as never, { id: org.id!, hash: 'sha256:x' });
    (organ.items.find((i) => i.id === '10.2')!.retention as { code: string }[])[0].code = 'D30';
    const shorter = checkCompliance(compile(organ), compile(org)).findings.filter((f) => f.kind === 'shorterRetention');
    expect(shorter.map((f) => [f.item, f.severity])).toEqual([['10.2', 'error']]);
  });

  it('#19 a contract counts from 1 January after its term ends; without the end date, from the formation year, saying so', () => {
    const c = { title: '办公设备维保服务协议', origin: 'own' as const, docType: '协议', date: '2024-02-20' };
    const ended = O.classify({ ...c, contract: { amount: 56000, termEnd: '2026-06-30' } });
    expect(ended).toMatchObject({
      item: { id: '10.2' },
      retention: { code: 'D10' },
      retentionStart: '2027-01-01',
      expiresOn: '2036-12-31',
    });
    const open = O.classify({ ...c, contract: { amount: 56000 } });
    expect(open).toMatchObject({ retention: { code: 'D10' }, retentionStart: '2025-01-01', expiresOn: '2034-12-31' });
    expect(open.reasons.join('')).toContain('合同有效期满');
  });

  it('#20 the card is kept until the end of the fifth year after the scrapping year (79号令第十四条)', () => {
    const r = O.classify(cases.find((c) => c[0].startsWith('#20'))![2]);
    expect(r).toMatchObject({ retentionStart: '2025-01-01', expiresOn: '2029-12-31' });
  });

  it('#21 vouchers of unsettled claims are held until the matter is settled', () => {
    const r = O.classify({
      title: '2014年往来款原始凭证',
      businessType: '会计凭证',
      date: '2014-12-31',
      accounting: { pendingMatters: true },
    });
    expect(r).toMatchObject({ outcome: 'file', item: { id: '16.1' }, hold: 'pendingMatters' });
    expect(r.expiresOn).toBeUndefined();
  });

  it('#23 row ids are the table’s own numbers, the legal reference is in 依据 (basis)', () => {
    for (const doc of [ent, org]) {
      for (const it of doc.items) expect(it.id, it.id).not.toMatch(/^(79|87|88|108)(\.|$)/);
    }
    expect(ent.items.find((i) => i.id === '7.4')!.basis).toBe('10号令第八条（三）');
    expect(org.items.find((i) => i.id === '16.3.2')!.basis).toContain('79号令附表2');
  });

  it('#24 the organ draft exclusion cites 8号令第四条（二）; the important-revisions rule is 10号令第十三条’s', () => {
    const x = org.exclusions!.find((e) => e.id === 'A4.2.2')!;
    expect(x.basis).toBe('8号令第四条（二）');
    expect(x.reason).toContain('8号令第十条');
    expect(x.reason).toContain('10号令第十三条');
    expect(x.reason).not.toMatch(/发文稿纸[^；]*重要修改意见[^；]*8号令第十条/);
  });

  it('#26 3.3.1.2 (its period cut in the source) stays out; 2.3.1/2.3.2 keep 重要的/一般的 as annex rows', () => {
    expect(ent.items.some((i) => i.id === '3.3.1.2')).toBe(false);
    expect(ent.items.find((i) => i.id === '2.3.1')).toMatchObject({ scope: '重要的', retention: 'Y' });
    expect(ent.items.find((i) => i.id === '2.3.2')).toMatchObject({ scope: '一般的', retention: 'D30' });
  });
});
