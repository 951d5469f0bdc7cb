// Guessing limits (issue 17.3/17.13): wrong passwords per account and per client address, account locks with an
// admin unlock, bad bearer tokens per address, all answered before scrypt runs and recorded in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { DEFAULT_THROTTLE } from '../../server/services/throttle.js';
import { PASSWORD, type World, expectProblem, world } from './helpers.js';
import type { ApiKeyCreated, User } from '../../server/schemas/api/index.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.close());

const login = (username: string, password: string, address: string) =>
  w.req('POST', '/api/v1/auth/login', { body: { username, password }, address });
const later = (seconds: number) => {
  w.now.value = new Date(w.now.value.getTime() + seconds * 1000);
};
const audit = (action: string) =>
  w.db.prepare('SELECT subject, actor, after FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
    subject: string;
    actor: string;
    after: string;
  }[];

describe('wrong passwords for one account', () => {
  it('waits that double after three, then a lock that even the right password cannot pass, until an admin unlocks', async () => {
    const { accountFree, accountLock } = DEFAULT_THROTTLE;
    let wait = 0;
    for (let failures = 0; failures < accountLock; failures++) {
      if (failures >= accountFree) {
        // Too early: refused before the password is even looked at — the right one too.
        const early = await login('archB', PASSWORD, '10.1.0.1');
        expectProblem(early, 429);
        wait = 2 ** (failures - accountFree);
        expect(early.headers.get('retry-after')).toBe(String(wait));
        expect(early.body).toMatchObject({ type: 'https://sanheyi.dev/problems/too-many-requests', retryAfter: wait });
        later(wait);
      }
      expectProblem(await login('archB', `wrong password ${failures}`, '10.1.0.1'), 401);
    }
    const locked = await login('archB', PASSWORD, '10.1.0.2');
    expectProblem(locked, 403);
    expect(locked.body.type).toBe('https://sanheyi.dev/problems/account-locked');
    expect(locked.body.errors).toEqual([{ path: '/username', message: '账号已锁定' }]);
    later(3600);
    expectProblem(await login('archB', PASSWORD, '10.1.0.3'), 403);

    const user = (await w.as<User[]>('admin', 'GET', '/api/v1/users')).body.find((u) => u.username === 'archB')!;
    expect(user.lockedAt).not.toBeNull();
    expect(audit('auth.failure').filter((e) => e.subject === `user:${user.id}`)).toHaveLength(accountLock);
    expect(audit('user.lock').map((e) => e.subject)).toEqual([`user:${user.id}`]);
    // The lock ended the account's sessions.
    expectProblem(await w.as('archB', 'GET', '/api/v1/me'), 401);

    expectProblem(await w.as('archA', 'POST', `/api/v1/users/${user.id}/unlock`), 403);
    const unlocked = await w.as<User>('admin', 'POST', `/api/v1/users/${user.id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.lockedAt).toBeNull();
    expect(audit('user.unlock').at(-1)).toMatchObject({ subject: `user:${user.id}`, actor: 'admin' });
    expect((await login('archB', PASSWORD, '10.1.0.1')).status).toBe(200);
  });

  it('treats a name that does not exist the same way, so a lock does not tell which names exist', async () => {
    for (let failures = 0; failures < DEFAULT_THROTTLE.accountLock; failures++) {
      later(600);
      expectProblem(await login('nobody-here', 'guess guess', `10.2.0.${failures}`), 401);
    }
    const r = await login('nobody-here', 'guess guess', '10.2.0.99');
    expectProblem(r, 403);
    expect(r.body.type).toBe('https://sanheyi.dev/problems/account-locked');
    expect(audit('auth.failure').filter((e) => e.subject === 'login:nobody-here')).toHaveLength(DEFAULT_THROTTLE.accountLock);
  });

  it('hashes one attempt per account at a time: concurrent guesses are refused, not queued', async () => {
    later(3600);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => login('revY', `wrong password ${i}`, '10.3.0.1')));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 429, 429, 429, 429, 429]);
  });

  it('a right password forgets the account’s failures', async () => {
    later(3600);
    const free = DEFAULT_THROTTLE.accountFree;
    for (let i = 1; i < free; i++) expectProblem(await login('revP', 'wrong password', '10.4.0.1'), 401);
    expect((await login('revP', PASSWORD, '10.4.0.1')).status).toBe(200);
    // Without the reset the next attempt after these would have to wait.
    for (let i = 1; i < free; i++) expectProblem(await login('revP', 'wrong password', '10.4.0.1'), 401);
    expectProblem(await login('revP', 'wrong password', '10.4.0.1'), 401); // no wait: the count started again
  });
});

describe('wrong passwords from one client address', () => {
  it('refuses the address after 30 within 15 minutes, whatever the names, and audits it once', async () => {
    later(3600);
    const { addressLogins, windowSeconds } = DEFAULT_THROTTLE;
    for (let i = 0; i < addressLogins; i++) expectProblem(await login(`spray${i}`, 'Winter2026!', '10.5.0.1'), 401);
    const refused = await login('archA', PASSWORD, '10.5.0.1');
    expectProblem(refused, 429);
    expect(Number(refused.headers.get('retry-after'))).toBe(windowSeconds);
    // Another address is not affected; the limit counts IPv4-mapped addresses as the IPv4 address.
    expect((await login('archA', PASSWORD, '10.5.0.2')).status).toBe(200);
    expectProblem(await login('archA', PASSWORD, '::ffff:10.5.0.1'), 429);
    expect(audit('auth.limit').filter((e) => e.subject === 'address:10.5.0.1')).toHaveLength(1);
    later(windowSeconds);
    expect((await login('archA', PASSWORD, '10.5.0.1')).status).toBe(200);
  });

  it('counts an IPv6 client by its /64', async () => {
    later(3600);
    for (let i = 0; i < DEFAULT_THROTTLE.addressLogins; i++)
      expectProblem(await login(`v6user${i}`, 'guess guess', `2001:db8:1:2::${(i + 1).toString(16)}`), 401);
    expectProblem(await login('archA', PASSWORD, '2001:db8:1:2:ffff::1'), 429);
    expect((await login('archA', PASSWORD, '2001:db8:1:3::1')).status).toBe(200);
  });
});

describe('bad bearer tokens from one client address', () => {
  it('refuses the address after 20 tokens that were never issued; keys it already proved keep working', async () => {
    later(3600);
    const { key } = (await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: 'ERP' })).body;
    const classify = (token: string) =>
      w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, { token, body: { title: '年度计划' }, address: '10.6.0.1' });
    expect((await classify(key)).status).not.toBe(401);
    for (let i = 0; i < DEFAULT_THROTTLE.addressTokens; i++) {
      expectProblem(await classify(`shk_guess${String(i).padStart(40, 'x')}`), 401);
    }
    const refused = await classify('shk_guessnext0000000000000000000000000000000');
    expectProblem(refused, 429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await classify(key)).status).not.toBe(429);
    expect(
      audit('auth.limit')
        .filter((e) => e.subject === 'address:10.6.0.1')
        .map((e) => JSON.parse(e.after).kind),
    ).toEqual(['token']);
  });

  it('does not count a revoked key or an expired session as a guess', async () => {
    later(3600);
    const created = (await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: 'OA' })).body;
    expect((await w.as('archA', 'DELETE', `/api/v1/units/${w.ids.unitA}/api-keys/${created.id}`)).status).toBe(204);
    for (let i = 0; i < DEFAULT_THROTTLE.addressTokens + 5; i++) {
      expectProblem(await w.req('GET', '/api/v1/me', { token: created.key, address: '10.7.0.1' }), 401);
    }
  });
});

describe('client address behind a proxy', () => {
  let p: World;
  beforeAll(async () => {
    p = await world();
  });
  afterAll(() => p.close());

  it('believes X-Forwarded-For only from a configured proxy', async () => {
    const app = createApp({
      db: p.db,
      clock: () => p.now.value,
      log: () => {},
      scrypt: { N: 1024, r: 8, p: 1 },
      trustedProxies: ['10.9.0.1'],
    });
    const post = (address: string, forwarded: string, username: string) =>
      app.request(
        '/api/v1/auth/login',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
          body: JSON.stringify({ username, password: 'guess guess' }),
        },
        { incoming: { socket: { remoteAddress: address } } },
      );
    for (let i = 0; i < DEFAULT_THROTTLE.addressLogins; i++)
      expect((await post('10.9.0.1', `1.2.3.4, 10.9.0.1`, `px${i}`)).status).toBe(401);
    // The client behind the proxy is refused; another client through the same proxy is not.
    expect((await post('10.9.0.1', '1.2.3.4', 'px-next')).status).toBe(429);
    expect((await post('10.9.0.1', '5.6.7.8', 'px-next')).status).toBe(401);
    // From a socket that is not a proxy the header is the client's own claim and is ignored.
    for (let i = 0; i < DEFAULT_THROTTLE.addressLogins; i++) expect((await post('10.9.0.2', `9.9.9.${i}`, `py${i}`)).status).toBe(401);
    expect((await post('10.9.0.2', '9.9.9.200', 'py-next')).status).toBe(429);
  });
});
