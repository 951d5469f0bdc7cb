// The national baseline a scheme is held to: the one it names, else its kind's (enterprise/organ). Fetched once
// per page and kept; null when it cannot be read (the floors are then not shown, the service still checks).
import type { Scheme } from '../../server/schemas/scheme.js';
import { api } from './session.js';
import { getBaseline, listBaselines } from './api-baselines.js';

const cache = new Map<string, Promise<Scheme | null>>();

export function baselineFor(scheme: Pick<Scheme, 'baseline' | 'kind'>): Promise<Scheme | null> {
  const key = scheme.baseline?.id ?? `kind:${scheme.kind}`;
  let found = cache.get(key);
  if (!found) {
    found = (async () => {
      const id = scheme.baseline?.id ?? (await listBaselines(api)).find((b) => b.kind === scheme.kind)?.id;
      return id ? getBaseline(api, id) : null;
    })().catch(() => {
      cache.delete(key);
      return null;
    });
    cache.set(key, found);
  }
  return found;
}
