// The audit's probe records (audit-2026-12.md, probes-2026-12.jsonl): records shaped as OA, contract and ERP systems
// send them, each classified on its shipped baseline as the audit's defect table (§3) says. `then` is what the old
// baselines answered; `expect` is the answer the fix gives (row, retention, and what would decide a review or default).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../server/engine/compile.js';
import type { ClassifiableRecord } from '../../server/schemas/record.js';
import type { Scheme } from '../../server/schemas/scheme.js';

interface Expectation {
  outcome: 'file' | 'exclude' | 'review';
  item?: string;
  exclusion?: string;
  retention?: string;
  needs?: string[];
}
interface Probe {
  id: string;
  defect: number;
  baseline: 'enterprise' | 'organ';
  record: ClassifiableRecord;
  then: Expectation;
  expect: Expectation;
}

const PROBES: Probe[] = [
  {
    id: 'P-E1',
    defect: 1,
    baseline: 'enterprise',
    record: {
      title: '市国资委关于张某某任华能实业总经理的通知',
      docType: '通知',
      origin: 'superior',
      date: '2024-03-01',
      actionRequired: false,
    },
    then: { outcome: 'exclude', exclusion: 'A5.1.1' },
    expect: { outcome: 'review', item: '7.2', exclusion: 'A5.1.2', needs: ['extra.concernsOwnStaff'] },
  },
  {
    id: 'P-E2',
    defect: 3,
    baseline: 'enterprise',
    record: {
      title: '关于联合发布行业自律公约的通知（复制件）',
      docType: '通知',
      origin: 'own',
      role: 'co',
      manuscript: '复制件',
      date: '2024-03-01',
    },
    then: { outcome: 'exclude', exclusion: 'A5.2.1' },
    expect: { outcome: 'review' },
  },
  {
    id: 'P-E3',
    defect: 8,
    baseline: 'enterprise',
    record: { title: '关于设立公司工会委员会的请示', docType: '请示', origin: 'own', date: '2024-03-01' },
    then: { outcome: 'file', item: '1.1', retention: 'Y' },
    expect: { outcome: 'file', item: '7.1', retention: 'Y', needs: ['extra.importance', 'amount', 'contract.amount'] },
  },
  {
    id: 'P-E4',
    defect: 8,
    baseline: 'enterprise',
    record: { title: '关于设立员工困难帮扶专项资金的请示', docType: '请示', origin: 'own', date: '2024-03-01' },
    then: { outcome: 'file', item: '1.1', retention: 'Y' },
    expect: { outcome: 'file', item: '7.1', retention: 'Y', needs: ['extra.importance', 'amount', 'contract.amount'] },
  },
  {
    id: 'P-E5',
    defect: 9,
    baseline: 'enterprise',
    record: { title: '公司工会章程（修订稿）', docType: '章程', origin: 'own', date: '2024-03-01', manuscript: '定稿' },
    then: { outcome: 'file', item: '1.3', retention: 'Y' },
    expect: { outcome: 'review' },
  },
  {
    id: 'P-E6',
    defect: 6,
    baseline: 'enterprise',
    record: { title: '关于某供应商破产清算申报债权的报告', docType: '报告', origin: 'own', date: '2024-03-01' },
    then: { outcome: 'file', item: '1.4', retention: 'Y' },
    expect: { outcome: 'file', item: '7.1', retention: 'Y', needs: ['extra.importance', 'amount', 'contract.amount'] },
  },
  {
    id: 'P-E7',
    defect: 10,
    baseline: 'enterprise',
    record: { title: '关于资产管理部负责人变更的通知', docType: '通知', origin: 'own', date: '2024-03-01' },
    then: { outcome: 'file', item: '108.1', retention: 'Y' },
    expect: { outcome: 'review' },
  },
  {
    id: 'P-E8',
    defect: 4,
    baseline: 'enterprise',
    record: { title: '华能实业有限公司章程（送审稿）', docType: '章程', origin: 'own', date: '2024-03-01', manuscript: '草稿' },
    then: { outcome: 'exclude', exclusion: 'A5.2.2' },
    expect: { outcome: 'file', item: '1.3', retention: 'Y' },
  },
  {
    id: 'P-E9',
    defect: 18,
    baseline: 'enterprise',
    record: { title: '关于对华能物流有限公司增资的请示', docType: '请示', origin: 'own', date: '2024-03-01' },
    then: { outcome: 'review', item: '108.4' },
    expect: { outcome: 'file', item: '4.2', retention: 'Y' },
  },
  {
    id: 'P-E10',
    defect: 12,
    baseline: 'enterprise',
    record: {
      title: '董事会秘书参加上市公司治理培训会议的通知',
      docType: '通知',
      origin: 'external',
      date: '2024-03-01',
      actionRequired: true,
    },
    then: { outcome: 'file', item: '2.2.1', retention: 'Y' },
    expect: { outcome: 'review' },
  },
  {
    id: 'P-E11',
    defect: 11,
    baseline: 'enterprise',
    record: { title: '党支部2024年工作总结', docType: '总结', origin: 'own', date: '2024-12-20', department: '第一党支部' },
    then: { outcome: 'file', item: '108.2', retention: 'Y' },
    expect: { outcome: 'review' },
  },
  {
    id: 'P-E12',
    defect: 11,
    baseline: 'enterprise',
    record: { title: '2024年度安全生产工作总结', docType: '总结', origin: 'own', date: '2024-12-20' },
    then: { outcome: 'review' },
    expect: { outcome: 'file', item: '5.2', retention: 'Y' },
  },
  {
    id: 'P-E13',
    defect: 11,
    baseline: 'enterprise',
    record: { title: '华能实业2024年工作总结', docType: '总结', origin: 'own', date: '2024-12-20' },
    then: { outcome: 'file', item: '108.2', retention: 'Y' },
    expect: { outcome: 'file', item: '5.2', retention: 'Y' },
  },
  {
    id: 'P-E14',
    defect: 16,
    baseline: 'enterprise',
    record: { title: '2024年12月资产负债表', docType: '财务报表', origin: 'own', date: '2024-12-31', businessType: '财务会计报告' },
    then: { outcome: 'review' },
    expect: { outcome: 'file', item: '8.3.1', retention: 'D10' },
  },
  {
    id: 'P-E15',
    defect: 1,
    baseline: 'enterprise',
    record: {
      title: '市国资委关于公司2024年度经营业绩考核结果的通报',
      docType: '通报',
      origin: 'superior',
      date: '2024-03-01',
      actionRequired: false,
    },
    then: { outcome: 'exclude', exclusion: 'A5.1.1' },
    expect: { outcome: 'review', item: '7.2', exclusion: 'A5.1.1', needs: ['releaseScope', 'receiverRole', 'principalReceiver'] },
  },
  {
    id: 'P-E16',
    defect: 18,
    baseline: 'enterprise',
    record: { title: '房屋租赁合同（办公场所）', docType: '合同', origin: 'own', date: '2024-03-01', businessType: '合同', amount: 360000 },
    then: { outcome: 'file', item: '108.1', retention: 'Y' },
    expect: { outcome: 'file', item: '7.4', retention: 'Y', needs: ['extra.importance', 'contract.amount', 'contract.type'] },
  },
  {
    id: 'P-O1',
    defect: 1,
    baseline: 'organ',
    record: {
      title: '市委组织部关于张某某任市档案局局长的通知',
      docType: '通知',
      origin: 'superior',
      date: '2024-03-01',
      actionRequired: false,
    },
    then: { outcome: 'exclude', exclusion: 'A4.1.1' },
    expect: { outcome: 'review', item: '11.2', exclusion: 'A4.1.2', needs: ['extra.concernsOwnStaff'] },
  },
  {
    id: 'P-O2',
    defect: 2,
    baseline: 'organ',
    record: { title: '市财政局关于我局追加2024年预算请示的复函', docType: '函', origin: 'peer', date: '2024-03-01', actionRequired: false },
    then: { outcome: 'exclude', exclusion: 'A4.3.1' },
    expect: { outcome: 'file', item: '12.2', retention: 'Y', needs: ['extra.importance', 'amount', 'contract.amount'] },
  },
  {
    id: 'P-O3',
    defect: 15,
    baseline: 'organ',
    record: {
      title: '关于做好出席省第十二次党代会代表选举工作的通知',
      docType: '通知',
      origin: 'superior',
      date: '2024-03-01',
      actionRequired: true,
    },
    then: { outcome: 'file', item: '1.1', retention: 'Y' },
    expect: { outcome: 'file', item: '13.1', retention: 'Y', needs: ['extra.importance', 'receiverRole', 'issuerLevel', 'handlingMode'] },
  },
  {
    id: 'P-O4',
    defect: 13,
    baseline: 'organ',
    record: { title: '关于学习贯彻《信访工作条例》的通知', docType: '通知', origin: 'own', date: '2024-03-01' },
    then: { outcome: 'file', item: '87.1', retention: 'Y' },
    expect: { outcome: 'review' },
  },
  {
    id: 'P-O5',
    defect: 15,
    baseline: 'organ',
    record: { title: '市政府常务会议纪要（抄送）', docType: '纪要', origin: 'superior', date: '2024-03-01', actionRequired: true },
    then: { outcome: 'file', item: '2.1', retention: 'Y' },
    expect: { outcome: 'file', item: '13.1', retention: 'Y', needs: ['extra.importance', 'receiverRole', 'issuerLevel', 'handlingMode'] },
  },
  {
    id: 'P-O6',
    defect: 18,
    baseline: 'organ',
    record: { title: '关于2024年档案馆改造项目的请示', docType: '请示', origin: 'own', date: '2024-03-01', amount: 12000000 },
    then: { outcome: 'review', item: '87.4' },
    expect: { outcome: 'file', item: '12.1', retention: 'Y' },
  },
  {
    id: 'P-O7',
    defect: 18,
    baseline: 'organ',
    record: { title: '关于同意县档案馆改造项目的批复', docType: '批复', origin: 'own', date: '2024-03-01' },
    then: { outcome: 'review', item: '87.6' },
    expect: { outcome: 'file', item: '12.2', retention: 'Y', needs: ['extra.importance', 'amount', 'contract.amount'] },
  },
  {
    id: 'P-O8',
    defect: 22,
    baseline: 'organ',
    record: {
      title: '某区档案局所属单位报送的2024年度部门决算',
      docType: '部门决算',
      origin: 'subordinate',
      date: '2024-12-31',
      businessType: '财务会计报告',
    },
    then: { outcome: 'review', item: '79.13' },
    expect: { outcome: 'file', item: '16.3.2', retention: 'D2' },
  },
  {
    id: 'P-O9',
    defect: 18,
    baseline: 'organ',
    record: { title: '市档案局2024年工作总结', docType: '总结', origin: 'own', date: '2024-12-20' },
    then: { outcome: 'review', item: '87.4' },
    expect: { outcome: 'file', item: '12.1', retention: 'Y', needs: ['extra.importance', 'amount', 'contract.amount'] },
  },
  {
    id: 'P-O10',
    defect: 17,
    baseline: 'organ',
    record: { title: '与市博物馆签订的合作备忘录', docType: '备忘录', origin: 'own', date: '2024-03-01' },
    then: { outcome: 'review' },
    expect: { outcome: 'file', item: '10.2', retention: 'Y', needs: ['extra.importance', 'amount', 'contract.amount', 'contract.type'] },
  },
  {
    id: 'P-O11',
    defect: 17,
    baseline: 'organ',
    record: { title: '办公设备维修服务框架协议', docType: '框架协议', origin: 'own', date: '2024-03-01', amount: 20000 },
    then: { outcome: 'review' },
    expect: { outcome: 'file', item: '10.2', retention: 'D10' },
  },
];

const engines = {
  enterprise: compile(JSON.parse(readFileSync(new URL('../../rulesets/enterprise-baseline.json', import.meta.url), 'utf8')) as Scheme),
  organ: compile(JSON.parse(readFileSync(new URL('../../rulesets/organ-baseline.json', import.meta.url), 'utf8')) as Scheme),
};

describe('audit probes on the shipped baselines', () => {
  it('covers all 27 probes of the audit, 16 enterprise and 11 organ', () => {
    expect(PROBES.filter((p) => p.baseline === 'enterprise')).toHaveLength(16);
    expect(PROBES.filter((p) => p.baseline === 'organ')).toHaveLength(11);
  });

  it.each(PROBES)('$id (defect #$defect): $record.title', (p) => {
    const r = engines[p.baseline].classify(p.record);
    const got: Expectation = { outcome: r.outcome };
    if (r.item) got.item = r.item.id;
    if (r.exclusion) got.exclusion = r.exclusion.id;
    if (r.retention) got.retention = r.retention.code;
    if (r.needs?.length) got.needs = [...r.needs].sort();
    const want = { ...p.expect, ...(p.expect.needs ? { needs: [...p.expect.needs].sort() } : {}) };
    expect(got).toEqual(want);
    // A 永久 record is never dropped: every probe the old baselines excluded is now filed or sent to a person.
    if (p.then.outcome === 'exclude') expect(r.outcome).not.toBe('exclude');
    // Reviews and default decisions say what would decide.
    if (r.outcome === 'review' && p.expect.exclusion) expect(r.guidance).toBeTruthy();
    if (r.decidedBy === 'default') expect(r.reasons.join('')).toContain('请抽检');
  });

  it('probes the baselines also carry as their own tests', () => {
    for (const kind of ['enterprise', 'organ'] as const) {
      const tests = engines[kind].scheme.tests ?? [];
      for (const p of PROBES.filter((x) => x.baseline === kind)) {
        const t = tests.find((x) => x.name?.startsWith(`审计探针 ${p.id}：`));
        expect(t, p.id).toBeDefined();
        expect(t!.record).toEqual(p.record);
        expect(t!.expect).toEqual(p.expect);
      }
    }
  });
});
