// Reads CSV/TSV text into rows in one pass, stopping at the table limits instead of parsing the whole file first.
import { unneutralised } from '../schemas/csv-cell.js';

export interface CsvLimits {
  maxRows: number;
  maxColumns: number;
}

/** Thrown when the text has more rows than the limit (the caller words it). */
export class CsvRowLimit extends Error {
  constructor(readonly maxRows: number) {
    super(`more than ${maxRows} rows`);
  }
}

/** `,`, tab or `;`: whichever the first five lines hold most of (`,` when none). */
export function detectDelimiter(text: string): string {
  let end = 0;
  for (let lines = 0; lines < 5 && end >= 0; lines++) end = text.indexOf('\n', end + 1);
  const head = end < 0 ? text : text.slice(0, end);
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  for (const ch of head) if (ch in counts) counts[ch]!++;
  const [best, hits] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return hits > 0 ? best : ',';
}

/**
 * RFC 4180 rows: quoted cells may hold the delimiter, doubled quotes and line breaks; a quote inside an unquoted cell
 * (or after a closing quote) is kept as text; `\r\n`, `\n` and `\r` end a row, a blank line is a row with one empty
 * cell, a line break at the very end adds none. Cells past `maxColumns` are dropped; row `maxRows + 1` throws
 * `CsvRowLimit` at once. A cell our export protected against formula injection (`'=…`) reads back as written.
 */
export function readCsvRows(input: string, delimiter: string, limits: CsvLimits): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const endCell = () => {
    if (row.length < limits.maxColumns) row.push(unneutralised(cell));
    cell = '';
  };
  const endRow = () => {
    endCell();
    if (rows.length >= limits.maxRows) throw new CsvRowLimit(limits.maxRows);
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && cell === '') {
      // A quoted cell: up to the closing quote, "" standing for one quote.
      let j = i + 1;
      let parts = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          parts += text.slice(j);
          j = text.length;
          break;
        }
        parts += text.slice(j, q);
        if (text[q + 1] === '"') {
          parts += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      cell = parts;
      i = j;
      // Text after the closing quote, before the delimiter, is kept (as a lenient reader does).
      while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      continue;
    }
    if (ch === delimiter) {
      endCell();
      i++;
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // Plain text up to the next delimiter or line break, in one slice.
      let j = i + 1;
      while (j < text.length && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') j++;
      cell += text.slice(i, j);
      i = j;
    }
  }
  if (cell !== '' || row.length) endRow();
  return rows;
}
