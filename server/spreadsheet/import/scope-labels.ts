// The trailing “— 重要的 / 一般的” (or “（重要的、一般的）”) of a scope cell whose period cell holds several values.

/** Up to 10 branches (the scheme's limit) of ≤ 11 characters each, with separators, brackets and a dash. */
const TAIL = 400;

const LABELS =
  /\s*(?:——|—|--|-|－|–|:|：)?\s*[（(]?\s*((?:[^\s/／、，,（）()—-]{1,10}的\s*[/／、，,]\s*){1,9}[^\s/／、，,（）()—-]{1,10}的)\s*[）)]?\s*$/;

/**
 * The labels and where they start in `scope`, or null. Unanchored at the start with `$` at the end, the pattern
 * would be tried from every position of the cell (quadratic: 2.8 s for 24k characters), so it only sees the cell's
 * last characters, where any real label list fits; a match reaching the cut is refused rather than guessed.
 */
export function trailingScopeLabels(scope: string): { index: number; labels: string[] } | null {
  const from = Math.max(0, scope.length - TAIL);
  const m = LABELS.exec(scope.slice(from));
  if (!m || (from > 0 && m.index === 0)) return null;
  return { index: from + m.index, labels: m[1]!.split(/\s*[/／、，,]\s*/) };
}
