// A login takes one scrypt (≈ 0.1 s in production) between reading the account and making the session; what an
// admin did to the account meanwhile (reset its password, disabled or locked it) wins over the login.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Problem, Session } from '../../server/schemas/api/index.js';
import { hashPassword } from '../../server/services/secrets.js';
import { PASSWORD, TEST_SCRYPT, type World, expectProblem, world } from './helpers.js';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(() => w.close());

/** Runs `change` right after the login has read the account (the moment its hash starts), as a racing request would. */
function raceAfterRead(change: () => void): void {
  const users = w.app.services.stores.users;
  const read = users.credentials.bind(users);
  let first = true;
  users.credentials = (username) => {
    const found = read(username);
    if (first) {
      first = false;
      change();
    }
    return found;
  };
}

const login = () => w.req<Session | Problem>('POST', '/api/v1/auth/login', { body: { username: 'archA', password: PASSWORD } });

describe('a login racing a change to the account', () => {
  it('makes no session when the password was reset while it was being checked', async () => {
    const users = w.app.services.stores.users;
    const id = users.byUsername('archA')!.id;
    const other = await hashPassword('an admin reset this one', TEST_SCRYPT);
    raceAfterRead(() => users.setPassword(id, other, true, null));
    const r = await login();
    expectProblem(r, 401);
    expect(w.db.prepare<[number], number>('SELECT count(*) FROM sessions WHERE user_id = ? AND revoked_at IS NULL').pluck().get(id)).toBe(
      // archA's session from the world's own sign-in, and none more
      1,
    );
  });

  it('makes no session for an account disabled while it was being checked', async () => {
    const users = w.app.services.stores.users;
    const id = users.byUsername('archA')!.id;
    raceAfterRead(() => users.setDisabled(id, true));
    expectProblem(await login(), 401);
  });

  it('still signs in when nothing changed', async () => {
    expect((await login()).status).toBe(200);
  });
});
