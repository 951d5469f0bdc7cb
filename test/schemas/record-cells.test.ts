// The one CSV-cell → record-value rule the CLI and the workbench tester share: booleans, lists, dates, amounts, labels.
import { describe, expect, it } from 'vitest';
import { STANDARD_FIELDS } from '../../server/schemas/fields.js';
import { type CellField, cellToValue, fieldForHeader, normalizeDate, setRecordField } from '../../server/schemas/record-cells.js';

const field = (type: CellField['type'], extra: Partial<CellField> = {}): CellField => ({ name: 'x', label: 'X', type, ...extra });

describe('cellToValue', () => {
  it('reads yes/no words, Chinese and English, in any case', () => {
    for (const word of ['是', '需要', 'true', 'TRUE', 'True', '1', 'y', 'Y', 'yes'])
      expect(cellToValue(field('boolean'), word), word).toEqual({ value: true });
    for (const word of ['否', '不需要', 'false', 'FALSE', '0', 'n', 'N', 'no'])
      expect(cellToValue(field('boolean'), word), word).toEqual({ value: false });
    expect(cellToValue(field('boolean'), '也许')).toEqual({ error: '应填 true/false 或 是/否，而不是“也许”' });
  });

  it('splits lists on ; ； , ， 、 and |', () => {
    expect(cellToValue(field('stringArray'), ' 预算;决算；审计, 合同，采购、招标|投标 ')).toEqual({
      value: ['预算', '决算', '审计', '合同', '采购', '招标', '投标'],
    });
  });

  it('normalises the date forms people type, and passes other text on for the record check', () => {
    for (const text of ['2024-05-01', '2024/5/1', '2024.5.1', '20240501', '2024年5月1日', '2024 / 05 / 01']) {
      expect(cellToValue(field('date'), text), text).toEqual({ value: '2024-05-01' });
    }
    expect(cellToValue(field('date'), '2024-05-01T09:30:00+08:00')).toEqual({ value: '2024-05-01T09:30:00+08:00' });
    expect(cellToValue(field('date'), '上周')).toEqual({ value: '上周' });
    expect(normalizeDate('2024/13/01')).toBe(null);
  });

  it('reads amounts with thousands separators and currency marks, and nothing looser', () => {
    expect(cellToValue(field('number'), '¥1,200')).toEqual({ value: 1200 });
    expect(cellToValue(field('number'), '￥ 3 000.50 元')).toEqual({ value: 3000.5 });
    expect(cellToValue(field('number'), '-2.5e3')).toEqual({ value: -2500 });
    expect(cellToValue(field('number'), '0x10')).toEqual({ error: '不是有效的数字“0x10”' });
    expect(cellToValue(field('number'), 'abc')).toEqual({ error: '不是有效的数字“abc”' });
  });

  it('maps an enumeration’s Chinese label to its value; an empty cell is no value', () => {
    const origin = STANDARD_FIELDS.find((f) => f.name === 'origin')!;
    expect(cellToValue(origin, '本单位')).toEqual({ value: 'own' });
    expect(cellToValue(origin, 'own')).toEqual({ value: 'own' });
    expect(cellToValue(field('string'), '   ')).toEqual({});
  });
});

describe('headers and dotted names', () => {
  it('finds a field by name, Chinese label (with a parenthetical) or an extra field’s bare name', () => {
    const fields: CellField[] = [...STANDARD_FIELDS, { name: 'extra.projectNo', label: '项目编号', type: 'string' }];
    expect(fieldForHeader('title', fields)?.name).toBe('title');
    expect(fieldForHeader('题名（必填）', fields)?.name).toBe('title');
    expect(fieldForHeader('projectNo', fields)?.name).toBe('extra.projectNo');
    expect(fieldForHeader('doctype', fields)).toBe(undefined);
  });

  it('nests dotted names: extra.x and contract.amount', () => {
    const record: Record<string, unknown> = {};
    setRecordField(record, 'title', '合同');
    setRecordField(record, 'extra.projectNo', 'P-1');
    setRecordField(record, 'contract.amount', 1200);
    setRecordField(record, 'contract.type', '采购');
    expect(record).toEqual({ title: '合同', extra: { projectNo: 'P-1' }, contract: { amount: 1200, type: '采购' } });
  });
});
