// One cell of every CSV the product writes (table export, `sanheyi classify` results, the tester's download), with
// OWASP's defence against CSV (formula) injection. Browser-safe: no Node imports.

/** A cell a spreadsheet would run as a formula (or that hides one behind a tab or carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes are needed for these characters (RFC 4180). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * The cell as CSV text: one starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` (shown by the spreadsheet,
 * never run) and is quoted; any cell with a comma, quote or line break is quoted with its quotes doubled.
 */
export function csvField(text: string): string {
  if (FORMULA_START.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (without its line break); numbers as they are, missing values empty. */
export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map((c) => (typeof c === 'number' ? String(c) : csvField(c ?? ''))).join(',');
}

/** The text written before reading it back: the `'` that `csvField` put before a formula character removed. */
export function unneutralised(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
