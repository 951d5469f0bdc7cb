// The import's types: options, located issues, the preview, stats, the result, and the reader's own rows and classes.
import type { RetentionCode } from '../../schemas/retention-codes.js';
import type { Scheme } from '../../schemas/scheme.js';
import type { TableFormat } from '../grid.js';
import type { ColumnMap, TableField } from '../headers.js';
import type { Logic } from '../suggest.js';

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
  /** A table without class columns: its top-level heading rows become classes under their 门类 (code = clause number). */
  headingClasses?: boolean;
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

export interface CellRef {
  text: string;
  col: number;
  /** own: typed in the cell; ditto: 〃/同上; merge: part of a vertical merge; fill: blank class cell taking the row above. */
  how: 'own' | 'ditto' | 'merge' | 'fill' | 'none';
}

export interface ClassStep {
  code?: string;
  name?: string;
}

export interface ClassNode {
  code?: string;
  name?: string;
  note?: string;
  children: ClassNode[];
  parent: ClassNode | null;
  /** Where the class was first seen, for messages. */
  at?: { row: number; col: number };
}

/** One clause (or heading) read from the table, before it becomes a document item. */
export interface TableRow {
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
  /** The 保管期限 cell is empty: imported as 永久 (从长) and flagged on the row, for the archivist to decide. */
  retentionMissing?: boolean;
  /** The period counts from this event (定期5年（自固定资产报废清理次日起算）). */
  event?: string;
  /** …counted from 1 January after the event's year (定期5年（自固定资产报废清理的次年1月1日起算）). */
  eventThen?: 'fiscalYearEndNextDay';
}
