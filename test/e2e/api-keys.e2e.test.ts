// End to end in a real browser: an archivist creates an expiring API key, a business system uses it, the list shows
// the expiry and the last use (time and address); the key is rotated — the new secret shown once and copied, the old
// one still working through the grace period and listed beside it — and the old one is revoked.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutChromium } from '../chromium.js';
import {
  type Started,
  type WatchedPage,
  launchChromium,
  see,
  seedOrgs,
  shot,
  signIn as signInAt,
  startServer,
  tearDown,
} from './helpers.js';

const ADMIN_PASSWORD = 'keys-admin-password';
const WANG = { username: 'wang', password: 'wang-archivist-pw1' };

let server: Started;
let browser: Browser;
const contexts: BrowserContext[] = [];
let unit = 0;

function signIn(): Promise<WatchedPage> {
  return signInAt(browser, contexts, server.base, WANG.username, WANG.password, ['clipboard-read', 'clipboard-write']);
}

/** A business system's classify call with `key`: authenticated (no approved table yet: 409) or refused (401). */
const classify = async (key: string) =>
  (
    await fetch(`${server.base}/api/v1/units/${unit}/classify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '关于年度工作计划的通知', date: '2026-03-01' }),
    })
  ).status;

describe.skipIf(withoutChromium('API key e2e in Chromium'))('API key lifecycle in a browser', () => {
  beforeAll(async () => {
    server = await startServer(ADMIN_PASSWORD);
    [unit] = (
      await seedOrgs(server.base, ADMIN_PASSWORD, {
        bureau: '温州市档案局',
        units: [{ name: '瓯江电气有限公司', fonds: 'W201' }],
        people: [{ ...WANG, displayName: '王档案', role: 'archivist', at: 0 }],
      })
    ).units;
    browser = await launchChromium();
  }, 120_000);

  afterAll(() => tearDown(contexts, browser, server));

  it('creates an expiring key, shows its last use, rotates it with a grace period and revokes the old one', async () => {
    const page = await signIn();
    await see(page, '还没有 API 密钥');
    const year = new Date().getFullYear() + 1;
    await page.getByLabel('密钥名称（说明给哪个系统用）', { exact: true }).fill('ERP 归档接口');
    await page.getByLabel('到期日期（可选，当日 24 时失效）', { exact: true }).fill(`${year}-06-30`);
    await page.getByRole('button', { name: '创建密钥' }).click();
    await see(page, '已创建密钥“ERP 归档接口”');
    const oldKey = await page.getByLabel('新 API 密钥（只显示这一次）', { exact: true }).inputValue();
    expect(oldKey).toMatch(/^shk_/);
    await page.getByRole('button', { name: '我已保存，关闭' }).click(); // not copied: asked in the page
    await page.getByRole('alertdialog', { name: '请确认', exact: true }).getByRole('button', { name: '已保存，关闭', exact: true }).click();
    const list = page.getByRole('table', { name: 'API 密钥' });
    await expect.poll(() => list.textContent()).toContain(`${year}-07-01 00:00`); // the end of 30 June, Beijing time
    expect(await list.textContent()).toContain('从未使用');

    // The business system uses it: the list (reloaded) shows when and from where.
    expect(await classify(oldKey)).toBe(409);
    await page.reload();
    await expect.poll(() => list.textContent()).toContain('来自 127.0.0.1');
    expect(await list.textContent()).not.toContain('从未使用');
    await shot(page, 'keys-01-last-used');

    // Rotation: the new secret once, copyable; the old one still works and is listed beside it.
    await page.getByRole('button', { name: '轮换密钥 ERP 归档接口' }).click();
    const form = page.getByRole('form', { name: '轮换密钥 ERP 归档接口' });
    expect(await form.getByLabel('旧密钥的过渡期').inputValue()).toBe('24');
    await form.getByLabel('旧密钥的过渡期').selectOption('72');
    await page.getByRole('button', { name: '轮换并显示新密钥' }).click();
    await see(page, '已轮换密钥“ERP 归档接口”');
    await see(page, `旧密钥（${oldKey.slice(0, 12)}…）在`);
    const newKey = await page.getByLabel('新 API 密钥（只显示这一次）', { exact: true }).inputValue();
    expect(newKey).toMatch(/^shk_/);
    expect(newKey).not.toBe(oldKey);
    await page.getByRole('button', { name: '复制密钥' }).click();
    await see(page, '已复制 ✓');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(newKey);
    await shot(page, 'keys-02-rotated');
    expect(await classify(oldKey)).toBe(409);
    expect(await classify(newKey)).toBe(409);
    await page.getByRole('button', { name: '我已保存，关闭' }).click();
    await expect.poll(() => list.locator('tbody tr').count()).toBe(2);
    const rows = await list.locator('tbody tr').allTextContents();
    expect(rows.find((r) => r.includes(newKey.slice(0, 12)))).toContain('有效');
    const oldRow = rows.find((r) => r.includes(oldKey.slice(0, 12)))!;
    expect(oldRow).toContain('已轮换，过渡期内有效');
    expect(oldRow).toContain('过渡期至');
    // Neither secret is left on the page.
    const shown = await page
      .locator('sh-api-keys')
      .evaluate((el) =>
        [el.shadowRoot?.textContent ?? '', ...Array.from(el.shadowRoot?.querySelectorAll('input') ?? [], (i) => i.value)].join('\n'),
      );
    expect(shown).not.toContain(oldKey.slice(12));
    expect(shown).not.toContain(newKey.slice(12));

    // The old one revoked before its grace period ends: refused at once, the new one unaffected.
    await page.getByRole('button', { name: `吊销密钥 ERP 归档接口（${oldKey.slice(0, 12)}…）` }).click();
    await page.getByRole('alertdialog', { name: '请确认', exact: true }).getByRole('button', { name: '吊销', exact: true }).click();
    await expect.poll(() => list.textContent()).toContain('已吊销');
    expect(await classify(oldKey)).toBe(401);
    expect(await classify(newKey)).toBe(409);
    await shot(page, 'keys-03-old-revoked');
    expect(page.problems).toEqual([]);
  }, 120_000);
});
