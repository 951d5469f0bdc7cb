// The scheme's parameters (大额资金标准 …) are constants of a version: compile replaces every `{"param": name}` with
// the value once, so the conditions evaluated, indexed and explained are plain JSON-Logic.
import type { Scheme, SchemeParameter } from '../schemas/scheme.js';
import { PARAM_OPERATOR } from './operators.js';

/** `scheme` with every parameter reference replaced by its value; the same object when it has none. */
export function resolveParameters(scheme: Scheme): Scheme {
  const params = new Map<string, SchemeParameter>((scheme.parameters ?? []).map((p) => [p.name, p]));
  if (params.size === 0) return scheme;
  const resolve = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(resolve);
    const keys = Object.keys(node);
    if (keys.length === 1 && keys[0] === PARAM_OPERATOR) {
      const p = params.get((node as Record<string, unknown>)[PARAM_OPERATOR] as string);
      // Validation guarantees the parameter exists; a list value is wrapped so JSON-Logic reads it as a literal.
      return p === undefined ? null : Array.isArray(p.value) ? p.value.slice() : p.value;
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = resolve((node as Record<string, unknown>)[k]);
    return out;
  };
  const logic = <T>(when: T): T => (when === undefined ? when : (resolve(when) as T));
  return {
    ...scheme,
    items: scheme.items.map((it) => {
      const item = { ...it, when: logic(it.when) };
      if (it.when === undefined) delete item.when;
      if (Array.isArray(it.retention)) item.retention = it.retention.map((b) => (b.when === undefined ? b : { ...b, when: logic(b.when) }));
      return item;
    }),
    exclusions: scheme.exclusions?.map((x) => {
      const out = { ...x, when: logic(x.when) };
      if (x.established !== undefined) out.established = logic(x.established);
      return out;
    }),
  };
}
