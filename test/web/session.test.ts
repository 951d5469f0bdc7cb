// Who the page lets edit a unit's tables: an admin, or an archivist of that unit (the service decides the same).
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../web-components/lib/api.js';
import { mayEditUnit, setSession } from '../../web-components/lib/session.js';

const as = (role: 'admin' | 'archivist' | 'reviewer', orgId: number | null): Session =>
  ({ token: 't', expiresAt: '2099-01-01T00:00:00Z', user: { id: 1, username: 'u', displayName: 'u', role, orgId } }) as unknown as Session;

afterEach(() => setSession(null));

describe('mayEditUnit', () => {
  it('lets an admin edit any unit and an archivist only their own', () => {
    setSession(as('admin', null));
    expect(mayEditUnit(7)).toBe(true);
    setSession(as('archivist', 7));
    expect([mayEditUnit(7), mayEditUnit('7'), mayEditUnit(8)]).toEqual([true, true, false]);
  });

  it('lets no reviewer, nobody signed out, and no unknown unit', () => {
    setSession(as('reviewer', 7));
    expect(mayEditUnit(7)).toBe(false);
    setSession(as('admin', null));
    expect(mayEditUnit(undefined)).toBe(false);
    setSession(null);
    expect(mayEditUnit(7)).toBe(false);
  });
});
