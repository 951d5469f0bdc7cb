// CSV (formula) injection: every CSV we write neutralises cells a spreadsheet would run, as OWASP recommends.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvWriter } from '../../server/cli/classify/writers.js';
import { compile } from '../../server/engine/index.js';
import { csvField, unneutralised } from '../../server/schemas/csv-cell.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { exportCsv } from '../../server/spreadsheet/export.js';
import { importTable } from '../../server/spreadsheet/import/index.js';
import { csvCell } from '../../web-components/lib/records.js';
import { miniScheme } from '../engine/scheme-fixture.js';

const HOSTILE = ['=HYPERLINK("http://x","点此")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];

const cells = (csv: string) => (parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]).flat();

describe('csvField', () => {
  it.each(HOSTILE)('prefixes %j with a quote and quotes the cell', (text) => {
    const out = csvField(text);
    expect(out.startsWith(`"'`)).toBe(true);
    expect(cells(out)).toEqual([`'${text}`]);
    expect(unneutralised(cells(out)[0]!)).toBe(text);
  });

  it('leaves ordinary cells as they were', () => {
    expect(csvField('会议纪要')).toBe('会议纪要');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField('')).toBe('');
    expect(unneutralised("'不是公式")).toBe("'不是公式");
  });
});

describe('the table export (GET …/export?format=csv, sanheyi export)', () => {
  const doc: Scheme = miniScheme();
  HOSTILE.forEach((text, i) => {
    doc.items.push({ id: `9.${i + 1}`, scope: text, retention: 'D10', basis: text, note: text });
  });
  doc.items.unshift({ id: '9', scope: '=1+2' });
  (doc.classes[0] as { note?: string }).note = '@文书';
  const csv = exportCsv(doc);

  it('writes no cell that starts with = + - @ tab or CR', () => {
    const all = cells(csv);
    expect(all.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    for (const text of HOSTILE) expect(all).toContain(`'${text}`);
    expect(all.some((c) => c.startsWith("'@文书"))).toBe(true);
  });

  it('imports back as it was exported', async () => {
    const r = await importTable(Buffer.from(csv, 'utf8'), { filename: 'x.csv', unit: doc.unit, kind: doc.kind });
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const back = new Map(r.document.items.map((it) => [it.id, it]));
    HOSTILE.forEach((text, i) => {
      // The importer trims cells, as it always did.
      expect(back.get(`9.${i + 1}`)).toMatchObject({ scope: text.trim(), basis: text.trim(), note: text.trim() });
    });
  });
});

describe('sanheyi classify --format csv', () => {
  it('neutralises class names and codes in the results', () => {
    const doc = miniScheme();
    doc.classes[0].name = '=cmd|" /C calc"!A0';
    const scheme = compile(doc);
    const w = csvWriter(false);
    const out = w.header() + w.result(1, scheme.classify({ title: '董事会关于增资的决议', date: '2024-03-01' }));
    const row = parse(out, { columns: true })[0] as Record<string, string>;
    expect(row.classPath!.startsWith(`'=cmd`)).toBe(true);
    expect(row.line).toBe('1');
  });
});

describe('the tester download (sh-batch-tester)', () => {
  it('neutralises titles and reasons', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell(['-a', 'b'])).toBe(`"'-a；b"`);
    expect(csvCell(12)).toBe('12');
  });
});
