// Imports an .xlsx/.csv 三合一 table into a new draft scheme document: all rows or none, every problem located.
import { escapePointer } from '../schemas/ajv.js';
import type { RetentionCode } from '../schemas/retention-codes.js';
import { ITEM_ID_PATTERN, MAX_CLASS_DEPTH, SCHEME_FORMAT, type Scheme, type SchemeClass, type SchemeItem } from '../schemas/scheme.js';
import { validateScheme } from '../engine/validate.js';
import { type GridSheet, GridError, type TableFormat, columnLetter, detectFormat, readGrid } from './grid.js';
import {
  type ColumnMap, FIELD_LABELS, LEVEL_FIELDS, TABLE_FIELDS, type TableField,
  cleanHeader, detectHeader, findRowWithHeaders, mapHeaderRow, parseFieldName, resolveColumn,
} from './headers.js';
import { KNOWN_EVENT_FIELDS, normalizeWidth, parseEventRetention, parseRetention, splitInlineRetention } from './retention-text.js';
import { type Logic, suggestCondition } from './suggest.js';

export type UnitKind = 'enterprise' | 'organ';

export interface ImportOptions {
  filename?: string;
  /** 单位名称; read from the table's title or 单位： line when absent. */
  unit?: string;
  /** enterprise (10号令) or organ (8号令); read from a 单位类型： line, else enterprise with a warning. */
  kind?: UnitKind;
  /** 全宗号. */
  fonds?: string;
  title?: string;
  /** Sheet to import (xlsx); default the first sheet whose header is recognised. */
  sheet?: string;
  /** 1-based header row; 0 means the table has no header row. Default: detected. */
  headerRow?: number;
  /** Column (letter "C", number "3" or header text "期限") → field (scope, retention, 归档范围, 保管期限, 忽略 …). */
  mapping?: Record<string, string>;
}

/** A problem located in the table. `row`/`column` are 1-based; 0 when the problem is not about one cell. */
export interface ImportIssue {
  sheet: string;
  row: number;
  column: number;
  columnLetter?: string;
  header?: string;
  /** "/Sheet1/R12/C4" */
  path: string;
  message: string;
}

export interface ImportPreview {
  format: TableFormat;
  sheets: string[];
  sheet: string;
  /** 1-based; null when no header row was found. */
  headerRow: number | null;
  columns: (ColumnMap & { label: string | null })[];
  /** The first data rows as shown (merged cells and 〃 not yet resolved). */
  rows: { row: number; cells: string[] }[];
  /** Why the mapping is unsure. */
  problems: string[];
  /** The fields a mapping may name. */
  fields: { field: TableField; label: string }[];
}

export interface ImportStats {
  rows: number;
  items: number;
  headings: number;
  branchItems: number;
  classes: number;
  generatedIds: number;
  legacyRetention: number;
}

export type ImportResult =
  | {
      ok: true;
      document: Scheme;
      warnings: ImportIssue[];
      /** Suggested conditions per leaf item id, not applied: the archivist confirms them in the builder. */
      suggestions: Record<string, Logic>;
      preview: ImportPreview;
      stats: ImportStats;
    }
  | { ok: false; needsMapping?: boolean; errors: ImportIssue[]; warnings: ImportIssue[]; preview?: ImportPreview };

export const BRANCH_REVIEW = '导入的重要/一般分支需补充判断条件';
/**
 * Imported branches carry no machine condition. The validator lets only the last branch lack `when`, so every
 * imported branch gets `false` ("never decides by itself"): a matching record goes to review with BRANCH_REVIEW
 * until the archivist writes the conditions, and never silently takes the shorter branch.
 */
export const IMPORTED_BRANCH_WHEN = false;

const DITTO = /^(〃+|″+|"+|”+|“+|''|同上[。.]?|ditto|仝上)$/i;
const PREVIEW_ROWS = 8;
const MAX_ISSUES = 500;

const KNOWN_BRANCH = /^(重要|一般|主要|次要|其他|其余|其它|通过|未通过|讨论通过|讨论未通过|主办|协办|本单位|外单位|正本|定稿|原件|复制件)/;

/** A sub-row label such as 重要的, （1）一般的, 讨论未通过的; null for ordinary scope text. */
export function branchLabel(text: string): string | null {
  const strip = (x: string) => x.trim().replace(/^[（(]?\s*[0-9０-９一二三四五六七八九十]{1,2}\s*[)）.．、]\s*/, '').trim();
  const t = normalizeWidth(strip(text));
  if (!t || t.length > 20) return null;
  if (/的$/.test(t) || KNOWN_BRANCH.test(t)) return strip(text);
  return null;
}

/** Trailing "— 重要的 / 一般的" (or "（重要的、一般的）") of a scope cell whose period cell holds several values. */
const SCOPE_LABELS = /\s*(?:——|—|--|-|－|–|:|：)?\s*[（(]?\s*((?:[^\s/／、，,（）()—\-]{1,10}的\s*[/／、，,]\s*)+[^\s/／、，,（）()—\-]{1,10}的)\s*[）)]?\s*$/;

interface CellRef {
  text: string;
  col: number;
  /** own: typed in the cell; ditto: 〃/同上; merge: part of a vertical merge; fill: blank class cell taking the row above. */
  how: 'own' | 'ditto' | 'merge' | 'fill' | 'none';
}

interface ClassStep {
  code?: string;
  name?: string;
}

interface ClassNode {
  code?: string;
  name?: string;
  note?: string;
  children: ClassNode[];
  parent: ClassNode | null;
  /** Where the class was first seen, for messages. */
  at?: { row: number; col: number };
}

interface Draft {
  line: number;
  id?: string;
  idCol: number;
  idGenerated?: boolean;
  scope: string;
  scopeCol: number;
  retention?: RetentionCode;
  retentionCol: number;
  retentionText?: string;
  branches?: { label: string; code: RetentionCode; line: number }[];
  basis?: string;
  department?: string;
  note?: string;
  klass?: ClassNode;
  classExplicit: boolean;
  classCol: number;
  synthetic?: boolean;
  /** The period counts from this event (定期5年（自固定资产报废清理次日起算）). */
  event?: string;
}

/** Reads a table and returns a draft scheme document, or every problem found (then no document at all). */
export async function importTable(buffer: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  let format: TableFormat;
  let sheets: GridSheet[];
  try {
    format = detectFormat(buffer, options.filename);
    sheets = await readGrid(buffer, format);
  } catch (e) {
    if (e instanceof GridError) return { ok: false, errors: [fileIssue(e.message)], warnings: [] };
    throw e;
  }
  return importSheets(sheets, format, options);
}

function fileIssue(message: string, sheet = ''): ImportIssue {
  return { sheet, row: 0, column: 0, path: sheet ? `/${escapePointer(sheet)}` : '/', message };
}

function nonEmpty(sheet: GridSheet): boolean {
  return sheet.rows.some((r) => r.some((c) => c.text.trim() !== ''));
}

export function importSheets(sheets: GridSheet[], format: TableFormat, options: ImportOptions): ImportResult {
  const names = sheets.map((s) => s.name);
  if (!sheets.some(nonEmpty)) return { ok: false, errors: [fileIssue('文件中没有任何内容')], warnings: [] };

  // Which sheet holds the table
  let sheet: GridSheet | undefined;
  if (options.sheet !== undefined) {
    sheet = sheets.find((s) => s.name === options.sheet);
    if (!sheet) return { ok: false, errors: [fileIssue(`没有名为“${options.sheet}”的工作表（有：${names.join('、')}）`)], warnings: [] };
  } else {
    sheet = sheets.find((s) => detectHeader(s).confident) ?? sheets.find(nonEmpty)!;
  }

  // Header row and column mapping
  const guess = detectHeader(sheet);
  let headerRow: number | null = guess.headerRow;
  let columns: ColumnMap[] = guess.columns;
  let confident = guess.confident;
  const problems = [...guess.problems];
  if (options.headerRow !== undefined) {
    headerRow = options.headerRow > 0 ? options.headerRow - 1 : null;
    columns = headerRow === null ? [] : mapHeaderRow(sheet, headerRow);
  }
  if (options.mapping && Object.keys(options.mapping).length) {
    const byText = Object.keys(options.mapping).filter((k) => !/^\d{1,3}$/.test(k.trim()) && !/^[A-Za-z]{1,3}$/.test(k.trim()));
    if (options.headerRow === undefined && byText.length) headerRow = findRowWithHeaders(sheet, byText) ?? headerRow;
    const mapped = applyMapping(sheet, headerRow, options.mapping);
    if (!mapped.ok) return { ok: false, needsMapping: true, errors: mapped.errors, warnings: [], preview: preview(format, names, sheet, headerRow, mapped.columns, mapped.errors.map((e) => e.message)) };
    columns = mapped.columns;
    if (headerRow === null && options.headerRow === undefined) headerRow = headerLikeFirstRow(sheet, columns);
    problems.length = 0;
    if (!columns.some((c) => c.field === 'scope')) problems.push('映射中没有“归档范围”列');
    if (!columns.some((c) => c.field === 'retention')) problems.push('映射中没有“保管期限”列');
    if (columns.some((c) => c.field === 'classCode' || c.field === 'className') && columns.some((c) => (LEVEL_FIELDS as readonly string[]).includes(c.field ?? ''))) {
      problems.push('不能同时映射“类目号/类目名称”和“一级类目/二级类目”');
    }
    confident = problems.length === 0;
  }
  if (!columns.length) {
    const width = Math.max(0, ...sheet.rows.map((r) => r.length));
    columns = Array.from({ length: width }, (_, c) => ({ column: c, letter: columnLetter(c), header: '', field: null }));
  }
  const view = preview(format, names, sheet, headerRow, columns, problems);
  if (!confident) {
    return {
      ok: false,
      needsMapping: true,
      errors: problems.map((p) => fileIssue(`无法确定表格的列：${p}。请指定列与字段的对应关系（如 C=归档范围 D=保管期限）`, sheet!.name)),
      warnings: [],
      preview: view,
    };
  }
  return new TableReader(sheet, sheets, headerRow, columns, options, view).read();
}

/** With a mapping but no recognised header: the first row is a header when its period cell is not a period. */
function headerLikeFirstRow(sheet: GridSheet, columns: ColumnMap[]): number | null {
  const col = columns.find((c) => c.field === 'retention')?.column;
  const first = sheet.rows.findIndex((r) => r.some((c) => c.text.trim() !== ''));
  if (col === undefined || first < 0) return null;
  const text = sheet.rows[first][col]?.text.trim() ?? '';
  if (!text || parseRetention(text) || parseEventRetention(text) || splitInlineRetention(text)?.every((p) => parseRetention(p.text))) return null;
  return first;
}

function applyMapping(sheet: GridSheet, headerRow: number | null, mapping: Record<string, string>):
  { ok: true; columns: ColumnMap[] } | { ok: false; columns: ColumnMap[]; errors: ImportIssue[] } {
  const width = Math.max(0, ...sheet.rows.map((r) => r.length));
  const columns: ColumnMap[] = Array.from({ length: width }, (_, c) => ({
    column: c,
    letter: columnLetter(c),
    header: headerRow === null ? '' : (sheet.rows[headerRow]?.[c]?.text ?? '').trim(),
    field: null,
  }));
  const errors: ImportIssue[] = [];
  const used = new Map<TableField, string>();
  for (const [key, value] of Object.entries(mapping)) {
    const col = resolveColumn(key, sheet, headerRow);
    const field = parseFieldName(value);
    if (col === null || col >= Math.max(width, 1) + 50) {
      errors.push(fileIssue(`映射中的列“${key}”不存在`, sheet.name));
      continue;
    }
    if (field === undefined) {
      errors.push(fileIssue(`映射中的字段“${value}”未知（可用：${TABLE_FIELDS.map((f) => FIELD_LABELS[f]).join('、')}、忽略）`, sheet.name));
      continue;
    }
    if (field && used.has(field)) {
      errors.push(fileIssue(`字段“${FIELD_LABELS[field]}”被映射了两次（${used.get(field)} 和 ${key}）`, sheet.name));
      continue;
    }
    while (columns.length <= col) columns.push({ column: columns.length, letter: columnLetter(columns.length), header: '', field: null });
    // A mapping replaces whatever the header detection had put on that field.
    if (field) for (const c of columns) if (c.field === field) c.field = null;
    columns[col].field = field;
    if (field) used.set(field, key);
  }
  return errors.length ? { ok: false, columns, errors } : { ok: true, columns };
}

function preview(format: TableFormat, sheets: string[], sheet: GridSheet, headerRow: number | null, columns: ColumnMap[], problems: string[]): ImportPreview {
  const start = headerRow === null ? 0 : headerRow + 1;
  const rows: ImportPreview['rows'] = [];
  for (let r = start; r < sheet.rows.length && rows.length < PREVIEW_ROWS; r++) {
    const cells = sheet.rows[r].map((c) => c.text.trim());
    if (cells.every((t) => t === '')) continue;
    rows.push({ row: r + 1, cells });
  }
  return {
    format,
    sheets,
    sheet: sheet.name,
    headerRow: headerRow === null ? null : headerRow + 1,
    columns: columns.map((c) => ({ ...c, label: c.field ? FIELD_LABELS[c.field] : null })),
    rows,
    problems,
    fields: TABLE_FIELDS.map((field) => ({ field, label: FIELD_LABELS[field] })),
  };
}

/** Normalises a 层垒 clause number: full-width digits, "１．２" and trailing dots. */
export function normalizeItemId(text: string): string {
  return normalizeWidth(text).replace(/\s+/g, '').replace(/[．。、,，]/g, '.').replace(/\.+$/, '');
}

/** "A1 党务工作" → {code A1, name 党务工作}; "党群管理类" → {name}; "0.1 党务" → {code 1 (last segment)}. */
export function parseClassCell(text: string): ClassStep {
  const t = normalizeWidth(text).trim().replace(/\s+/g, ' ');
  if (!t) return {};
  let m = /^([A-Za-z0-9]{1,16}(?:[.·\-][A-Za-z0-9]{1,16})*) (.+)$/.exec(t);
  if (m && (/^[^\x00-\x7f]/.test(m[2]) || /\d/.test(m[1]) || /^[A-Z]{1,4}$/.test(m[1]))) return { code: lastSegment(m[1]), name: m[2].trim() };
  m = /^([A-Za-z]{0,3}\d{1,4})([^\x00-\x7f].*)$/.exec(t);
  if (m) return { code: m[1], name: m[2].trim() };
  if (/^[A-Za-z0-9]{1,16}$/.test(t)) return { code: t };
  return { name: t };
}

function lastSegment(code: string): string {
  const parts = code.split(/[.·\-]/);
  return parts[parts.length - 1];
}

class TableReader {
  private readonly errors: ImportIssue[] = [];
  private readonly warnings: ImportIssue[] = [];
  private readonly fieldCol = new Map<TableField, number>();
  private readonly resolved = new Map<number, Map<number, string>>();
  private readonly roots: ClassNode[] = [];
  private readonly drafts: Draft[] = [];
  private legacy = 0;
  private readonly hasLevels: boolean;
  private readonly hasCodeName: boolean;

  constructor(
    private readonly sheet: GridSheet,
    private readonly all: GridSheet[],
    private readonly headerRow: number | null,
    private readonly columns: ColumnMap[],
    private readonly options: ImportOptions,
    private readonly view: ImportPreview,
  ) {
    for (const c of columns) if (c.field) this.fieldCol.set(c.field, c.column);
    this.hasLevels = LEVEL_FIELDS.some((f) => this.fieldCol.has(f));
    this.hasCodeName = this.fieldCol.has('classCode') || this.fieldCol.has('className');
  }

  private issue(list: ImportIssue[], row: number, col: number, message: string, sheet = this.sheet): void {
    if (list.length >= MAX_ISSUES) return;
    const header = col >= 0 ? this.columns[col]?.header : undefined;
    const where = row < 0 ? '' : col < 0 ? `第 ${row + 1} 行：` : `第 ${row + 1} 行 ${columnLetter(col)} 列${header ? `（${header}）` : ''}：`;
    const out: ImportIssue = {
      sheet: sheet.name,
      row: row + 1,
      column: col + 1,
      path: `/${escapePointer(sheet.name)}${row >= 0 ? `/R${row + 1}` : ''}${col >= 0 ? `/C${col + 1}` : ''}`,
      message: where + message,
    };
    if (col >= 0) out.columnLetter = columnLetter(col);
    if (header) out.header = header;
    list.push(out);
  }

  private error(row: number, col: number, message: string): void {
    this.issue(this.errors, row, col, message);
  }

  private warn(row: number, col: number, message: string): void {
    this.issue(this.warnings, row, col, message);
  }

  /** The value of a mapped field on a data row, with 〃/同上 and vertical merges resolved. */
  private cell(row: number, field: TableField, prevRow: number | null): CellRef {
    const col = this.fieldCol.get(field);
    if (col === undefined) return { text: '', col: -1, how: 'none' };
    const raw = this.sheet.rows[row]?.[col];
    const store = (text: string) => {
      let m = this.resolved.get(row);
      if (!m) this.resolved.set(row, (m = new Map()));
      m.set(col, text);
      return text;
    };
    if (!raw) return { text: store(''), col, how: 'none' };
    if (raw.master) {
      if (raw.master.col !== col || (this.headerRow !== null && raw.master.row <= this.headerRow)) return { text: store(''), col, how: 'none' };
      return { text: store(this.resolved.get(raw.master.row)?.get(col) ?? ''), col, how: 'merge' };
    }
    const text = raw.text.replace(/\r\n?/g, '\n').trim();
    if (DITTO.test(text)) {
      if (field === 'id') {
        this.error(row, col, '条款号不能写“同上”，每个条款都要有自己的编号');
        return { text: store(''), col, how: 'none' };
      }
      const above = prevRow === null ? undefined : this.resolved.get(prevRow)?.get(col);
      if (!above) {
        this.error(row, col, `“${text}”表示同上，但上一行这一列没有内容`);
        return { text: store(''), col, how: 'none' };
      }
      return { text: store(above), col, how: 'ditto' };
    }
    if (field === 'id' && raw.numeric && text.includes('.')) this.numericIds.push(row);
    return { text: store(text), col, how: text ? 'own' : 'none' };
  }

  private readonly numericIds: number[] = [];

  read(): ImportResult {
    this.readClassSheet();
    this.readRows();
    if (!this.drafts.length && !this.errors.length) this.error(-1, -1, '表格中没有任何归档范围条款');
    this.assignIds();
    this.checkStructure();
    this.finishClasses();
    const byPlace = (a: ImportIssue, b: ImportIssue) => a.row - b.row || a.column - b.column;
    this.errors.sort(byPlace);
    this.warnings.sort(byPlace);
    if (this.errors.length) return { ok: false, errors: this.errors, warnings: this.warnings, preview: this.view };
    return this.build();
  }

  // ---- the class-scheme sheet of an exported workbook (类目号 | 类目名称 | 说明), if present

  private readClassSheet(): void {
    for (const s of this.all) {
      if (s === this.sheet || !/分类方案|类目/.test(s.name)) continue;
      const guess = detectHeader(s);
      if (guess.headerRow === null) continue;
      const col = (f: TableField) => guess.columns.find((c) => c.field === f)?.column;
      const codeCol = col('classCode');
      const nameCol = col('className');
      const noteCol = col('note');
      if (codeCol === undefined || nameCol === undefined) continue;
      for (let r = guess.headerRow + 1; r < s.rows.length; r++) {
        const code = normalizeWidth(s.rows[r]?.[codeCol]?.text ?? '').trim();
        const name = (s.rows[r]?.[nameCol]?.text ?? '').trim();
        if (!code && !name) continue;
        const codes = code.split(/[/／]/).map((x) => x.trim()).filter(Boolean);
        if (!codes.length || codes.some((c) => !/^[A-Za-z0-9]{1,16}$/.test(c))) {
          this.issue(this.errors, r, codeCol, `类目号“${code}”不合规（只能用字母和数字，上下级用 / 分隔）`, s);
          continue;
        }
        const steps: ClassStep[] = codes.map((c) => ({ code: c }));
        steps[steps.length - 1].name = name || undefined;
        const node = this.classNode(steps, r, codeCol, s);
        const note = noteCol === undefined ? '' : (s.rows[r]?.[noteCol]?.text ?? '').trim();
        if (node && note && !node.note) node.note = note;
      }
      return;
    }
  }

  /** Finds or creates the class for a path of steps; null (with an error) when it cannot. */
  private classNode(steps: ClassStep[], row: number, col: number, sheet = this.sheet): ClassNode | null {
    if (steps.length > MAX_CLASS_DEPTH) {
      this.issue(this.errors, row, col, `类目超过 ${MAX_CLASS_DEPTH} 级`, sheet);
      return null;
    }
    let siblings = this.roots;
    let parent: ClassNode | null = null;
    let node: ClassNode | null = null;
    for (const step of steps) {
      node = (step.code ? siblings.find((n) => n.code === step.code) : undefined)
        ?? (step.name ? siblings.find((n) => n.name === step.name && (!step.code || !n.code)) : undefined)
        ?? null;
      if (!node) {
        node = { children: [], parent, at: { row, col } };
        siblings.push(node);
      }
      if (step.code && !node.code) node.code = step.code;
      if (step.name && !node.name) node.name = step.name;
      else if (step.name && node.name !== step.name) {
        this.issue(this.warnings, row, col, `类目“${node.code}”的名称前后不一致（“${node.name}”与“${step.name}”），采用“${node.name}”`, sheet);
      }
      parent = node;
      siblings = node.children;
    }
    return node;
  }

  // ---- data rows

  private readRows(): void {
    const start = this.headerRow === null ? 0 : this.headerRow + 1;
    const headerTexts = this.headerRow === null ? null : this.columns.map((c) => cleanHeader(c.header));
    let prevRow: number | null = null;
    let lastLevels: string[] = [];
    let lastCodeName: [string, string] = ['', ''];
    let open: Draft | null = null;

    for (let r = start; r < this.sheet.rows.length; r++) {
      const own = this.sheet.rows[r] ?? [];
      if (own.every((c) => !c.text.trim())) continue;
      // A header repeated inside the table (printed tables repeat it on every page)
      if (headerTexts && [...this.fieldCol.values()].every((c) => cleanHeader(own[c]?.text ?? '') === headerTexts[c])) continue;

      const get = (f: TableField) => this.cell(r, f, prevRow);
      const idCell = get('id');
      const scope = get('scope');
      const retention = get('retention');
      const branch = get('branch');
      const basis = get('basis');
      const department = get('department');
      const note = get('note');

      // Class columns, a blank cell taking the value above while the levels above it are unchanged
      let steps: ClassStep[] = [];
      let classExplicit = false;
      let classCol = -1;
      if (this.hasLevels) {
        // A blank level takes the row above when a deeper level is filled in, or when the whole row is blank
        // (cells left empty under a group's first row); blank levels below the last filled one stay empty.
        const cells = LEVEL_FIELDS.filter((f) => this.fieldCol.has(f)).map((f) => get(f));
        classCol = cells[0]?.col ?? -1;
        // 〃 and merged cells repeat the row above, so only typed cells decide how deep the row's class is.
        const deepest = cells.reduce((m, c, i) => (c.how === 'own' ? i : m), -1);
        classExplicit = cells.some((c) => c.how !== 'none');
        const levels = cells.map((c, i) => (c.how !== 'none' ? c.text : deepest < 0 || i < deepest ? (lastLevels[i] ?? '') : ''));
        while (levels.length && !levels[levels.length - 1]) levels.pop();
        if (levels.some((t) => !t)) this.error(r, classCol, '上级类目为空，下级类目却有内容');
        else steps = levels.map(parseClassCell);
        lastLevels = levels;
      } else if (this.hasCodeName) {
        const code = get('classCode');
        const name = get('className');
        classCol = code.col >= 0 ? code.col : name.col;
        let pair: [string, string] = [code.text, name.text];
        if (code.how === 'none' && name.how === 'none') pair = lastCodeName;
        else classExplicit = true;
        lastCodeName = pair;
        steps = this.codeNameSteps(pair[0], pair[1], r, classCol);
      }

      prevRow = r;
      const anyClass = steps.length > 0;

      // 1. A class line: only class cells (and maybe a note)
      if (!idCell.text && !scope.text && !retention.text && classExplicit && anyClass) {
        const node = this.classNode(steps, r, classCol);
        if (node && note.text && !node.note) node.note = note.text;
        open = null;
        continue;
      }

      // 2. A 重要的/一般的 sub-row of the open clause
      const continuation = idCell.how === 'merge' || !idCell.text || (open?.id !== undefined && normalizeItemId(idCell.text) === open.id);
      if (continuation && retention.text && open && open.retention === undefined) {
        const label = branch.text || (scope.how === 'own' ? branchLabel(scope.text) : null);
        if (label) {
          const parsed = this.period(retention, r);
          if (parsed) (open.branches ??= []).push({ label, code: parsed, line: r });
          continue;
        }
        if (idCell.how === 'merge') {
          this.error(r, idCell.col, '条款号单元格跨行合并，但本行不是“重要的/一般的”这类分支行（缺少分支名称）');
          continue;
        }
      }

      // 3. A clause (or a heading row)
      if (!scope.text) {
        if (idCell.text || retention.text) this.error(r, scope.col, '缺少归档范围');
        continue;
      }
      const draft: Draft = {
        line: r,
        idCol: idCell.col,
        scope: scope.text,
        scopeCol: scope.col,
        retentionCol: retention.col,
        classExplicit,
        classCol,
      };
      if (idCell.text) draft.id = normalizeItemId(idCell.text);
      if (basis.text) draft.basis = basis.text;
      if (department.text) draft.department = department.text;
      if (note.text) draft.note = note.text;
      if (anyClass) draft.klass = this.classNode(steps, r, classCol) ?? undefined;
      if (retention.text) {
        draft.retentionText = retention.text;
        if (branch.text) {
          const code = this.period(retention, r);
          if (code) draft.branches = [{ label: branch.text, code, line: r }];
        } else {
          this.clausePeriod(draft, retention, r);
        }
      }
      this.drafts.push(draft);
      open = draft;
    }
    if (this.numericIds.length) {
      this.warn(this.numericIds[0], this.fieldCol.get('id')!, `条款号是数字格式（共 ${this.numericIds.length} 行），末尾的 0 可能已丢失（如 1.10 显示为 1.1），请核对；建议把该列设为文本`);
    }
  }

  private codeNameSteps(code: string, name: string, row: number, col: number): ClassStep[] {
    if (!code && !name) return [];
    const codes = normalizeWidth(code).split(/[/／·\-.]/).map((x) => x.trim()).filter(Boolean);
    const names = name.split(/[/／]|\s*[－—]\s*/).map((x) => x.trim()).filter(Boolean);
    if (codes.some((c) => !/^[A-Za-z0-9]{1,16}$/.test(c))) {
      this.error(row, col, `类目号“${code}”不合规（只能用字母和数字）`);
      return [];
    }
    if (!codes.length) return [{ name }];
    const steps: ClassStep[] = codes.map((c) => ({ code: c }));
    if (names.length === codes.length) names.forEach((n, i) => (steps[i].name = n));
    else if (name) steps[steps.length - 1].name = name;
    return steps;
  }

  /** One period for a branch sub-row. */
  private period(cell: CellRef, row: number): RetentionCode | null {
    const parsed = parseRetention(cell.text);
    if (!parsed) {
      this.error(row, cell.col, `无法识别的保管期限“${cell.text}”（应为 永久、定期30年、定期10年，或旧制 长期/短期/3、5、15、25年）`);
      return null;
    }
    if (parsed.legacy && cell.how === 'own') {
      this.legacy++;
      this.warn(row, cell.col, `“${cell.text}”：${parsed.legacy}`);
    }
    return parsed.code;
  }

  /** A clause's period cell: one value, or several ("永久/10年", "重要的永久，一般的30年") making branches. */
  private clausePeriod(draft: Draft, cell: CellRef, row: number): void {
    const event = parseEventRetention(cell.text);
    if (event) {
      draft.retention = event.code;
      draft.event = event.event;
      return;
    }
    if (parseRetention(cell.text)) {
      draft.retention = this.period(cell, row) ?? undefined;
      return;
    }
    const parts = splitInlineRetention(cell.text);
    if (!parts || parts.some((p) => !parseRetention(p.text))) {
      this.period(cell, row);
      return;
    }
    let labels = parts.map((p) => p.label);
    if (labels.some((l) => !l)) {
      const m = SCOPE_LABELS.exec(draft.scope);
      const fromScope = m ? m[1].split(/\s*[/／、，,]\s*/) : [];
      if (fromScope.length !== parts.length) {
        this.error(row, cell.col, `保管期限“${cell.text}”有 ${parts.length} 个值，但没有写明各自适用的情形（如“重要的 / 一般的”）`);
        return;
      }
      labels = fromScope;
      draft.scope = draft.scope.slice(0, m!.index).trim() || draft.scope;
    }
    const branches: NonNullable<Draft['branches']> = [];
    parts.forEach((p, i) => {
      const code = this.period({ ...cell, text: p.text }, row);
      if (code) branches.push({ label: labels[i]!, code, line: row });
    });
    draft.branches = branches;
  }

  // ---- 条款号

  private assignIds(): void {
    const anyId = this.drafts.some((d) => d.id !== undefined);
    const generated: number[] = [];
    if (!anyId) {
      this.generateAllIds(generated);
    } else {
      const taken = new Set(this.drafts.map((d) => d.id).filter((x): x is string => !!x));
      let prev: Draft | null = null;
      for (const d of this.drafts) {
        if (d.id === undefined) {
          let id: string;
          if (!prev) id = '1';
          else if (isHeadingLike(prev) && !this.drafts.some((x) => x.id?.startsWith(prev!.id + '.'))) id = `${prev.id}.1`;
          else id = bump(prev.id!);
          while (taken.has(id)) id = bump(id);
          d.id = id;
          d.idGenerated = true;
          taken.add(id);
          generated.push(d.line);
        }
        prev = d;
      }
    }
    if (generated.length) {
      const rows = generated.slice(0, 10).map((r) => r + 1).join('、');
      this.warn(-1, -1, `${generated.length} 行没有条款号，已按表格顺序生成（第 ${rows} 行${generated.length > 10 ? '等' : ''}）`);
    }
  }

  /** No 条款号 column: number by class (1, 1.1, 1.2 …), a row without period opening a group (1.1, 1.1.1 …). */
  private generateAllIds(generated: number[]): void {
    const withClasses = this.hasLevels || this.hasCodeName;
    const groups = new Map<ClassNode | undefined, { prefix: string; sub: number; heading?: string; child: number }>();
    let top = 0;
    const out: Draft[] = [];
    for (const d of this.drafts) {
      const key = withClasses ? d.klass : undefined;
      let g = groups.get(key);
      if (!g) {
        if (key) {
          const n = String(++top);
          g = { prefix: `${n}.`, sub: 0, child: 0 };
          // One heading per class, named after it, so the generated clauses read 1.1, 1.2 under "1 党务工作".
          out.push({ line: d.line, idCol: -1, id: n, scope: key.name ?? key.code ?? n, scopeCol: -1, retentionCol: -1, klass: key, classExplicit: true, classCol: d.classCol, synthetic: true });
        } else g = { prefix: '', sub: 0, child: 0 };
        groups.set(key, g);
      }
      const group = g;
      const next = () => (group.prefix ? `${group.prefix}${++group.sub}` : String(++top));
      if (isHeadingLike(d)) {
        d.id = next();
        group.heading = d.id;
        group.child = 0;
      } else if (group.heading) d.id = `${group.heading}.${++group.child}`;
      else d.id = next();
      d.idGenerated = true;
      generated.push(d.line);
      out.push(d);
    }
    this.drafts.splice(0, this.drafts.length, ...out);
  }

  // ---- ids, hierarchy, headings, periods

  private checkStructure(): void {
    const seen = new Map<string, Draft>();
    const re = new RegExp(ITEM_ID_PATTERN);
    for (const d of this.drafts) {
      const id = d.id!;
      if (!re.test(id)) {
        this.error(d.line, d.idCol, `条款号“${id}”不是层垒制编号（如 1、1.1、1.1.1，每级 1–999，最多四级）`);
        continue;
      }
      const first = seen.get(id);
      if (first) {
        this.error(d.line, d.idCol, `条款号“${id}”重复（第 ${first.line + 1} 行已使用）`);
        continue;
      }
      seen.set(id, d);
      const parent = id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : null;
      if (parent && !seen.has(parent)) this.error(d.line, d.idCol, `条款“${id}”的上级条款“${parent}”不存在或排在其后`);
    }
    const parents = new Set(this.drafts.map((d) => (d.id!.includes('.') ? d.id!.slice(0, d.id!.lastIndexOf('.')) : null)));
    for (const d of this.drafts) {
      if (parents.has(d.id!)) {
        if (d.retention !== undefined || d.branches) {
          this.warn(d.line, d.retentionCol, `条款“${d.id}”有下级条款，是标题行；其保管期限“${d.retentionText}”未导入（期限写在下级条款上）`);
          delete d.retention;
          delete d.branches;
        }
        continue;
      }
      // (a period that could not be read has been reported already)
      if (d.retention === undefined && !d.branches?.length && d.retentionText === undefined) this.error(d.line, d.retentionCol, `条款“${d.id}”缺少保管期限`);
      if (d.branches) {
        const labels = new Set<string>();
        for (const b of d.branches) {
          if (labels.has(b.label)) this.error(b.line, d.scopeCol, `条款“${d.id}”的分支“${b.label}”重复`);
          labels.add(b.label);
        }
      }
      if (!d.klass && (this.hasLevels || this.hasCodeName)) this.error(d.line, d.classCol, `条款“${d.id}”没有所属类目`);
    }
  }

  private defaultClass?: ClassNode;

  private finishClasses(): void {
    if (this.errors.length) return;
    if (!this.hasLevels && !this.hasCodeName && this.drafts.some((d) => !d.klass)) {
      this.defaultClass = { code: 'WS', name: '文书档案', children: [], parent: null };
      if (!this.roots.length) this.roots.push(this.defaultClass);
      else this.defaultClass = this.roots[0];
      for (const d of this.drafts) d.klass ??= this.defaultClass;
      this.warn(-1, -1, `表格没有类目列，全部条款归入“${this.defaultClass.code} ${this.defaultClass.name}”，请在构建器中调整分类方案`);
    }
    const walk = (nodes: ClassNode[], depth: number) => {
      const used = new Set(nodes.map((n) => n.code).filter(Boolean));
      let seq = 0;
      for (const n of nodes) {
        if (!n.code) {
          const prefix = commonLetterPrefix(n.children);
          let code = prefix && !used.has(prefix) ? prefix : '';
          while (!code || used.has(code)) code = depth === 1 ? letterCode(seq++) : String(++seq);
          n.code = code;
          used.add(code);
          this.warn(n.at?.row ?? -1, n.at?.col ?? -1, `类目“${n.name}”没有代码，已生成“${code}”`);
        }
        if (!n.name) {
          n.name = n.code;
          this.warn(n.at?.row ?? -1, n.at?.col ?? -1, `类目“${n.code}”没有名称，暂以代码为名称`);
        }
        walk(n.children, depth + 1);
      }
    };
    walk(this.roots, 1);
  }

  // ---- the document

  private build(): ImportResult {
    const path = (n: ClassNode): string => (n.parent ? `${path(n.parent)}/${n.code}` : n.code!);
    const toClass = (n: ClassNode): SchemeClass => {
      const c: SchemeClass = { code: n.code!, name: n.name! };
      if (n.note) c.note = n.note;
      if (n.children.length) c.children = n.children.map(toClass);
      return c;
    };
    const parents = new Set(this.drafts.map((d) => (d.id!.includes('.') ? d.id!.slice(0, d.id!.lastIndexOf('.')) : null)));
    const items: SchemeItem[] = [];
    const suggestions: Record<string, Logic> = {};
    let headings = 0;
    let branchItems = 0;
    for (const d of this.drafts) {
      const item: Record<string, unknown> = { id: d.id!, scope: d.scope };
      const heading = parents.has(d.id!);
      if (d.klass && (!heading || d.classExplicit)) item.class = path(d.klass);
      if (!heading) {
        if (d.branches) {
          item.retention = d.branches.map((b) => ({ label: b.label, when: IMPORTED_BRANCH_WHEN, code: b.code }));
          item.review = BRANCH_REVIEW;
          branchItems++;
        } else item.retention = d.retention;
        if (d.event) item.retentionStart = { event: d.event, dateField: this.eventField(d.event) };
        item.needsCondition = true;
        const suggestion = suggestCondition(d.scope);
        if (suggestion) suggestions[d.id!] = suggestion;
      } else headings++;
      if (d.basis) item.basis = d.basis;
      if (d.department) item.department = d.department;
      if (d.note) item.note = d.note;
      items.push(item as SchemeItem);
    }

    const meta = this.readTitleBlock();
    const unit = this.options.unit?.trim() || meta.unit;
    if (!unit) {
      return { ok: false, errors: [fileIssue('缺少单位名称：请指定单位（--unit），表格标题中也没有找到单位名称', this.sheet.name)], warnings: this.warnings, preview: this.view };
    }
    let kind = this.options.kind ?? meta.kind;
    if (!kind) {
      kind = 'enterprise';
      this.warn(-1, -1, '未指定单位类型，按企业（10号令）处理');
    }
    const doc: Record<string, unknown> = {
      format: SCHEME_FORMAT,
      title: this.options.title?.trim() || meta.title || `${unit}档案分类方案、归档范围和保管期限表`,
      description: `由${this.options.filename ? `“${this.options.filename}”` : '表格'}导入（工作表“${this.sheet.name}”），条件待补充。`,
      unit,
      kind,
      classes: this.roots.map(toClass),
      items,
    };
    if (this.eventFields.size) doc.fields = [...this.eventFields.values()].map((f) => ({ ...f, type: 'date' }));
    const fonds = this.options.fonds?.trim() || meta.fonds;
    if (fonds) doc.fonds = fonds;
    if (this.all.some((s) => s !== this.sheet && /不归档/.test(s.name) && nonEmpty(s))) {
      this.issue(this.warnings, -1, -1, '不归档范围未导入：不归档条目必须有判断条件，请在构建器中补充', this.all.find((s) => /不归档/.test(s.name))!);
    }

    const checked = validateScheme(doc);
    if (!checked.ok) {
      // Not expected: every rule above mirrors the validator. Located on the row when the path names an item.
      const errors = checked.errors.map((e) => {
        const m = /^\/items\/(\d+)/.exec(e.path);
        const d = m ? this.drafts[Number(m[1])] : undefined;
        const out: ImportIssue = d
          ? { sheet: this.sheet.name, row: d.line + 1, column: 0, path: `/${escapePointer(this.sheet.name)}/R${d.line + 1}`, message: `第 ${d.line + 1} 行：${e.message}（${e.path}）` }
          : fileIssue(`${e.message}（${e.path}）`, this.sheet.name);
        return out;
      });
      return { ok: false, errors, warnings: this.warnings, preview: this.view };
    }
    return {
      ok: true,
      document: checked.scheme,
      warnings: this.warnings,
      suggestions,
      preview: this.view,
      stats: {
        rows: this.drafts.filter((d) => !d.synthetic).length,
        items: items.length,
        headings,
        branchItems,
        classes: countClasses(this.roots),
        generatedIds: this.drafts.filter((d) => d.idGenerated).length,
        legacyRetention: this.legacy,
      },
    };
  }

  private readonly eventFields = new Map<string, { name: string; label: string }>();

  /** The declared date field a start event reads (a known one, else extra.eventDate1, 2 …). */
  private eventField(event: string): string {
    let f = this.eventFields.get(event);
    if (!f) {
      f = KNOWN_EVENT_FIELDS[event] ?? { name: `extra.eventDate${this.eventFields.size + 1}`, label: `${event}日期`.slice(0, 50) };
      this.eventFields.set(event, f);
    }
    return f.name;
  }

  /** Title, 单位, 全宗号 and 单位类型 from the rows above the header. */
  private readTitleBlock(): { title?: string; unit?: string; fonds?: string; kind?: UnitKind } {
    const out: { title?: string; unit?: string; fonds?: string; kind?: UnitKind } = {};
    const end = this.headerRow ?? 0;
    for (let r = 0; r < end; r++) {
      const texts = (this.sheet.rows[r] ?? []).map((c) => c.text.trim()).filter(Boolean);
      if (!texts.length) continue;
      const line = texts.join(' ');
      const unit = /(?:单位名称|立档单位|编制单位|单位)[:：]\s*([^\s　]+)/.exec(line);
      const fonds = /全宗号[:：]\s*([A-Za-z0-9]{1,16})/.exec(normalizeWidth(line));
      const kind = /单位类型[:：]\s*(企业|机关)/.exec(line);
      if (unit) out.unit ??= unit[1];
      if (fonds) out.fonds ??= fonds[1];
      if (kind) out.kind ??= kind[1] === '机关' ? 'organ' : 'enterprise';
      if (!out.title && !unit && !fonds && texts.length === 1 && texts[0].length >= 6 && !/[:：]/.test(texts[0])) {
        out.title = texts[0].replace(/\s+/g, '');
      }
    }
    if (!out.unit && out.title) {
      const m = /^(.+?)(?:档案分类方案|文件材料归档范围|文书档案|档案保管期限|档案)/.exec(out.title);
      if (m && m[1].length >= 2) out.unit = m[1];
    }
    return out;
  }
}

function isHeadingLike(d: Draft): boolean {
  return d.retention === undefined && !d.branches && d.retentionText === undefined;
}

function bump(id: string): string {
  const i = id.lastIndexOf('.');
  const last = Number(id.slice(i + 1)) + 1;
  return i < 0 ? String(last) : `${id.slice(0, i)}.${last}`;
}

function letterCode(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : `C${i + 1}`;
}

/** "A1","A2","A3" → "A": the 门类 letter hidden in its children's codes (taowenge-style tables). */
function commonLetterPrefix(children: ClassNode[]): string {
  if (!children.length || children.some((c) => !c.code)) return '';
  const prefixes = children.map((c) => /^([A-Za-z]+)\d/.exec(c.code!)?.[1] ?? '');
  return prefixes.every((p) => p && p === prefixes[0]) ? prefixes[0] : '';
}

function countClasses(nodes: ClassNode[]): number {
  return nodes.reduce((n, c) => n + 1 + countClasses(c.children), 0);
}
