// 分类方案 tree edits (add, rename, recode, move, remove; at most four levels) that keep rows' class paths in step.
import { CLASS_CODE_PATTERN, MAX_CLASS_DEPTH, type Scheme, type SchemeClass } from '../../server/schemas/scheme.js';

/** A class addressed by child indexes from the root list, e.g. [0, 2] = third child of the first 门类. */
export type ClassAt = readonly number[];

export interface ClassRow {
  at: number[];
  /** Code path "WS/DQ", as rows' `class` store it. */
  path: string;
  code: string;
  name: string;
  names: string[];
  depth: number;
  hasChildren: boolean;
}

export type ClassEditResult = { ok: true; scheme: Scheme } | { ok: false; message: string };

const CODE = new RegExp(CLASS_CODE_PATTERN);

export function flattenClassTree(classes: readonly SchemeClass[]): ClassRow[] {
  const out: ClassRow[] = [];
  const walk = (nodes: readonly SchemeClass[], at: number[], codes: string[], names: string[]) => {
    nodes.forEach((node, i) => {
      const here = [...at, i];
      const row: ClassRow = {
        at: here,
        path: [...codes, node.code].join('/'),
        code: node.code,
        name: node.name,
        names: [...names, node.name],
        depth: here.length,
        hasChildren: !!node.children?.length,
      };
      out.push(row);
      if (node.children) walk(node.children, here, [...codes, node.code], row.names);
    });
  };
  walk(classes, [], [], []);
  return out;
}

export function classAt(classes: readonly SchemeClass[], at: ClassAt): SchemeClass | undefined {
  let list: readonly SchemeClass[] | undefined = classes;
  let node: SchemeClass | undefined;
  for (const i of at) {
    node = list?.[i];
    list = node?.children;
  }
  return node;
}

export function pathOf(classes: readonly SchemeClass[], at: ClassAt): string {
  const codes: string[] = [];
  let list: readonly SchemeClass[] | undefined = classes;
  for (const i of at) {
    const node: SchemeClass | undefined = list?.[i];
    if (!node) break;
    codes.push(node.code);
    list = node.children;
  }
  return codes.join('/');
}

/** Levels below and including the node (a leaf is 1). */
function height(node: SchemeClass): number {
  return 1 + Math.max(0, ...(node.children ?? []).map(height));
}

/** A copy of the tree where the sibling list containing `at` (the root list for `at` of length 1) is replaced. */
function withSiblings(classes: readonly SchemeClass[], parentAt: ClassAt, f: (siblings: SchemeClass[]) => SchemeClass[]): SchemeClass[] {
  if (parentAt.length === 0) return f([...classes]);
  const [head, ...rest] = parentAt;
  return classes.map((node, i) => {
    if (i !== head) return node;
    const children = withSiblings(node.children ?? [], rest, f);
    const copy: SchemeClass = { ...node, children };
    if (!children.length) delete copy.children;
    return copy;
  });
}

/** Rewrites row and test references from one class path prefix to another. */
function repath(scheme: Scheme, from: string, to: string): Scheme {
  if (from === to) return scheme;
  const map = (p: string | undefined) => (p === undefined ? p : p === from ? to : p.startsWith(from + '/') ? to + p.slice(from.length) : p);
  const items = scheme.items.map((it) => (it.class === undefined || map(it.class) === it.class ? it : { ...it, class: map(it.class) }));
  const tests = scheme.tests?.map((t) =>
    t.expect.classCode === undefined || map(t.expect.classCode) === t.expect.classCode
      ? t
      : { ...t, expect: { ...t.expect, classCode: map(t.expect.classCode) } },
  );
  return tests ? { ...scheme, items, tests } : { ...scheme, items };
}

function checkCode(code: string, siblings: readonly SchemeClass[], except?: number): string | null {
  if (!CODE.test(code)) return '类目代码只能是 1–16 位字母或数字（如 WS、DQ、01）';
  if (siblings.some((s, i) => i !== except && s.code === code)) return `同级已有代码为“${code}”的类目`;
  return null;
}

function siblingsOf(classes: readonly SchemeClass[], parentAt: ClassAt): readonly SchemeClass[] {
  return parentAt.length === 0 ? classes : (classAt(classes, parentAt)?.children ?? []);
}

/** Adds a class under `parentAt` (the root list for []). */
export function addClass(scheme: Scheme, parentAt: ClassAt, node: { code: string; name: string }): ClassEditResult {
  if (parentAt.length + 1 > MAX_CLASS_DEPTH) return { ok: false, message: `分类方案最多 ${MAX_CLASS_DEPTH} 级` };
  const classes = scheme.classes as SchemeClass[];
  const problem = checkCode(node.code, siblingsOf(classes, parentAt));
  if (problem) return { ok: false, message: problem };
  if (!node.name.trim()) return { ok: false, message: '请填写类目名称' };
  const next = withSiblings(classes, parentAt, (s) => [...s, { code: node.code, name: node.name.trim() }]);
  return { ok: true, scheme: { ...scheme, classes: next as Scheme['classes'] } };
}

export function renameClass(scheme: Scheme, at: ClassAt, name: string): ClassEditResult {
  if (!name.trim()) return { ok: false, message: '请填写类目名称' };
  const classes = scheme.classes as SchemeClass[];
  const next = withSiblings(classes, at.slice(0, -1), (s) => s.map((n, i) => (i === at[at.length - 1] ? { ...n, name: name.trim() } : n)));
  return { ok: true, scheme: { ...scheme, classes: next as Scheme['classes'] } };
}

/** Changes a class code; rows and tests filed under it (or below) follow. */
export function recodeClass(scheme: Scheme, at: ClassAt, code: string): ClassEditResult {
  const classes = scheme.classes as SchemeClass[];
  const index = at[at.length - 1];
  const problem = checkCode(code, siblingsOf(classes, at.slice(0, -1)), index);
  if (problem) return { ok: false, message: problem };
  const from = pathOf(classes, at);
  const next = withSiblings(classes, at.slice(0, -1), (s) => s.map((n, i) => (i === index ? { ...n, code } : n)));
  const to = pathOf(next, at);
  return { ok: true, scheme: repath({ ...scheme, classes: next as Scheme['classes'] }, from, to) };
}

/** Moves a class among its siblings. */
export function reorderClass(scheme: Scheme, at: ClassAt, direction: -1 | 1): ClassEditResult {
  const classes = scheme.classes as SchemeClass[];
  const index = at[at.length - 1];
  const siblings = siblingsOf(classes, at.slice(0, -1));
  const other = index + direction;
  if (other < 0 || other >= siblings.length) return { ok: false, message: direction < 0 ? '已是同级第一个' : '已是同级最后一个' };
  const next = withSiblings(classes, at.slice(0, -1), (s) => {
    const copy = [...s];
    [copy[index], copy[other]] = [copy[other], copy[index]];
    return copy;
  });
  return { ok: true, scheme: { ...scheme, classes: next as Scheme['classes'] } };
}

/** Where a class may be moved: every class that is not itself or below it and keeps the tree within four levels. */
export function moveTargets(classes: readonly SchemeClass[], at: ClassAt): ClassRow[] {
  const node = classAt(classes, at);
  if (!node) return [];
  const h = height(node);
  const self = at.join('.');
  return flattenClassTree(classes).filter((row) => {
    const key = row.at.join('.');
    if (key === self || key.startsWith(self + '.')) return false;
    if (key === at.slice(0, -1).join('.')) return false; // already its parent
    return row.depth + h <= MAX_CLASS_DEPTH;
  });
}

/** Moves a class (with its subtree) to the end of another class's children, or to the top level for null. */
export function moveClass(scheme: Scheme, at: ClassAt, parentAt: ClassAt | null): ClassEditResult {
  const classes = scheme.classes as SchemeClass[];
  const node = classAt(classes, at);
  if (!node) return { ok: false, message: '类目不存在' };
  const target = parentAt ?? [];
  const key = at.join('.');
  if (target.join('.') === key || target.join('.').startsWith(key + '.')) return { ok: false, message: '不能移到自身或其下级类目之下' };
  if (target.length + height(node) > MAX_CLASS_DEPTH) return { ok: false, message: `移动后会超过 ${MAX_CLASS_DEPTH} 级` };
  const problem = checkCode(node.code, siblingsOf(classes, target));
  if (problem) return { ok: false, message: `目标类目下${problem.replace(/^同级/, '')}` };
  const from = pathOf(classes, at);
  const toPath = [pathOf(classes, target), node.code].filter(Boolean).join('/');
  // Append first: appending never shifts existing indexes, so `at` still names the original, which goes next.
  let next = withSiblings(classes, target, (s) => [...s, node]);
  next = withSiblings(next, at.slice(0, -1), (s) => s.filter((_, i) => i !== at[at.length - 1]));
  return { ok: true, scheme: repath({ ...scheme, classes: next as Scheme['classes'] }, from, toPath) };
}

/** Removes a class; refused while rows are filed under it or below it. */
export function removeClass(scheme: Scheme, at: ClassAt): ClassEditResult {
  const classes = scheme.classes as SchemeClass[];
  const path = pathOf(classes, at);
  const used = scheme.items.filter((it) => it.class === path || it.class?.startsWith(path + '/'));
  if (used.length)
    return {
      ok: false,
      message: `有 ${used.length} 条条款归入该类目（如 ${used
        .slice(0, 3)
        .map((it) => it.id)
        .join('、')}），请先改动这些条款`,
    };
  if (classes.length === 1 && at.length === 1) return { ok: false, message: '分类方案至少要有一个类目' };
  const next = withSiblings(classes, at.slice(0, -1), (s) => s.filter((_, i) => i !== at[at.length - 1]));
  return { ok: true, scheme: { ...scheme, classes: next as Scheme['classes'] } };
}
