// 条款号: normalised, generated where the table has none, and checked (pattern, duplicates, parents first).
import { parentId } from '../../engine/clause-numbers.js';
import { ITEM_ID_PATTERN } from '../../schemas/scheme.js';
import { normalizeWidth } from '../retention-text.js';
import { trimTrailingChars } from '../text-scan.js';
import type { TableReader } from './reader.js';
import type { ClassNode, TableRow } from './types.js';

/** Normalises a 层垒 clause number: full-width digits, "１．２" and trailing dots. */
export function normalizeItemId(text: string): string {
  return trimTrailingChars(
    normalizeWidth(text)
      .replace(/\s+/g, '')
      .replace(/[．。、,，]/g, '.'),
    '.',
  );
}

export function assignIds(t: TableReader): void {
  const anyId = t.tableRows.some((d) => d.id !== undefined);
  const generated: number[] = [];
  if (!anyId) {
    generateAllIds(t, generated);
  } else {
    const taken = new Set(t.tableRows.map((d) => d.id).filter((x): x is string => !!x));
    let prev: TableRow | null = null;
    for (const d of t.tableRows) {
      if (d.id === undefined) {
        let id: string;
        if (!prev) id = '1';
        else if (isHeadingLike(prev) && !t.tableRows.some((x) => x.id?.startsWith(prev!.id + '.'))) id = `${prev.id}.1`;
        else id = bump(prev.id!);
        while (taken.has(id)) id = bump(id);
        d.id = id;
        d.idGenerated = true;
        taken.add(id);
        generated.push(d.line);
      }
      prev = d;
    }
  }
  if (generated.length) {
    const rows = generated
      .slice(0, 10)
      .map((r) => r + 1)
      .join('、');
    t.warn(-1, -1, `${generated.length} 行没有条款号，已按表格顺序生成（第 ${rows} 行${generated.length > 10 ? '等' : ''}）`);
  }
}

/** No 条款号 column: number by class (1, 1.1, 1.2 …), a row without period opening a group (1.1, 1.1.1 …). */
export function generateAllIds(t: TableReader, generated: number[]): void {
  const withClasses = t.hasLevels || t.hasCodeName;
  const groups = new Map<ClassNode | undefined, { prefix: string; sub: number; heading?: string; child: number }>();
  let top = 0;
  const out: TableRow[] = [];
  for (const d of t.tableRows) {
    const key = withClasses ? d.klass : undefined;
    let g = groups.get(key);
    if (!g) {
      if (key) {
        const n = String(++top);
        g = { prefix: `${n}.`, sub: 0, child: 0 };
        // One heading per class, named after it, so the generated clauses read 1.1, 1.2 under "1 党务工作".
        out.push({
          line: d.line,
          idCol: -1,
          id: n,
          scope: key.name ?? key.code ?? n,
          scopeCol: -1,
          retentionCol: -1,
          klass: key,
          classExplicit: true,
          classCol: d.classCol,
          synthetic: true,
        });
      } else g = { prefix: '', sub: 0, child: 0 };
      groups.set(key, g);
    }
    const group = g;
    const next = () => (group.prefix ? `${group.prefix}${++group.sub}` : String(++top));
    if (isHeadingLike(d)) {
      d.id = next();
      group.heading = d.id;
      group.child = 0;
    } else if (group.heading) d.id = `${group.heading}.${++group.child}`;
    else d.id = next();
    d.idGenerated = true;
    generated.push(d.line);
    out.push(d);
  }
  t.tableRows.splice(0, t.tableRows.length, ...out);
}

export function checkStructure(t: TableReader): void {
  const seen = new Map<string, TableRow>();
  const re = new RegExp(ITEM_ID_PATTERN);
  for (const d of t.tableRows) {
    const id = d.id!;
    if (!re.test(id)) {
      t.error(d.line, d.idCol, `条款号“${id}”不是层垒制编号（如 1、1.1、1.1.1，每级 1–999，最多四级）`);
      continue;
    }
    const first = seen.get(id);
    if (first) {
      t.error(d.line, d.idCol, `条款号“${id}”重复（第 ${first.line + 1} 行已使用）`);
      continue;
    }
    seen.set(id, d);
    const parent = parentId(id);
    if (parent && !seen.has(parent)) t.error(d.line, d.idCol, `条款“${id}”的上级条款“${parent}”不存在或排在其后`);
  }
  const parents = headingIdsOf(t.tableRows);
  for (const d of t.tableRows) {
    if (parents.has(d.id!)) {
      if (d.retention !== undefined || d.branches) {
        t.warn(d.line, d.retentionCol, `条款“${d.id}”有下级条款，是标题行；其保管期限“${d.retentionText}”未导入（期限写在下级条款上）`);
        delete d.retention;
        delete d.branches;
      }
      continue;
    }
    // (a period that could not be read has been reported already)
    // An empty period cell flags its row (imported as 永久, 从长) instead of refusing the whole table.
    if (d.retention === undefined && !d.branches?.length && d.retentionText === undefined) {
      d.retentionMissing = true;
      t.warn(d.line, d.retentionCol, `条款“${d.id}”的保管期限为空，已暂按永久（从长）导入并在该条款上标注，请核定`);
    }
    if (d.branches) {
      const labels = new Set<string>();
      for (const b of d.branches) {
        if (labels.has(b.label)) t.error(b.line, d.scopeCol, `条款“${d.id}”的分支“${b.label}”重复`);
        labels.add(b.label);
      }
    }
    if (!d.klass && (t.hasLevels || t.hasCodeName)) t.error(d.line, d.classCol, `条款“${d.id}”没有所属类目`);
  }
}

/** The ids that have children (heading rows). */
export function headingIdsOf(rows: readonly TableRow[]): Set<string | null> {
  return new Set(rows.map((d) => parentId(d.id!)));
}

function isHeadingLike(d: TableRow): boolean {
  return d.retention === undefined && !d.branches && d.retentionText === undefined;
}

function bump(id: string): string {
  const i = id.lastIndexOf('.');
  const last = Number(id.slice(i + 1)) + 1;
  return i < 0 ? String(last) : `${id.slice(0, i)}.${last}`;
}
