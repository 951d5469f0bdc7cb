// Accounts in a real browser (issues 17.5, 17.6 and 12): the admin signs in with the password generated at the first
// start and is held on the password change until it is done; an account under a guessing wait is told so; the admin
// edits, disables and resets a user, a second admin confirms an admin the first set up, and an org is edited.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type Started, call, launchChromium, login, see, shot, signIn, startServer, tearDown } from './helpers.js';
import type { Org, Problem, Session, User } from '../../server/schemas/api/index.js';

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
    const bureau = (await call<Org>(server.base, 'POST', '/orgs', admin, { type: 'bureau', name: '某市档案局' })).body.id;
    const created = await call<User>(server.base, 'POST', '/users', admin, {
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
    const refused = await call<Problem>(server.base, 'POST', '/auth/login', undefined, { username: 'qian', password: 'qian-reviewer-pw1' });
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
});

describe('an admin administers accounts and organisations', () => {
  const ADMIN_PW = 'admin own password 1';

  it('edits a user, disables them (their session stops), resets a password, confirms a pending admin, edits an org', async () => {
    const admin = await login(server.base, 'admin', ADMIN_PW);
    const bureau = (await call<Org[]>(server.base, 'GET', '/orgs', admin)).body.find((o) => o.name === '某市档案局')!.id;
    const unit = await call<Org>(server.base, 'POST', '/orgs', admin, {
      type: 'unit',
      name: '甲有限公司',
      fonds: 'A001',
      kind: 'enterprise',
      supervisorId: bureau,
    });
    await call<Org>(server.base, 'POST', '/orgs', admin, {
      type: 'unit',
      name: '乙有限公司',
      fonds: 'B001',
      kind: 'enterprise',
      supervisorId: bureau,
    });
    const zhang = await call<User>(server.base, 'POST', '/users', admin, {
      username: 'zhang',
      password: 'zhang-archivist-1',
      displayName: '张三',
      role: 'archivist',
      orgId: unit.body.id,
    });
    expect(zhang.status).toBe(201);
    // A second admin: set up over the API (pending), confirmed by the operator at the console (trusted).
    const wang = await call<User>(server.base, 'POST', '/users', admin, {
      username: 'wang',
      password: 'wang-admin-pw-1',
      displayName: '王五',
      role: 'admin',
    });
    expect(wang.body.pendingBy).not.toBeNull();
    execFileSync(process.execPath, [join(ROOT, 'dist/server/cli/main.js'), 'users', 'confirm', 'wang', '--db', server.dbFile], {
      stdio: 'pipe',
    });

    // 张三 is signed in, in their own browser.
    const zhangPage = await signIn(browser, contexts, server.base, 'zhang', 'zhang-archivist-1');

    const page = await signIn(browser, contexts, server.base, 'admin', ADMIN_PW, ['clipboard-read', 'clipboard-write']);
    await page.getByRole('link', { name: '组织与用户', exact: true }).click();
    const users = page.getByRole('region', { name: '用户' });
    await users.getByRole('cell', { name: '张三', exact: true }).waitFor();
    await shot(page, 'accounts-admin-users', true);

    // Edit: a placement the rules refuse is told next to the field; then a new name is saved.
    await page.getByRole('button', { name: '修改 张三' }).click();
    const edit = page.getByRole('dialog', { name: '修改用户 张三' });
    // The form's own check first: an emptied name is said beside it, nothing is sent.
    await edit.getByLabel('姓名', { exact: true }).fill('  ');
    await edit.getByRole('button', { name: '保存' }).click();
    await see(page, '请填写姓名');
    expect(await edit.getByLabel('姓名', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await edit.getByLabel('姓名', { exact: true }).fill('张三');
    await edit.getByRole('combobox', { name: '角色', exact: true }).selectOption('reviewer');
    await edit.getByRole('button', { name: '保存' }).click();
    await see(page, '该单位没有下属单位');
    const orgSelect = edit.getByRole('combobox', { name: '所属组织', exact: true });
    expect(await orgSelect.getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'accounts-edit-user-error');
    await edit.getByRole('combobox', { name: '角色', exact: true }).selectOption('archivist');
    await edit.getByLabel('姓名', { exact: true }).fill('张三丰');
    await edit.getByRole('button', { name: '保存' }).click();
    await see(page, '已保存 张三丰');
    await users.getByRole('cell', { name: '张三丰', exact: true }).waitFor();

    // Disable, after an in-page question: 张三丰's open session stops working at once.
    await page.getByRole('button', { name: '停用 张三丰' }).click();
    const question = page.getByRole('alertdialog', { name: '请确认', exact: true });
    await question.waitFor();
    await shot(page, 'accounts-disable-confirm');
    await question.getByRole('button', { name: '停用', exact: true }).click();
    await see(page, '已停用 张三丰');
    await zhangPage.reload();
    await zhangPage.getByRole('button', { name: '登录' }).waitFor();
    await shot(zhangPage, 'accounts-disabled-user-signed-out');
    expect((await call(server.base, 'POST', '/auth/login', undefined, { username: 'zhang', password: 'zhang-archivist-1' })).status).toBe(
      401,
    );
    await page.getByRole('button', { name: '启用 张三丰' }).click();
    await see(page, '已启用 张三丰');

    // Reset the password: shown once, copyable; it signs in to a session that must change it.
    await page.getByRole('button', { name: '重设密码 张三丰' }).click();
    await question.getByRole('button', { name: '重设密码', exact: true }).click();
    const secret = page.getByRole('status', { name: '新密码' });
    await secret.waitFor();
    const password = (await secret.locator('code').textContent())!.trim();
    expect(password).toMatch(/^\S{16,}$/);
    await secret.getByRole('button', { name: '复制' }).click();
    await see(page, '已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
    await shot(page, 'accounts-reset-password');
    const fresh = await call<Session>(server.base, 'POST', '/auth/login', undefined, { username: 'zhang', password });
    expect([fresh.status, fresh.body.user.mustChangePassword]).toEqual([200, true]);
    await secret.getByRole('button', { name: '我已转交，关闭' }).click();

    // A new admin set up here waits for a different admin: not this one.
    const create = page.getByRole('form', { name: '新建用户' });
    await create.getByLabel('用户名（登录用）', { exact: true }).fill('zhao');
    await create.getByLabel('姓名', { exact: true }).fill('赵六');
    await create.getByLabel('初始密码（至少 10 位）', { exact: true }).fill('zhao-admin-pw-1');
    await create.getByRole('combobox', { name: '角色', exact: true }).selectOption('admin');
    await create.getByRole('button', { name: '新建用户' }).click();
    await see(page, '已新建用户 赵六；须由另一位管理员确认后才能登录');
    await see(page, '待另一位管理员确认（由系统管理员设立）');
    expect(await page.getByRole('button', { name: '确认 赵六' }).count()).toBe(0);
    const refused = await call<Problem>(server.base, 'POST', '/auth/login', undefined, { username: 'zhao', password: 'zhao-admin-pw-1' });
    expect([refused.status, refused.body.type]).toEqual([403, 'https://sanheyi.dev/problems/account-pending']);
    // At the sign-in form, 赵六 is told why, in Chinese.
    const zhaoContext = await browser.newContext({ locale: 'zh-CN' });
    contexts.push(zhaoContext);
    const zhaoPage = await zhaoContext.newPage();
    await zhaoPage.goto(`${server.base}/`);
    await zhaoPage.getByLabel('用户名', { exact: true }).fill('zhao');
    await zhaoPage.getByLabel('密码', { exact: true }).fill('zhao-admin-pw-1');
    await zhaoPage.getByRole('button', { name: '登录' }).click();
    await see(zhaoPage, '该管理员账号由系统管理员设立，须由另一位管理员确认后才能登录');
    await shot(zhaoPage, 'accounts-pending-admin-sign-in');

    const second = await signIn(browser, contexts, server.base, 'wang', 'wang-admin-pw-1');
    await second.getByRole('link', { name: '组织与用户', exact: true }).click();
    await second.getByRole('button', { name: '确认 赵六' }).click();
    await shot(second, 'accounts-confirm-admin');
    await second.getByRole('alertdialog', { name: '请确认', exact: true }).getByRole('button', { name: '确认管理员' }).click();
    await see(second, '已确认 赵六 为系统管理员，可用下面的密码登录');
    const handed = (await second.getByRole('status', { name: '新密码' }).locator('code').textContent())!.trim();
    await shot(second, 'accounts-confirmed-admin-password');
    // The password 系统管理员 chose is void; the one 王五 hands over signs in (to be changed first).
    expect((await call(server.base, 'POST', '/auth/login', undefined, { username: 'zhao', password: 'zhao-admin-pw-1' })).status).toBe(401);
    const zhao = await call<Session>(server.base, 'POST', '/auth/login', undefined, { username: 'zhao', password: handed });
    expect([zhao.status, zhao.body.user.mustChangePassword]).toEqual([200, true]);

    // Edit an org: a 全宗号 in use is told next to it; a free one is saved.
    const orgs = page.getByRole('region', { name: '组织' });
    await page.getByRole('button', { name: '修改 甲有限公司' }).click();
    const orgEdit = page.getByRole('dialog', { name: '修改单位 甲有限公司' });
    await orgEdit.getByLabel('全宗号', { exact: true }).fill('');
    await orgEdit.getByRole('button', { name: '保存' }).click();
    await see(page, '请填写全宗号');
    expect(await orgEdit.getByLabel('全宗号', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await orgEdit.getByLabel('全宗号', { exact: true }).fill('B001');
    await orgEdit.getByRole('button', { name: '保存' }).click();
    await see(page, '全宗号已被使用');
    expect(await orgEdit.getByLabel('全宗号', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'accounts-edit-org-error');
    await orgEdit.getByLabel('名称', { exact: true }).fill('甲股份有限公司');
    await orgEdit.getByLabel('全宗号', { exact: true }).fill('A009');
    await orgEdit.getByRole('button', { name: '保存' }).click();
    await see(page, '已保存“甲股份有限公司”');
    await orgs.getByRole('cell', { name: 'A009', exact: true }).waitFor();
    await shot(page, 'accounts-admin-after', true);
    // Readable on a phone: the action buttons stack, nothing pushes the page sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'accounts-admin-390', true);

    expect(page.problems).toEqual([]);
    expect(second.problems).toEqual([]);
    expect(zhangPage.problems).toEqual([]);
  }, 180_000);
});

// Last: it leaves `admin` under a guessing wait.
describe('guessing limits at sign-in', () => {
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
