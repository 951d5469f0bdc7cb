// The state one import shares across its phases (cells, classes, rows, clause numbers, document) and their order.
import type { GridSheet } from '../grid.js';
import { type ColumnMap, LEVEL_FIELDS, type TableField } from '../headers.js';
import { finishClasses, readClassSheet } from './classes.js';
import { assignIds, checkStructure } from './clause-ids.js';
import { build } from './document.js';
import { IssueList } from './issues.js';
import { readRows } from './rows.js';
import type { ClassNode, ImportIssue, ImportOptions, ImportPreview, ImportResult, TableRow } from './types.js';

export class TableReader {
  readonly issues: IssueList;
  readonly fieldCol = new Map<TableField, number>();
  /** Cell texts with 〃 and merges resolved, by row then column. */
  readonly resolved = new Map<number, Map<number, string>>();
  /** Rows whose 条款号 cell is a number with a dot (Excel may have dropped a trailing 0). */
  readonly numericIds: number[] = [];
  readonly roots: ClassNode[] = [];
  readonly tableRows: TableRow[] = [];
  /** Start events of periods → the declared date field each reads. */
  readonly eventFields = new Map<string, { name: string; label: string }>();
  /** Cells holding a legacy period (长期, 短期 …). */
  legacy = 0;
  defaultClass?: ClassNode;
  readonly hasLevels: boolean;
  readonly hasCodeName: boolean;

  constructor(
    readonly sheet: GridSheet,
    readonly all: GridSheet[],
    readonly headerRow: number | null,
    readonly columns: ColumnMap[],
    readonly options: ImportOptions,
    readonly view: ImportPreview,
  ) {
    this.issues = new IssueList(sheet, columns);
    for (const c of columns) if (c.field) this.fieldCol.set(c.field, c.column);
    this.hasLevels = LEVEL_FIELDS.some((f) => this.fieldCol.has(f));
    this.hasCodeName = this.fieldCol.has('classCode') || this.fieldCol.has('className');
  }

  get errors(): ImportIssue[] {
    return this.issues.errors;
  }

  get warnings(): ImportIssue[] {
    return this.issues.warnings;
  }

  issue(list: ImportIssue[], row: number, col: number, message: string, sheet = this.sheet): void {
    this.issues.add(list, row, col, message, sheet);
  }

  error(row: number, col: number, message: string): void {
    this.issues.add(this.errors, row, col, message);
  }

  warn(row: number, col: number, message: string): void {
    this.issues.add(this.warnings, row, col, message);
  }

  read(): ImportResult {
    readClassSheet(this);
    readRows(this);
    if (!this.tableRows.length && !this.errors.length) this.error(-1, -1, '表格中没有任何归档范围条款');
    assignIds(this);
    checkStructure(this);
    finishClasses(this);
    this.issues.sort();
    if (this.errors.length) return { ok: false, errors: this.errors, warnings: this.warnings, preview: this.view };
    return build(this);
  }
}
