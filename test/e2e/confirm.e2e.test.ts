// The in-page question (sh-confirm) instead of window.confirm() (issue 12): deleting a class or an exclusion asks in
// the page; 取消 (or Esc) keeps it, the red button deletes it. No native dialog is ever opened.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, call, launchChromium, login, see, seedOrgs, shot, signIn, startServer, tearDown } from './helpers.js';
import type { SchemeWithVersions } from '../../server/schemas/api/index.js';

const ADMIN = 'admin password for confirm 1';
let server: Started;
let browser: Browser;
const contexts: BrowserContext[] = [];
let scheme = 0;

beforeAll(async () => {
  server = await startServer(ADMIN);
  browser = await launchChromium();
  const [unit] = (
    await seedOrgs(server.base, ADMIN, {
      bureau: '某市档案局',
      units: [{ name: '甲有限公司', fonds: 'A001' }],
      people: [{ username: 'li', password: 'li-archivist-pw1', displayName: '李档案', role: 'archivist', at: 0 }],
    })
  ).units;
  const li = await login(server.base, 'li', 'li-archivist-pw1');
  scheme = (
    await call<SchemeWithVersions>(server.base, 'POST', `/units/${unit}/schemes`, li, {
      name: '文书档案三合一表',
      baseline: 'enterprise-baseline',
    })
  ).body.id;
}, 120_000);

afterAll(() => tearDown(contexts, browser, server));

describe('deleting asks in the page', () => {
  it('a class and an exclusion: 取消 keeps them, 删除 deletes them', async () => {
    const page = await signIn(browser, contexts, server.base, 'li', 'li-archivist-pw1');
    const native: string[] = [];
    page.on('dialog', (d) => native.push(d.message()));
    await page.goto(`${server.base}/#/schemes/${scheme}`);
    await page.getByRole('tab', { name: '编辑三合一表' }).waitFor();

    // A class with no rows under it can go.
    await page.getByRole('button', { name: '＋ 添加门类' }).click();
    await page.getByLabel('新门类代码', { exact: true }).fill('ZZ');
    await page.getByLabel('新门类名称', { exact: true }).fill('临时类目');
    await page.getByRole('button', { name: '添加门类', exact: true }).click();
    const node = page.getByRole('button', { name: /^门类 ZZ 临时类目/ });
    await node.click();
    await page.getByLabel('编辑类目 ZZ').getByRole('button', { name: '删除', exact: true }).click();
    const question = page.getByRole('alertdialog', { name: '请确认', exact: true });
    await see(page, '删除类目“临时类目”？');
    await shot(page, 'confirm-delete-class');
    await question.getByRole('button', { name: '取消' }).click();
    await question.waitFor({ state: 'hidden' });
    expect(await node.count()).toBe(1);
    await page.getByLabel('编辑类目 ZZ').getByRole('button', { name: '删除', exact: true }).click();
    await question.getByRole('button', { name: '删除', exact: true }).click();
    await expect.poll(() => node.count()).toBe(0);

    // Esc answers no, too.
    await page.getByRole('tab', { name: /^不归档范围（\d+）$/ }).click();
    const tabCount = async () => Number(/（(\d+)）/.exec((await page.getByRole('tab', { name: /^不归档范围/ }).textContent()) ?? '')?.[1]);
    const before = await tabCount();
    expect(before).toBeGreaterThan(0);
    await page.getByRole('button', { name: '删除此条目' }).click();
    await question.waitFor();
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'hidden' });
    expect(await tabCount()).toBe(before);
    await page.getByRole('button', { name: '删除此条目' }).click();
    await question.getByRole('button', { name: '删除', exact: true }).click();
    await expect.poll(tabCount).toBe(before - 1);

    expect(native).toEqual([]);
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('leaving a workbench with unsaved edits: 留在此页 keeps the page and the edits, 离开 goes', async () => {
    const page = await signIn(browser, contexts, server.base, 'li', 'li-archivist-pw1');
    const native: string[] = [];
    page.on('dialog', (d) => native.push(d.message()));
    await page.goto(`${server.base}/#/schemes/${scheme}`);
    await page.getByRole('tab', { name: '编辑三合一表' }).waitFor();
    await page.getByRole('button', { name: '＋ 添加门类' }).click();
    await page.getByLabel('新门类代码', { exact: true }).fill('YY');
    await page.getByLabel('新门类名称', { exact: true }).fill('未保存的门类');
    await page.getByRole('button', { name: '添加门类', exact: true }).click();
    const here = page.url();

    await page.getByRole('link', { name: '本单位三合一表' }).click();
    const question = page.getByRole('alertdialog', { name: '请确认', exact: true });
    await see(page, '有未保存的修改，离开后将丢失。确定离开？');
    expect(page.url()).toBe(here); // the address waits for the answer
    await shot(page, 'confirm-leave-unsaved');
    await question.getByRole('button', { name: '留在此页' }).click();
    await question.waitFor({ state: 'hidden' });
    expect(page.url()).toBe(here);
    expect(await page.getByRole('button', { name: /^门类 YY 未保存的门类/ }).count()).toBe(1);

    await page.getByRole('link', { name: '本单位三合一表' }).click();
    await question.getByRole('button', { name: '离开，不保存' }).click();
    await expect.poll(() => page.url()).not.toBe(here);
    expect(await page.getByRole('tab', { name: '编辑三合一表' }).count()).toBe(0);
    expect(native).toEqual([]);
    expect(page.problems).toEqual([]);
  }, 120_000);
});
