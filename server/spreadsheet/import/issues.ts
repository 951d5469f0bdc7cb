// The import's problems: located errors and warnings, capped, sorted by place in the table.
import { escapePointer } from '../../schemas/ajv.js';
import { type GridSheet, columnLetter } from '../grid.js';
import type { ColumnMap } from '../headers.js';
import type { ImportIssue } from './types.js';

const MAX_ISSUES = 500;

/** A problem about the whole file (or one sheet), not one cell. */
export function fileIssue(message: string, sheet = ''): ImportIssue {
  return { sheet, row: 0, column: 0, path: sheet ? `/${escapePointer(sheet)}` : '/', message };
}

export class IssueList {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];

  constructor(
    private readonly sheet: GridSheet,
    private readonly columns: ColumnMap[],
  ) {}

  /** Row and column are 0-based here (−1: not about one row or column); the issue says them 1-based. */
  add(list: ImportIssue[], row: number, col: number, message: string, sheet = this.sheet): void {
    if (list.length >= MAX_ISSUES) return;
    const header = col >= 0 ? this.columns[col]?.header : undefined;
    const where =
      row < 0 ? '' : col < 0 ? `第 ${row + 1} 行：` : `第 ${row + 1} 行 ${columnLetter(col)} 列${header ? `（${header}）` : ''}：`;
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

  /** Both lists in table order. */
  sort(): void {
    const byPlace = (a: ImportIssue, b: ImportIssue) => a.row - b.row || a.column - b.column;
    this.errors.sort(byPlace);
    this.warnings.sort(byPlace);
  }
}
