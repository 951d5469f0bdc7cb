// One rule for turning a table cell into a record value, shared by `sanheyi classify` (CSV), the workbench tester
// (pasted CSV/TSV) and anything else that reads records from a table. Browser-safe: no Node imports.
import type { FieldType } from './fields.js';

/** What a cell needs to know about its field (a FieldDef, or the web's FieldOption). */
export interface CellField {
  name: string;
  label: string;
  type: FieldType;
  values?: readonly string[];
  valueLabels?: Readonly<Record<string, string>>;
}

/** Yes/no words a person types in a spreadsheet (compared without case). */
export const YES_WORDS: ReadonlySet<string> = new Set(['是', '需要', 'true', '1', 'y', 'yes']);
export const NO_WORDS: ReadonlySet<string> = new Set(['否', '不需要', 'false', '0', 'n', 'no']);

/** Separators between the values of a list cell (keywords): ; ； , ， 、 | */
export const LIST_SEPARATORS = /[;；,，、|]/;

// Each digit can be read only one way (the old `\d+\.?\d*` let a long digit run split anywhere: 4.7 s at 40k digits).
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Thousands separators, spaces and currency marks people write in amounts: 1,200 元, ¥1 200. */
const NUMBER_NOISE = /[,，\s¥￥元]/g;

/**
 * One cell as its field's type wants it: `{}` for an empty cell, `{ value }`, or `{ error }` in words.
 * Dates are normalised where the form is recognised (2024/5/1, 2024年5月1日, 20240501) and passed on unchanged
 * otherwise, so the record check says what is wrong with them, as it does for JSON input; so are enumeration values
 * that are neither a value nor its Chinese label.
 */
export function cellToValue(field: CellField, raw: string): { value?: unknown; error?: string } {
  const text = raw.trim();
  if (text === '') return {};
  switch (field.type) {
    case 'number': {
      const plain = text.replace(NUMBER_NOISE, '');
      return NUMBER.test(plain) && Number.isFinite(Number(plain)) ? { value: Number(plain) } : { error: `不是有效的数字“${text}”` };
    }
    case 'boolean': {
      const word = text.toLowerCase();
      if (YES_WORDS.has(word)) return { value: true };
      if (NO_WORDS.has(word)) return { value: false };
      return { error: `应填 true/false 或 是/否，而不是“${text}”` };
    }
    case 'stringArray':
      return {
        value: text
          .split(LIST_SEPARATORS)
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      };
    case 'date':
      return { value: normalizeDate(text) ?? text };
    case 'enum': {
      if (field.values?.includes(text)) return { value: text };
      const byLabel = Object.entries(field.valueLabels ?? {}).find(([, label]) => label === text);
      return { value: byLabel ? byLabel[0] : text };
    }
    default:
      return { value: text };
  }
}

/** 2024-5-1, 2024/05/01, 2024.5.1, 20240501, 2024年5月1日 → 2024-05-01; ISO dates and date-times pass unchanged. */
export function normalizeDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}.*)?$/.exec(text);
  if (iso) return validDay(Number(iso[2]), Number(iso[3])) ? text : null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [, y, mo, d] = m;
  const month = Number(mo);
  const day = Number(d);
  if (!validDay(month, day)) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const validDay = (month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31;

/** The field a column header names: its name (title, extra.x), its Chinese label (题名), or an extra field's bare name. */
export function fieldForHeader<F extends CellField>(header: string, fields: Iterable<F>): F | undefined {
  const list = [...fields];
  const h = withoutTrailingNote(header.trim()).trim();
  return list.find((f) => f.name === h) ?? list.find((f) => f.label === h) ?? list.find((f) => f.name === `extra.${h}`);
}

/** “金额（元）” → “金额”: from the first bracket to the end when the text ends with a closing one (one scan, no regex). */
function withoutTrailingNote(text: string): string {
  const last = text[text.length - 1];
  if (last !== ')' && last !== '）') return text;
  for (let i = 0; i < text.length - 1; i++) if (text[i] === '(' || text[i] === '（') return text.slice(0, i);
  return text;
}

/** Sets a field by its dotted name: `title`, `extra.x` → record.extra.x, `contract.amount` → record.contract.amount. */
export function setRecordField(record: Record<string, unknown>, name: string, value: unknown): void {
  const dot = name.indexOf('.');
  if (dot < 0) {
    record[name] = value;
    return;
  }
  const group = name.slice(0, dot);
  const inner = (record[group] ??= {}) as Record<string, unknown>;
  inner[name.slice(dot + 1)] = value;
}

/** Reads a field by its dotted name (the counterpart of setRecordField). */
export function getRecordField(record: Record<string, unknown>, name: string): unknown {
  const dot = name.indexOf('.');
  if (dot < 0) return record[name];
  const inner = record[name.slice(0, dot)];
  return inner !== null && typeof inner === 'object' ? (inner as Record<string, unknown>)[name.slice(dot + 1)] : undefined;
}
