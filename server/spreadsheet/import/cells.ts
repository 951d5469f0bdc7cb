// Reading one mapped cell of a data row: 〃/同上 (ditto) and vertical merges resolve to the text above.
import type { TableField } from '../headers.js';
import type { TableReader } from './reader.js';
import type { CellRef } from './types.js';

const DITTO = /^(〃+|″+|"+|”+|“+|''|同上[。.]?|ditto|仝上)$/i;

/** The value of a mapped field on a data row, with 〃/同上 and vertical merges resolved. */
export function cell(t: TableReader, row: number, field: TableField, prevRow: number | null): CellRef {
  const col = t.fieldCol.get(field);
  if (col === undefined) return { text: '', col: -1, how: 'none' };
  const raw = t.sheet.rows[row]?.[col];
  const store = (text: string) => {
    let m = t.resolved.get(row);
    if (!m) t.resolved.set(row, (m = new Map()));
    m.set(col, text);
    return text;
  };
  if (!raw) return { text: store(''), col, how: 'none' };
  if (raw.master) {
    if (raw.master.col !== col || (t.headerRow !== null && raw.master.row <= t.headerRow)) return { text: store(''), col, how: 'none' };
    return { text: store(t.resolved.get(raw.master.row)?.get(col) ?? ''), col, how: 'merge' };
  }
  const text = raw.text.replace(/\r\n?/g, '\n').trim();
  if (DITTO.test(text)) {
    if (field === 'id') {
      t.error(row, col, '条款号不能写“同上”，每个条款都要有自己的编号');
      return { text: store(''), col, how: 'none' };
    }
    const above = prevRow === null ? undefined : t.resolved.get(prevRow)?.get(col);
    if (!above) {
      t.error(row, col, `“${text}”表示同上，但上一行这一列没有内容`);
      return { text: store(''), col, how: 'none' };
    }
    return { text: store(above), col, how: 'ditto' };
  }
  if (field === 'id' && raw.numeric && text.includes('.')) t.numericIds.push(row);
  return { text: store(text), col, how: text ? 'own' : 'none' };
}
