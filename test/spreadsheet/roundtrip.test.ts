// Export then import gives the same rows, classes and retention: the fixture scheme and both shipped baselines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parentId } from '../../server/engine/clause-numbers.js';
import { validateScheme } from '../../server/engine/validate.js';
import type { Scheme, SchemeClass, SchemeItem } from '../../server/schemas/scheme.js';
import { exportCsv, exportXlsx } from '../../server/spreadsheet/export.js';
import { importTable } from '../../server/spreadsheet/import/index.js';

const root = join(import.meta.dirname, '../..');
const sources: [string, string][] = [
  ['fixture scheme', join(root, 'test/fixtures/spreadsheets/sample-scheme.json')],
  ['enterprise baseline', join(root, 'rulesets/enterprise-baseline.json')],
  ['organ baseline', join(root, 'rulesets/organ-baseline.json')],
];

/** What a table carries of a row: conditions are not part of a table. */
function tableView(item: SchemeItem) {
  return {
    id: item.id,
    scope: item.scope,
    class: item.class,
    retention: Array.isArray(item.retention) ? item.retention.map((b) => ({ label: b.label, code: b.code })) : item.retention,
    event: typeof item.retentionStart === 'object' ? item.retentionStart.event : undefined,
    basis: item.basis,
    department: item.department,
    note: item.note,
  };
}

function leaves(items: readonly SchemeItem[]): SchemeItem[] {
  const parents = new Set(items.map((i) => parentId(i.id)));
  return items.filter((i) => !parents.has(i.id));
}

for (const [name, path] of sources) {
  // Committed files: a renamed baseline must fail here, not skip.
  describe(`round trip: ${name}`, () => {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Scheme;

    it('is a valid scheme to start with', () => {
      expect(validateScheme(doc).ok).toBe(true);
    });

    for (const format of ['xlsx', 'csv'] as const) {
      it(`survives ${format}`, async () => {
        const data = format === 'xlsx' ? await exportXlsx(doc, { version: 3, state: 'approved' }) : Buffer.from(exportCsv(doc), 'utf8');
        const r = await importTable(data, {
          filename: `scheme.${format}`,
          unit: format === 'csv' ? doc.unit : undefined,
          kind: doc.kind,
          fonds: format === 'csv' ? doc.fonds : undefined,
        });
        if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
        expect(validateScheme(r.document).ok).toBe(true);
        expect(r.document.items.map(tableView)).toEqual(doc.items.map(tableView));
        expect(r.document.classes as SchemeClass[]).toEqual(doc.classes);
        expect(r.document.unit).toBe(doc.unit);
        expect(r.document.fonds).toBe(doc.fonds);
        if (format === 'xlsx') expect(r.document.title).toBe(doc.title);
        // Every leaf is marked for the archivist; no condition is carried over.
        expect(leaves(r.document.items).every((i) => i.needsCondition === true && i.when === undefined)).toBe(true);
        expect(r.warnings.filter((w) => /旧制|无法/.test(w.message))).toEqual([]);
      });
    }
  });
}

describe('exported workbook', async () => {
  const doc = JSON.parse(readFileSync(sources[0][1], 'utf8')) as Scheme;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportXlsx(doc, { version: 2, state: 'submitted' })) as unknown as ArrayBuffer);

  it('has the table, the class scheme and the exclusions, with Chinese headers and a frozen header', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['三合一表', '分类方案', '不归档范围']);
    const ws = wb.getWorksheet('三合一表')!;
    expect(ws.getRow(3).values).toEqual([undefined, '一级类目', '二级类目', '条款号', '归档范围', '保管期限', '依据', '责任部门', '备注']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getColumn(4).width).toBeGreaterThan(40);
    expect(ws.getCell('D5').alignment?.wrapText).toBe(true);
    expect(String(ws.getCell('A2').value)).toContain('全宗号：Z109');
    expect(String(ws.getCell('A2').value)).toContain('版本：第 2 版（已提交待审批）');
    expect(String(ws.getCell('A2').value)).toMatch(/内容哈希：sha256:[0-9a-f]{64}/);
    const row = ws.getRow(5).values as unknown[];
    expect(row.slice(1)).toEqual(['WS 文书档案', 'XZ 行政管理', '1.1', doc.items[1].scope, '永久', '10号令第八条（一）', '办公室', '']);
    expect(wb.getWorksheet('分类方案')!.getRow(4).values).toEqual([undefined, '1', 'WS', '文书档案', '管理类文件材料']);
    expect(wb.getWorksheet('不归档范围')!.getRow(4).values).toEqual([
      undefined,
      'X1',
      '普发性、不需本单位办理的上级文件',
      '10号令第五条（一）',
      '',
    ]);
  });

  it('writes CSV as UTF-8 with BOM, header first', () => {
    const csv = exportCsv(doc);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')[0]).toBe('一级类目,二级类目,条款号,归档范围,保管期限,依据,责任部门,备注');
  });
});
