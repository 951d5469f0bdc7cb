// API keys verified from memory: a key that verified once is answered from a map until the database changes
// (ChangeCounter, refreshed by the HTTP edge at the start of every request), so a revocation — by this process,
// another app instance or the CLI — is refused on the very next request, and a steady stream of classification
// requests costs no lookup and no hash per request.
import type { ChangeCounter } from '../store/changes.js';
import type { Principal } from './access.js';

/** Keys cached at most; past it the map starts over (only keys that verified are ever kept). */
const MAX_KEYS = 10_000;

export class PrincipalCache {
  /** Bearer token → principal. Tokens are only kept in this process's memory, as every request already holds them. */
  private readonly keys = new Map<string, Principal>();
  private epoch = -1;

  constructor(
    private readonly changes: ChangeCounter,
    private readonly resolve: (token: string) => Principal,
  ) {}

  /** As AuthService.authenticate: the principal, or a 401 thrown. Sessions are always looked up (they expire by time). */
  authenticate(token: string): Principal {
    const epoch = this.changes.epoch();
    if (epoch !== this.epoch) {
      this.keys.clear();
      this.epoch = epoch;
    }
    const hit = this.keys.get(token);
    if (hit) return hit;
    const p = this.resolve(token);
    if (p.kind === 'key') {
      if (this.keys.size >= MAX_KEYS) this.keys.clear();
      this.keys.set(token, p);
    }
    return p;
  }
}
