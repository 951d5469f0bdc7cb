// The data rows: class lines, clauses and headings, 重要的/一般的 sub-rows, and each clause's period cell.
import type { RetentionCode } from '../../schemas/retention-codes.js';
import { LEVEL_FIELDS, type TableField, cleanHeader } from '../headers.js';
import { normalizeWidth, parseEventRetention, parseRetention, splitInlineRetention } from '../retention-text.js';
import { cell } from './cells.js';
import { classNode, codeNameSteps, parseClassCell } from './classes.js';
import { normalizeItemId } from './clause-ids.js';
import type { TableReader } from './reader.js';
import { trailingScopeLabels } from './scope-labels.js';
import type { CellRef, ClassStep, TableRow } from './types.js';

const KNOWN_BRANCH = /^(重要|一般|主要|次要|其他|其余|其它|通过|未通过|讨论通过|讨论未通过|主办|协办|本单位|外单位|正本|定稿|原件|复制件)/;

/** A sub-row label such as 重要的, （1）一般的, 讨论未通过的; null for ordinary scope text. */
export function branchLabel(text: string): string | null {
  const strip = (x: string) =>
    x
      .trim()
      .replace(/^[（(]?\s*[0-9０-９一二三四五六七八九十]{1,2}\s*[)）.．、]\s*/, '')
      .trim();
  const t = normalizeWidth(strip(text));
  if (!t || t.length > 20) return null;
  if (/的$/.test(t) || KNOWN_BRANCH.test(t)) return strip(text);
  return null;
}

export function readRows(t: TableReader): void {
  const start = t.headerRow === null ? 0 : t.headerRow + 1;
  const headerTexts = t.headerRow === null ? null : t.columns.map((c) => cleanHeader(c.header));
  let prevRow: number | null = null;
  let lastLevels: string[] = [];
  let lastCodeName: [string, string] = ['', ''];
  let open: TableRow | null = null;

  for (let r = start; r < t.sheet.rows.length; r++) {
    const own = t.sheet.rows[r] ?? [];
    if (own.every((c) => !c.text.trim())) continue;
    // A header repeated inside the table (printed tables repeat it on every page)
    if (headerTexts && [...t.fieldCol.values()].every((c) => cleanHeader(own[c]?.text ?? '') === headerTexts[c])) continue;

    const get = (f: TableField) => cell(t, r, f, prevRow);
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
    if (t.hasLevels) {
      // A blank level takes the row above when a deeper level is filled in, or when the whole row is blank
      // (cells left empty under a group's first row); blank levels below the last filled one stay empty.
      const cells = LEVEL_FIELDS.filter((f) => t.fieldCol.has(f)).map((f) => get(f));
      classCol = cells[0]?.col ?? -1;
      // 〃 and merged cells repeat the row above, so only typed cells decide how deep the row's class is.
      const deepest = cells.reduce((m, c, i) => (c.how === 'own' ? i : m), -1);
      classExplicit = cells.some((c) => c.how !== 'none');
      const levels = cells.map((c, i) => (c.how !== 'none' ? c.text : deepest < 0 || i < deepest ? (lastLevels[i] ?? '') : ''));
      while (levels.length && !levels[levels.length - 1]) levels.pop();
      if (levels.some((t) => !t)) t.error(r, classCol, '上级类目为空，下级类目却有内容');
      else steps = levels.map(parseClassCell);
      lastLevels = levels;
    } else if (t.hasCodeName) {
      const code = get('classCode');
      const name = get('className');
      classCol = code.col >= 0 ? code.col : name.col;
      let pair: [string, string] = [code.text, name.text];
      if (code.how === 'none' && name.how === 'none') pair = lastCodeName;
      else classExplicit = true;
      lastCodeName = pair;
      steps = codeNameSteps(t, pair[0], pair[1], r, classCol);
    }

    prevRow = r;
    const anyClass = steps.length > 0;

    // 1. A class line: only class cells (and maybe a note)
    if (!idCell.text && !scope.text && !retention.text && classExplicit && anyClass) {
      const node = classNode(t, steps, r, classCol);
      if (node && note.text && !node.note) node.note = note.text;
      open = null;
      continue;
    }

    // 2. A 重要的/一般的 sub-row of the open clause
    const continuation = idCell.how === 'merge' || !idCell.text || (open?.id !== undefined && normalizeItemId(idCell.text) === open.id);
    if (continuation && retention.text && open && open.retention === undefined) {
      const label = branch.text || (scope.how === 'own' ? branchLabel(scope.text) : null);
      if (label) {
        // “定期10年（自合同有效期满的次年1月1日起算）”: the branch's period, and the clause's start event.
        const event = parseEventRetention(retention.text);
        if (event) {
          open.event = event.event;
          if (event.then) open.eventThen = event.then;
        }
        const parsed = event ? event.code : period(t, retention, r);
        if (parsed) (open.branches ??= []).push({ label, code: parsed, line: r });
        continue;
      }
      if (idCell.how === 'merge') {
        t.error(r, idCell.col, '条款号单元格跨行合并，但本行不是“重要的/一般的”这类分支行（缺少分支名称）');
        continue;
      }
    }

    // 3. A clause (or a heading row)
    if (!scope.text) {
      if (idCell.text || retention.text) t.error(r, scope.col, '缺少归档范围');
      continue;
    }
    const draft: TableRow = {
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
    if (anyClass) draft.klass = classNode(t, steps, r, classCol) ?? undefined;
    if (retention.text) {
      draft.retentionText = retention.text;
      if (branch.text) {
        const code = period(t, retention, r);
        if (code) draft.branches = [{ label: branch.text, code, line: r }];
      } else {
        clausePeriod(t, draft, retention, r);
      }
    }
    t.tableRows.push(draft);
    open = draft;
  }
  if (t.numericIds.length) {
    t.warn(
      t.numericIds[0],
      t.fieldCol.get('id')!,
      `条款号是数字格式（共 ${t.numericIds.length} 行），末尾的 0 可能已丢失（如 1.10 显示为 1.1），请核对；建议把该列设为文本`,
    );
  }
}

/** One period for a branch sub-row. */
export function period(t: TableReader, cell: CellRef, row: number): RetentionCode | null {
  const parsed = parseRetention(cell.text);
  if (!parsed) {
    t.error(row, cell.col, `无法识别的保管期限“${cell.text}”（应为 永久、定期30年、定期10年，或旧制 长期/短期/3、5、15、25年）`);
    return null;
  }
  if (parsed.legacy && cell.how === 'own') {
    t.legacy++;
    t.warn(row, cell.col, `“${cell.text}”：${parsed.legacy}`);
  }
  return parsed.code;
}

/** A clause's period cell: one value, or several ("永久/10年", "重要的永久，一般的30年") making branches. */
export function clausePeriod(t: TableReader, draft: TableRow, cell: CellRef, row: number): void {
  const event = parseEventRetention(cell.text);
  if (event) {
    draft.retention = event.code;
    draft.event = event.event;
    if (event.then) draft.eventThen = event.then;
    return;
  }
  if (parseRetention(cell.text)) {
    draft.retention = period(t, cell, row) ?? undefined;
    return;
  }
  const parts = splitInlineRetention(cell.text);
  if (!parts || parts.some((p) => !parseRetention(p.text))) {
    period(t, cell, row);
    return;
  }
  let labels = parts.map((p) => p.label);
  if (labels.some((l) => !l)) {
    const m = trailingScopeLabels(draft.scope);
    const fromScope = m ? m.labels : [];
    if (fromScope.length !== parts.length) {
      t.error(row, cell.col, `保管期限“${cell.text}”有 ${parts.length} 个值，但没有写明各自适用的情形（如“重要的 / 一般的”）`);
      return;
    }
    labels = fromScope;
    draft.scope = draft.scope.slice(0, m!.index).trim() || draft.scope;
  }
  const branches: NonNullable<TableRow['branches']> = [];
  parts.forEach((p, i) => {
    const code = period(t, { ...cell, text: p.text }, row);
    if (code) branches.push({ label: labels[i]!, code, line: row });
  });
  draft.branches = branches;
}
