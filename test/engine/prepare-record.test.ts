// Records as business systems send them: the 文号 taken apart, and the fields a scheme does not read reported back.
import { describe, expect, it } from 'vitest';
import { compile } from '../../server/engine/compile.js';
import { classifyRecord, ignoredFields, parseDocNumber } from '../../server/engine/prepare-record.js';
import { miniScheme } from './scheme-fixture.js';

describe('parseDocNumber (GB/T 9704 发文字号)', () => {
  it.each([
    ['华能发〔2024〕12号', { docAgency: '华能发', docYear: 2024, docSerial: 12 }],
    ['京政办函[2023]5号', { docAgency: '京政办函', docYear: 2023, docSerial: 5 }],
    ['国资发改革（2022）第103号', { docAgency: '国资发改革', docYear: 2022, docSerial: 103 }],
    [' 国发［2021］ 7 号 ', { docAgency: '国发', docYear: 2021, docSerial: 7 }],
  ])('%s', (text, parts) => expect(parseDocNumber(text)).toEqual(parts));

  it.each(['', '〔2024〕12号', '华能发2024年12号', '华能发〔24〕12号', '华能发〔2024〕十二号', '华能发〔2024〕12', '（'.repeat(400)])(
    'not a 文号: %j',
    (text) => {
      expect(parseDocNumber(text)).toBeNull();
    },
  );
});

describe('classifyRecord', () => {
  const doc = miniScheme();
  doc.items.push({
    id: '5',
    scope: '本企业主发文',
    class: 'WS/XZ',
    retention: 'D30',
    basis: '测试',
    when: { '==': [{ var: 'docAgency' }, '华能发'] },
  });
  const compiled = compile(doc);
  const fields = new Set(compiled.fields.keys());

  it('fills the 文号 parts when not sent, and never overrides what was sent', () => {
    expect(
      classifyRecord(compiled, { title: '关于印发制度的通知', docNumber: '华能发〔2024〕12号', date: '2024-03-01' }, fields),
    ).toMatchObject({ outcome: 'file', item: { id: '5' } });
    expect(
      classifyRecord(
        compiled,
        { title: '关于印发制度的通知', docNumber: '华能发〔2024〕12号', docAgency: '华能办', date: '2024-03-01' },
        fields,
      ).outcome,
    ).toBe('review');
  });

  it('lists fields the scheme does not read, top level and nested, and nothing for a plain record', () => {
    const r = classifyRecord(
      compiled,
      {
        title: 'x',
        oaId: 'F1',
        extra: { importance: '重要', colour: 'red' },
        contract: { amount: 1, bank: 'x' },
        accounting: { year: 2024 },
      },
      fields,
    );
    expect(r.ignoredFields).toEqual(['oaId', 'extra.colour', 'contract.bank']);
    expect(ignoredFields({ title: 'x', docType: '通知' }, fields)).toBeNull();
  });
});
