// End to end in a real browser: an archivist registers a webhook on the unit page (the secret shown once), the
// reviewer approves a version, and the hook's delivery log shows the signed event delivered to a local receiver;
// then the archivist changes the hook's address and events, rotates its secret (shown once), disables and enables it.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../server/engine/dates.js';
import { verifySignature } from '../../server/services/webhooks/signature.js';
import { withoutChromium } from '../chromium.js';
import { type Started, call, launchChromium, login, see, seedOrgs, shot, signIn, startServer, tearDown } from './helpers.js';
import type { SchemeWithVersions, WebhookWire } from '../../server/schemas/api/index.js';

const ADMIN_PASSWORD = 'webhooks-admin-password';
const LI = { username: 'li', password: 'li-archivist-pw1' };
const ZHAO = { username: 'zhao', password: 'zhao-reviewer-pw1' };

let server: Started;
let browser: Browser;
const contexts: BrowserContext[] = [];
let unit = 0;
let receiver: Server;
const received: { signature: string; body: string }[] = [];

describe.skipIf(withoutChromium('webhooks page in Chromium'))('webhooks on the unit page', () => {
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c));
      req.on('end', () => {
        received.push({ signature: String(req.headers['sanheyi-signature']), body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    server = await startServer(ADMIN_PASSWORD);
    [unit] = (
      await seedOrgs(server.base, ADMIN_PASSWORD, {
        bureau: '宁波市档案局',
        units: [{ name: '华东新材料股份有限公司', fonds: 'Z101' }],
        people: [
          { ...LI, displayName: '李档案', role: 'archivist', at: 0 },
          { ...ZHAO, displayName: '赵审核', role: 'reviewer', at: 'bureau' },
        ],
      })
    ).units;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await tearDown(contexts, browser, server);
    await new Promise((r) => receiver.close(r));
  });

  it('registers a hook, shows its secret once, and lists the delivered version.approved', async () => {
    const page = await signIn(browser, contexts, server.base, LI.username, LI.password);
    await see(page, 'Webhook 通知');
    await see(page, '还没有 Webhook');
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await page.getByLabel('接收地址', { exact: true }).fill(url);
    await page.getByRole('button', { name: '登记 Webhook' }).click();
    await see(page, '请现在保存签名密钥');
    const secret = await page.getByLabel('签名密钥（只显示这一次）', { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await shot(page, 'webhooks-1-created');
    await page.locator('sh-webhooks').getByRole('button', { name: '我已保存，关闭' }).click();
    const hooks = page.getByRole('table', { name: 'Webhook' });
    await expect.poll(() => hooks.textContent()).toContain(url);

    // The archivist's scheme is approved by the bureau (through the API): the event is sent at once.
    const li = await login(server.base, LI.username, LI.password);
    const zhao = await login(server.base, ZHAO.username, ZHAO.password);
    const scheme = (
      await call<SchemeWithVersions>(server.base, 'POST', `/units/${unit}/schemes`, li, {
        name: '文书档案三合一表',
        baseline: 'enterprise-baseline',
      })
    ).body;
    expect((await call(server.base, 'POST', `/schemes/${scheme.id}/versions/1/submit`, li)).status).toBe(200);
    const approval = {
      approvalNumber: '甬档复〔2026〕5号',
      decidedOn: chinaDate(new Date()),
      effectiveFrom: '2026-01-10',
      backdateReason: '按年初会议决定自1月10日起执行',
    };
    expect((await call(server.base, 'POST', `/schemes/${scheme.id}/versions/1/approve`, zhao, approval)).status).toBe(200);
    await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(verifySignature(secret, received[0].body, received[0].signature, Math.floor(Date.now() / 1000))).toBe(true);

    await page.getByRole('button', { name: '投递记录' }).click();
    const log = page.getByRole('table', { name: '投递记录' });
    await expect.poll(() => log.textContent()).toContain('version.approved');
    expect(await log.textContent()).toContain('已送达');
    expect(await log.textContent()).toContain('HTTP 204');
    await shot(page, 'webhooks-2-delivered');
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('changes the address and events with a new secret, then disables and enables the hook', async () => {
    const page = await signIn(browser, contexts, server.base, LI.username, LI.password);
    const hooks = page.getByRole('table', { name: 'Webhook' });
    const old = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await expect.poll(() => hooks.textContent()).toContain(old);
    await page.getByRole('button', { name: `修改 Webhook ${old}` }).click();
    const form = page.getByRole('form', { name: `修改 Webhook ${old}` });
    await form.getByLabel('接收地址', { exact: true }).fill(`${old}-v2`);
    await form.getByLabel('待判断记录已判断（review.decided）').check();
    await form.getByLabel('同时轮换签名密钥', { exact: false }).check();
    await form.getByRole('button', { name: '保存修改' }).click();
    await page.getByRole('alertdialog', { name: '请确认', exact: true }).getByRole('button', { name: '轮换密钥', exact: true }).click();
    await see(page, '生成新的签名密钥');
    const secret = await page.getByLabel('签名密钥（只显示这一次）', { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expect.poll(() => hooks.textContent()).toContain(`${old}-v2`);
    expect(await hooks.textContent()).toContain('review.decided');
    await shot(page, 'webhooks-3-changed');
    await page.locator('sh-webhooks').getByRole('button', { name: '我已保存，关闭' }).click();

    await page.getByRole('button', { name: `停用 Webhook ${old}-v2` }).click();
    await page.getByRole('alertdialog', { name: '请确认', exact: true }).getByRole('button', { name: '停用', exact: true }).click();
    await expect.poll(() => hooks.textContent()).toContain('已停用');
    const li = await login(server.base, LI.username, LI.password);
    const [hook] = (await call<WebhookWire[]>(server.base, 'GET', `/units/${unit}/webhooks`, li)).body;
    expect(hook).toMatchObject({ url: `${old}-v2`, active: false, events: ['version.approved', 'version.in-force', 'review.decided'] });
    await shot(page, 'webhooks-4-disabled');
    await page.getByRole('button', { name: `启用 Webhook ${old}-v2` }).click();
    await expect.poll(() => hooks.textContent()).not.toContain('已停用');
    expect((await call<WebhookWire>(server.base, 'GET', `/units/${unit}/webhooks/${hook.id}`, li)).body.active).toBe(true);
    expect(page.problems).toEqual([]);
  }, 120_000);
});
