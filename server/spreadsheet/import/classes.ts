// The class tree (分类方案): the class sheet of an exported workbook, class cells of data rows, generated codes.
import { MAX_CLASS_DEPTH, type SchemeClass } from '../../schemas/scheme.js';
import { detectHeader, type TableField } from '../headers.js';
import { normalizeWidth } from '../retention-text.js';
import type { TableReader } from './reader.js';
import { parentId } from '../../engine/clause-numbers.js';
import type { ClassNode, ClassStep, TableRow } from './types.js';

/** the class-scheme sheet of an exported workbook (类目号 | 类目名称 | 说明), if present */
export function readClassSheet(t: TableReader): void {
  for (const s of t.all) {
    if (s === t.sheet || !/分类方案|类目/.test(s.name)) continue;
    const guess = detectHeader(s);
    if (guess.headerRow === null) continue;
    const col = (f: TableField) => guess.columns.find((c) => c.field === f)?.column;
    const codeCol = col('classCode');
    const nameCol = col('className');
    const noteCol = col('note');
    if (codeCol === undefined || nameCol === undefined) continue;
    for (let r = guess.headerRow + 1; r < s.rows.length; r++) {
      const code = normalizeWidth(s.rows[r]?.[codeCol]?.text ?? '').trim();
      const name = (s.rows[r]?.[nameCol]?.text ?? '').trim();
      if (!code && !name) continue;
      const codes = code
        .split(/[/／]/)
        .map((x) => x.trim())
        .filter(Boolean);
      if (!codes.length || codes.some((c) => !/^[A-Za-z0-9]{1,16}$/.test(c))) {
        t.issue(t.errors, r, codeCol, `类目号“${code}”不合规（只能用字母和数字，上下级用 / 分隔）`, s);
        continue;
      }
      const steps: ClassStep[] = codes.map((c) => ({ code: c }));
      steps[steps.length - 1].name = name || undefined;
      const node = classNode(t, steps, r, codeCol, s);
      const note = noteCol === undefined ? '' : (s.rows[r]?.[noteCol]?.text ?? '').trim();
      if (node && note && !node.note) node.note = note;
    }
    return;
  }
}

/** Finds or creates the class for a path of steps; null (with an error) when it cannot. */
export function classNode(t: TableReader, steps: ClassStep[], row: number, col: number, sheet = t.sheet): ClassNode | null {
  if (steps.length > MAX_CLASS_DEPTH) {
    t.issue(t.errors, row, col, `类目超过 ${MAX_CLASS_DEPTH} 级`, sheet);
    return null;
  }
  let siblings = t.roots;
  let parent: ClassNode | null = null;
  let node: ClassNode | null = null;
  for (const step of steps) {
    node =
      (step.code ? siblings.find((n) => n.code === step.code) : undefined) ??
      (step.name ? siblings.find((n) => n.name === step.name && (!step.code || !n.code)) : undefined) ??
      null;
    if (!node) {
      node = { children: [], parent, at: { row, col } };
      siblings.push(node);
    }
    if (step.code && !node.code) node.code = step.code;
    if (step.name && !node.name) node.name = step.name;
    else if (step.name && node.name !== step.name) {
      t.issue(t.warnings, row, col, `类目“${node.code}”的名称前后不一致（“${node.name}”与“${step.name}”），采用“${node.name}”`, sheet);
    }
    parent = node;
    siblings = node.children;
  }
  return node;
}

export function codeNameSteps(t: TableReader, code: string, name: string, row: number, col: number): ClassStep[] {
  if (!code && !name) return [];
  const codes = normalizeWidth(code)
    .split(/[/／·\-.]/)
    .map((x) => x.trim())
    .filter(Boolean);
  const names = name
    .split(/[/／]|\s*[－—]\s*/)
    .map((x) => x.trim())
    .filter(Boolean);
  if (codes.some((c) => !/^[A-Za-z0-9]{1,16}$/.test(c))) {
    t.error(row, col, `类目号“${code}”不合规（只能用字母和数字）`);
    return [];
  }
  if (!codes.length) return [{ name }];
  const steps: ClassStep[] = codes.map((c) => ({ code: c }));
  if (names.length === codes.length) names.forEach((n, i) => (steps[i].name = n));
  else if (name) steps[steps.length - 1].name = name;
  return steps;
}

export function finishClasses(t: TableReader): void {
  if (t.errors.length) return;
  if (!t.hasLevels && !t.hasCodeName && t.tableRows.some((d) => !d.klass)) fileByStructure(t);
  const walk = (nodes: ClassNode[], depth: number) => {
    const used = new Set(nodes.map((n) => n.code).filter(Boolean));
    let seq = 0;
    for (const n of nodes) {
      if (!n.code) {
        const prefix = commonLetterPrefix(n.children);
        let code = prefix && !used.has(prefix) ? prefix : '';
        while (!code || used.has(code)) code = depth === 1 ? letterCode(seq++) : String(++seq);
        n.code = code;
        used.add(code);
        t.warn(n.at?.row ?? -1, n.at?.col ?? -1, `类目“${n.name}”没有代码，已生成“${code}”`);
      }
      if (!n.name) {
        n.name = n.code;
        t.warn(n.at?.row ?? -1, n.at?.col ?? -1, `类目“${n.code}”没有名称，暂以代码为名称`);
      }
      walk(n.children, depth + 1);
    }
  };
  walk(t.roots, 1);
}

/** "A1 党务工作" → {code A1, name 党务工作}; "党群管理类" → {name}; "0.1 党务" → {code 1 (last segment)}. */
export function parseClassCell(text: string): ClassStep {
  const t = normalizeWidth(text).trim().replace(/\s+/g, ' ');
  if (!t) return {};
  let m = /^([A-Za-z0-9]{1,16}(?:[.·-][A-Za-z0-9]{1,16})*) (.+)$/.exec(t);
  if (m && (/^[^\x00-\x7f]/.test(m[2]) || /\d/.test(m[1]) || /^[A-Z]{1,4}$/.test(m[1])))
    return { code: lastSegment(m[1]), name: m[2].trim() };
  m = /^([A-Za-z]{0,3}\d{1,4})([^\x00-\x7f].*)$/.exec(t);
  if (m) return { code: m[1], name: m[2].trim() };
  if (/^[A-Za-z0-9]{1,16}$/.test(t)) return { code: t };
  return { name: t };
}

function lastSegment(code: string): string {
  const parts = code.split(/[.·-]/);
  return parts[parts.length - 1];
}

function letterCode(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : `C${i + 1}`;
}

/** "A1","A2","A3" → "A": the 门类 letter hidden in its children's codes (taowenge-style tables). */
function commonLetterPrefix(children: ClassNode[]): string {
  if (!children.length || children.some((c) => !c.code)) return '';
  const prefixes = children.map((c) => /^([A-Za-z]+)\d/.exec(c.code!)?.[1] ?? '');
  return prefixes.every((p) => p && p === prefixes[0]) ? prefixes[0] : '';
}

export function countClasses(nodes: ClassNode[]): number {
  return nodes.reduce((n, c) => n + 1 + countClasses(c.children), 0);
}

/** The class path ("WS/DQ") of a node. */
export function classPath(n: ClassNode): string {
  return n.parent ? `${classPath(n.parent)}/${n.code}` : n.code!;
}

/** A node as the document's class. */
export function toSchemeClass(n: ClassNode): SchemeClass {
  const c: SchemeClass = { code: n.code!, name: n.name! };
  if (n.note) c.note = n.note;
  if (n.children.length) c.children = n.children.map(toSchemeClass);
  return c;
}

/** Sources and wordings of accounting records (会计档案管理办法, 财政部 国家档案局令第79号). */
const ACCOUNTING_BASIS = /79号令|会计档案管理办法/;
const ACCOUNTING_SCOPE =
  /会计档案|会计凭证|记账凭证|原始凭证|会计账簿|总账|明细账|日记账|辅助账簿|财务会计报告|财务报告|会计报表|银行存款余额调节表|银行对账单|纳税申报表|固定资产卡片/;

/**
 * A table without class columns: rows are filed under 文书档案, accounting rows (by their source or wording, or
 * under an accounting heading) under 会计档案; with `headingClasses`, each top-level heading row becomes a class
 * of its 门类, coded by its clause number, holding the rows below it.
 */
function fileByStructure(t: TableReader): void {
  const byId = new Map(t.tableRows.filter((d) => d.id).map((d) => [d.id!, d]));
  const topOf = (d: TableRow) => byId.get(d.id!.split('.')[0]);
  const accountingRow = (d: TableRow | undefined) =>
    d !== undefined && ((d.basis !== undefined && ACCOUNTING_BASIS.test(d.basis)) || ACCOUNTING_SCOPE.test(d.scope));
  const parents = new Set(t.tableRows.map((d) => parentId(d.id!)).filter((p): p is string => p !== null));
  const isAccounting = (d: TableRow) => accountingRow(d) || (topOf(d) !== d && parents.has(topOf(d)?.id ?? '') && accountingRow(topOf(d)));
  let createdKJ: ClassNode | undefined;
  const root = (code: string, name: string, like: RegExp): ClassNode => {
    let n = t.roots.find((r) => r.code === code || (r.name !== undefined && like.test(r.name)));
    if (!n) {
      n = { code, name, children: [], parent: null };
      // 文书档案 comes before the 会计档案 created here, whichever the table names first.
      const kj = code === 'WS' ? t.roots.indexOf(createdKJ ?? n) : -1;
      if (kj >= 0) t.roots.splice(kj, 0, n);
      else t.roots.push(n);
      if (code === 'KJ') createdKJ = n;
    }
    return n;
  };
  const documents = () => root('WS', '文书档案', /文书/);
  const accounting = () => root('KJ', '会计档案', /会计/);
  const headingClass = (top: TableRow, under: ClassNode): ClassNode => {
    const code = top.id!;
    let n = under.children.find((c) => c.code === code);
    if (!n) {
      n = { code, name: top.scope.slice(0, 100), children: [], parent: under, at: { row: top.line, col: top.scopeCol } };
      under.children.push(n);
    }
    return n;
  };
  let accountingRows = 0;
  let headingClasses = 0;
  for (const d of t.tableRows) {
    if (d.klass) continue;
    const kj = isAccounting(d);
    if (kj && !parents.has(d.id!)) accountingRows++;
    const gate = kj ? accounting() : documents();
    const top = topOf(d);
    if (t.options.headingClasses && top && parents.has(top.id!) && top.scope.trim() !== gate.name) {
      const before = gate.children.length;
      d.klass = headingClass(top, gate);
      headingClasses += gate.children.length - before;
    } else d.klass = gate;
  }
  t.defaultClass = t.roots[0];
  if (t.options.headingClasses)
    t.warn(-1, -1, `表格没有类目列：${headingClasses} 个一级标题行已作为类目（类目号即条款号），请在分类方案中核对类目名称`);
  else t.warn(-1, -1, '表格没有类目列，条款按门类归入“WS 文书档案”或“KJ 会计档案”，请在构建器中调整分类方案');
  if (accountingRows) t.warn(-1, -1, `${accountingRows} 条会计档案条款（依据 79号令或名称为会计凭证、账簿、报告等）已归入“会计档案”`);
}
