// Cells written to stall a regular expression: each worst case must finish in linear time (well under 200 ms).
import { describe, expect, it } from 'vitest';
import { cellToValue, fieldForHeader } from '../../server/schemas/record-cells.js';
import type { GridSheet } from '../../server/spreadsheet/grid.js';
import { cleanHeader } from '../../server/spreadsheet/headers.js';
import { normalizeItemId } from '../../server/spreadsheet/import/clause-ids.js';
import { importSheets } from '../../server/spreadsheet/import/index.js';
import { parseEventRetention, parseRetention, splitInlineRetention } from '../../server/spreadsheet/retention-text.js';
import { scopeKeywords, suggestCondition } from '../../server/spreadsheet/suggest.js';
import { replaceBracketed, stripTrailingWords } from '../../server/spreadsheet/text-scan.js';

const BOUND_MS = 200;

function timed<T>(run: () => T): T {
  const start = performance.now();
  const out = run();
  expect(performance.now() - start).toBeLessThan(BOUND_MS);
  return out;
}

const sheet = (rows: string[][]): GridSheet => ({ name: 'CSV', rows: rows.map((r) => r.map((text) => ({ text }))) });

describe('the condition suggestion', () => {
  it('a 97-character cell of filler words (exponential before: 14.8 s over HTTP)', () => {
    const cell = `甲${'文件材料'.repeat(24)}乙`;
    expect(cell.length).toBe(98);
    expect(timed(() => suggestCondition(cell))).toBeNull();
    // The same shape short enough to be a term still has its filler stripped.
    expect(scopeKeywords('合同管理文件材料')).toEqual(['合同管理']);
  });

  it('50,000 opening brackets without a closing one (quadratic before)', () => {
    timed(() => scopeKeywords('（'.repeat(50_000)));
    expect(scopeKeywords('董事会（股东会）决议')).toEqual(['董事会', '股东会']);
  });

  it('the scans keep what the patterns did', () => {
    expect(replaceBracketed('a（b）c(d)e（f', (x) => `[${x}]`)).toBe('a[b]c[d]e（f');
    expect(replaceBracketed('（a（b）c）', (x) => `[${x}]`)).toBe('[a（b]c）');
    expect(stripTrailingWords('会议记录文件材料工作', ['文件材料', '文件', '材料', '工作'])).toBe('会议记录');
  });
});

describe('the import', () => {
  it('a 24,000-character scope with a two-value period cell (SCOPE_LABELS, quadratic before: 2.8 s)', () => {
    const scope = `${'甲的、'.repeat(8_000)}乙`;
    const r = timed(() =>
      importSheets(
        [
          sheet([
            ['条款号', '归档范围', '保管期限'],
            ['1', scope, '永久/10年'],
          ]),
        ],
        'csv',
        { unit: '某单位', kind: 'enterprise' },
      ),
    );
    expect(r.ok).toBe(false);
  });

  it('still reads labels at the end of a scope', () => {
    const r = importSheets(
      [
        sheet([
          ['条款号', '归档范围', '保管期限'],
          ['1', '董事会会议记录——重要的/一般的', '永久/10年'],
        ]),
      ],
      'csv',
      {
        unit: '某单位',
        kind: 'enterprise',
      },
    );
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    expect(r.document.items[0]!.scope).toBe('董事会会议记录');
    expect(r.document.items[0]!.retention).toMatchObject([{ label: '重要的' }, { label: '一般的' }]);
  });

  it('headers, clause numbers and period cells built to backtrack', () => {
    timed(() => cleanHeader('（'.repeat(50_000)));
    expect(cleanHeader('保管 期限（年）：')).toBe('保管期限');
    timed(() => normalizeItemId(`1${'.'.repeat(50_000)}x`));
    expect(normalizeItemId('１．２．')).toBe('1.2');
    timed(() => parseRetention(`${'。'.repeat(50_000)}x`));
    timed(() => parseEventRetention(`${'(自'.repeat(20_000)}x`));
    timed(() => splitInlineRetention(`${'的'.repeat(50_000)}/x`));
    expect(parseRetention('永久。')).toEqual({ code: 'Y' });
  });
});

describe('record cells (sanheyi classify --format csv, the tester)', () => {
  const amount = { name: 'contract.amount', label: '金额', type: 'number' as const };

  it('40,000 digits and a letter (quadratic before: 4.7 s)', () => {
    expect(timed(() => cellToValue(amount, `${'1'.repeat(40_000)}x`)).error).toBeTruthy();
    expect(cellToValue(amount, '¥1,200.50')).toEqual({ value: 1200.5 });
    expect(cellToValue(amount, '1.')).toEqual({ value: 1 });
    expect(cellToValue(amount, '-.5e3')).toEqual({ value: -500 });
  });

  it('a header of 30,000 opening brackets', () => {
    expect(timed(() => fieldForHeader(`${'('.repeat(30_000)}x`, [amount]))).toBeUndefined();
    expect(fieldForHeader('金额（元）', [amount])).toBe(amount);
  });
});
