// 归档范围 rows in 层垒制 order: add, indent/outdent, reorder and remove (clause ids 1, 1.1, 1.1.1, 1.1.1.1).
//
// Rows are kept as the flat list the scheme stores. The tree is read from each id's depth (its number of
// segments) and the order: a row's parent is the nearest earlier row one level up. An operation gives new numbers
// only to the rows it is about (a new row takes a free number; a moved subtree takes one under its new parent;
// two swapped siblings exchange theirs) and returns the old → new id map, so that references (tests' expected
// items) follow their rows. Closing gaps and putting numbers in order is `renumber`, an explicit, previewed action.
import { parentId } from '../../server/engine/browser.js';
import type { Scheme, SchemeItem } from '../../server/schemas/scheme.js';

export const MAX_ITEM_DEPTH = 4;

export interface ItemEdit {
  items: SchemeItem[];
  /** Old id → new id, for every row whose id changed. */
  renamed: Map<string, string>;
  /** Index of the row the operation was about, after the operation (for focus). */
  focus: number;
  /** Ids (before the edit) of rows the edit removed. */
  removed?: Set<string>;
}

export function depthOf(id: string): number {
  return id.split('.').length;
}

/** Index just past the subtree of the row at `index` (its descendants follow it). */
export function subtreeEnd(items: readonly SchemeItem[], index: number): number {
  const depth = depthOf(items[index].id);
  let end = index + 1;
  while (end < items.length && depthOf(items[end].id) > depth) end++;
  return end;
}

/** Index of the row's parent, or -1 at the top level. */
export function parentIndex(items: readonly SchemeItem[], index: number): number {
  const depth = depthOf(items[index].id);
  for (let i = index - 1; i >= 0; i--) if (depthOf(items[i].id) < depth) return i;
  return -1;
}

/** Index of the previous row at the same level under the same parent, or -1. */
export function previousSibling(items: readonly SchemeItem[], index: number): number {
  const depth = depthOf(items[index].id);
  for (let i = index - 1; i >= 0; i--) {
    const d = depthOf(items[i].id);
    if (d < depth) return -1;
    if (d === depth) return i;
  }
  return -1;
}

export function nextSibling(items: readonly SchemeItem[], index: number): number {
  const depth = depthOf(items[index].id);
  const end = subtreeEnd(items, index);
  return end < items.length && depthOf(items[end].id) === depth ? end : -1;
}

/** Whether the row has children (a heading row: no condition, no retention). */
export function isHeading(items: readonly SchemeItem[], index: number): boolean {
  return index + 1 < items.length && depthOf(items[index + 1].id) > depthOf(items[index].id);
}

function maxDepthIn(items: readonly SchemeItem[], from: number, to: number): number {
  let max = 0;
  for (let i = from; i < to; i++) max = Math.max(max, depthOf(items[i].id));
  return max;
}

/**
 * Renumbers rows from their depths: siblings count 1, 2, 3… under their parent. `depths[i]` is the wanted depth
 * of row i (defaults to the current one); a depth deeper than the previous row + 1 is clamped.
 */
export function renumber(
  items: readonly SchemeItem[],
  depths: readonly number[] = items.map((it) => depthOf(it.id)),
): { items: SchemeItem[]; renamed: Map<string, string> } {
  const counters: number[] = [];
  const renamed = new Map<string, string>();
  let previous = 0;
  const out = items.map((item, i) => {
    const depth = Math.max(1, Math.min(depths[i], previous + 1, MAX_ITEM_DEPTH));
    previous = depth;
    counters.length = depth;
    counters[depth - 1] = (counters[depth - 1] ?? 0) + 1;
    const id = counters.join('.');
    if (id !== item.id) renamed.set(item.id, id);
    return id === item.id ? item : { ...item, id };
  });
  return { items: out, renamed };
}

/** The last segment of a clause number as a number ("2.2.10" → 10). */
function ordinal(id: string): number {
  return Number(id.slice(id.lastIndexOf('.') + 1));
}

const childOf = (parent: string | null, n: number) => (parent === null ? String(n) : `${parent}.${n}`);

/**
 * A number not used by any child of `parent` (null = top level): `preferred` when it is free (0: none), else one past the
 * largest. `ignore` rows do not count (the subtree being moved).
 */
export function freeNumber(
  items: readonly SchemeItem[],
  parent: string | null,
  preferred: number,
  ignore: ReadonlySet<SchemeItem> = new Set(),
): string {
  const used = new Set<number>();
  for (const it of items) if (!ignore.has(it) && parentId(it.id) === parent) used.add(ordinal(it.id));
  if (preferred >= 1 && !used.has(preferred)) return childOf(parent, preferred);
  return childOf(parent, Math.max(0, ...used) + 1);
}

/** Gives the subtree `block` (root first) the root id `rootId`; each descendant keeps its own numbers below it. */
function reroot(block: readonly SchemeItem[], rootId: string, renamed: Map<string, string>): SchemeItem[] {
  const old = block[0].id;
  return block.map((it) => {
    const id = rootId + it.id.slice(old.length);
    if (id === it.id) return it;
    renamed.set(it.id, id);
    return { ...it, id };
  });
}

export type ItemOperation = 'indent' | 'outdent' | 'moveUp' | 'moveDown';

/** Why an operation is not possible for the row, or null when it is. */
export function cannot(items: readonly SchemeItem[], index: number, op: ItemOperation): string | null {
  switch (op) {
    case 'indent': {
      const prev = previousSibling(items, index);
      if (prev < 0) return '上方没有同级条款，无法降级';
      const deepest = maxDepthIn(items, index, subtreeEnd(items, index));
      if (deepest + 1 > MAX_ITEM_DEPTH) return `条款号最多 ${MAX_ITEM_DEPTH} 级`;
      return null;
    }
    case 'outdent':
      return parentIndex(items, index) < 0 ? '已是第一级条款' : null;
    case 'moveUp':
      return previousSibling(items, index) < 0 ? '已是同级第一条' : null;
    case 'moveDown':
      return nextSibling(items, index) < 0 ? '已是同级最后一条' : null;
  }
}

/** Makes the row (with its subtree) the last child of its previous sibling, under a free number there. */
export function indent(items: readonly SchemeItem[], index: number): ItemEdit {
  if (cannot(items, index, 'indent')) return { items: [...items], renamed: new Map(), focus: index };
  const parent = items[previousSibling(items, index)].id;
  const end = subtreeEnd(items, index);
  const block = items.slice(index, end);
  const renamed = new Map<string, string>();
  const moved = reroot(block, freeNumber(items, parent, 0, new Set(block)), renamed);
  return { items: [...items.slice(0, index), ...moved, ...items.slice(end)], renamed, focus: index };
}

/** Makes the row (with its subtree) the next sibling of its parent, placed after the parent's subtree. */
export function outdent(items: readonly SchemeItem[], index: number): ItemEdit {
  const parent = parentIndex(items, index);
  if (parent < 0) return { items: [...items], renamed: new Map(), focus: index };
  const end = subtreeEnd(items, index);
  const parentEnd = subtreeEnd(items, parent);
  const block = items.slice(index, end);
  const rest = [...items.slice(0, index), ...items.slice(end)];
  const insertAt = parentEnd - block.length;
  const outerId = items[parent].id;
  const renamed = new Map<string, string>();
  const moved = reroot(block, freeNumber(rest, parentId(outerId), ordinal(outerId) + 1), renamed);
  return { items: [...rest.slice(0, insertAt), ...moved, ...rest.slice(insertAt)], renamed, focus: insertAt };
}

/** Swaps the row (with its subtree) with its previous or next sibling (with theirs); the two exchange numbers. */
export function move(items: readonly SchemeItem[], index: number, direction: -1 | 1): ItemEdit {
  const other = direction < 0 ? previousSibling(items, index) : nextSibling(items, index);
  if (other < 0) return { items: [...items], renamed: new Map(), focus: index };
  const [first, second] = direction < 0 ? [other, index] : [index, other];
  const firstEnd = subtreeEnd(items, first);
  const secondEnd = subtreeEnd(items, second);
  const renamed = new Map<string, string>();
  const a = items.slice(first, firstEnd);
  const b = items.slice(second, secondEnd);
  const reordered = [...items.slice(0, first), ...reroot(b, a[0].id, renamed), ...reroot(a, b[0].id, renamed), ...items.slice(secondEnd)];
  const focus = direction < 0 ? first : first + (secondEnd - second);
  return { items: reordered, renamed, focus };
}

/**
 * Inserts a new row after the row's subtree, as its sibling (or as its last child with `asChild`). The new row takes
 * the next number when it is free, else a free one: no other row is renumbered.
 */
export function insertAfter(items: readonly SchemeItem[], index: number, row: Omit<SchemeItem, 'id'>, asChild = false): ItemEdit {
  if (items.length === 0 || index < 0) {
    return { items: [{ ...row, id: freeNumber(items, null, 1) } as SchemeItem, ...items], renamed: new Map(), focus: 0 };
  }
  const anchor = items[index].id;
  if (depthOf(anchor) + (asChild ? 1 : 0) > MAX_ITEM_DEPTH) return { items: [...items], renamed: new Map(), focus: index };
  const at = subtreeEnd(items, index);
  const id = asChild ? freeNumber(items, anchor, 0) : freeNumber(items, parentId(anchor), ordinal(anchor) + 1);
  return { items: [...items.slice(0, at), { ...row, id } as SchemeItem, ...items.slice(at)], renamed: new Map(), focus: at };
}

/** Removes the row and its subtree; the other rows keep their numbers (a gap stays until `renumber`). */
export function remove(items: readonly SchemeItem[], index: number): ItemEdit {
  const end = subtreeEnd(items, index);
  const all = [...items.slice(0, index), ...items.slice(end)];
  const removed = new Set(items.slice(index, end).map((it) => it.id));
  return { items: all, renamed: new Map(), focus: Math.min(index, all.length - 1), removed };
}

/**
 * Numbers the row's siblings (the rows under the same parent, with their subtrees) 1, 2, 3… in their order: the
 * explicit renumbering the table previews before applying it. Other levels keep their numbers.
 */
export function renumberSiblings(items: readonly SchemeItem[], index: number): { items: SchemeItem[]; renamed: Map<string, string> } {
  const parent = parentId(items[index].id);
  const renamed = new Map<string, string>();
  const out: SchemeItem[] = [];
  let n = 0;
  for (let i = 0; i < items.length; ) {
    if (parentId(items[i].id) !== parent) {
      out.push(items[i]);
      i++;
      continue;
    }
    const end = subtreeEnd(items, i);
    out.push(...reroot(items.slice(i, end), childOf(parent, ++n), renamed));
    i = end;
  }
  return { items: out, renamed };
}

/** Test cases whose expected row is among `ids` (to warn before removing rows). */
export function testsExpecting(scheme: Scheme, ids: ReadonlySet<string>): number {
  return (scheme.tests ?? []).filter((t) => t.expect.item !== undefined && ids.has(t.expect.item)).length;
}

/**
 * Applies an item edit to the places a scheme refers to rows by id: tests expecting a removed row are dropped
 * (their expectation no longer means anything), the others follow their row's new id.
 */
export function applyRenames(scheme: Scheme, renamed: ReadonlyMap<string, string>, removed: ReadonlySet<string> = new Set()): Scheme {
  if (!scheme.tests || (renamed.size === 0 && removed.size === 0)) return scheme;
  const tests = scheme.tests
    .filter((t) => t.expect.item === undefined || !removed.has(t.expect.item))
    .map((t) => {
      const item = t.expect.item;
      if (item === undefined || !renamed.has(item)) return t;
      return { ...t, expect: { ...t.expect, item: renamed.get(item)! } };
    });
  return { ...scheme, tests };
}
