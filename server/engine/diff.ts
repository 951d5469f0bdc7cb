// Semantic diff of two scheme versions: what changed in meaning (rows, periods, conditions, classes, exclusions).
import { RETENTIONS, type RetentionCode } from '../schemas/retention-codes.js';
import type { Scheme, SchemeClass, SchemeExclusion, SchemeItem } from '../schemas/scheme.js';
import { flattenClasses } from './classes.js';
import { rowCodes, shortestCode } from './floors.js';
import { canonicalJson } from './canonical-json.js';

export interface RetentionSummary {
  /** Every code the row can give (one, or one per branch). */
  codes: RetentionCode[];
  shortest: RetentionCode | null;
  longest: RetentionCode | null;
  /** "永久" or "重要的：永久 / 一般的：定期10年". */
  label: string;
}

export interface RowRef {
  id: string;
  scope: string;
}

/** A row present in both versions; `fromId` differs from `id` when the row was renumbered. */
export interface RowPair {
  id: string;
  fromId: string;
  scope: string;
}

export interface SchemeDiff {
  from: number | null;
  to: number | null;
  items: {
    added: RowRef[];
    removed: RowRef[];
    moved: (RowPair & { matchedBy: 'derivedFrom' })[];
    scopeChanged: (RowPair & { before: string; after: string })[];
    retentionLengthened: (RowPair & { before: RetentionSummary; after: RetentionSummary })[];
    retentionShortened: (RowPair & { before: RetentionSummary; after: RetentionSummary; flag: 'shortened' })[];
    /** Same periods, other branch labels or order (a change a reviewer should still read). */
    retentionChanged: (RowPair & { before: RetentionSummary; after: RetentionSummary })[];
    conditionChanged: (RowPair & { before: unknown; after: unknown })[];
    classChanged: (RowPair & { before: string | null; after: string | null })[];
  };
  classes: {
    added: { path: string; name: string }[];
    removed: { path: string; name: string }[];
    renamed: { path: string; before: string; after: string }[];
    /** Same names in the same place, other code. */
    recoded: { before: string; after: string; name: string }[];
  };
  exclusions: {
    added: { id: string; scope: string }[];
    removed: { id: string; scope: string }[];
    changed: { id: string; fields: string[] }[];
  };
  /** Top-level settings that changed (title, policy, fields, departments, …), by key. */
  settings: string[];
  tests: { before: number; after: number };
  /** Whether anything a reviewer must look at changed (any shortened period). */
  flagged: boolean;
}

export function retentionSummary(item: SchemeItem): RetentionSummary {
  const codes = rowCodes(item);
  const longest = codes.reduce<RetentionCode | null>((b, c) => (b === null || RETENTIONS[c].rank > RETENTIONS[b].rank ? c : b), null);
  const label = Array.isArray(item.retention)
    ? item.retention.map((b) => `${b.label}：${RETENTIONS[b.code].label}`).join(' / ')
    : codes.length
      ? RETENTIONS[codes[0]].label
      : '无';
  return { codes, shortest: shortestCode(codes), longest, label };
}

const rank = (c: RetentionCode | null) => (c === null ? 0 : RETENTIONS[c].rank);

/** Rank change of each branch label present in both versions (a fixed code counts as every branch). */
function branchRankChanges(before: SchemeItem, after: SchemeItem): number[] {
  const codes = (it: SchemeItem) => new Map(Array.isArray(it.retention) ? it.retention.map((br) => [br.label, br.code] as const) : []);
  const b = codes(before);
  const a = codes(after);
  return [...a].filter(([label]) => b.has(label)).map(([label, code]) => RETENTIONS[code].rank - RETENTIONS[b.get(label)!].rank);
}
const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * Pairs rows of two versions: first by `derivedFrom` (a row keeps its baseline origin when it is renumbered, and an
 * inserted row that took its number is not mistaken for it), then by id for rows that carry no origin.
 */
export function matchRows(
  before: readonly SchemeItem[],
  after: readonly SchemeItem[],
): { pairs: [SchemeItem, SchemeItem][]; added: SchemeItem[]; removed: SchemeItem[] } {
  const pairs: [SchemeItem, SchemeItem][] = [];
  const left = new Set(before);
  const byOrigin = new Map<string, SchemeItem>();
  const byId = new Map<string, SchemeItem>();
  for (const it of before) {
    if (it.derivedFrom !== undefined && !byOrigin.has(it.derivedFrom)) byOrigin.set(it.derivedFrom, it);
    byId.set(it.id, it);
  }
  const paired = new Set<SchemeItem>();
  for (const it of after) {
    const origin = it.derivedFrom;
    if (origin === undefined) continue;
    // The same origin in both versions, else the baseline row itself (a first submission against its baseline).
    const viaOrigin = byOrigin.get(origin);
    const viaId = byId.get(origin);
    const b =
      viaOrigin && left.has(viaOrigin) ? viaOrigin : viaId && left.has(viaId) && viaId.derivedFrom === undefined ? viaId : undefined;
    if (b) {
      pairs.push([b, it]);
      left.delete(b);
      paired.add(it);
    }
  }
  const added: SchemeItem[] = [];
  for (const it of after) {
    if (paired.has(it)) continue;
    const b = byId.get(it.id);
    // By id only where the origins do not say otherwise.
    if (b && left.has(b) && (it.derivedFrom === undefined || b.derivedFrom === undefined || b.derivedFrom === it.derivedFrom)) {
      pairs.push([b, it]);
      left.delete(b);
    } else added.push(it);
  }
  return { pairs, added, removed: before.filter((it) => left.has(it)) };
}

export function diffSchemes(before: Scheme, after: Scheme, versions: { from?: number | null; to?: number | null } = {}): SchemeDiff {
  const out: SchemeDiff = {
    from: versions.from ?? before.version ?? null,
    to: versions.to ?? after.version ?? null,
    items: {
      added: [],
      removed: [],
      moved: [],
      scopeChanged: [],
      retentionLengthened: [],
      retentionShortened: [],
      retentionChanged: [],
      conditionChanged: [],
      classChanged: [],
    },
    classes: { added: [], removed: [], renamed: [], recoded: [] },
    exclusions: { added: [], removed: [], changed: [] },
    settings: [],
    tests: { before: before.tests?.length ?? 0, after: after.tests?.length ?? 0 },
    flagged: false,
  };

  // Rows
  const { pairs, added, removed } = matchRows(before.items, after.items);
  out.items.added = added.map(ref);
  out.items.removed = removed.map(ref);
  for (const [b, a] of pairs) {
    const pair: RowPair = { id: a.id, fromId: b.id, scope: a.scope };
    if (a.id !== b.id) out.items.moved.push({ ...pair, matchedBy: 'derivedFrom' });
    if (a.scope !== b.scope) out.items.scopeChanged.push({ ...pair, before: b.scope, after: a.scope });
    if (!same(a.class, b.class)) out.items.classChanged.push({ ...pair, before: b.class ?? null, after: a.class ?? null });
    if (!same(a.when, b.when) || !same(branchConditions(a), branchConditions(b))) {
      out.items.conditionChanged.push({ ...pair, before: b.when ?? null, after: a.when ?? null });
    }
    if (!same(a.retention, b.retention)) {
      const rb = retentionSummary(b);
      const ra = retentionSummary(a);
      // Shortened if any record may now be kept less: the shortest or the longest period falls, or a branch of the
      // same name (重要的/一般的) falls — even when another end rises.
      const branchDelta = branchRankChanges(b, a);
      const shorter = rank(ra.shortest) < rank(rb.shortest) || rank(ra.longest) < rank(rb.longest) || branchDelta.some((d) => d < 0);
      const longer =
        !shorter && (rank(ra.shortest) > rank(rb.shortest) || rank(ra.longest) > rank(rb.longest) || branchDelta.some((d) => d > 0));
      if (shorter) out.items.retentionShortened.push({ ...pair, before: rb, after: ra, flag: 'shortened' });
      else if (longer) out.items.retentionLengthened.push({ ...pair, before: rb, after: ra });
      else if (rb.label !== ra.label) out.items.retentionChanged.push({ ...pair, before: rb, after: ra });
    }
  }

  // Classes: by code path, then by the same names in the same place (a recoded class).
  const cb = flattenClasses(before.classes as SchemeClass[]);
  const ca = flattenClasses(after.classes as SchemeClass[]);
  const byPath = new Map(cb.map((c) => [c.path, c]));
  const leftClasses = new Set(cb);
  const newClasses = [];
  for (const c of ca) {
    const b = byPath.get(c.path);
    if (b) {
      leftClasses.delete(b);
      const nb = b.names[b.names.length - 1];
      const na = c.names[c.names.length - 1];
      if (nb !== na) out.classes.renamed.push({ path: c.path, before: nb, after: na });
    } else newClasses.push(c);
  }
  for (const c of newClasses) {
    const key = c.names.join('\u0000');
    const b = [...leftClasses].find((x) => x.names.join('\u0000') === key && x.depth === c.depth);
    if (b) {
      leftClasses.delete(b);
      out.classes.recoded.push({ before: b.path, after: c.path, name: c.names[c.names.length - 1] });
    } else out.classes.added.push({ path: c.path, name: c.names[c.names.length - 1] });
  }
  out.classes.removed = [...leftClasses].map((c) => ({ path: c.path, name: c.names[c.names.length - 1] }));

  // Exclusions (不归档范围), by id.
  const xb = new Map((before.exclusions ?? []).map((x) => [x.id, x]));
  const xa = new Map((after.exclusions ?? []).map((x) => [x.id, x]));
  for (const [id, x] of xa) {
    const b = xb.get(id);
    if (!b) out.exclusions.added.push({ id, scope: x.scope });
    else {
      const fields = (['scope', 'when', 'reason', 'basis'] as const).filter(
        (k) => !same(x[k as keyof SchemeExclusion], b[k as keyof SchemeExclusion]),
      );
      if (fields.length) out.exclusions.changed.push({ id, fields });
    }
  }
  for (const [id, x] of xb) if (!xa.has(id)) out.exclusions.removed.push({ id, scope: x.scope });

  // Everything else at the top level, by key (the version number itself is not a change of meaning).
  const skip = new Set(['items', 'classes', 'exclusions', 'tests', 'version', '$schema']);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const k of keys) {
    if (skip.has(k)) continue;
    if (!same((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k])) out.settings.push(k);
  }
  out.settings.sort();
  out.flagged = out.items.retentionShortened.length > 0;
  return out;
}

function ref(it: SchemeItem): RowRef {
  return { id: it.id, scope: it.scope };
}

function branchConditions(it: SchemeItem): unknown[] {
  return Array.isArray(it.retention) ? it.retention.map((b) => [b.label, b.when ?? null]) : [];
}
