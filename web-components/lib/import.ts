// Importing a 三合一 table in the page: the file's content type, the column mapping sent back, where a problem is, and
// the conditions the import suggested (kept for this browser session, applied to a draft only when the archivist says).
import type { Scheme, SchemeItem } from '../../server/schemas/scheme.js';
import { fieldLabel } from '../../server/schemas/table-fields.js';
import type { ImportIssue, ImportPreview } from './api.js';
import type { Suggestions } from './api-import.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The mapping value for a column the import should skip (the service also reads 忽略). */
export const IGNORE = '忽略';

/**
 * The content type to send for a chosen file, by its extension first: browsers report .csv as
 * `application/vnd.ms-excel` on some systems and .xlsx as '' on others. Null when the service cannot read it.
 */
export function tableType(file: { name: string; type: string }): string | null {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase();
  if (ext === 'xlsx') return XLSX_TYPE;
  if (ext === 'csv') return 'text/csv';
  if (ext === undefined && (file.type === XLSX_TYPE || file.type === 'text/csv')) return file.type;
  return null;
}

/** Why a file cannot be imported, in words (null when it can). */
export function fileProblem(file: { name: string; type: string; size: number }, limit = 10 * 1024 * 1024): string | null {
  if (/\.xls$/i.test(file.name)) return '不支持旧版 Excel（.xls）文件：请在 Excel 中“另存为”.xlsx 后再导入。';
  if (!tableType(file)) return `“${file.name}”不是 .xlsx 或 .csv 文件。`;
  if (file.size === 0) return `“${file.name}”是空文件。`;
  if (file.size > limit) return `“${file.name}”超过 ${Math.round(limit / 1024 / 1024)} MB，无法导入。`;
  return null;
}

/** A name for the new scheme: the file's name without extension, else the unit's table. */
export function defaultSchemeName(filename: string | undefined, unitName: string | undefined): string {
  const base = (filename ?? '').replace(/\.[^.]+$/, '').trim();
  return (base || `${unitName ?? ''}三合一表`).slice(0, 200);
}

/** Column letter → field for every column of a preview (unmapped columns are sent as 忽略, so nothing is guessed). */
export function mappingOf(columns: ImportPreview['columns']): Record<string, string> {
  return Object.fromEntries(columns.map((c) => [c.letter, c.field ?? IGNORE]));
}

/** Problems a person can fix before asking the service again (the service checks the same). */
export function mappingProblems(mapping: Record<string, string>): string[] {
  const out: string[] = [];
  const fields = Object.values(mapping).filter((f) => f !== IGNORE);
  if (!fields.includes('scope')) out.push('请指定哪一列是“归档范围”');
  if (!fields.includes('retention')) out.push('请指定哪一列是“保管期限”');
  const twice = [...new Set(fields.filter((f, i) => fields.indexOf(f) !== i))];
  for (const f of twice) out.push(`“${fieldLabel(f)}”被指定给了多列，每个字段只能对应一列`);
  if (fields.some((f) => f === 'classCode' || f === 'className') && fields.some((f) => /^class[1-4]$/.test(f))) {
    out.push('“类目号/类目名称”和“一级类目/二级类目…”是两种读法，只能选其一');
  }
  return out;
}

/** Where an issue is, for a person: 工作表“Sheet1” · 第 4 行 · E 列（保管期限）; CSV files have no sheet to name. */
export function issuePlace(issue: ImportIssue, format?: string): string {
  const parts: string[] = [];
  if (issue.sheet && format !== 'csv' && issue.sheet !== 'CSV') parts.push(`工作表“${issue.sheet}”`);
  if (issue.row > 0) parts.push(`第 ${issue.row} 行`);
  if (issue.column > 0)
    parts.push(`${issue.columnLetter ?? columnLetter(issue.column - 1)} 列${issue.header ? `（${issue.header}）` : ''}`);
  return parts.join(' · ') || '整个文件';
}

/** The message without the "第 4 行 E 列（保管期限）：" the service puts in front (the place is shown on its own). */
export function issueText(issue: ImportIssue): string {
  return issue.message.replace(/^第\s*\d+\s*行\s*(?:[A-Z]{1,3}\s*列(?:（[^）]*）)?)?\s*[：:]\s*/, '');
}

function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// ——— suggested conditions ———

/** open: can be applied; applied: applied here, not saved yet; saved: the saved condition is the suggestion;
 * hasCondition: the row already has another condition; missing: the row is no longer in the draft. */
export type SuggestionState = 'open' | 'applied' | 'saved' | 'hasCondition' | 'missing';

export interface SuggestionRow {
  id: string;
  logic: Record<string, unknown>;
  /** Index in the draft's items; -1 when the row is no longer there. */
  index: number;
  item: SchemeItem | null;
  state: SuggestionState;
}

/** One row per suggestion, in the draft's order: whether it can still be applied to the draft as it is. */
export function suggestionRows(draft: Scheme, saved: Scheme, suggestions: Suggestions): SuggestionRow[] {
  const rows = Object.entries(suggestions).map(([id, logic]): SuggestionRow => {
    const index = draft.items.findIndex((it) => it.id === id);
    const item = index >= 0 ? draft.items[index] : null;
    const before = saved.items.find((it) => it.id === id);
    const state: SuggestionState = !item
      ? 'missing'
      : item.when === undefined
        ? 'open'
        : !sameJson(item.when, logic)
          ? 'hasCondition'
          : before?.when !== undefined && sameJson(before.when, logic)
            ? 'saved'
            : 'applied';
    return { id, logic, index, item, state };
  });
  return rows.sort((a, b) => (a.index < 0 ? 1e9 : a.index) - (b.index < 0 ? 1e9 : b.index));
}

/** The draft with the suggested condition on row `id` (it no longer needs one). Unchanged if the row is gone. */
export function applySuggestion(draft: Scheme, id: string, logic: Record<string, unknown>): Scheme {
  return withItem(draft, id, (it) => {
    const { needsCondition: _, ...rest } = it;
    return { ...rest, when: logic as SchemeItem['when'] };
  });
}

/** Row `id` back as it was saved (undoes an apply that was not saved yet). */
export function revertItem(draft: Scheme, saved: Scheme, id: string): Scheme {
  const before = saved.items.find((it) => it.id === id);
  return before ? withItem(draft, id, () => before) : draft;
}

function withItem(draft: Scheme, id: string, f: (it: SchemeItem) => SchemeItem): Scheme {
  const i = draft.items.findIndex((it) => it.id === id);
  if (i < 0) return draft;
  const items = [...draft.items];
  items[i] = f(items[i]);
  return { ...draft, items };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
