// What a draft would change: each record classified by the version in force and by the draft, the differences
// counted by kind (shorter, now excluded, now filed that went to review, …) and grouped by transition (row and
// period before → after), with the first ids for drill-down (every changed record to `onChange`). Pure: the
// caller brings the two classifiers and records.
import type { ClassifyResult } from '../../engine/result.js';
import { CHANGE_KINDS, type ChangeKind } from '../../schemas/api/impact.js';

export { CHANGE_KINDS, type ChangeKind };

export interface Side {
  outcome: ClassifyResult['outcome'];
  row: string | null;
  retention: string | null;
  classCode: string | null;
}

export interface Transition {
  kind: ChangeKind;
  before: Side;
  after: Side;
  count: number;
  /** The first ids (log entry ids, or sample indexes) of records that changed so. */
  ids: number[];
}

export interface Impact {
  records: number;
  changed: number;
  counts: Record<ChangeKind, number>;
  /** Largest first. */
  transitions: Transition[];
}

export interface ReplayRecord {
  id: number;
  record: Record<string, unknown>;
}

/** Classifies a record, or returns null when it cannot be classified by that version (e.g. invalid for it). */
export type Classifier = (record: Record<string, unknown>) => ClassifyResult | null;

export const MAX_IDS = 50;

/** Years a retention code keeps a record: Y is forever. */
export function years(code: string | null): number {
  if (code === null) return 0;
  if (code === 'Y') return Number.POSITIVE_INFINITY;
  const n = Number(code.slice(1));
  return Number.isFinite(n) ? n : 0;
}

const side = (r: ClassifyResult): Side => ({
  outcome: r.outcome,
  row: r.item?.id ?? r.exclusion?.id ?? null,
  retention: r.retention?.code ?? null,
  classCode: r.classCode ?? null,
});

/** How a record's decision changed, or null when it did not. */
export function changeKind(b: Side, a: Side): ChangeKind | null {
  if (b.outcome !== a.outcome) {
    if (a.outcome === 'exclude') return 'nowExcluded';
    if (a.outcome === 'review') return 'nowReview';
    return b.outcome === 'review' ? 'nowFiledFromReview' : 'nowFiledFromExclusion';
  }
  if (a.outcome === 'file') {
    const yb = years(b.retention);
    const ya = years(a.retention);
    if (ya < yb) return 'shorter';
    if (ya > yb) return 'longer';
  }
  if (b.row !== a.row) return 'rowChanged';
  if (b.classCode !== a.classCode) return 'classChanged';
  return null;
}

/** Every changed record, for a caller that keeps them all (the export of changed records). */
export type OnChange = (r: ReplayRecord, kind: ChangeKind, before: Side, after: Side) => void;

/** `maxIds`: ids kept per transition (all, for a sample the caller holds anyway). */
export function replay(
  records: Iterable<ReplayRecord>,
  before: Classifier,
  after: Classifier,
  options: { maxIds?: number; onChange?: OnChange } = {},
): Impact {
  const maxIds = options.maxIds ?? MAX_IDS;
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  const groups = new Map<string, Transition>();
  let n = 0;
  let changed = 0;
  for (const r of records) {
    const { id, record } = r;
    n++;
    const rb = before(record);
    const ra = after(record);
    if (rb === null || ra === null) continue;
    const b = side(rb);
    const a = side(ra);
    const kind = changeKind(b, a);
    if (kind === null) continue;
    changed++;
    counts[kind]++;
    const key = `${kind}|${b.outcome}|${b.row}|${b.retention}|${b.classCode}|${a.outcome}|${a.row}|${a.retention}|${a.classCode}`;
    let t = groups.get(key);
    if (!t) {
      t = { kind, before: b, after: a, count: 0, ids: [] };
      groups.set(key, t);
    }
    t.count++;
    if (t.ids.length < maxIds) t.ids.push(id);
    options.onChange?.(r, kind, b, a);
  }
  const transitions = [...groups.values()].sort((x, y) => y.count - x.count || CHANGE_KINDS.indexOf(x.kind) - CHANGE_KINDS.indexOf(y.kind));
  return { records: n, changed, counts, transitions };
}
