// Exports a scheme document as the full 三合一 table: .xlsx (table, 分类方案, 不归档范围) or .csv (UTF-8 with BOM).
import ExcelJS from 'exceljs';
import { contentHash } from '../engine/hash.js';
import { flattenClasses } from '../engine/classes.js';
import { parentId } from '../engine/clause-numbers.js';
import type { RetentionCode } from '../schemas/retention-codes.js';
import { csvRow } from '../schemas/csv-cell.js';
import type { Scheme, SchemeClass } from '../schemas/scheme.js';
import { VERSION_STATE_LABELS } from '../schemas/version-states.js';
import { retentionCellText, retentionText } from './retention-text.js';

/** What a version adds to its document: number, state and the approval (for titles and the print view). */
export interface ExportMeta {
  version?: number;
  state?: 'draft' | 'submitted' | 'approved' | 'rejected' | 'superseded' | string;
  approvalNumber?: string;
  decidedOn?: string;
  reviewer?: string;
  effectiveFrom?: string;
  /** 审批意见 of the approval, printed on the approved table. */
  comment?: string;
  /** The reviewer's justification for keeping records shorter than the national floor, printed with the approval. */
  justification?: string;
  /** Why the approval takes effect before its decision date, printed with the approval. */
  backdateReason?: string;
}

/** The one set of version-state words (schemas/version-states.ts). */
export const STATE_LABELS: Readonly<Record<string, string>> = VERSION_STATE_LABELS;

export const LEVEL_HEADERS = ['一级类目', '二级类目', '三级类目', '四级类目'];

/** One line of the exported table: a clause, a heading, or a 重要的/一般的 sub-row. */
export interface TableLine {
  kind: 'item' | 'heading' | 'branch';
  /** "CODE 名称" per class level, from the root. */
  classCells: string[];
  /** Class code path ("WS/DQ") and names, when the line has a class. */
  classPath?: string;
  classNames?: string[];
  id: string;
  scope: string;
  retention?: RetentionCode;
  retentionLabel: string;
  basis: string;
  department: string;
  note: string;
  /** For sub-rows: the 重要的/一般的 label (shown in the scope column). */
  branch?: string;
  depth: number;
}

export function classDepth(classes: readonly SchemeClass[]): number {
  return Math.max(1, ...flattenClasses(classes).map((c) => c.depth));
}

/** The table's lines in document order, headings included, branches as sub-rows after their clause. */
export function tableLines(doc: Scheme): TableLine[] {
  const byPath = new Map(flattenClasses(doc.classes as SchemeClass[]).map((c) => [c.path, c]));
  const parents = new Set(doc.items.map((it) => parentId(it.id) ?? ''));
  const lines: TableLine[] = [];
  for (const item of doc.items) {
    const klass = item.class ? byPath.get(item.class) : undefined;
    const classCells = klass ? klass.codes.map((code, i) => `${code} ${klass.names[i]}`) : [];
    const base = {
      classCells,
      classPath: klass?.path,
      classNames: klass?.names,
      id: item.id,
      scope: item.scope,
      basis: item.basis ?? '',
      department: item.department ?? '',
      note: item.note ?? '',
      depth: item.id.split('.').length,
    };
    if (parents.has(item.id)) {
      lines.push({ ...base, kind: 'heading', retentionLabel: '' });
    } else if (Array.isArray(item.retention)) {
      lines.push({ ...base, kind: 'item', retentionLabel: '' });
      // A start event (合同有效期满) is printed on the branches it dates: the 定期 ones.
      const start = typeof item.retentionStart === 'object' ? item.retentionStart : undefined;
      for (const b of item.retention) {
        const label = start && b.code !== 'Y' ? retentionCellText(b.code, start.event, start.then) : retentionText(b.code);
        lines.push({
          ...base,
          kind: 'branch',
          id: '',
          scope: b.label,
          branch: b.label,
          retention: b.code,
          retentionLabel: label,
          basis: '',
          department: '',
          note: '',
        });
      }
    } else {
      const code = item.retention as RetentionCode | undefined;
      const start = typeof item.retentionStart === 'object' ? item.retentionStart : undefined;
      lines.push({
        ...base,
        kind: 'item',
        retention: code,
        retentionLabel: code ? retentionCellText(code, start?.event, start?.then) : '',
      });
    }
  }
  return lines;
}

/**
 * The printed title: the unit's own. A copy of a national baseline keeps the baseline's title (“…（国家基线…）”) until
 * the unit names its table; it prints under the unit's name instead, as the 报审 table must.
 */
export function documentTitle(doc: Scheme): string {
  const own = `${doc.unit}档案分类方案、归档范围和保管期限表`;
  if (!doc.title || (doc.baseline && !doc.title.includes(doc.unit))) return own;
  return doc.title;
}

/** "单位：… 全宗号：… 单位类型：… 版本：… 内容哈希：…" — read back by the importer (单位, 全宗号, 单位类型). */
export function infoLine(doc: Scheme, meta: ExportMeta = {}): string {
  const parts = [`单位：${doc.unit}`];
  if (doc.fonds) parts.push(`全宗号：${doc.fonds}`);
  parts.push(`单位类型：${doc.kind === 'organ' ? '机关' : '企业'}`);
  const version = meta.version ?? doc.version;
  if (version) parts.push(`版本：第 ${version} 版${meta.state ? `（${STATE_LABELS[meta.state] ?? meta.state}）` : ''}`);
  parts.push(`内容哈希：${schemeHash(doc)}`);
  return parts.join('　');
}

/** The version's content hash: the engine's `contentHash`, the one stored and returned by classify. */
export function schemeHash(doc: Scheme): string {
  return contentHash(doc);
}

function headers(depth: number): string[] {
  return [...LEVEL_HEADERS.slice(0, depth), '条款号', '归档范围', '保管期限', '依据', '责任部门', '备注'];
}

function lineCells(line: TableLine, depth: number): string[] {
  const classes = Array.from({ length: depth }, (_, i) => line.classCells[i] ?? '');
  return [...classes, line.id, line.scope, line.retentionLabel, line.basis, line.department, line.note];
}

// ---- xlsx

const THIN = { style: 'thin', color: { argb: 'FF808080' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'SimSun';

export async function exportXlsx(doc: Scheme, meta: ExportMeta = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sanheyi';
  wb.title = documentTitle(doc);
  wb.created = wb.modified = new Date('2000-01-01T00:00:00Z');
  const depth = classDepth(doc.classes as SchemeClass[]);
  writeTableSheet(wb, doc, meta, depth);
  writeClassSheet(wb, doc);
  writeExclusionSheet(wb, doc);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function titleRows(ws: ExcelJS.Worksheet, title: string, info: string, width: number): void {
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, width);
  const t = ws.getCell(1, 1);
  t.font = { name: FONT, size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.addRow([info]);
  ws.mergeCells(2, 1, 2, width);
  const i = ws.getCell(2, 1);
  i.font = { name: FONT, size: 10 };
  i.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  ws.getRow(2).height = 30;
}

function headerRow(ws: ExcelJS.Worksheet, values: string[]): void {
  const row = ws.addRow(values);
  row.height = 22;
  row.eachCell((cell) => {
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    cell.border = BORDER;
  });
}

function bodyRow(ws: ExcelJS.Worksheet, values: string[], center: number[], bold = false): ExcelJS.Row {
  const row = ws.addRow(values);
  for (let c = 1; c <= values.length; c++) {
    const cell = row.getCell(c);
    // Every cell is text: a 条款号 like 1.10 must not become the number 1.1.
    cell.value = values[c - 1];
    cell.numFmt = '@';
    cell.font = { name: FONT, size: 10.5, bold };
    cell.alignment = { vertical: 'middle', wrapText: true, horizontal: center.includes(c) ? 'center' : 'left' };
    cell.border = BORDER;
  }
  return row;
}

function writeTableSheet(wb: ExcelJS.Workbook, doc: Scheme, meta: ExportMeta, depth: number): void {
  const ws = wb.addWorksheet('三合一表', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 3, activeCell: 'A4' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
  });
  const head = headers(depth);
  ws.columns = [
    ...LEVEL_HEADERS.slice(0, depth).map(() => ({ width: 18 })),
    { width: 10 },
    { width: 60 },
    { width: 12 },
    { width: 24 },
    { width: 14 },
    { width: 24 },
  ];
  titleRows(ws, documentTitle(doc), infoLine(doc, meta), head.length);
  headerRow(ws, head);
  const idCol = depth + 1;
  const retentionCol = depth + 3;
  for (const line of tableLines(doc)) {
    const row = bodyRow(ws, lineCells(line, depth), [idCol, retentionCol], line.kind === 'heading');
    if (line.kind === 'branch') row.getCell(depth + 2).alignment = { vertical: 'middle', wrapText: true, indent: 2 };
  }
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: head.length } };
}

function writeClassSheet(wb: ExcelJS.Workbook, doc: Scheme): void {
  const ws = wb.addWorksheet('分类方案', { views: [{ state: 'frozen', ySplit: 3, activeCell: 'A4' }] });
  ws.columns = [{ width: 8 }, { width: 18 }, { width: 36 }, { width: 48 }];
  titleRows(ws, `${doc.unit}档案分类方案`, infoLine(doc), 4);
  headerRow(ws, ['层级', '类目号', '类目名称', '说明']);
  for (const c of flattenClasses(doc.classes as SchemeClass[])) {
    const row = bodyRow(ws, [String(c.depth), c.path, c.names[c.names.length - 1], c.note ?? ''], [1], c.depth === 1);
    row.getCell(3).alignment = { vertical: 'middle', wrapText: true, indent: (c.depth - 1) * 2 };
  }
}

function writeExclusionSheet(wb: ExcelJS.Workbook, doc: Scheme): void {
  const ws = wb.addWorksheet('不归档范围', { views: [{ state: 'frozen', ySplit: 3, activeCell: 'A4' }] });
  ws.columns = [{ width: 10 }, { width: 60 }, { width: 40 }, { width: 30 }];
  titleRows(ws, `${doc.unit}不归档文件材料范围`, infoLine(doc), 4);
  headerRow(ws, ['编号', '不归档范围', '理由', '依据']);
  for (const x of doc.exclusions ?? []) bodyRow(ws, [x.id, x.scope, x.reason ?? '', x.basis ?? ''], [1]);
}

// ---- csv

/** The table as CSV, header first, then one line per class (code path and name), then the clauses. UTF-8 with BOM. */
export function exportCsv(doc: Scheme): string {
  const depth = classDepth(doc.classes as SchemeClass[]);
  const head = headers(depth);
  const rows: string[][] = [head];
  // Class lines first, so that classes without clauses and class notes survive a round trip.
  for (const c of flattenClasses(doc.classes as SchemeClass[])) {
    const cells = Array.from({ length: head.length }, () => '');
    c.codes.forEach((code, i) => (cells[i] = `${code} ${c.names[i]}`));
    cells[head.length - 1] = c.note ?? '';
    rows.push(cells);
  }
  for (const line of tableLines(doc)) rows.push(lineCells(line, depth));
  return '\uFEFF' + rows.map((r) => csvRow(r) + '\r\n').join('');
}
