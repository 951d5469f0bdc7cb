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

/**
 * Whether the signed-in user may edit a unit's tables and start new ones: an admin, or an archivist of that unit
 * (the service decides the same; the page only leaves out what would be refused).
 */
export function mayEditUnit(unitId: number | string | null | undefined): boolean {
  const user = current?.user;
  if (!user || unitId === null || unitId === undefined) return false;
  return user.role === 'admin' || (user.role === 'archivist' && String(user.orgId) === String(unitId));
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
