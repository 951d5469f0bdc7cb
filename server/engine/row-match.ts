// Which national-baseline row a unit's row most likely corresponds to, by its wording: for tables imported from
// Excel or written by hand, whose rows carry no `derivedFrom`. A suggestion, never silently a mapping, except where
// the wording is the baseline's own (see STRONG_MATCH).
import type { SchemeItem } from '../schemas/scheme.js';

/** At or above this score the wording is the baseline row's own: compliance treats it as the mapping. */
export const STRONG_MATCH = 0.8;
/** At or above this score a mapping is suggested to the archivist. */
export const WEAK_MATCH = 0.5;

export interface RowMatch {
  /** Ids of the baseline rows that match best (several when the row covers a whole class, e.g. 会计凭证). */
  ids: string[];
  score: number;
}

/** Words that say nothing about which row it is. */
const FILLER = /文件材料|文件|材料|有关|相关|各种|各类|以及|及其|等|的|和|及|与|、|，|。|；|：|（|）|\(|\)|\s/g;

function bigrams(text: string): Set<string> {
  const s = text.replace(FILLER, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  if (s.length === 1) out.add(s);
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/** How well `scope` names the baseline text: Dice on bigrams, or near-full containment of a specific wording. */
export function wordingScore(scope: string, baseline: string): number {
  const a = bigrams(scope);
  const b = bigrams(baseline);
  if (a.size === 0 || b.size === 0) return 0;
  const common = overlap(a, b);
  const dice = (2 * common) / (a.size + b.size);
  // A unit's row may name one thing a long baseline row lists among more: worth suggesting, never a proof.
  const contained = a.size >= 3 ? (common / a.size) * 0.7 : 0;
  return Math.max(dice, contained);
}

export interface BaselineRowText {
  item: SchemeItem;
  /** The row's class name (会计凭证 for 原始凭证, 记账凭证), which a unit's table often uses as its row. */
  className: string;
}

/** The baseline rows `item`'s wording matches best (within 0.05 of the top score), if any reaches WEAK_MATCH. */
export function bestMatch(item: SchemeItem, rows: readonly BaselineRowText[]): RowMatch | null {
  let top = 0;
  const scored = rows.map((r) => {
    const byScope = wordingScore(item.scope, r.item.scope);
    // A row named like the baseline row's class covers every row of that class.
    const byClass = r.className.length >= 2 && wordingScore(item.scope, r.className) >= 0.99 ? 1 : 0;
    const score = Math.max(byScope, byClass);
    if (score > top) top = score;
    return { id: r.item.id, score };
  });
  if (top < WEAK_MATCH) return null;
  return { ids: scored.filter((s) => s.score >= top - 0.05).map((s) => s.id), score: Math.round(top * 100) / 100 };
}
