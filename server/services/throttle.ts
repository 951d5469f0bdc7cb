// Guessing limits, kept in this process's memory and decided before any password hash or key lookup runs:
// wrong passwords per account (waits that double, then a lock the caller persists) and per client address,
// bad bearer tokens per client address, and how many sign-ins are hashed at once (each scrypt costs ~32 MB).
import { AppError } from './errors.js';

export interface ThrottlePolicy {
  /** Consecutive wrong passwords for one account answered without a wait. */
  accountFree: number;
  /** Consecutive wrong passwords that lock the account (until an admin unlocks it). */
  accountLock: number;
  /** The longest wait imposed between two attempts on one account, in seconds. */
  accountMaxWait: number;
  /** Wrong passwords from one client address within `windowSeconds` before it is refused (429). */
  addressLogins: number;
  /** Bearer tokens that did not verify from one client address within `windowSeconds` before it is refused. */
  addressTokens: number;
  windowSeconds: number;
  /** Sign-ins hashed at once by the whole process; more are refused with `Retry-After: 1`. */
  inFlight: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  accountFree: 3,
  accountLock: 10,
  accountMaxWait: 300,
  addressLogins: 30,
  addressTokens: 20,
  windowSeconds: 900,
  inFlight: 8,
};

/** Entries kept per map at most; past it the oldest are dropped (an attacker cannot grow memory without bound). */
const MAX_ENTRIES = 10_000;

interface AccountState {
  failures: number;
  lastFailure: number;
  busy: boolean;
}

export const tooManyRequests = (detail: string, seconds: number) =>
  new AppError('too_many_requests', detail, [], { retryAfter: Math.max(1, Math.ceil(seconds)) });

export const accountLocked = () =>
  new AppError('account_locked', '该账号因多次密码错误已被锁定，请联系管理员解锁', [{ path: '/username', message: '账号已锁定' }]);

/** Timestamps (ms) of recent failures per key, oldest first, at most `max` kept per key. */
class Window {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly spanMs: number,
  ) {}

  /** Seconds until `key` may try again, or 0. */
  wait(key: string, now: number): number {
    const list = this.hits.get(key);
    if (!list) return 0;
    while (list.length && list[0] <= now - this.spanMs) list.shift();
    if (!list.length) {
      this.hits.delete(key);
      return 0;
    }
    return list.length >= this.max ? (list[0] + this.spanMs - now) / 1000 : 0;
  }

  /** Records a failure; true when it is the one that reached the limit. */
  add(key: string, now: number): boolean {
    const list = this.hits.get(key) ?? [];
    this.hits.delete(key);
    list.push(now);
    if (list.length > this.max) list.shift();
    this.hits.set(key, list);
    bound(this.hits);
    return list.length === this.max;
  }

  clear(): void {
    this.hits.clear();
  }
}

function bound<V>(map: Map<string, V>): void {
  if (map.size <= MAX_ENTRIES) return;
  for (const k of map.keys()) {
    map.delete(k);
    if (map.size <= MAX_ENTRIES / 2) return;
  }
}

/** One sign-in attempt admitted past the limits; end it exactly once. */
export interface LoginTicket {
  /** A wrong password (or unknown user): the consecutive failures of the account, and whether it must lock now. */
  failed(): { failures: number; lock: boolean; addressLimited: boolean };
  succeeded(): void;
  /** Neither (e.g. a disabled account): frees the slot only. */
  done(): void;
}

export class Throttle {
  private readonly accounts = new Map<string, AccountState>();
  private readonly logins: Window;
  private readonly tokens: Window;
  private hashing = 0;

  constructor(
    private readonly now: () => number,
    readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {
    this.logins = new Window(policy.addressLogins, policy.windowSeconds * 1000);
    this.tokens = new Window(policy.addressTokens, policy.windowSeconds * 1000);
  }

  /**
   * Admits one sign-in for `account` (lower-cased username) from `address`, or throws 429 (with the seconds to wait)
   * or 403 account-locked. `locked`: the account's lock as stored, undefined for a name that does not exist — which
   * is refused as locked once it failed `accountLock` times, so that a lock does not tell which names exist.
   * Nothing is hashed before this returns.
   */
  beginLogin(account: string, address: string, locked: boolean | undefined): LoginTicket {
    const now = this.now();
    const addressWait = this.logins.wait(address, now);
    if (addressWait > 0) throw tooManyRequests('来自此地址的错误登录过多，请稍后再试', addressWait);
    if (locked) throw accountLocked();
    const state = this.accounts.get(account);
    if (state) {
      if (state.failures >= this.policy.accountLock) {
        // The database is authoritative for real accounts: one unlocked from another process starts afresh.
        if (locked === undefined) throw accountLocked();
        state.failures = 0;
      }
      if (state.busy) throw tooManyRequests('该账号正在登录，请稍后再试', 1);
      const wait = this.accountWait(state, now);
      if (wait > 0) throw tooManyRequests('该账号密码错误次数过多，请稍后再试', wait);
    }
    if (this.hashing >= this.policy.inFlight) throw tooManyRequests('登录请求过多，请稍后再试', 1);
    const s = state ?? { failures: 0, lastFailure: 0, busy: false };
    this.accounts.delete(account);
    this.accounts.set(account, s);
    bound(this.accounts);
    s.busy = true;
    this.hashing++;
    let open = true;
    const end = () => {
      if (!open) return false;
      open = false;
      s.busy = false;
      this.hashing--;
      return true;
    };
    return {
      failed: () => {
        if (!end()) throw new Error('login ticket ended twice');
        const at = this.now();
        s.failures++;
        s.lastFailure = at;
        const addressLimited = this.logins.add(address, at);
        return { failures: s.failures, lock: s.failures === this.policy.accountLock, addressLimited };
      },
      succeeded: () => {
        if (end()) this.accounts.delete(account);
      },
      done: () => {
        end();
      },
    };
  }

  /** An admin unlocked the account (or reset its password): its failures are forgotten. */
  forgetAccount(account: string): void {
    this.accounts.delete(account);
  }

  /** Bearer tokens from `address`: throws 429 while it has sent too many that did not verify. */
  checkToken(address: string): void {
    const wait = this.tokens.wait(address, this.now());
    if (wait > 0) throw tooManyRequests('来自此地址的无效凭据过多，请稍后再试', wait);
  }

  /** A bearer token from `address` did not verify; true when this failure reached the limit. */
  tokenFailed(address: string): boolean {
    return this.tokens.add(address, this.now());
  }

  private accountWait(s: AccountState, now: number): number {
    if (s.failures < this.policy.accountFree) return 0;
    const wait = Math.min(2 ** (s.failures - this.policy.accountFree), this.policy.accountMaxWait);
    return (s.lastFailure + wait * 1000 - now) / 1000;
  }
}
