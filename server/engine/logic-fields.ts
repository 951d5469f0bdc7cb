// The record fields a condition reads (for `needs`: which missing fields would have decided).
import { argsOf, isLogic, operatorOf } from './logic-compile.js';

/** Field paths read by `logic` at the top level (not inside some/all/none scopes), in order of first use. */
export function fieldsRead(logic: unknown, into: string[] = []): string[] {
  if (Array.isArray(logic)) {
    for (const a of logic) fieldsRead(a, into);
    return into;
  }
  if (!isLogic(logic)) return into;
  const op = operatorOf(logic);
  const args = argsOf(logic);
  const add = (name: unknown) => {
    if (typeof name === 'string' && name !== '' && !into.includes(name)) into.push(name);
  };
  if (op === 'var') add(args[0]);
  else if (op === 'missing') args.forEach(add);
  else if (op === 'missing_some') (Array.isArray(args[1]) ? args[1] : []).forEach(add);
  else if (op === 'some' || op === 'all' || op === 'none') fieldsRead(args[0], into);
  else for (const a of args) fieldsRead(a, into);
  return into;
}
