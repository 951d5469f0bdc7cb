// Side-by-side presentation of two scheme versions: rows matched by id then by derivedFrom, changes named, shortened retentions flagged.
import type { Scheme, SchemeClass, SchemeExclusion, SchemeItem } from '../../server/schemas/scheme.js';
import { deepEqual } from './condition-model.js';
import { retentionRanks, retentionText } from './format.js';

export type ItemChange = 'added' | 'removed' | 'moved' | 'scope' | 'retentionLonger' | 'retentionShorter' | 'condition' | 'class' | 'other';

export const CHANGE_LABELS: Readonly<Record<ItemChange, string>> = {
  added: '新增',
  removed: '删除',
  moved: '条款号变动',
  scope: '归档范围文字',
  retentionLonger: '保管期限延长',
  retentionShorter: '保管期限缩短',
  condition: '判断条件',
  class: '所属类目',
  other: '依据/部门/备注',
};

export interface DiffRow {
  /** Stable key for rendering. */
  key: string;
  from?: SchemeItem;
  to?: SchemeItem;
  changes: ItemChange[];
  /** Some record may now be kept for a shorter time than before (compliance concern). */
  shortened: boolean;
}

export interface NamedChange {
  key: string;
  label: string;
  detail?: string;
}

export interface SchemeDiffView {
  rows: DiffRow[];
  classes: { added: NamedChange[]; removed: NamedChange[]; renamed: NamedChange[] };
  exclusions: { added: NamedChange[]; removed: NamedChange[]; changed: NamedChange[] };
  fields: { added: NamedChange[]; removed: NamedChange[] };
  counts: Partial<Record<ItemChange, number>>;
  /** Rows with any change. */
  changed: number;
  shortened: number;
}

/** Pairs rows of two versions: first by equal id, then the rest by equal derivedFrom (the baseline row). */
export function matchItems(from: readonly SchemeItem[], to: readonly SchemeItem[]): Map<SchemeItem, SchemeItem> {
  const pairs = new Map<SchemeItem, SchemeItem>();
  const usedTo = new Set<SchemeItem>();
  const toById = new Map(to.map((it) => [it.id, it]));
  for (const f of from) {
    const t = toById.get(f.id);
    if (t) {
      pairs.set(f, t);
      usedTo.add(t);
    }
  }
  const toByDerived = new Map<string, SchemeItem>();
  for (const t of to) if (!usedTo.has(t) && t.derivedFrom && !toByDerived.has(t.derivedFrom)) toByDerived.set(t.derivedFrom, t);
  for (const f of from) {
    if (pairs.has(f) || !f.derivedFrom) continue;
    const t = toByDerived.get(f.derivedFrom);
    if (t && !usedTo.has(t)) {
      pairs.set(f, t);
      usedTo.add(t);
    }
  }
  return pairs;
}

export function itemChanges(a: SchemeItem, b: SchemeItem): { changes: ItemChange[]; shortened: boolean } {
  const changes = new Set<ItemChange>();
  if (a.id !== b.id) changes.add('moved');
  if (a.scope !== b.scope) changes.add('scope');
  let shortened = false;
  if (!deepEqual(a.retention, b.retention)) {
    const ra = retentionRanks(a.retention);
    const rb = retentionRanks(b.retention);
    // Branch rows span a range of periods: shorter if either end of the range went down.
    if (ra && rb) {
      shortened = rb[0] < ra[0] || rb[1] < ra[1];
      if (shortened) changes.add('retentionShorter');
      if (rb[0] > ra[0] || rb[1] > ra[1]) changes.add('retentionLonger');
    }
    if (!ra !== !rb) changes.add('other'); // a row became or stopped being a heading
  }
  const branchWhens = (it: SchemeItem) => (Array.isArray(it.retention) ? it.retention.map((r) => [r.label, r.when]) : null);
  if (!deepEqual(a.when, b.when) || !deepEqual(branchWhens(a), branchWhens(b))) changes.add('condition');
  if (a.class !== b.class) changes.add('class');
  const rest = (it: SchemeItem) => ({ basis: it.basis, department: it.department, note: it.note, review: it.review, retentionStart: it.retentionStart, needsCondition: it.needsCondition });
  if (!deepEqual(rest(a), rest(b))) changes.add('other');
  return { changes: [...changes], shortened };
}

export function diffSchemes(from: Scheme, to: Scheme): SchemeDiffView {
  const pairs = matchItems(from.items, to.items);
  const reverse = new Map([...pairs].map(([f, t]) => [t, f]));
  const rows: DiffRow[] = to.items.map((t) => {
    const f = reverse.get(t);
    if (!f) return { key: `+${t.id}`, to: t, changes: ['added'], shortened: false };
    return { key: `=${f.id}>${t.id}`, from: f, to: t, ...itemChanges(f, t) };
  });
  // A removed row goes right after the row that followed its nearest kept predecessor in the old table.
  let anchorIndex = -1;
  let inserted = 0;
  const placed: DiffRow[] = [...rows];
  from.items.forEach((f) => {
    const t = pairs.get(f);
    if (t) {
      anchorIndex = placed.findIndex((r) => r.to === t);
      inserted = 0;
      return;
    }
    const at = anchorIndex + 1 + inserted;
    placed.splice(at, 0, { key: `-${f.id}`, from: f, changes: ['removed'], shortened: false });
    inserted++;
  });

  const counts: Partial<Record<ItemChange, number>> = {};
  for (const r of placed) for (const c of r.changes) counts[c] = (counts[c] ?? 0) + 1;
  return {
    rows: placed,
    classes: diffClasses(from.classes as SchemeClass[], to.classes as SchemeClass[]),
    exclusions: diffExclusions(from.exclusions ?? [], to.exclusions ?? []),
    fields: diffFields(from, to),
    counts,
    changed: placed.filter((r) => r.changes.length > 0).length,
    shortened: placed.filter((r) => r.shortened).length,
  };
}

function flatClasses(classes: readonly SchemeClass[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (nodes: readonly SchemeClass[], prefix: string) => {
    for (const n of nodes) {
      const path = prefix ? `${prefix}/${n.code}` : n.code;
      out.set(path, n.name);
      if (n.children) walk(n.children, path);
    }
  };
  walk(classes, '');
  return out;
}

function diffClasses(from: readonly SchemeClass[], to: readonly SchemeClass[]): SchemeDiffView['classes'] {
  const a = flatClasses(from);
  const b = flatClasses(to);
  const out: SchemeDiffView['classes'] = { added: [], removed: [], renamed: [] };
  for (const [path, name] of b) {
    if (!a.has(path)) out.added.push({ key: path, label: `${path} ${name}` });
    else if (a.get(path) !== name) out.renamed.push({ key: path, label: path, detail: `“${a.get(path)}” → “${name}”` });
  }
  for (const [path, name] of a) if (!b.has(path)) out.removed.push({ key: path, label: `${path} ${name}` });
  return out;
}

function diffExclusions(from: readonly SchemeExclusion[], to: readonly SchemeExclusion[]): SchemeDiffView['exclusions'] {
  const a = new Map(from.map((x) => [x.id, x]));
  const b = new Map(to.map((x) => [x.id, x]));
  const out: SchemeDiffView['exclusions'] = { added: [], removed: [], changed: [] };
  for (const [id, x] of b) {
    const old = a.get(id);
    if (!old) out.added.push({ key: id, label: `${id} ${x.scope}` });
    else if (!deepEqual(old, x)) {
      const what = [old.scope !== x.scope && '范围文字', !deepEqual(old.when, x.when) && '条件', (old.reason !== x.reason || old.basis !== x.basis) && '理由/依据'].filter(Boolean).join('、');
      out.changed.push({ key: id, label: `${id} ${x.scope}`, detail: what });
    }
  }
  for (const [id, x] of a) if (!b.has(id)) out.removed.push({ key: id, label: `${id} ${x.scope}` });
  return out;
}

function diffFields(from: Scheme, to: Scheme): SchemeDiffView['fields'] {
  const a = new Map((from.fields ?? []).map((f) => [f.name, f]));
  const b = new Map((to.fields ?? []).map((f) => [f.name, f]));
  return {
    added: [...b.values()].filter((f) => !a.has(f.name)).map((f) => ({ key: f.name, label: `${f.label}（${f.name}）` })),
    removed: [...a.values()].filter((f) => !b.has(f.name)).map((f) => ({ key: f.name, label: `${f.label}（${f.name}）` })),
  };
}

/** Short text of a row's retention for a diff cell. */
export { retentionText };
