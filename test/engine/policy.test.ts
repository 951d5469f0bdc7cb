// The classification policy of issue #10: exclusions never silently beat a 永久/30年 row, 重要/一般 decided from
// parameters or by a stated default, what would decide is named, and the accounting holds and start rules.
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../server/engine/analyse.js';
import { compile } from '../../server/engine/compile.js';
import { resolveParameters } from '../../server/engine/parameters.js';
import { validateScheme } from '../../server/engine/validate.js';
import type { Scheme } from '../../server/schemas/scheme.js';

const UNIT = '华能实业有限公司';

function scheme(over: Partial<Scheme> = {}): Scheme {
  return {
    format: 'sanheyi.scheme/1',
    title: `${UNIT}三合一表`,
    unit: UNIT,
    kind: 'enterprise',
    parameters: [
      { name: 'largeAmount', label: '大额资金标准', type: 'number', unit: '元', value: 5_000_000, note: '按本单位“三重一大”制度确定' },
      { name: 'importantTypes', label: '重要合同类型', type: 'stringArray', value: ['施工', '股权'] },
    ],
    periods: ['D2'],
    classes: [
      { code: 'WS', name: '文书档案', children: [{ code: 'JG', name: '机构' }] },
      { code: 'KJ', name: '会计档案' },
    ],
    items: [
      {
        id: '1',
        scope: '上级机关任免本企业领导人员的文件',
        class: 'WS/JG',
        retention: 'Y',
        basis: '10号令附件 1',
        when: { in: ['任', { var: 'title' }] },
      },
      {
        id: '2',
        scope: '上级机关的一般性通知',
        class: 'WS/JG',
        retention: 'D10',
        basis: '测试',
        when: { '==': [{ var: 'docType' }, '通知'] },
      },
      {
        id: '3',
        scope: '合同',
        class: 'WS/JG',
        basis: '10号令附件 3',
        default: '从长',
        review: '合同是否重要，按金额与类型判断',
        when: { '==': [{ var: 'docType' }, '合同'] },
        retention: [
          {
            label: '重要的',
            code: 'Y',
            when: {
              or: [
                { '>=': [{ var: 'contract.amount' }, { param: 'largeAmount' }] },
                { in: [{ var: 'contract.type' }, { param: 'importantTypes' }] },
              ],
            },
          },
          // A missing amount reads as null, and null < 5000000 holds in JSON-Logic: the 一般 branch needs the amount.
          {
            label: '一般的',
            code: 'D30',
            when: { and: [{ '!': { missing: ['contract.amount'] } }, { '<': [{ var: 'contract.amount' }, { param: 'largeAmount' }] }] },
          },
        ],
      },
      {
        id: '4',
        scope: '请示',
        class: 'WS/JG',
        basis: '测试',
        review: '请按请示事项的重要程度判断',
        when: { '==': [{ var: 'docType' }, '请示'] },
        retention: [
          { label: '重要的', code: 'Y', when: { '==': [{ var: 'issuerLevel' }, '省部'] } },
          { label: '一般的', code: 'D10', when: { '==': [{ var: 'issuerLevel' }, '县'] } },
        ],
      },
      {
        id: '5',
        scope: '原始凭证',
        class: 'KJ',
        retention: 'D30',
        basis: '79号令附表1 第1项',
        retentionStart: 'fiscalYearEndNextDay',
        when: { '==': [{ var: 'businessType' }, '原始凭证'] },
      },
      {
        id: '6',
        scope: '固定资产卡片',
        class: 'KJ',
        retention: 'D5',
        basis: '79号令附表1 第6项',
        retentionStart: { event: '固定资产报废清理', dateField: 'assetScrappedOn', then: 'fiscalYearEndNextDay' },
        when: { '==': [{ var: 'businessType' }, '固定资产卡片'] },
      },
      {
        id: '7',
        scope: '所属单位报送的会计报表',
        class: 'KJ',
        retention: 'D2',
        basis: '79号令附表2 备注',
        when: { '==': [{ var: 'accounting.fromSubordinate' }, true] },
      },
      {
        id: '8',
        scope: '合同（以合同终止起算）',
        class: 'WS/JG',
        retention: 'D10',
        basis: '测试',
        retentionStart: { event: '合同终止', dateField: 'contract.endedOn', fallback: 'nextYearJan1' },
        when: { '==': [{ var: 'docType' }, '协议'] },
      },
      {
        id: '9',
        scope: '复函（答复本单位来函）',
        class: 'WS/JG',
        retention: 'D30',
        basis: '测试',
        when: { some: [{ var: 'relatedTo' }, { '==': [{ var: 'relation' }, '来文'] }] },
      },
    ],
    exclusions: [
      {
        id: 'A1',
        scope: '上级机关的普发性不需本单位办理的文件',
        basis: '10号令第五条（一）',
        when: { and: [{ '==': [{ var: 'origin' }, 'superior'] }, { '!=': [{ var: 'handlingMode' }, '办件'] }] },
        established: { or: [{ '==': [{ var: 'receiverRole' }, '抄送'] }, { in: ['普发', { var: ['releaseScope', ''] }] }] },
        needs: ['receiverRole', 'releaseScope'],
      },
    ],
    ...over,
  };
}

const compiled = compile(scheme());
const appointment = { title: '市国资委关于张某某任华能实业总经理的通知', docType: '通知', origin: 'superior', date: '2024-03-01' };

describe('exclusions under whenEstablished', () => {
  it('sends a 永久 record whose distribution is unknown to review, naming what would decide', () => {
    const r = compiled.classify(appointment);
    expect(r.outcome).toBe('review');
    expect(r.item?.id).toBe('1');
    expect(r.exclusion?.id).toBe('A1');
    expect(r.needs).toEqual(['receiverRole', 'releaseScope']);
    expect(r.reasons).toEqual([
      '可能属于不归档范围 A1：上级机关的普发性不需本单位办理的文件，但本单位收文方式、发布层次未能确认',
      '同时匹配条款 1：上级机关任免本企业领导人员的文件（可定为永久），不能在事实不明时不归档',
    ]);
    expect(r.guidance).toBe('请确认本单位收文方式、发布层次：确属“上级机关的普发性不需本单位办理的文件”的不归档；否则按条款 1 归档');
  });

  it('excludes when the qualifier is established (the unit is only 抄送), naming the rows it also matched', () => {
    const r = compiled.classify({ ...appointment, receiverRole: '抄送' });
    expect(r.outcome).toBe('exclude');
    expect(r.exclusion?.id).toBe('A1');
    expect(r.reasons.at(-1)).toBe('（另匹配条款 1、2，按不归档范围的规则不归档）');
  });

  it('files when the facts are known and the qualifier does not hold (主送本单位, not 普发)', () => {
    const r = compiled.classify({ ...appointment, receiverRole: '主送', releaseScope: '主送单位' });
    expect(r).toMatchObject({ outcome: 'file', item: { id: '1' }, retention: { code: 'Y' } });
  });

  it('excludes on unknown facts only when no 永久/30年 row matches, and says so', () => {
    const r = compiled.classify({ title: '关于做好节日期间安全工作的通知', docType: '通知', origin: 'superior', date: '2024-03-01' });
    expect(r.outcome).toBe('exclude');
    expect(r.reasons).toContain(
      '不归档条件“上级机关的普发性不需本单位办理的文件”所需的本单位收文方式、发布层次未提供；所匹配的条款均不超过定期10年，按不归档处理',
    );
  });

  it('never excludes a 机密 or 绝密 record automatically', () => {
    const r = compiled.classify({ ...appointment, receiverRole: '抄送', securityLevel: '机密' });
    expect(r).toMatchObject({ outcome: 'review', exclusion: { id: 'A1' }, item: { id: '1' }, needs: [] });
    expect(r.reasons[0]).toMatch(/涉密文件（机密、绝密）不自动按不归档处理/);
  });

  it('keeps the legacy rule when a scheme states beforeItems', () => {
    const legacy = compile(scheme({ policy: { exclusions: 'beforeItems' } }));
    expect(legacy.classify(appointment).outcome).toBe('exclude');
    expect(legacy.classify({ ...appointment, securityLevel: '机密' }).outcome).toBe('exclude');
  });
});

describe('重要/一般 from parameters, defaults and needs', () => {
  it('decides from the unit’s 大额资金标准 and contract types', () => {
    expect(
      compiled.classify({ title: '办公楼施工合同', docType: '合同', contract: { amount: 320_000_000 }, date: '2024-03-01' }),
    ).toMatchObject({ outcome: 'file', retention: { code: 'Y' }, branch: '重要的' });
    expect(
      compiled.classify({ title: '股权转让协议书', docType: '合同', contract: { type: '股权', amount: 10 }, date: '2024-03-01' }),
    ).toMatchObject({ retention: { code: 'Y' }, branch: '重要的' });
    const small = compiled.classify({ title: '办公用品采购合同', docType: '合同', contract: { amount: 52_000 }, date: '2024-03-01' });
    expect(small).toMatchObject({ outcome: 'file', retention: { code: 'D30' }, branch: '一般的' });
    expect(small.decidedBy).toBeUndefined();
  });

  it('decides by the stated default (从长) when metadata cannot, says so and names the missing fields', () => {
    const r = compiled.classify({ title: '某项目合同', docType: '合同', date: '2024-03-01' });
    expect(r).toMatchObject({
      outcome: 'file',
      retention: { code: 'Y' },
      branch: '重要的',
      decidedBy: 'default',
      needs: ['contract.amount', 'contract.type'],
    });
    expect(r.reasons).toContain('各分支条件均无法据现有信息判断，按默认规则从长定为永久（“重要的”），请抽检');
    expect(r.reasons).toContain('可据以判断的信息缺失：合同金额、合同类型');
    expect(r.guidance).toBe('合同是否重要，按金额与类型判断');
  });

  it('a review names the fields that would decide and the row’s guidance', () => {
    const r = compiled.classify({ title: '关于增资的请示', docType: '请示', date: '2024-03-01' });
    expect(r).toMatchObject({ outcome: 'review', item: { id: '4' }, needs: ['issuerLevel'], guidance: '请按请示事项的重要程度判断' });
  });

  it('a default naming a branch decides with that branch', () => {
    const doc = scheme();
    doc.items[2].default = '一般的';
    const r = compile(doc).classify({ title: '某项目合同', docType: '合同', date: '2024-03-01' });
    expect(r).toMatchObject({ retention: { code: 'D30' }, branch: '一般的', decidedBy: 'default' });
    expect(r.reasons).toContain('各分支条件均无法据现有信息判断，按默认规则取“一般的”定为定期30年（“一般的”），请抽检');
  });

  it('the analysis warns of a default that names a shorter branch (and not of 从长)', () => {
    const doc = scheme();
    expect(analyse(compile(doc)).findings.filter((f) => f.kind === 'shorterDefault')).toEqual([]);
    doc.items[2].default = '一般的';
    expect(analyse(compile(doc)).findings.filter((f) => f.kind === 'shorterDefault')).toEqual([
      expect.objectContaining({ severity: 'warning', item: '3', path: '/items/2/default' }),
    ]);
  });

  it('evaluates resolved conditions exactly as json-logic-js does', () => {
    const resolved = resolveParameters(validateScheme(scheme()).ok ? scheme() : (null as never));
    const branch = (resolved.items[2].retention as { when: unknown }[])[0].when;
    expect(JSON.stringify(branch)).not.toContain('param');
    for (const amount of [0, 4_999_999, 5_000_000, 9e9]) {
      for (const type of ['施工', '采购', undefined]) {
        const record = { contract: { amount, type } };
        expect(compiled.classify({ title: 'x', docType: '合同', ...record }).branch === '重要的').toBe(
          !!jsonLogic.apply(branch as never, record),
        );
      }
    }
  });
});

describe('dates, holds and periods', () => {
  it('counts the 固定资产卡片 from 1 January after the year of scrapping (79号令 Art. 14)', () => {
    const r = compiled.classify({ title: '固定资产卡片', businessType: '固定资产卡片', assetScrappedOn: '2024-06-15', date: '2019-05-01' });
    expect(r).toMatchObject({ retention: { code: 'D5', label: '定期5年' }, retentionStart: '2025-01-01', expiresOn: '2029-12-31' });
  });

  it('holds vouchers with 未了事项: no expiry, and the reason says why', () => {
    const r = compiled.classify({
      title: '2024年3月记账凭证',
      businessType: '原始凭证',
      date: '2024-03-31',
      accounting: { pendingMatters: true },
    });
    expect(r).toMatchObject({ outcome: 'file', retentionStart: '2025-01-01', hold: 'pendingMatters' });
    expect(r.expiresOn).toBeUndefined();
    expect(r.reasons.join()).toMatch(/保管到未了事项完结时为止/);
    expect(compiled.classify({ title: '凭证', businessType: '原始凭证', date: '2024-03-31' }).expiresOn).toBe('2054-12-31');
  });

  it('uses a declared D2 period outside 文书', () => {
    const r = compiled.classify({ title: '下属公司2024年月度报表', accounting: { fromSubordinate: true }, date: '2024-03-01' });
    expect(r).toMatchObject({ retention: { code: 'D2', label: '定期2年' }, expiresOn: '2026-12-31' });
  });

  it('counts a contract from its end when given, else from its formation year and says so', () => {
    expect(
      compiled.classify({ title: '服务协议', docType: '协议', date: '2020-03-01', contract: { endedOn: '2024-06-30' } }),
    ).toMatchObject({ retentionStart: '2024-07-01', expiresOn: '2034-06-30' });
    const open = compiled.classify({ title: '服务协议', docType: '协议', date: '2020-03-01' });
    expect(open).toMatchObject({ retentionStart: '2021-01-01', expiresOn: '2030-12-31' });
    expect(open.reasons.join()).toMatch(/暂自形成年度的次年1月1日起算/);
  });

  it('reads related documents (复函 answering the unit’s own 函)', () => {
    const r = compiled.classify({
      title: '关于某事项的复函',
      docType: '复函',
      origin: 'peer',
      relatedTo: [{ relation: '来文', docNumber: '华能函〔2024〕3号' }],
      date: '2024-03-01',
    });
    expect(r).toMatchObject({ outcome: 'file', item: { id: '9' } });
  });
});

describe('minimal detail', () => {
  it('decides the same without reasons or candidates', () => {
    const records = [
      appointment,
      { ...appointment, receiverRole: '抄送' },
      { title: '某项目合同', docType: '合同', date: '2024-03-01' },
      { title: '关于增资的请示', docType: '请示', date: '2024-03-01' },
      { title: '无关', date: '2024-03-01' },
    ];
    for (const record of records) {
      const full = compiled.classify(record);
      const small = compiled.classify(record, { detail: 'minimal' });
      expect(small.reasons).toEqual([]);
      expect(small.candidates).toEqual([]);
      const { reasons: _r, candidates: _c, ...rest } = full;
      const { reasons: _r2, candidates: _c2, ...restSmall } = small;
      expect(restSmall).toEqual(rest);
    }
  });
});
