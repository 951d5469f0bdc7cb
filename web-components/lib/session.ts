// The signed-in session (token in sessionStorage, sent as Bearer) and the one API client the page uses.
import { Api, type Role, type Session } from './api.js';

const KEY = 'sanheyi.session';

let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function session(): Session | null {
  return current;
}

export function setSession(next: Session | null): void {
  current = next;
  if (next) globalThis.sessionStorage?.setItem(KEY, JSON.stringify(next));
  else globalThis.sessionStorage?.removeItem(KEY);
}

export function role(): Role | null {
  return current?.user.role ?? null;
}

const expired: (() => void)[] = [];

/** Called when the service says the token is no longer valid. */
export function onSessionExpired(f: () => void): void {
  expired.push(f);
}

export const api = new Api({
  token: () => current?.token ?? null,
  onUnauthorized: () => {
    setSession(null);
    for (const f of expired) f();
  },
});
