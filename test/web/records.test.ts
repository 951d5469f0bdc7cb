// Pasted and uploaded records: CSV/TSV with Chinese or field-name headers, JSON Lines, JSON arrays; typed values.
import { describe, expect, it } from 'vitest';
import { fieldCatalogue } from '../../web-components/lib/condition-model.js';
import { chunk, csvCell, normalizeDate, parseRecords, splitDelimited } from '../../web-components/lib/records.js';

const FIELDS = fieldCatalogue([{ name: 'extra.scrappedOn', label: '报废日期', type: 'date' }]);

describe('record parsing', () => {
  it('reads CSV with Chinese headers, quotes, enum labels, numbers, booleans and lists', () => {
    const csv =
      '\uFEFF题名,来源,金额,需本单位办理,关键词,形成日期,报废日期\r\n"关于""安全生产""的通知",上级机关,"1,200",是,安全；生产,2024/5/1,2030-01-01\r\n年度总结,本单位,,否,,2023年12月31日,\r\n';
    const parsed = parseRecords(csv, FIELDS);
    expect(parsed.format).toBe('csv');
    expect(parsed.errors).toEqual([]);
    expect(parsed.records).toEqual([
      {
        title: '关于"安全生产"的通知',
        origin: 'superior',
        amount: 1200,
        actionRequired: true,
        keywords: ['安全', '生产'],
        date: '2024-05-01',
        extra: { scrappedOn: '2030-01-01' },
      },
      { title: '年度总结', origin: 'own', actionRequired: false, date: '2023-12-31' },
    ]);
    expect(parsed.lines).toEqual([2, 3]);
  });

  it('reads a spreadsheet paste (tabs) with field-name headers and reports bad rows by line', () => {
    const tsv = 'title\tdocType\tamount\tunknown\n会议纪要\t纪要\tabc\tx\n\t通知\t\t\n合同\t合同\t5\t\n';
    const parsed = parseRecords(tsv, FIELDS);
    expect(parsed.format).toBe('tsv');
    expect(parsed.ignoredColumns).toEqual(['unknown']);
    expect(parsed.records).toEqual([{ title: '合同', docType: '合同', amount: 5 }]);
    expect(parsed.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(parsed.errors[0].message).toContain('金额');
  });

  it('keeps line breaks inside quoted cells and counts lines right', () => {
    const rows = splitDelimited('a,b\n"x\ny",z\nlast,1', ',');
    expect(rows).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['x\ny', 'z'], line: 2 },
      { cells: ['last', '1'], line: 4 },
    ]);
  });

  it('reads JSON Lines and JSON arrays and nests flat extra fields', () => {
    const jsonl = '{"title":"纪要","docType":"纪要"}\n\n{"title":"x","extra.scrappedOn":"2030-01-01"}\nnot json\n{"docType":"no title"}\n';
    const parsed = parseRecords(jsonl, FIELDS);
    expect(parsed.format).toBe('jsonl');
    expect(parsed.records).toEqual([
      { title: '纪要', docType: '纪要' },
      { title: 'x', extra: { scrappedOn: '2030-01-01' } },
    ]);
    expect(parsed.errors.map((e) => e.line)).toEqual([4, 5]);
    expect(parseRecords('[{"title":"a"},{"title":"b"}]', FIELDS).records).toHaveLength(2);
    expect(parseRecords('[{"title":"a"}', FIELDS).errors[0].message).toContain('JSON');
  });

  it('requires a title column', () => {
    expect(parseRecords('文种,来源\n纪要,本单位', FIELDS).errors[0].message).toContain('题名');
  });

  it('normalises dates, chunks batches and quotes CSV cells', () => {
    expect(normalizeDate('20240501')).toBe('2024-05-01');
    expect(normalizeDate('2024.5.1')).toBe('2024-05-01');
    expect(normalizeDate('2024-13-01')).toBeNull();
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(['x', 'y'])).toBe('x；y');
  });
});
