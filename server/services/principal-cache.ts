// API keys verified from memory: a key that verified once is answered from a map until the database changes
// (ChangeCounter, refreshed by the HTTP edge before each request — over a socket once per turn of the event loop, which
// every request sent later is read after), so a revocation — by this process, another app instance or the CLI — is
// refused on the very next request, a key past its expiry on its first request
// after it (checked on every use, a date comparison), and a steady stream of classification requests costs no
// lookup and no hash per request. Tokens that are not in the map pass the guessing limit of their
// client address first (Throttle): an address that sent too many tokens that were never issued gets 429 before any
// lookup, while keys it already proved keep working.
import type { ChangeCounter } from '../store/changes.js';
import type { Principal } from './access.js';
import { AppError } from './errors.js';
import type { Throttle } from './throttle.js';

/** Keys cached at most; past it the map starts over (only keys that verified are ever kept). */
const MAX_KEYS = 10_000;

export interface CredentialChecks {
  /** The principal, or a 401 thrown. */
  resolve(token: string): Principal;
  /** Whether the token was ever issued (an expired session or revoked key is not a guess). */
  issued(token: string): boolean;
  /** `address` has just reached the limit of bad tokens (recorded once per episode in the audit log). */
  limited(address: string): void;
  /** Why a cached principal no longer works (an API key that has expired since), or null. */
  refusal(p: Principal): AppError | null;
}

export class PrincipalCache {
  /** Bearer token → principal. Tokens are only kept in this process's memory, as every request already holds them. */
  private readonly keys = new Map<string, Principal>();
  /** Tokens that verified at least once (kept across database changes), exempt from their address's limit. */
  private readonly proven = new Set<string>();
  private epoch = -1;

  constructor(
    private readonly changes: ChangeCounter,
    private readonly checks: CredentialChecks,
    private readonly throttle: Throttle,
  ) {}

  /** As AuthService.authenticate: the principal, or a 401 (429 while `address` is over its limit) thrown. */
  authenticate(token: string, address: string): Principal {
    const epoch = this.changes.epoch();
    if (epoch !== this.epoch) {
      this.keys.clear();
      this.epoch = epoch;
    }
    const hit = this.keys.get(token);
    if (hit) {
      // Expiry is a matter of time, not of a database change: checked on every use (a date comparison).
      const refused = this.checks.refusal(hit);
      if (!refused) return hit;
      this.keys.delete(token);
      throw refused;
    }
    // A token that verified before is looked up again (it may have been revoked) even from a refused address.
    if (!this.proven.has(token)) this.throttle.checkToken(address);
    let p: Principal;
    try {
      p = this.checks.resolve(token);
    } catch (e) {
      if (e instanceof AppError && e.code === 'unauthenticated' && !this.checks.issued(token) && this.throttle.tokenFailed(address)) {
        this.checks.limited(address);
      }
      throw e;
    }
    if (this.proven.size >= MAX_KEYS) this.proven.clear();
    this.proven.add(token);
    if (p.kind === 'key') {
      if (this.keys.size >= MAX_KEYS) this.keys.clear();
      this.keys.set(token, p);
    }
    return p;
  }
}
