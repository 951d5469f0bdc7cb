// Derives from a condition cheap necessary tests ("guards") so rows can be indexed instead of evaluated one by one.
//
// A guard is a conjunction of clauses, each clause a disjunction of atoms: if the condition holds for a record,
// every clause has an atom that holds. `null` means "no usable guard" (the row is always evaluated); a clause with
// no atoms can never be satisfied (the condition never holds).
import { argsOf, compileLogic, isLogic, operatorOf } from './logic-compile.js';
import { truthy } from './operators.js';

export type Atom =
  /** `{"==": [{"var": f}, "c"]}` (loose) or `===` / `in [var, [...]]` (strict) with a string constant. */
  | { kind: 'eq'; field: string; value: string; loose: boolean }
  /** `{"in": ["c", {"var": f}]}`: f is a string containing c, or an array with element c. */
  | { kind: 'contains'; field: string; value: string }
  /** f is neither missing nor null: a condition on f alone that is false without it (`amount >= 50000000`). */
  | { kind: 'present'; field: string }
  /**
   * `f op c` with a number or string constant, false when f is missing (`date < "2000-01-01"`): the index compares
   * the record's value itself, with JavaScript's coercions, as json-logic-js does.
   */
  | { kind: 'range'; field: string; op: RangeOp; value: number | string };

export type RangeOp = '<' | '<=' | '>' | '>=';

export type Clause = Atom[];
export type Guard = Clause[] | null;

/** At most this many clauses per row are indexed: the most selective ones. */
const MAX_CLAUSES = 3;
/** A further clause is worth indexing only if it lets through at most this share of records. */
const SELECTIVE = 0.1;

/** Estimated share of records an atom lets through, by field: lower is more selective. */
export type Selectivity = (atom: Atom) => number;

/**
 * A default estimate: keywords and free-text equalities are rare; small enumerations and flags are not, and a field
 * being filled in at all says little.
 */
export function defaultSelectivity(enumSizes: ReadonlyMap<string, number>): Selectivity {
  return (atom) => {
    if (atom.kind === 'contains') return 0.02;
    if (atom.kind === 'present') return 0.5;
    if (atom.kind === 'range') return 0.3;
    const size = enumSizes.get(atom.field);
    return size ? 1 / size : 0.05;
  };
}

/** The plain field path of `{"var": "a.b"}` (no default value), or null. */
export function varPath(node: unknown): string | null {
  if (!isLogic(node) || operatorOf(node) !== 'var') return null;
  const args = argsOf(node);
  if (args.length > 1 && args[1] !== null && args[1] !== undefined) return null;
  return typeof args[0] === 'string' && args[0] !== '' ? args[0] : null;
}

export function guardOf(logic: unknown, selectivity: Selectivity = defaultSelectivity(new Map())): Guard {
  const cost = (clause: Clause) => clause.reduce((sum, a) => sum + selectivity(a), 0);
  const best = (clauses: Clause[]) => clauses.reduce((a, b) => (cost(b) < cost(a) ? b : a));

  const walk = (node: unknown): Guard => {
    if (node === false || node === null || node === 0 || node === '') return [[]];
    if (!isLogic(node)) return null;
    const op = operatorOf(node);
    const args = argsOf(node);
    switch (op) {
      case 'and': {
        if (args.length === 0) return [[]]; // json-logic-js: an empty `and` yields undefined, which is falsy
        const clauses = args
          .map(walk)
          .filter((g): g is Clause[] => g !== null)
          .flat();
        if (clauses.length === 0) return null;
        // The most selective clause always; others only if selective too (each kept clause costs index work).
        const sorted = clauses.sort((a, b) => cost(a) - cost(b));
        return [sorted[0], ...sorted.slice(1, MAX_CLAUSES).filter((c) => cost(c) <= SELECTIVE)];
      }
      case 'or': {
        if (args.length === 0) return [[]];
        // (A1 ∧ A2) ∨ B → one clause: the most selective clause of each alternative, joined.
        const union: Atom[] = [];
        for (const arg of args) {
          const g = walk(arg);
          if (g === null) return null;
          union.push(...best(g));
        }
        return [union];
      }
      case '!!':
        return walk(args[0]);
      case '==':
      case '===':
        return wrap(equalityAtom(args, op === '=='));
      case 'in':
        return wrap(inAtoms(args));
      case 'some':
        return wrap(someAtoms(args));
      case '<':
      case '<=':
      case '>':
      case '>=': {
        // Either way the comparison must be false for a missing field; then its bounds are the better guard.
        const present = presentAtom(node);
        return present === null ? null : (rangeGuard(op, args) ?? [present]);
      }
      default:
        return wrap(presentAtom(node));
    }
  };
  const guard = walk(logic);
  // A clause with no atoms can never hold: keep only it.
  if (guard?.some((c) => c.length === 0)) return [[]];
  return guard;
}

function wrap(atoms: Atom[] | null): Guard {
  return atoms === null ? null : [atoms];
}

function equalityAtom(args: unknown[], loose: boolean): Atom[] | null {
  if (args.length !== 2) return null;
  const [a, b] = args;
  const field = varPath(a) ?? varPath(b);
  const value = varPath(a) ? b : a;
  if (field === null || typeof value !== 'string') return null;
  return [{ kind: 'eq', field, value, loose }];
}

function inAtoms(args: unknown[]): Atom[] | null {
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
function someAtoms(args: unknown[]): Atom[] | null {
  const field = varPath(args[0]);
  const test = args[1];
  if (field === null || !isLogic(test)) return null;
  const op = operatorOf(test);
  const [x, y] = argsOf(test);
  const isElement = (n: unknown) =>
    isLogic(n) && operatorOf(n) === 'var' && (argsOf(n)[0] === '' || argsOf(n)[0] === undefined) && argsOf(n).length <= 1;
  let values: unknown[] | null = null;
  if (op === 'in' && isElement(x) && Array.isArray(y)) values = y;
  if (op === '===' && isElement(x) && typeof y === 'string') values = [y];
  if (op === '===' && isElement(y) && typeof x === 'string') values = [x];
  if (values === null || !values.every((v) => typeof v === 'string' && v !== '')) return null;
  // An element equal to a string is found by `indexOf` too, so the `contains` index covers it.
  return (values as string[]).map((value) => ({ kind: 'contains', field, value }));
}

/**
 * A condition that reads one field (plain `var` paths only) and is false when that field is missing — as
 * json-logic-js reads it, a missing or null field is null — holds only for records where the field is filled in.
 * Decided by evaluating the condition itself without the field, so the guard follows json-logic-js's coercions.
 */
function presentAtom(logic: Record<string, unknown>): Atom[] | null {
  const fields = new Set<string>();
  if (!plainReads(logic, fields) || fields.size !== 1) return null;
  try {
    if (truthy(compileLogic(logic)({}))) return null;
  } catch {
    return null;
  }
  return [{ kind: 'present', field: [...fields][0] }];
}

const FLIP: Record<RangeOp, RangeOp> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * `{"<": [{"var": f}, c]}`, `{">=": [c, {"var": f}]}` and the between form `{"<=": [lo, {"var": f}, hi]}`, with
 * number or string constants (the caller has checked that a missing field fails): one clause per bound, both needed.
 */
function rangeGuard(op: RangeOp, args: unknown[]): Clause[] | null {
  const constant = (v: unknown): v is number | string => (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string';
  if (args.length === 2) {
    const [a, b] = args;
    const fa = varPath(a);
    const fb = varPath(b);
    if (fa !== null && constant(b)) return [[{ kind: 'range', field: fa, op, value: b }]];
    if (fb !== null && constant(a)) return [[{ kind: 'range', field: fb, op: FLIP[op], value: a }]];
    return null;
  }
  // json-logic-js only reads a third argument for < and <=: lo op x op hi.
  if (args.length === 3 && (op === '<' || op === '<=')) {
    const [lo, x, hi] = args;
    const f = varPath(x);
    if (f === null || !constant(lo) || !constant(hi)) return null;
    return [[{ kind: 'range', field: f, op: FLIP[op], value: lo }], [{ kind: 'range', field: f, op, value: hi }]];
  }
  return null;
}

/** Collects the plain `var` paths `node` reads; false if it reads the data any other way. */
function plainReads(node: unknown, into: Set<string>): boolean {
  if (Array.isArray(node)) return node.every((n) => plainReads(n, into));
  if (!isLogic(node)) return true;
  const op = operatorOf(node);
  if (op === 'var') {
    const path = varPath(node);
    if (path === null) return false;
    into.add(path);
    return true;
  }
  if (op === 'missing' || op === 'missing_some' || op === 'some' || op === 'all' || op === 'none') return false;
  return argsOf(node).every((n) => plainReads(n, into));
}
