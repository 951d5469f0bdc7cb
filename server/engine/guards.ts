// Derives from a condition a cheap necessary test ("guard") so rows can be indexed instead of evaluated one by one.
//
// A guard is a disjunction of atoms: if the condition holds for a record, at least one atom holds.
// `null` means "no usable guard" (the row is always evaluated); `[]` means the condition can never hold.
import { argsOf, isLogic, operatorOf } from './logic-compile.js';

export type Atom =
  /** `{"==": [{"var": f}, "c"]}` (loose) or `===` / `in [var, [...]]` (strict) with a string constant. */
  | { kind: 'eq'; field: string; value: string; loose: boolean }
  /** `{"in": ["c", {"var": f}]}`: f is a string containing c, or an array with element c. */
  | { kind: 'contains'; field: string; value: string };

export type Guard = Atom[] | null;

/** The plain field path of `{"var": "a.b"}` (no default value), or null. */
export function varPath(node: unknown): string | null {
  if (!isLogic(node) || operatorOf(node) !== 'var') return null;
  const args = argsOf(node);
  if (args.length > 1 && args[1] !== null && args[1] !== undefined) return null;
  return typeof args[0] === 'string' && args[0] !== '' ? args[0] : null;
}

export function guardOf(logic: unknown): Guard {
  if (logic === false || logic === null || logic === 0 || logic === '') return [];
  if (!isLogic(logic)) return null;
  const op = operatorOf(logic);
  const args = argsOf(logic);
  switch (op) {
    case 'and': {
      if (args.length === 0) return []; // json-logic-js: an empty `and` yields undefined, which is falsy
      let best: Guard = null;
      for (const arg of args) {
        const g = guardOf(arg);
        if (g !== null && (best === null || cost(g) < cost(best))) best = g;
      }
      return best;
    }
    case 'or': {
      if (args.length === 0) return [];
      const union: Atom[] = [];
      for (const arg of args) {
        const g = guardOf(arg);
        if (g === null) return null;
        union.push(...g);
      }
      return union;
    }
    case '!!':
      return guardOf(args[0]);
    case '==':
    case '===':
      return equalityGuard(args, op === '==');
    case 'in':
      return inGuard(args);
    case 'some':
      return someGuard(args);
    default:
      return null;
  }
}

// Exact lookups are cheaper than substring scans; fewer atoms mean fewer candidate rows.
function cost(guard: Atom[]): number {
  return guard.reduce((sum, a) => sum + (a.kind === 'eq' ? 1 : 1.5), 0);
}

function equalityGuard(args: unknown[], loose: boolean): Guard {
  if (args.length !== 2) return null;
  const [a, b] = args;
  const field = varPath(a) ?? varPath(b);
  const value = varPath(a) ? b : a;
  if (field === null || typeof value !== 'string') return null;
  return [{ kind: 'eq', field, value, loose }];
}

function inGuard(args: unknown[]): Guard {
  if (args.length !== 2) return null;
  const [needle, haystack] = args;
  const field = varPath(needle);
  if (field !== null && Array.isArray(haystack)) {
    // `indexOf` on the literal list: strict equality with one of its members.
    if (!haystack.every((v) => typeof v === 'string')) return null;
    return (haystack as string[]).map((value) => ({ kind: 'eq', field, value, loose: false }));
  }
  const container = varPath(haystack);
  if (container !== null && typeof needle === 'string' && needle !== '') {
    return [{ kind: 'contains', field: container, value: needle }];
  }
  return null;
}

/** `{"some": [{"var": "keywords"}, {"in": [{"var": ""}, ["a", "b"]]}]}` → keywords contains a or b. */
function someGuard(args: unknown[]): Guard {
  const field = varPath(args[0]);
  const test = args[1];
  if (field === null || !isLogic(test)) return null;
  const op = operatorOf(test);
  const [x, y] = argsOf(test);
  const isElement = (n: unknown) => isLogic(n) && operatorOf(n) === 'var' && (argsOf(n)[0] === '' || argsOf(n)[0] === undefined) && argsOf(n).length <= 1;
  let values: unknown[] | null = null;
  if (op === 'in' && isElement(x) && Array.isArray(y)) values = y;
  if (op === '===' && isElement(x) && typeof y === 'string') values = [y];
  if (op === '===' && isElement(y) && typeof x === 'string') values = [x];
  if (values === null || !values.every((v) => typeof v === 'string' && v !== '')) return null;
  // An element equal to a string is found by `indexOf` too, so the `contains` index covers it.
  return (values as string[]).map((value) => ({ kind: 'contains', field, value }));
}
