// Linear-time text scans that replace regular expressions a hostile cell could make quadratic or exponential.

const OPEN = new Set(['（', '(']);
const CLOSE = new Set(['）', ')']);

/**
 * Replaces each bracketed run “（…）” / “(…)” (no closing bracket inside) with `replace(inner)`, left to right, as
 * `text.replace(/[（(][^）)]*[）)]/g, …)` does — but in one pass: once an opening bracket has no closing one after it,
 * no later one has either, so the scan stops instead of searching to the end again from every bracket.
 */
export function replaceBracketed(text: string, replace: (inner: string) => string): string {
  let out = '';
  let from = 0;
  let i = 0;
  while (i < text.length) {
    if (!OPEN.has(text[i]!)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && !CLOSE.has(text[j]!)) j++;
    if (j >= text.length) break;
    out += text.slice(from, i) + replace(text.slice(i + 1, j));
    from = i = j + 1;
  }
  return out + text.slice(from);
}

/** Removes, from the end, every whole word of `words` that ends the text (longest listed first wins), repeatedly. */
export function stripTrailingWords(text: string, words: readonly string[]): string {
  let end = text.length;
  for (let again = true; again; ) {
    again = false;
    for (const w of words) {
      if (end >= w.length && text.startsWith(w, end - w.length)) {
        end -= w.length;
        again = true;
        break;
      }
    }
  }
  return text.slice(0, end);
}

/** Removes trailing characters that are in `chars` (a linear `/[…]+$/`). */
export function trimTrailingChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}
