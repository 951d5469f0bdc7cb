// End to end in a real browser: errors stand next to the field, in Chinese. Forms check themselves (novalidate, so no
// English validation bubble); the workbench puts the service's validation errors under the control their path names;
// a refused import says each problem in its cell.
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  type Started,
  type WatchedPage,
  call,
  launchChromium,
  login,
  see,
  shot,
  signIn as signInAt,
  startServer,
  tearDown,
} from './helpers.js';
import { withoutChromium } from '../chromium.js';
import type { Org, User } from '../../server/schemas/api/index.js';

const ADMIN_PASSWORD = 'field-errors-admin-password';
const LI = { username: 'li', password: 'li-archivist-pw1' };
const FIXTURES = join(ROOT, 'test', 'fixtures', 'spreadsheets');
const FILE_LABEL = '表格文件（.xlsx 或 .csv，不超过 10 MB）';

let server: Started;
let browser: Browser;
const contexts: BrowserContext[] = [];

/**
 * Console errors of a page (each test expects none). Chromium logs every 4xx answer as “Failed to load resource”: a
 * refused import (422) is the answer the test asks for, not an error of the page.
 */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()))
      errors.push(m.text());
  });
  return errors;
}

/** Every form in the page and its shadow roots that would let the browser show its own validation bubble. */
function formsWithBubbles(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (el instanceof HTMLFormElement && !el.noValidate) out.push(el.outerHTML.slice(0, 120));
      }
    };
    walk(document);
    return out;
  });
}

/** The control's error as the person meets it: marked invalid, and the text of the element its aria-describedby names. */
async function errorOf(control: Locator): Promise<{ invalid: string | null; message: string }> {
  return control.evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const root = el.getRootNode() as Document | ShadowRoot;
    const message = ids
      .map((id) => root.getElementById?.(id) ?? (root as ShadowRoot).querySelector(`#${CSS.escape(id)}`))
      .filter((x) => x?.classList.contains('field-error'))
      .map((x) => x?.textContent?.trim() ?? '')
      .join(' ');
    return { invalid: el.getAttribute('aria-invalid'), message };
  });
}

/** The focused element, through shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('name') ?? el?.id ?? null;
  });

describe.skipIf(withoutChromium('field errors e2e in Chromium'))('errors next to the field, in a browser', () => {
  beforeAll(async () => {
    server = await startServer(ADMIN_PASSWORD);
    const admin = await login(server.base, 'admin', ADMIN_PASSWORD);
    const bureau = (await call<Org>(server.base, 'POST', '/orgs', admin, { type: 'bureau', name: '宁波市档案局' })).body.id;
    const unit = (
      await call<Org>(server.base, 'POST', '/orgs', admin, {
        type: 'unit',
        name: '华东新材料股份有限公司',
        fonds: 'Z101',
        kind: 'enterprise',
        supervisorId: bureau,
      })
    ).body.id;
    const user = await call<User>(server.base, 'POST', '/users', admin, { ...LI, displayName: '李档案', role: 'archivist', orgId: unit });
    expect(user.status).toBe(201);
    browser = await launchChromium();
  }, 120_000);

  afterAll(() => tearDown(contexts, browser, server));

  it('the sign-in form says an empty field in Chinese beside it, with no browser bubble', async () => {
    // An English browser would show “Please fill out this field.” for a native `required`.
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    const consoleErrors = watchConsole(page);
    await page.goto(server.base + '/');
    const username = page.getByLabel('用户名', { exact: true });
    await username.waitFor();
    expect(await formsWithBubbles(page)).toEqual([]);
    await page.getByRole('button', { name: '登录' }).click();
    expect(await errorOf(username)).toEqual({ invalid: 'true', message: '必填' });
    expect(await errorOf(page.getByLabel('密码', { exact: true }))).toEqual({ invalid: 'true', message: '必填' });
    expect(await focused(page)).toBe('username');
    await shot(page, 'field-errors-01-sign-in');

    // Filling the name clears its message at the next try; the password's stays.
    await username.fill('li');
    await page.getByRole('button', { name: '登录' }).click();
    expect(await errorOf(username)).toEqual({ invalid: 'false', message: '' });
    expect((await errorOf(page.getByLabel('密码', { exact: true }))).message).toBe('必填');
    expect(await focused(page)).toBe('password');
    expect(consoleErrors).toEqual([]);
  });

  it('the new-table form and the workbench rows say what is wrong at the field', async () => {
    const page = await signInAt(browser, contexts, server.base, LI.username, LI.password);
    const consoleErrors = watchConsole(page);
    await see(page, '还没有三合一表');
    expect(await formsWithBubbles(page)).toEqual([]);

    // An empty name: said under 表名, the focus there, nothing sent.
    const name = page.getByLabel('表名', { exact: true });
    await name.fill('  ');
    await page.getByRole('button', { name: '从基线复制新建' }).click();
    expect(await errorOf(name)).toEqual({ invalid: 'true', message: '必填' });
    expect(await focused(page)).toBe('name');
    await shot(page, 'field-errors-02-new-table');
    await name.fill('华东新材料三合一表');
    await page.getByRole('button', { name: '从基线复制新建' }).click();
    await page.getByRole('tab', { name: '编辑三合一表' }).waitFor();
    expect(await formsWithBubbles(page)).toEqual([]);

    // A row without a class: the service's live check names /items/…/class, shown under 所属类目.
    await page.getByRole('button', { name: '条款 8.4.4', exact: true }).click();
    const editor = page.locator('sh-item-editor');
    const classSelect = editor.getByRole('combobox', { name: /^所属类目/ });
    await classSelect.selectOption('');
    await expect.poll(async () => (await errorOf(classSelect)).message).toBe('条款缺少所属类目');
    expect((await errorOf(classSelect)).invalid).toBe('true');
    expect(await editor.locator('[data-row-errors]').textContent()).toContain('此条款有 1 处需要修正，已在相应项目下标出');
    expect(await page.locator('sh-item-table tr[data-item="8.4.4"]').textContent()).toContain('1 处错误');
    await classSelect.scrollIntoViewIfNeeded();
    await shot(page, 'field-errors-03-row-class');

    // Two branches of one name: the second branch's name says so (its path is /items/…/retention/1/label).
    await classSelect.selectOption({ index: 1 });
    await expect.poll(async () => (await errorOf(classSelect)).message).toBe('');
    await editor.getByLabel('分情况（如 重要的 / 一般的）').check();
    const second = editor.getByRole('group', { name: /^分支 2：/ }).getByLabel('分支名称', { exact: true });
    await second.fill('重要的');
    await second.press('Tab');
    await expect.poll(async () => (await errorOf(second)).message).toBe('分支“重要的”重复');
    const first = editor.getByRole('group', { name: /^分支 1：/ }).getByLabel('分支名称', { exact: true });
    expect(await errorOf(first)).toEqual({ invalid: 'false', message: '' });
    await shot(page, 'field-errors-04-branch-name');

    // The messages are words: no pattern, no type names, no pointer.
    const text = await editor.evaluate((el) => el.shadowRoot?.textContent ?? '');
    expect(text).not.toMatch(/匹配模式|anyOf|string 类型|\/items\//);
    expect(consoleErrors).toEqual([]);
    expect((page as WatchedPage).problems).toEqual([]);
  }, 120_000);

  it('an import with a bad cell says it in that cell, and an empty name under its input', async () => {
    const page = await signInAt(browser, contexts, server.base, LI.username, LI.password);
    const consoleErrors = watchConsole(page);
    await page.getByRole('button', { name: '从 Excel/CSV 导入' }).click();
    const dialog = page.getByRole('dialog', { name: '从 Excel/CSV 导入三合一表' });
    await dialog.waitFor();
    await page.getByLabel(FILE_LABEL, { exact: true }).setInputFiles(join(FIXTURES, 'bad-rows.xlsx'));
    await see(page, '表格有 2 处问题，未导入任何内容');
    const cell = dialog.locator('tr[data-row="5"] td.bad');
    expect(await cell.count()).toBe(1);
    expect(await cell.locator('.cell-error').textContent()).toContain('无法识别的保管期限“8年”');
    await cell.scrollIntoViewIfNeeded();
    await shot(page, 'field-errors-05-import-cell');

    // A table that can be imported, with its name cleared: said under the name, not in a banner.
    await page.getByLabel(FILE_LABEL, { exact: true }).setInputFiles(join(FIXTURES, 'levels-merged.xlsx'));
    await see(page, '表格可以导入');
    const name = page.getByLabel('新三合一表名称', { exact: true });
    await name.fill('');
    await page.getByRole('button', { name: '导入为新草稿' }).click();
    await expect.poll(async () => (await errorOf(name)).message).toBe('请填写新三合一表名称');
    expect(await focused(page)).toBe('name');
    await name.scrollIntoViewIfNeeded();
    await shot(page, 'field-errors-06-import-name');
    expect(consoleErrors).toEqual([]);
    expect((page as WatchedPage).problems).toEqual([]);
  }, 60_000);
});
