// Side-by-side presentation of the service's semantic diff (server/engine/diff.ts) over the two versions' rows.
//
// The service decides what changed and what is flagged (shortened retention); this module only lays the rows of
// both versions out in reading order, attaches each row's changes and counts them, so the page and the service
// never disagree about a flag.
import type { SchemeDiff } from '../../server/engine/browser.js';
import type { Scheme, SchemeItem } from '../../server/schemas/scheme.js';

export type ItemChange =
  | 'added'
  | 'removed'
  | 'moved'
  | 'scope'
  | 'retentionLonger'
  | 'retentionShorter'
  | 'retentionOther'
  | 'condition'
  | 'class';

export const CHANGE_LABELS: Readonly<Record<ItemChange, string>> = {
  added: '新增',
  removed: '删除',
  moved: '条款号变动',
  scope: '归档范围文字',
  retentionLonger: '保管期限延长',
  retentionShorter: '保管期限缩短',
  retentionOther: '保管期限分支',
  condition: '判断条件',
  class: '所属类目',
};

export interface DiffRow {
  /** Stable key for rendering. */
  key: string;
  from?: SchemeItem;
  to?: SchemeItem;
  changes: ItemChange[];
  /** The service flagged the row: some record may now be kept for a shorter time. */
  shortened: boolean;
}

export interface DiffSummaryLine {
  label: string;
  count: number;
  flagged?: boolean;
}

export interface SideBySide {
  rows: DiffRow[];
  /** Rows with any change. */
  changed: number;
  shortened: number;
  summary: DiffSummaryLine[];
  /** Class, exclusion and setting changes in words. */
  other: string[];
}

/** Lays out both versions' rows: the newer version's order, each removed row right after its old predecessor. */
export function sideBySide(from: Scheme, to: Scheme, diff: SchemeDiff): SideBySide {
  const fromById = new Map(from.items.map((it) => [it.id, it]));
  const added = new Set(diff.items.added.map((r) => r.id));
  const removed = new Set(diff.items.removed.map((r) => r.id));
  // Rows present in both versions: the newer id → the older id (renumbered rows differ).
  const origin = new Map<string, string>();
  for (const it of to.items) if (!added.has(it.id) && fromById.has(it.id)) origin.set(it.id, it.id);
  for (const m of diff.items.moved) origin.set(m.id, m.fromId);

  const changes = new Map<string, Set<ItemChange>>();
  const mark = (id: string, c: ItemChange) => {
    if (!changes.has(id)) changes.set(id, new Set());
    changes.get(id)!.add(c);
  };
  diff.items.moved.forEach((r) => mark(r.id, 'moved'));
  diff.items.scopeChanged.forEach((r) => mark(r.id, 'scope'));
  diff.items.retentionLengthened.forEach((r) => mark(r.id, 'retentionLonger'));
  diff.items.retentionShortened.forEach((r) => mark(r.id, 'retentionShorter'));
  diff.items.retentionChanged.forEach((r) => mark(r.id, 'retentionOther'));
  diff.items.conditionChanged.forEach((r) => mark(r.id, 'condition'));
  diff.items.classChanged.forEach((r) => mark(r.id, 'class'));
  const shortened = new Set(diff.items.retentionShortened.map((r) => r.id));

  const rows: DiffRow[] = to.items.map((t) => {
    if (added.has(t.id) || !origin.has(t.id)) return { key: `+${t.id}`, to: t, changes: ['added'], shortened: false };
    const f = fromById.get(origin.get(t.id)!)!;
    return { key: `=${f.id}>${t.id}`, from: f, to: t, changes: [...(changes.get(t.id) ?? [])], shortened: shortened.has(t.id) };
  });

  // Place each removed row after the row that now holds its nearest kept predecessor.
  const rowOfOld = new Map(rows.filter((r) => r.from).map((r) => [r.from!.id, r]));
  const placed = [...rows];
  let anchor: DiffRow | undefined;
  let run = 0;
  for (const f of from.items) {
    if (!removed.has(f.id)) {
      const r = rowOfOld.get(f.id);
      if (r) {
        anchor = r;
        run = 0;
      }
      continue;
    }
    const at = (anchor ? placed.indexOf(anchor) + 1 : 0) + run;
    placed.splice(at, 0, { key: `-${f.id}`, from: f, changes: ['removed'], shortened: false });
    run++;
  }

  const count = (n: number, label: string, flagged = false): DiffSummaryLine[] => (n ? [{ label, count: n, flagged }] : []);
  const summary = [
    ...count(diff.items.retentionShortened.length, CHANGE_LABELS.retentionShorter, true),
    ...count(diff.items.retentionLengthened.length, CHANGE_LABELS.retentionLonger),
    ...count(diff.items.retentionChanged.length, CHANGE_LABELS.retentionOther),
    ...count(diff.items.conditionChanged.length, CHANGE_LABELS.condition),
    ...count(diff.items.scopeChanged.length, CHANGE_LABELS.scope),
    ...count(diff.items.classChanged.length, CHANGE_LABELS.class),
    ...count(diff.items.added.length, '新增条款'),
    ...count(diff.items.removed.length, '删除条款'),
    ...count(diff.items.moved.length, CHANGE_LABELS.moved),
  ];

  const other: string[] = [
    ...diff.classes.added.map((c) => `新增类目 ${c.path} ${c.name}`),
    ...diff.classes.removed.map((c) => `删除类目 ${c.path} ${c.name}`),
    ...diff.classes.renamed.map((c) => `类目 ${c.path} 改名：“${c.before}” → “${c.after}”`),
    ...diff.classes.recoded.map((c) => `类目“${c.name}”代码 ${c.before} → ${c.after}`),
    ...diff.exclusions.added.map((x) => `新增不归档条目 ${x.id}：${x.scope}`),
    ...diff.exclusions.removed.map((x) => `删除不归档条目 ${x.id}：${x.scope}`),
    ...diff.exclusions.changed.map((x) => `不归档条目 ${x.id} 修改了${x.fields.map((f) => EXCLUSION_FIELDS[f] ?? f).join('、')}`),
    ...diff.settings.map((k) => `修改了方案设置：${SETTING_LABELS[k] ?? k}`),
  ];
  if (diff.tests.before !== diff.tests.after) other.push(`测试用例 ${diff.tests.before} → ${diff.tests.after} 个`);

  return {
    rows: placed,
    changed: placed.filter((r) => r.changes.length > 0).length,
    shortened: shortened.size,
    summary,
    other,
  };
}

const EXCLUSION_FIELDS: Record<string, string> = { scope: '范围文字', when: '条件', reason: '理由', basis: '依据' };

const SETTING_LABELS: Record<string, string> = {
  title: '标题',
  description: '说明',
  fonds: '全宗号',
  unit: '单位名称',
  kind: '单位类型',
  baseline: '基线',
  retentionStart: '保管期限起算',
  policy: '判定规则',
  archivalCode: '档号规则',
  departments: '机构代码',
  fields: '自定义字段',
  format: '格式',
  id: '标识',
};
