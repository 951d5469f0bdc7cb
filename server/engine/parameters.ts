// The scheme's parameters (大额资金标准 …) are constants of a version: compile replaces every `{"param": name}` with
// the value once, so the conditions evaluated, indexed and explained are plain JSON-Logic.
import type { Scheme, SchemeParameter } from '../schemas/scheme.js';
import { PARAM_OPERATOR } from './operators.js';

/** `{"param": name}` → name; anything else → null. */
export function paramName(node: unknown): string | null {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return null;
  const keys = Object.keys(node);
  const name = (node as Record<string, unknown>)[PARAM_OPERATOR];
  return keys.length === 1 && keys[0] === PARAM_OPERATOR && typeof name === 'string' ? name : null;
}

/**
 * `scheme` with every condition — rows' and branches' `when`, exclusions' `when` and `established` — passed through
 * `f` (absent conditions stay absent). Every reader or rewriter of a scheme's conditions goes through here, so a new
 * place a condition may stand is added once.
 */
export function mapConditions(scheme: Scheme, f: (logic: unknown) => unknown): Scheme {
  const logic = <T>(when: T): T => (when === undefined ? when : (f(when) as T));
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

/** `scheme` with every parameter reference replaced by its value; the same object when it has none. */
export function resolveParameters(scheme: Scheme): Scheme {
  const params = new Map<string, SchemeParameter>((scheme.parameters ?? []).map((p) => [p.name, p]));
  if (params.size === 0) return scheme;
  const resolve = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(resolve);
    const name = paramName(node);
    if (name !== null) {
      const p = params.get(name);
      // Validation guarantees the parameter exists; a list value is wrapped so JSON-Logic reads it as a literal.
      return p === undefined ? null : Array.isArray(p.value) ? p.value.slice() : p.value;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(node)) out[k] = resolve((node as Record<string, unknown>)[k]);
    return out;
  };
  return mapConditions(scheme, resolve);
}

/** The names of the parameters the scheme's conditions refer to. */
export function referencedParameters(scheme: Scheme): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const name = paramName(node);
    if (name !== null) names.add(name);
    else for (const v of Object.values(node)) walk(v);
  };
  mapConditions(scheme, (logic) => {
    walk(logic);
    return logic;
  });
  return names;
}
