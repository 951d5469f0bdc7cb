// Every record a version would decide differently, as a file for the unit's archivists (the drill-down beyond the
// first ids the impact report lists): .xlsx (exceljs) or .csv (UTF-8 with BOM, cells neutralised by csv-cell).
import ExcelJS from 'exceljs';
import type { ChangeKind } from '../../schemas/api/impact.js';
import { csvRow } from '../../schemas/csv-cell.js';
import { KIND_WORDS, sideText } from '../../schemas/impact-words.js';
import type { Side } from './replay.js';

export interface ChangedRecord {
  id: number;
  kind: ChangeKind;
  before: Side;
  after: Side;
  record: Record<string, unknown>;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function changedHeaders(against: number, version: number): string[] {
  return ['编号', '变化', `现行第 ${against} 版`, `第 ${version} 版`, '现行类目', '新类目', '题名', '文号', '文件日期', '记录'];
}

export function changedCells(c: ChangedRecord): (string | number)[] {
  return [
    c.id,
    KIND_WORDS[c.kind],
    sideText(c.before),
    sideText(c.after),
    c.before.classCode ?? '',
    c.after.classCode ?? '',
    text(c.record.title),
    text(c.record.docNumber),
    text(c.record.date),
    JSON.stringify(c.record),
  ];
}

export function changedCsv(rows: readonly ChangedRecord[], headers: string[]): string {
  return `\uFEFF${[csvRow(headers), ...rows.map((r) => csvRow(changedCells(r)))].join('\r\n')}\r\n`;
}

export async function changedXlsx(rows: readonly ChangedRecord[], headers: string[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('结论会改变的记录', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow(headers).font = { bold: true };
  ws.columns = [8, 18, 22, 22, 12, 12, 40, 20, 12, 60].map((width) => ({ width }));
  for (const r of rows) ws.addRow(changedCells(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
