// Accounts in a real browser (issues 17.5 and 12): the admin signs in with the password generated at the first
// start and is held on the password change until it is done; an account under a guessing wait is told so.
import Database from 'better-sqlite3';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, call, launchChromium, login, see, shot, signIn, startServer, tearDown } from './helpers.js';

let server: Started;
let browser: Browser;
const contexts: BrowserContext[] = [];
let generated = '';

beforeAll(async () => {
  server = await startServer(undefined);
  generated = /初始密码：(\S+)/.exec(server.stderr())![1];
  browser = await launchChromium();
}, 120_000);

afterAll(() => tearDown(contexts, browser, server));

describe('first sign-in with the generated admin password', () => {
  it('shows only the password change until the admin has set their own', async () => {
    const page = await signIn(browser, contexts, server.base, 'admin', generated);
    await see(page, '请先设置自己的新密码');
    expect(await page.getByRole('navigation', { name: '主导航' }).count()).toBe(0);
    await shot(page, 'accounts-forced-password-change');
    // Going elsewhere by address keeps the change page.
    await page.goto(`${server.base}/#/admin`);
    await see(page, '请先设置自己的新密码');
    await page.getByLabel('当前密码').fill(generated);
    await page.getByLabel('新密码（至少 10 位）').fill('admin own password 1');
    await page.getByLabel('再次输入新密码').fill('admin own password 1');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('link', { name: '组织与用户', exact: true }).waitFor();
    await shot(page, 'accounts-after-password-change');
    expect(page.problems).toEqual([]);
  });

  it('the admin page shows a locked account and unlocks it', async () => {
    const admin = await login(server.base, 'admin', 'admin own password 1');
    const bureau = (await call(server.base, 'POST', '/orgs', admin, { type: 'bureau', name: '某市档案局' })).body.id;
    const created = await call(server.base, 'POST', '/users', admin, {
      username: 'qian',
      password: 'qian-reviewer-pw1',
      displayName: '钱审核',
      role: 'reviewer',
      orgId: bureau,
    });
    expect(created.status).toBe(201);
    // As the throttle stores a lock after ten wrong passwords in a row (the HTTP tests drive that with a clock).
    const db = new Database(server.dbFile);
    db.prepare("UPDATE users SET locked_at = '2026-12-02T06:00:00.000Z' WHERE username = 'qian'").run();
    db.close();
    const refused = await call(server.base, 'POST', '/auth/login', undefined, { username: 'qian', password: 'qian-reviewer-pw1' });
    expect([refused.status, refused.body.type]).toEqual([403, 'https://sanheyi.dev/problems/account-locked']);

    const page = await signIn(browser, contexts, server.base, 'admin', 'admin own password 1');
    await page.getByRole('link', { name: '组织与用户', exact: true }).click();
    await see(page, '因多次密码错误锁定');
    await shot(page, 'accounts-admin-locked-user');
    await page.getByRole('button', { name: '解锁 钱审核' }).click();
    await see(page, '已解锁 钱审核');
    expect(await page.getByRole('button', { name: '解锁 钱审核' }).count()).toBe(0);
    expect((await call(server.base, 'POST', '/auth/login', undefined, { username: 'qian', password: 'qian-reviewer-pw1' })).status).toBe(
      200,
    );
    expect(page.problems).toEqual([]);
  });

  it('tells an account under a guessing wait so at sign-in, in Chinese', async () => {
    // Three wrong passwords are answered at once; then each needs a wait that doubles (1, 2, 4 s…): after six, 8 s.
    for (let i = 0; i < 6; i++) {
      if (i >= 3) await new Promise((r) => setTimeout(r, 2 ** (i - 3) * 1000 + 150));
      const r = await call(server.base, 'POST', '/auth/login', undefined, { username: 'admin', password: `wrong password ${i}` });
      expect(r.status).toBe(401);
    }
    const context = await browser.newContext({ locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.base}/`);
    await page.getByLabel('用户名', { exact: true }).fill('admin');
    await page.getByLabel('密码', { exact: true }).fill('admin own password 1');
    await page.getByRole('button', { name: '登录' }).click();
    await see(page, '密码错误次数过多，请稍后再试');
    await shot(page, 'accounts-sign-in-throttled');
  });
});
