// A record as the impact panel shows it: labelled fields in the standard order, blocks flattened, values in words.
import { describe, expect, it } from 'vitest';
import { recordFacts } from '../../web-components/lib/record-facts.js';

describe('recordFacts', () => {
  it('labels the standard fields in their order, whatever order they came in', () => {
    expect(recordFacts({ date: '2026-05-01', title: '关于放假的通知', origin: 'superior', hasLeaderInstructions: true })).toEqual([
      { label: '题名', text: '关于放假的通知' },
      { label: '来源', text: '上级机关' },
      { label: '形成日期', text: '2026-05-01' },
      { label: '有领导批示', text: '是' },
    ]);
  });

  it('flattens the blocks, labels the unit’s own fields as its scheme declares, then names the rest; empty values are left out', () => {
    expect(
      recordFacts({
        title: '采购合同',
        contract: { amount: 5e6, counterparty: '甲公司' },
        extra: { project: 'A' },
        keywords: ['采购', '设备'],
        oaFlowId: 'F-1',
        abstract: '',
      }),
    ).toEqual([
      { label: '题名', text: '采购合同' },
      { label: '关键词', text: '采购、设备' },
      { label: '合同相对方', text: '甲公司' },
      { label: '合同金额', text: '5000000' },
      { label: 'extra.project', text: 'A' },
      { label: 'oaFlowId', text: 'F-1' },
    ]);
  });
});
