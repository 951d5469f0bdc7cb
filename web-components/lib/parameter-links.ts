// Putting a parameter back into the conditions that hold its value as a constant: a table copied from a baseline
// before copies kept their references has `{">=": [{"var": "amount"}, 5000000]}` where the baseline wrote
// `{"param": "largeAmount"}`, so the unit's own 大额资金标准 changes nothing. Only the places a parameter may stand
// are rewritten: the value a field is compared with, a bound of 介于, the list of 属于, the text searched for.
import { mapConditions } from '../../server/engine/browser.js';
import type { Scheme, SchemeParameter } from '../../server/schemas/scheme.js';
import { deepEqual } from './deep-equal.js';

const COMPARE = new Set(['==', '!=', '===', '!==', '>', '>=', '<', '<=']);

const isVar = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).length === 1 && 'var' in x;

/**
 * The scheme with every constant equal to one of `values` (the parameter's value now, and the baseline's sample value
 * the copy was made with) replaced by `{"param": name}` where the parameter's type fits; and how many were.
 */
export function relinkParameter(scheme: Scheme, p: SchemeParameter, values: readonly unknown[]): { scheme: Scheme; count: number } {
  // 是/否 constants are everywhere (== true): a yes/no parameter is never guessed back.
  if (p.type === 'boolean') return { scheme, count: 0 };
  let count = 0;
  const ref = { param: p.name };
  const matches = (x: unknown) => values.some((v) => deepEqual(v, x));
  const list = p.type === 'stringArray';
  const rewrite = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(rewrite);
    const keys = Object.keys(node);
    if (keys.length !== 1) return node;
    const op = keys[0];
    const args = (node as Record<string, unknown>)[op];
    if (Array.isArray(args)) {
      const swap = (i: number) => {
        count++;
        const next = args.map(rewrite);
        next[i] = ref;
        return next;
      };
      // {"op": [{"var": f}, C]} and the bounds of {"<=": [C, {"var": f}, C]}.
      if (!list && COMPARE.has(op) && args.length === 2 && isVar(args[0]) && typeof args[1] !== 'object' && matches(args[1]))
        return { [op]: swap(1) };
      if (!list && (op === '<=' || op === '<') && args.length === 3 && isVar(args[1])) {
        const next = args.map(rewrite);
        for (const i of [0, 2])
          if (typeof args[i] !== 'object' && matches(args[i])) {
            next[i] = ref;
            count++;
          }
        return { [op]: next };
      }
      if (op === 'in' && args.length === 2) {
        // {"in": [{"var": f}, [list]]} for a list parameter, {"in": ["text", {"var": f}]} for a text one.
        if (list && isVar(args[0]) && Array.isArray(args[1]) && matches(args[1])) return { in: swap(1) };
        if (p.type === 'string' && isVar(args[1]) && typeof args[0] === 'string' && matches(args[0])) return { in: swap(0) };
      }
    }
    return { [op]: rewrite(args) };
  };
  const out = mapConditions(scheme, rewrite);
  return count ? { scheme: out, count } : { scheme, count };
}
