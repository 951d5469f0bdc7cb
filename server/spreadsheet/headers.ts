// Recognises the header row of a 三合一 table and maps its columns to scheme fields (or applies a given mapping).
import { FIELD_LABELS, LEVEL_FIELDS, TABLE_FIELDS, type TableField } from '../schemas/table-fields.js';
import { replaceBracketed } from './text-scan.js';
import { type GridSheet, columnIndex, columnLetter, shownText } from './grid.js';

export { FIELD_LABELS, LEVEL_FIELDS, TABLE_FIELDS, type TableField };

/** Header words, most specific first. Each test runs on the header text with whitespace and brackets removed. */
const HEADER_RULES: { field: TableField; re: RegExp; rank: number }[] = [
  { field: 'retention', re: /保管期限|保存期限|^期限$/, rank: 2 },
  { field: 'scope', re: /归档范围|归档文件|文件材料|档案名称|条款内容|归档内容|^条款$|^内容$|^范围$/, rank: 2 },
  { field: 'id', re: /条款号|条目号|条款编号|款号|层级号/, rank: 2 },
  { field: 'id', re: /^(序号|编号|序列号|顺序号)$/, rank: 1 },
  { field: 'classCode', re: /类目号|类目代码|分类号|类别号|类号|分类代码|类别代码|类目编号/, rank: 2 },
  { field: 'className', re: /类目名称|类别名称|分类名称|^类目$/, rank: 2 },
  { field: 'class1', re: /一级类目|一级类别|一级分类|^大类$|^门类$|^一级$/, rank: 2 },
  { field: 'class2', re: /二级类目|二级类别|二级分类|^属类$|^二级$/, rank: 2 },
  { field: 'class3', re: /三级类目|三级类别|三级分类|^小类$|^三级$/, rank: 2 },
  { field: 'class4', re: /四级类目|四级类别|四级分类|^四级$/, rank: 2 },
  { field: 'branch', re: /重要程度|^分支$|^区分$|^细目$/, rank: 2 },
  { field: 'basis', re: /依据/, rank: 2 },
  { field: 'department', re: /责任部门|归档部门|承办部门|责任单位|主办部门|^部门$|^机构$|责任机构/, rank: 2 },
  { field: 'note', re: /备注|附注|^说明$/, rank: 2 },
];

/** Words that mark a header row without naming a field (e.g. "分类方案" spanning the class columns). */
const HEADER_ONLY = /^(分类方案|档案分类方案|归档范围和保管期限|类目)$/;

export function cleanHeader(text: string): string {
  return replaceBracketed(text.replace(/[\s\u3000]+/g, ''), () => '').replace(/[:：*＊]/g, '');
}

export function headerField(text: string, levelsLayout = false): { field: TableField; rank: number } | null {
  const h = cleanHeader(text);
  if (!h || h.length > 16) return null;
  // 机关 tables: 门类｜类别 are the two class levels.
  if (levelsLayout && /^类别$/.test(h)) return { field: 'class2', rank: 2 };
  if (/^类别$/.test(h)) return { field: 'className', rank: 1 };
  for (const rule of HEADER_RULES) if (rule.re.test(h)) return { field: rule.field, rank: rule.rank };
  return null;
}

export interface ColumnMap {
  column: number;
  letter: string;
  header: string;
  field: TableField | null;
}

export interface HeaderGuess {
  headerRow: number | null;
  columns: ColumnMap[];
  /** Scope and retention found, no field claimed twice at the same rank. */
  confident: boolean;
  problems: string[];
}

const SCAN_ROWS = 10;

function width(sheet: GridSheet): number {
  return sheet.rows.reduce((m, r) => Math.max(m, r.length), 0);
}

/** Maps one header row: the best-ranked column wins a field, the others stay unmapped. */
export function mapHeaderRow(sheet: GridSheet, row: number): ColumnMap[] {
  const n = width(sheet);
  const texts = Array.from({ length: n }, (_, c) => shownText(sheet, row, c));
  const levelsLayout = texts.some((t) => /^门类$/.test(cleanHeader(t)));
  const guesses = texts.map((t) => headerField(t, levelsLayout));
  const owner = new Map<TableField, number>();
  guesses.forEach((g, c) => {
    if (!g) return;
    const prev = owner.get(g.field);
    if (prev === undefined || g.rank > guesses[prev]!.rank) owner.set(g.field, c);
  });
  return texts.map((header, c) => {
    const g = guesses[c];
    return { column: c, letter: columnLetter(c), header: header.trim(), field: g && owner.get(g.field) === c ? g.field : null };
  });
}

export function detectHeader(sheet: GridSheet): HeaderGuess {
  let best: { row: number; score: number } | null = null;
  const limit = Math.min(SCAN_ROWS, sheet.rows.length);
  for (let r = 0; r < limit; r++) {
    const cols = mapHeaderRow(sheet, r);
    const fields = new Set(cols.map((c) => c.field).filter(Boolean));
    const extra = cols.some((c) => HEADER_ONLY.test(cleanHeader(c.header))) ? 0.5 : 0;
    const score = fields.size + extra;
    if (fields.size === 0) continue;
    // A two-row header (分类方案 over 一级类目|二级类目) scores higher on its lower row; on a tie the lower row wins
    // only when it directly follows, since the data starts after the last header row.
    if (!best || score > best.score || (score === best.score && r === best.row + 1)) best = { row: r, score };
  }
  if (!best) return { headerRow: null, columns: [], confident: false, problems: ['前 10 行中没有找到表头（如“归档范围”“保管期限”）'] };
  const columns = mapHeaderRow(sheet, best.row);
  const has = (f: TableField) => columns.some((c) => c.field === f);
  const problems: string[] = [];
  if (!has('scope')) problems.push('没有找到“归档范围”列');
  if (!has('retention')) problems.push('没有找到“保管期限”列');
  if (has('classCode') && LEVEL_FIELDS.some(has)) problems.push('同时有“类目号”和“一级类目/二级类目”列，无法确定类目的读法');
  return { headerRow: best.row, columns, confident: problems.length === 0, problems };
}

/** Field names accepted in a mapping: the English keys and the Chinese labels (and a few synonyms). */
const FIELD_ALIASES: Record<string, TableField | null> = {
  ...Object.fromEntries(TABLE_FIELDS.map((f) => [f.toLowerCase(), f])),
  ...Object.fromEntries(TABLE_FIELDS.map((f) => [FIELD_LABELS[f], f])),
  分支: 'branch',
  序号: 'id',
  期限: 'retention',
  范围: 'scope',
  部门: 'department',
  说明: 'note',
  门类: 'class1',
  类别: 'class2',
  ignore: null,
  skip: null,
  忽略: null,
  无: null,
  '-': null,
};

export function parseFieldName(name: string): TableField | null | undefined {
  const key = name.trim();
  if (key in FIELD_ALIASES) return FIELD_ALIASES[key];
  if (key.toLowerCase() in FIELD_ALIASES) return FIELD_ALIASES[key.toLowerCase()];
  return undefined;
}

/** A mapping's key: a column letter ("C"), a 1-based column number ("3") or a header text ("期限"). */
export function resolveColumn(key: string, sheet: GridSheet, headerRow: number | null): number | null {
  const k = key.trim();
  if (/^\d{1,3}$/.test(k)) return Number(k) - 1;
  const byLetter = columnIndex(k);
  if (byLetter !== null) return byLetter;
  if (headerRow === null) return null;
  const n = width(sheet);
  for (let c = 0; c < n; c++) if (cleanHeader(shownText(sheet, headerRow, c)) === cleanHeader(k)) return c;
  return null;
}

/** The row holding all the header texts a mapping names, scanning the first rows. */
export function findRowWithHeaders(sheet: GridSheet, headers: string[]): number | null {
  const wanted = headers.map(cleanHeader);
  const limit = Math.min(SCAN_ROWS, sheet.rows.length);
  for (let r = 0; r < limit; r++) {
    const n = width(sheet);
    const texts = new Set(Array.from({ length: n }, (_, c) => cleanHeader(shownText(sheet, r, c))));
    if (wanted.every((w) => texts.has(w))) return r;
  }
  return null;
}
