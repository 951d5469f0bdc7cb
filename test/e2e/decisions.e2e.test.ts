// The closed loop in a real browser: a business system's reviews reach the archivist's inbox grouped by row and
// missing field, are decided in one go and one becomes a test of the draft; the decision log lists and filters what
// was classified; the workbench's impact panel says what the draft would change.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { chinaDate } from '../../server/engine/dates.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Started,
  call as callAt,
  launchChromium,
  login,
  see,
  seedOrgs,
  shot,
  signIn as signInAt,
  startServer,
  tearDown,
} from './helpers.js';
import type { ApiKeyCreated, SchemeWithVersions, Version } from '../../server/schemas/api/index.js';

const ADMIN_PASSWORD = 'decisions-admin-password';
const PASSWORDS = { li: 'li-archivist-pw01', wang: 'wang-reviewer-pw1' } as const;

let server: Started;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const ids = { unit: 0, scheme: 0 };
let archivist = '';
const call = <T = unknown>(method: string, path: string, token?: string, body?: unknown) => callAt<T>(base, method, path, token, body);
const signIn = (username: string, password: string) => signInAt(browser, contexts, base, username, password);

beforeAll(async () => {
  server = await startServer(ADMIN_PASSWORD);
  base = server.base;
  [ids.unit] = (
    await seedOrgs(base, ADMIN_PASSWORD, {
      bureau: '宁波市档案局',
      units: [{ name: '甬江港务有限公司', fonds: 'N101' }],
      people: [
        { username: 'li', password: PASSWORDS.li, role: 'archivist', at: 0 },
        { username: 'wang', password: PASSWORDS.wang, role: 'reviewer', at: 'bureau' },
      ],
    })
  ).units;
  archivist = await login(base, 'li', PASSWORDS.li);
  const reviewer = await login(base, 'wang', PASSWORDS.wang);
  // Contracts without an amount cannot be decided by this table: they go to review. Everything is kept 永久 so
  // that the national floor (the shipped enterprise baseline) has nothing to refuse.
  const doc = JSON.parse(readFileSync(new URL('../http/fixtures/rulesets/demo-enterprise.json', import.meta.url), 'utf8'));
  const row = doc.items.find((i: { id: string }) => i.id === '2');
  row.retention = [
    { label: '重要的', when: { '>=': [{ var: 'amount' }, 1000000] }, code: 'Y' },
    { label: '一般的', when: { and: [{ '!!': [{ var: 'amount' }] }, { '<': [{ var: 'amount' }, 1000000] }] }, code: 'Y' },
  ];
  for (const id of ['1.2', '3']) doc.items.find((i: { id: string }) => i.id === id).retention = 'Y';
  doc.tests = [{ name: '放假通知', record: { title: '关于放假的通知' }, expect: { outcome: 'file', item: '3', retention: 'Y' } }];
  row.review = '合同金额未知，请按合同金额判断';
  const created = await call<SchemeWithVersions>('POST', `/units/${ids.unit}/schemes`, archivist, { name: '文书档案', document: doc });
  expect(created.status).toBe(201);
  ids.scheme = created.body.id;
  const submitted = await call('POST', `/schemes/${ids.scheme}/versions/1/submit`, archivist);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const approval = {
    approvalNumber: '甬档复〔2026〕3号',
    decidedOn: chinaDate(new Date()),
    effectiveFrom: '2026-01-05',
    backdateReason: '按年初会议决定自1月5日起执行',
    justification: '本表未引用国家基线',
  };
  expect((await call('POST', `/schemes/${ids.scheme}/versions/1/approve`, reviewer, approval)).status).toBe(200);
  const key = (await call<ApiKeyCreated>('POST', `/units/${ids.unit}/api-keys`, archivist, { name: 'OA' })).body.key;
  for (const title of ['1号采购合同', '2号租赁合同', '3号服务合同', '关于放假的通知'])
    expect((await call('POST', `/units/${ids.unit}/classify`, key, { title })).status).toBe(200);
  // A draft the decisions can turn into tests, and whose impact can be assessed: 通知 kept 30 years instead of 永久.
  expect((await call('POST', `/schemes/${ids.scheme}/versions`, archivist, { from: 1 })).status).toBe(201);
  const v2 = await fetch(`${base}/api/v1/schemes/${ids.scheme}/versions/2`, { headers: { authorization: `Bearer ${archivist}` } });
  const body = (await v2.json()) as { document: { items: { id: string; retention: unknown }[] } };
  body.document.items.find((i) => i.id === '3')!.retention = 'D30';
  const put = await fetch(`${base}/api/v1/schemes/${ids.scheme}/versions/2/document`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${archivist}`, 'content-type': 'application/json', 'if-match': v2.headers.get('etag')! },
    body: JSON.stringify(body.document),
  });
  expect(put.status).toBe(200);
  browser = await launchChromium();
}, 120_000);

afterAll(() => tearDown(contexts, browser, server));

describe('the archivist and the business system’s reviews', () => {
  it('decides the grouped reviews at once and turns one into a test of the draft', async () => {
    const page = await signIn('li', PASSWORDS.li);
    await page.getByRole('link', { name: '分类记录与待判断' }).click();
    await see(page, '3 条记录待判断');
    const group = page.getByRole('button', { name: /3 条「合同、协议」（条款 2）缺少 amount/ });
    await group.click();
    await page.getByRole('checkbox', { name: '全选' }).check();
    const form = page.getByRole('form', { name: '判断所选记录' });
    // 不归档 without a reason: said beside the field in Chinese (the form is novalidate: no browser bubble), nothing sent.
    expect(await form.evaluate((f) => (f as HTMLFormElement).noValidate)).toBe(true);
    await form.getByLabel('结论').selectOption('exclude');
    await form.getByRole('button', { name: '判断所选（3 条）' }).click();
    const reason = form.getByLabel('不归档理由', { exact: true });
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await reason.getAttribute('aria-describedby')) ?? '';
    expect(await form.locator(`#${describedBy}`).textContent()).toBe('必填');
    await shot(page, 'decisions-inbox-reason-missing');
    await see(page, '3 条记录待判断');
    await form.getByLabel('结论').selectOption('file');
    await form.getByLabel('归入条款').fill('2');
    await form.getByLabel('保管期限').selectOption('Y');
    await form.getByRole('button', { name: '判断所选（3 条）' }).click();
    await see(page, '没有待判断的记录');
    await see(page, '已判断的记录');
    await shot(page, 'decisions-inbox-decided');
    await page.getByRole('button', { name: '转为测试' }).first().click();
    await see(page, '已加入草稿第 2 版的测试');
    const v2 = await call<Version>('GET', `/schemes/${ids.scheme}/versions/2`, archivist);
    expect(v2.body.document.tests!.at(-1)!.expect).toEqual({ outcome: 'file', item: '2', retention: 'Y' });
    // Another day: the decisions are still listed (from the service), and another one becomes a test.
    await page.reload();
    const decided = page.getByRole('table', { name: '已判断的记录' });
    await decided.getByRole('row').nth(3).waitFor();
    expect(await decided.getByRole('row').count()).toBe(4); // header + 3 decisions
    await decided.getByRole('button', { name: '转为测试' }).nth(1).click();
    await see(page, '已加入草稿第 2 版的测试');
    await shot(page, 'decisions-decided-list');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'decisions-decided-list-390', true);
    await page.setViewportSize({ width: 1280, height: 800 });
    const again = await call<Version>('GET', `/schemes/${ids.scheme}/versions/2`, archivist);
    expect(again.body.document.tests).toHaveLength(v2.body.document.tests!.length + 1);
  });

  it('lists and filters the decision log', async () => {
    const page = await signIn('li', PASSWORDS.li);
    await page.goto(`${base}/#/units/${ids.unit}/decisions`);
    await page.getByRole('tab', { name: '分类记录' }).click();
    await see(page, '共 4 条');
    const filters = page.getByRole('form', { name: '筛选分类记录' });
    await filters.getByLabel('结论').selectOption('review');
    await filters.getByRole('button', { name: '筛选' }).click();
    await see(page, '共 3 条');
    expect(await page.getByRole('table', { name: '分类记录' }).getByRole('row').count()).toBe(4);
    await shot(page, 'decisions-log');
  });

  it('shows the draft’s impact in the workbench before it is submitted', async () => {
    const page = await signIn('li', PASSWORDS.li);
    await page.goto(`${base}/#/schemes/${ids.scheme}/v/2/try`);
    await page.getByRole('button', { name: '按本单位分类记录评估', exact: true }).click();
    await see(page, '重放 4 条分类记录，1 条的结论会改变：1 条期限变短。');
    await see(page, '条款 3 · D30');
    await shot(page, 'decisions-impact');
    // Every changed record as a file, beyond the report's first ids.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('甬江港务有限公司第2版结论会改变的记录.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('期限变短,条款 3 · Y,条款 3 · D30');
    expect(csv).toContain('关于放假的通知');
  });

  it('assesses the draft on a sample file the archivist brings, showing every changed record', async () => {
    const page = await signIn('li', PASSWORDS.li);
    await page.goto(`${base}/#/schemes/${ids.scheme}/v/2/try`);
    const lines = ['题名', ...Array.from({ length: 8 }, (_, i) => `关于第${i + 1}次停电的通知`), '4号采购合同'];
    await page.locator('sh-impact-panel input[type=file]').setInputFiles({
      name: '样本.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n'), 'utf8'),
    });
    await see(page, '重放 9 条分类记录，8 条的结论会改变：8 条期限变短。');
    await see(page, '样本“样本.csv”');
    await page.getByRole('table', { name: '结论会改变的记录' }).getByText('查看').click();
    await see(page, '第 8 条');
    await see(page, '关于第8次停电的通知');
    // Each record as labelled fields, not as JSON.
    const example = page.locator('sh-impact-panel .example').last();
    expect(await example.locator('dt').first().textContent()).toBe('题名');
    expect(await example.textContent()).not.toContain('"title"');
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, 'decisions-impact-sample', true);
    // On a phone: nothing wider than the screen, and a change's records use its whole width.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect((await example.boundingBox())!.width).toBeGreaterThan(250);
    await shot(page, 'decisions-impact-sample-390', true);
  });
});
