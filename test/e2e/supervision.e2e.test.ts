// The supervision page in Chromium over a bureau of 52 units seeded through the API: the counts, a filter, the
// state chart, the xlsx download, the page at 768 px, and an admin recording a restructuring.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { openDatabase } from '../../server/store/db.js';
import { withoutChromium } from '../chromium.js';
import {
  ROOT,
  type Started,
  call as callAt,
  launchChromium,
  login,
  see,
  shot,
  signIn as signInAt,
  startServer,
  tearDown,
} from './helpers.js';
import type { Org, SchemeWithVersions } from '../../server/schemas/api/index.js';

const ADMIN_PASSWORD = 'supervision-admin-pw';
const REVIEWER_PASSWORD = 'supervision-reviewer-pw';
const UNITS = 52;

let server: Started;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const call = <T = unknown>(method: string, path: string, token?: string, body?: unknown) => callAt<T>(base, method, path, token, body);
const expected = { none: 0, draft: 0, submitted: 0, approved: 0, due: 0 };
const unitIds: number[] = [];

/**
 * The bureau's history, written as the service wrote it at the time (the app in this process, its clock set back, on
 * the file the server then opens): a decision is never dated before its submission or after its day, so tables
 * approved in 2019 and 2024 can only have been submitted and decided then.
 */
async function seedHistory(dbFile: string): Promise<void> {
  const now = { value: new Date('2019-05-01T02:00:00Z') };
  const db = openDatabase(dbFile);
  const app = createApp({
    db,
    clock: () => now.value,
    rulesetsDir: join(ROOT, 'rulesets'),
    log: () => {},
    scrypt: { N: 1024, r: 8, p: 1 },
    sessionHours: 24 * 366 * 10,
  });
  await app.services.auth.bootstrapAdmin(ADMIN_PASSWORD);
  const call = async <T = unknown>(method: string, path: string, token?: string, body?: unknown) => {
    const res = await app.request(`/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const login = async (username: string, password: string) => {
    const r = await call<{ token: string }>('POST', '/auth/login', undefined, { username, password });
    expect(r.status).toBe(200);
    return r.body.token;
  };
  const admin = await login('admin', ADMIN_PASSWORD);
  const bureau = (await call<Org>('POST', '/orgs', admin, { type: 'bureau', name: '宁波市档案局' })).body.id;
  const other = (await call<Org>('POST', '/orgs', admin, { type: 'bureau', name: '温州市档案局' })).body.id;
  // Set up at the console: the admin, who writes and submits the tables below, must not control the account that
  // decides them (four eyes).
  await app.services.auth.createUser(null, {
    username: 'wang',
    password: REVIEWER_PASSWORD,
    displayName: '王审核',
    role: 'reviewer',
    orgId: bureau,
  });
  const reviewer = await login('wang', REVIEWER_PASSWORD);
  // Another bureau's unit, which the reviewer must not see.
  await call<Org>('POST', '/orgs', admin, { type: 'unit', name: '温州某公司', fonds: 'W001', kind: 'enterprise', supervisorId: other });
  for (let i = 0; i < UNITS; i++) {
    // Every other approved table is older than five years: due for revision. Each unit dates from its table's year.
    const old = i % 8 === 0;
    const decidedOn = old ? '2019-06-01' : '2024-06-01';
    now.value = new Date(`${decidedOn}T02:00:00Z`);
    const unit = await call<Org>('POST', '/orgs', admin, {
      type: 'unit',
      name: `宁波第${i + 1}实业有限公司`,
      fonds: `N${String(i + 1).padStart(3, '0')}`,
      kind: 'enterprise',
      supervisorId: bureau,
    });
    expect(unit.status).toBe(201);
    unitIds.push(unit.body.id);
    const kind = i % 4;
    if (kind === 3) {
      expected.none++;
      continue;
    }
    const scheme = await call<SchemeWithVersions>('POST', `/units/${unit.body.id}/schemes`, admin, {
      name: '三合一表',
      baseline: 'enterprise-baseline',
    });
    expect(scheme.status).toBe(201);
    if (kind === 2) {
      expected.draft++;
      continue;
    }
    expect((await call('POST', `/schemes/${scheme.body.id}/versions/1/submit`, admin)).status).toBe(200);
    if (kind === 1) {
      expected.submitted++;
      continue;
    }
    const approved = await call('POST', `/schemes/${scheme.body.id}/versions/1/approve`, reviewer, {
      approvalNumber: `甬档复〔${decidedOn.slice(0, 4)}〕${i + 1}号`,
      decidedOn,
      effectiveFrom: decidedOn,
    });
    expect(approved.status).toBe(200);
    expected.approved++;
    if (old) expected.due++;
  }
  db.close();
}

beforeAll(async () => {
  if (withoutChromium('supervision e2e in Chromium')) return;
  server = await startServer(ADMIN_PASSWORD, { seed: seedHistory });
  base = server.base;
  const admin = await login(base, 'admin', ADMIN_PASSWORD);
  // Records classified for the first unit: some go to review.
  for (const title of ['关于放假的通知', '其他材料', '某文件', '董事会会议纪要']) {
    expect((await call('POST', `/units/${unitIds[0]}/classify`, admin, { title, date: '2026-05-01' })).status).toBe(200);
  }
  browser = await launchChromium();
}, 300_000);

afterAll(() => tearDown(contexts, browser, server));

describe.skipIf(withoutChromium('supervision e2e in Chromium'))('the supervision page', () => {
  it('shows the counts, filters, draws the state chart and downloads the xlsx', async () => {
    const page = await signInAt(browser, contexts, base, 'wang', REVIEWER_PASSWORD);
    await page.getByRole('link', { name: '监管视图', exact: true }).click();
    const without = expected.none + expected.draft + expected.submitted;
    await see(page, `${without} 家单位尚无已批准的三合一表`);
    await see(page, `${expected.due} 家到期需修订`);
    await see(page, `符合条件 ${UNITS} 家`);
    expect(await page.getByRole('table', { name: '所监管单位' }).locator('tbody tr').count()).toBe(UNITS);
    await expect(page.getByText('温州某公司').count()).resolves.toBe(0);

    // The state chart: one part per state present, sized by count.
    const parts = page.locator('sh-supervision-charts rect.part');
    expect(await parts.count()).toBe(4);
    const approvedWidth = Number(await page.locator('sh-supervision-charts rect.part[data-state="approved"]').getAttribute('width'));
    expect(approvedWidth).toBeCloseTo((expected.approved / UNITS) * 100, 3);
    expect(await page.locator('sh-supervision-charts g.bar').count()).toBe(1);
    await shot(page, 'supervision-01-page', true);

    // A filter: due for revision.
    await page.getByRole('combobox', { name: '修订', exact: true }).selectOption('due');
    await see(page, `符合条件 ${expected.due} 家`);
    expect(await page.getByRole('table', { name: '所监管单位' }).locator('tbody tr').count()).toBe(expected.due);
    await see(page, '批准已满 5 年（2019-06-01 批复）');

    // The chart filters too: clicking the 草拟中 part.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.locator('sh-supervision-charts rect.part[data-state="draft"]').click();
    await see(page, `符合条件 ${expected.draft} 家`);

    // The xlsx of the filtered rows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^三合一表监管情况-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const ws = wb.getWorksheet('单位')!;
    expect(ws.rowCount).toBe(2 + expected.draft);
    expect(String(ws.getCell(1, 1).value)).toMatch(/筛选：草拟中/);
    expect(String(ws.getCell(3, 5).value)).toMatch(/^草拟中 v1/);

    // At 768 px the page still works: filters wrap, the table scrolls inside its frame.
    await page.setViewportSize({ width: 768, height: 1000 });
    await page.getByRole('button', { name: '清除筛选' }).click();
    await see(page, `符合条件 ${UNITS} 家`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'supervision-02-768');
    expect(page.problems).toEqual([]);
  });

  it('an admin records a restructuring; the unit becomes due for revision', async () => {
    const page = await signInAt(browser, contexts, base, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: '监管视图', exact: true }).click();
    await see(page, `${expected.due} 家到期需修订`);
    const form = page.locator('sh-unit-changes');
    // Unit N005 (index 4) has a table approved in 2024.
    await form.getByRole('combobox', { name: '单位', exact: true }).selectOption({ label: 'N005 宁波第5实业有限公司' });
    await form.getByRole('combobox', { name: '变化类型' }).selectOption('restructuring');
    await form.getByLabel('发生日期').fill('2025-09-01');
    await form.getByLabel('变化内容').fill('完成混合所有制改制，引入战略投资者');
    await form.getByRole('button', { name: '登记', exact: true }).click();
    await see(page, '已登记');
    await see(page, `${expected.due + 1} 家到期需修订`);
    await see(page, '2025-09-01 改制、重组或资本结构重大变化');
    // The unit stays chosen, the rest of the form is cleared for the next entry.
    expect(await form.getByRole('combobox', { name: '单位', exact: true }).inputValue()).toBe(String(unitIds[4]));
    expect(await form.getByLabel('变化内容').inputValue()).toBe('');
    // Sent again empty: the form says so beside each field (in Chinese, no browser bubble) and sends nothing.
    await form.getByRole('button', { name: '登记', exact: true }).click();
    await expect.poll(() => form.getByRole('alert').allTextContents()).toEqual(['必填', '必填']);
    expect(await form.getByLabel('变化内容').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('ul.history li').count()).toBe(1);
    await shot(page, 'supervision-03-change');
    expect(page.problems).toEqual([]);
  });
});
