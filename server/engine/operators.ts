// The JSON-Logic operators a scheme may use: one allow-list, implemented with json-logic-js's exact semantics.
//
// No custom operators are registered: every condition a scheme holds means what json-logic-js says it means,
// so a business system can evaluate it with any conforming JSON-Logic library — once the scheme's parameters
// (`{"param": name}`) are replaced by their values, which compile does first.

export type Fn = (data: unknown) => unknown;

/** Operators that take their arguments un-evaluated (control flow and array scopes). */
export const CONTROL_OPERATORS = ['if', '?:', 'and', 'or', 'some', 'all', 'none'] as const;

/** Operators whose arguments are evaluated first, then applied. */
export const VALUE_OPERATORS = [
  'var',
  'missing',
  'missing_some',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'cat',
  'substr',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'merge',
] as const;

/**
 * `{"param": "largeAmount"}` names one of the scheme's parameters. It is not an operator at run time: compile
 * replaces it with the parameter's value (see resolveParameters), so what is evaluated is plain JSON-Logic.
 */
export const PARAM_OPERATOR = 'param';

export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set<string>([...CONTROL_OPERATORS, ...VALUE_OPERATORS]);

/** json-logic-js truthiness: an empty array is false, everything else as in JavaScript. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}

/** Property lookup that never leaves the data's own properties (no prototype access). */
export function ownGet(data: unknown, key: string): unknown {
  if (data === null || data === undefined) return undefined;
  return Object.hasOwn(data, key) ? (data as Record<string, unknown>)[key] : undefined;
}

/** json-logic-js `var` over pre-split path segments, own properties only. */
export function getPath(data: unknown, parts: readonly string[], notFound: unknown): unknown {
  if (parts.length === 0) return data;
  let current = data;
  for (const part of parts) {
    if (current === null || current === undefined) return notFound;
    current = ownGet(current, part);
    if (current === undefined) return notFound;
  }
  return current;
}

export function splitPath(path: string): string[] {
  return path === '' ? [] : path.split('.');
}

/* eslint-disable eqeqeq -- loose equality is json-logic-js's `==` semantics */
type Impl = (...args: any[]) => unknown;
export const VALUE_IMPLS: Readonly<Record<(typeof VALUE_OPERATORS)[number], Impl | null>> = {
  var: null, // compiled specially (constant path)
  missing: null, // compiled specially (needs data)
  missing_some: null,
  '==': (a, b) => a == b,
  '===': (a, b) => a === b,
  '!=': (a, b) => a != b,
  '!==': (a, b) => a !== b,
  '!': (a) => !truthy(a),
  '!!': (a) => truthy(a),
  '<': (a, b, c) => (c === undefined ? a < b : a < b && b < c),
  '<=': (a, b, c) => (c === undefined ? a <= b : a <= b && b <= c),
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  in: (a, b) => {
    if (!b || typeof b.indexOf === 'undefined') return false;
    return b.indexOf(a) !== -1;
  },
  cat: (...args) => args.join(''),
  substr: (source, start, end) => {
    if (end < 0) {
      const temp = String(source).substr(start);
      return temp.substr(0, temp.length + end);
    }
    return String(source).substr(start, end);
  },
  '+': (...args) => args.reduce((a: any, b: any) => parseFloat(a) + parseFloat(b), 0),
  '*': (...args) => args.reduce((a: any, b: any) => parseFloat(a) * parseFloat(b)),
  '-': (a, b) => (b === undefined ? -a : a - b),
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  min: (...args) => Math.min(...args),
  max: (...args) => Math.max(...args),
  merge: (...args) => args.reduce((a: unknown[], b) => a.concat(b), []),
};
