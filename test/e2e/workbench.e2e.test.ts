// End to end in a real browser (Debian chromium via playwright-core) against the started server and the built bundle:
// archivists edit, try, save and submit; reviewers compare and decide; conflicts, rejections and unit boundaries.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Started,
  type WatchedPage,
  call as callAt,
  launchChromium,
  login,
  see,
  seedOrgs,
  shot,
  signIn as signInAt,
  startServer,
  tearDown,
  unlabeled as unlabeledAt,
} from './helpers.js';
import { withoutChromium } from '../chromium.js';
import { compile } from '../../server/engine/compile.js';
import { chinaDate } from '../../server/engine/dates.js';
import { MEANINGFUL_HINT, placeholderProblem } from '../../server/schemas/meaningful-text.js';
import type { FieldError, ImportedScheme, Version } from '../../server/schemas/api/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';

const ADMIN_PASSWORD = 'workbench-admin-password';
const PASSWORDS = { li: 'li-archivist-pw1', wang: 'wang-archivist-pw1', zhao: 'zhao-reviewer-pw1' } as const;

let server: Started;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const org = { bureau: 0, unitA: 0, unitB: 0 };

/** JSON call to this test's server. */
const call = <T = unknown>(method: string, path: string, token?: string, body?: unknown) => callAt<T>(base, method, path, token, body);
const token = (username: string, password: string) => login(base, username, password);
/** The workbench pages have many form controls: check at least ten unless told otherwise. */
const unlabeled = (page: Page, atLeast = 10) => unlabeledAt(page, atLeast);

/** A new scheme copied from the enterprise baseline, through the API (fixtures for the narrower tests). */
async function schemeViaApi(name: string): Promise<number> {
  const li = await token('li', PASSWORDS.li);
  const r = await call<{ id: number }>('POST', `/units/${org.unitA}/schemes`, li, { name, baseline: 'enterprise-baseline' });
  expect(r.status).toBe(201);
  return r.body.id;
}

/** A fresh browser context (its own sessionStorage), signed in; dialogs (confirm) are accepted. */
const signIn = (username: keyof typeof PASSWORDS) => signInAt(browser, contexts, base, username, PASSWORDS[username]);

const pageErrors = (page: Page) => (page as WatchedPage).problems;

/** The workbench's draft as it stands in the page (unsaved edits included). */
const draftOf = (page: Page) =>
  page.evaluate(() => {
    const wb = document.querySelector('sh-app')!.shadowRoot!.querySelector('sh-workbench') as unknown as { drafts: { draft: Scheme } };
    return wb.drafts.draft;
  });

describe.skipIf(withoutChromium('workbench e2e in Chromium'))('the workbench in a browser', () => {
  beforeAll(async () => {
    server = await startServer(ADMIN_PASSWORD);
    base = server.base;

    // The admin sets up a bureau, two units it supervises and three people.
    const seeded = await seedOrgs(base, ADMIN_PASSWORD, {
      bureau: '宁波市档案局',
      units: [
        { name: '华东新材料股份有限公司', fonds: 'Z101' },
        { name: '甬港物流有限公司', fonds: 'Z102' },
      ],
      people: [
        { username: 'li', password: PASSWORDS.li, displayName: '李档案', role: 'archivist', at: 0 },
        { username: 'wang', password: PASSWORDS.wang, displayName: '王档案', role: 'archivist', at: 1 },
        { username: 'zhao', password: PASSWORDS.zhao, displayName: '赵审核', role: 'reviewer', at: 'bureau' },
      ],
    });
    org.bureau = seeded.bureau;
    [org.unitA, org.unitB] = seeded.units;
    browser = await launchChromium();
  }, 120_000);

  afterAll(() => tearDown(contexts, browser, server));

  it('an archivist revises the baseline with the builder, tries, saves and submits; the reviewer sees the flag and approves; classify follows', async () => {
    const page = await signIn('li');
    await see(page, '还没有三合一表');
    await shot(page, '01-archivist-home');

    // Copy the enterprise baseline.
    await page.getByRole('button', { name: '从基线复制新建' }).click();
    await page.getByRole('tab', { name: '编辑三合一表' }).waitFor();
    await see(page, '会计档案移交清册');
    await shot(page, '02-workbench');

    // Rows are chosen with the keyboard too: ↓ from 8.4.3 reaches 8.4.4.
    await page.getByRole('button', { name: '条款 8.4.3', exact: true }).click();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('tr[aria-selected="true"]').getAttribute('data-item')).toBe('8.4.4');
    await expect
      .poll(() =>
        page.evaluate(() => {
          let el: Element | null = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          return el?.getAttribute('aria-label');
        }),
      )
      .toBe('条款 8.4.4');
    expect(await unlabeled(page)).toEqual([]);

    // 8.4.4 会计档案移交清册: lengthen 30 years → 永久 (a floor may only be lengthened) and add a title keyword,
    // all with the form and the builder.
    await page.getByRole('combobox', { name: '保管期限', exact: true }).selectOption('Y');
    const keywords = page.getByLabel('第 2-2 个条件的关键词', { exact: true });
    await keywords.fill('移交目录');
    await keywords.press('Enter');
    await see(page, '有未保存的修改');
    const row = page.locator('tr[data-item="8.4.4"]');
    await expect.poll(() => row.textContent()).toContain('永久');
    await expect.poll(() => row.textContent()).toContain('移交目录');
    await shot(page, '03-row-edited');

    // The unsaved edits can be read as a diff before saving.
    await page.getByRole('button', { name: '查看修改' }).click();
    await expect
      .poll(() => page.locator('sh-workbench section[aria-label="未保存的修改"] tr').filter({ hasText: '8.4.4' }).count())
      .toBeGreaterThan(0);
    await shot(page, '03b-unsaved-changes');
    await page.getByRole('button', { name: '收起修改' }).click();

    // Try a record against the unsaved draft.
    await page.getByRole('tab', { name: '试分类与测试' }).click();
    await page.getByRole('textbox', { name: '题名', exact: true }).fill('2023年度会计档案移交目录');
    await page.getByLabel('形成日期', { exact: true }).fill('2024-01-15');
    await page.getByText('更多字段').click();
    await page.getByLabel('业务类型', { exact: true }).fill('其他会计资料');
    await page.getByRole('button', { name: '试分类', exact: true }).click();
    const result = page.locator('sh-result-card');
    const resultText = () => result.evaluate((el) => el.shadowRoot?.textContent ?? '');
    await see(page, '决定条款');
    await expect.poll(resultText).toMatch(/归档[\s\S]*永久/);
    expect(await resultText()).toContain('8.4.4');
    await shot(page, '04-tried');
    expect(await unlabeled(page)).toEqual([]);

    // Keep it as a test case; the baseline's own test of 8.4.4 now fails and is updated deliberately.
    await page.getByRole('button', { name: '存为测试用例' }).click();
    await see(page, /1 条未通过/);
    await page.getByRole('button', { name: '按当前结果更新预期' }).click();
    await see(page, /全部 107 条通过/);

    // A batch of 1,200 pasted records goes in chunks of 500 with a progress bar.
    const csv = [
      '题名,业务类型,形成日期',
      ...Array.from({ length: 1200 }, (_, i) =>
        i % 2 ? `第${i}号记账凭证,会计凭证,2024-03-01` : `2023年度会计档案移交目录${i},其他会计资料,2024-01-15`,
      ),
    ].join('\n');
    await page.getByLabel('粘贴记录', { exact: true }).fill(csv);
    await see(page, /识别为 CSV，1200 条记录/);
    await page.getByRole('button', { name: '开始试分类' }).click();
    await see(page, '已完成：1200 / 1200');
    await shot(page, '05-batch');

    // Save, then submit.
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await see(page, '已保存第 1 版');
    // The saved table downloads as the spreadsheet archivists know.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByLabel('导出已保存的第 1 版', { exact: true }).selectOption('xlsx'),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByRole('button', { name: '提交审批' }).click();
    await page.getByRole('alertdialog', { name: '请确认', exact: true }).getByRole('button', { name: '确认提交', exact: true }).click();
    await see(page, /已提交第 1 版，等待审批/);
    await shot(page, '06-submitted');
    expect(pageErrors(page)).toEqual([]);

    // The reviewer: queue → the version, compared with the baseline it was copied from; nothing is shortened.
    const reviewer = await signIn('zhao');
    await see(reviewer, '华东新材料股份有限公司');
    await reviewer.getByRole('link', { name: '审阅' }).click();
    await see(reviewer, '与国家基线的差异');
    const changed = reviewer.locator('sh-diff-view tr').filter({ hasText: '8.4.4' });
    await expect.poll(() => changed.count()).toBeGreaterThan(0);
    expect(await reviewer.locator('sh-diff-view tr.shortened').count()).toBe(0);
    await shot(reviewer, '07-review');
    expect(await unlabeled(reviewer, 6)).toEqual([]);

    // The service's placeholder rule runs in the form, beside the field, before anything is sent.
    await expect(reviewer.getByText(MEANINGFUL_HINT).first().isVisible()).resolves.toBe(true);
    await reviewer.getByLabel('批复文号 *', { exact: true }).fill('待定');
    await reviewer.getByRole('button', { name: '批准', exact: true }).click();
    await see(reviewer, placeholderProblem('待定')!);
    expect(await reviewer.getByRole('alertdialog', { name: '请确认', exact: true }).count()).toBe(0);
    // An effective date before the decision date asks why.
    await reviewer.getByLabel('生效日期 *', { exact: true }).fill('2026-01-05');
    await reviewer.getByLabel('追溯生效的理由 *', { exact: true }).waitFor();
    await reviewer.getByLabel('生效日期 *', { exact: true }).fill(chinaDate(new Date()));
    expect(await reviewer.getByLabel('追溯生效的理由 *', { exact: true }).count()).toBe(0);
    await reviewer.getByLabel('批复文号 *', { exact: true }).fill('甬档函〔2026〕18号');
    await reviewer.getByLabel('审批意见', { exact: true }).fill('同意。');
    await reviewer.getByRole('button', { name: '批准', exact: true }).click();
    const confirmApproval = reviewer.getByRole('alertdialog', { name: '请确认', exact: true });
    expect(await confirmApproval.textContent()).toContain('批准第 1 版？');
    await confirmApproval.getByRole('button', { name: '确认批准', exact: true }).click();
    await see(reviewer, /已批准第 1 版（甬档函〔2026〕18号）/);
    await see(reviewer, '目前没有待审批的版本');
    await shot(reviewer, '08-approved');
    expect(pageErrors(reviewer)).toEqual([]);

    // A business system classifying a record formed from today on (the version's effective date) gets the new result.
    const li = await token('li', PASSWORDS.li);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const classified = await call('POST', `/units/${org.unitA}/classify`, li, {
      title: '2023年度会计档案移交目录',
      businessType: '其他会计资料',
      date: today,
    });
    expect(classified.status, JSON.stringify(classified.body)).toBe(200);
    expect(classified.body).toMatchObject({ outcome: 'file', item: { id: '8.4.4' }, retention: { code: 'Y' }, version: 1 });
  }, 240_000);

  it('a period below the national floor cannot be submitted: the archivist is told which row and its source', async () => {
    const id = await schemeViaApi('低于基线测试表');
    const li = await token('li', PASSWORDS.li);
    const got = await fetch(`${base}/api/v1/schemes/${id}/versions/1`, { headers: { authorization: `Bearer ${li}` } });
    const etag = got.headers.get('etag')!;
    const doc = ((await got.json()) as Version).document;
    const row = doc.items.find((it) => it.scope === '会计档案移交清册')!;
    row.retention = 'D10';
    for (const t of doc.tests ?? []) if (t.expect.item === row.id) t.expect.retention = 'D10';
    const put = await fetch(`${base}/api/v1/schemes/${id}/versions/1/document`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${li}`, 'content-type': 'application/json', 'if-match': etag },
      body: JSON.stringify(doc),
    });
    expect(put.status, await put.text()).toBe(200);
    const page = await signIn('li');
    await page.goto(`${base}/#/schemes/${id}`);
    await see(page, '会计档案移交清册');
    await page.getByRole('button', { name: '提交审批' }).click();
    await page.getByRole('button', { name: '确认提交', exact: true }).click();
    await see(page, /未能提交：该版本有 \d+ 处保管期限短于国家基线或不再归档，不能提交/);
    await see(page, /79号令/);
    await shot(page, '06b-below-floor');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it('an incomplete table is stopped at submit with a link to each place, and the service refuses it too', async () => {
    const id = await schemeViaApi('不完整测试表');
    const li = await token('li', PASSWORDS.li);
    const got = await fetch(`${base}/api/v1/schemes/${id}/versions/1`, { headers: { authorization: `Bearer ${li}` } });
    const doc = ((await got.json()) as { document: Scheme }).document;
    const open = doc.items.find((it) => it.id === '1.1')!;
    delete open.when;
    open.needsCondition = true;
    doc.items.find((it) => it.id === '8.1.1')!.class = 'WS/JG';
    doc.tests = [];
    const put = await fetch(`${base}/api/v1/schemes/${id}/versions/1/document`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${li}`, 'content-type': 'application/json', 'if-match': got.headers.get('etag')! },
      body: JSON.stringify(doc),
    });
    expect(put.status, await put.text()).toBe(200);
    const refused = await call<{ type: string; errors: FieldError[] }>('POST', `/schemes/${id}/versions/1/submit`, li);
    expect([refused.status, refused.body.errors.length]).toEqual([422, 3]);
    const page = await signIn('li');
    await page.goto(`${base}/#/schemes/${id}`);
    await page.getByRole('button', { name: '提交审批' }).click();
    await see(page, '未能提交：三合一表还不完整，以下 3 处须先补齐。');
    const notice = page.locator('[data-notice="error"]');
    await expect(notice.getByRole('listitem').allInnerTexts()).resolves.toEqual([
      '条款 1.1 · 条件：还没有判断条件，任何文件都不会归入此条款',
      '条款 8.1.1 · 类目：是会计档案，却放在文书档案类目 WS/JG 下，请改放到会计档案类目',
      '测试用例：一条也没有，请在“试分类与测试”中把典型文件存为测试用例',
    ]);
    await shot(page, '06c-incomplete-submit');
    await notice.getByRole('button', { name: '条款 8.1.1 · 类目', exact: true }).click();
    await expect(page.locator('sh-item-table tr[aria-selected="true"] td.id').textContent()).resolves.toBe('8.1.1');
    await notice.getByRole('button', { name: '测试用例', exact: true }).click();
    await expect(page.getByRole('tab', { name: '试分类与测试' }).getAttribute('aria-selected')).resolves.toBe('true');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it('the record form says in Chinese, next to the field, what it cannot read; no browser bubbles', async () => {
    const id = await schemeViaApi('表单提示测试表');
    const page = await signIn('li');
    await page.goto(`${base}/#/schemes/${id}/v/1/try`);
    await page.getByRole('button', { name: '试分类', exact: true }).waitFor();
    expect(await page.locator('sh-record-form form').getAttribute('novalidate')).toBe('');
    await page.getByLabel('金额', { exact: true }).fill('一百万');
    await page.getByRole('button', { name: '试分类', exact: true }).click();
    await see(page, '请填写题名');
    const amount = page.getByLabel('金额', { exact: true });
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    const described = await amount.getAttribute('aria-describedby');
    expect(await page.locator(`sh-record-form #${described}`).textContent()).toBe('不是有效的数字“一百万”');
    await shot(page, '04c-record-form-errors');
    await page.getByRole('textbox', { name: '题名', exact: true }).fill('关于采购设备的合同');
    await amount.fill('¥1,200元');
    await page.getByRole('button', { name: '试分类', exact: true }).click();
    await see(page, '决定条款');
    expect(await amount.getAttribute('aria-invalid')).toBe('false');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it('a branch that compares with a scheme parameter opens as rows, and the parameter can be swapped for a constant', async () => {
    const id = await schemeViaApi('参数条件测试表');
    const page = await signIn('li');
    await page.goto(`${base}/#/schemes/${id}`);
    await page.getByRole('button', { name: '条款 7.4', exact: true }).click();
    const branch = page.locator('sh-condition-builder[label="条款 7.4 分支“重要的”的条件"]');
    // 合同金额 and 金额 ≥ 大额资金标准, 合同类型 属于 重要合同类型: rows, not JSON.
    const sources = branch.getByRole('combobox', { name: /的来源$/ });
    await expect.poll(() => sources.count()).toBe(3);
    expect(await branch.getByRole('textbox', { name: /JSON-Logic/ }).count()).toBe(0);
    const chosen = await sources.evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).selectedOptions[0].textContent));
    expect(chosen.filter((t) => t === '参数：大额资金标准（5,000,000 元）')).toHaveLength(2);
    expect(chosen).toContain('参数：重要合同类型（施工、工程、房屋土地、股权、借款、担保、技术转让）');
    await branch.scrollIntoViewIfNeeded();
    await shot(page, '05b-parameter-rows');

    const branchWhen = async () => {
      const branches = (await draftOf(page)).items.find((it) => it.id === '7.4')!.retention as { when?: unknown }[];
      return JSON.stringify(branches[0].when);
    };
    expect(await branchWhen()).toContain('{">=":[{"var":"contract.amount"},{"param":"largeAmount"}]}');
    // The first comparison takes a constant instead: its input appears, and the draft has the number.
    const first = sources.first();
    const label = (await first.getAttribute('aria-label'))!.replace(/的来源$/, '');
    await first.selectOption({ label: '固定值' });
    const input = branch.getByRole('spinbutton', { name: label, exact: true });
    await input.fill('10000000');
    await input.press('Tab');
    await expect.poll(branchWhen).toContain('{">=":[{"var":"contract.amount"},10000000]}');
    expect(await branchWhen()).toContain('{">=":[{"var":"amount"},{"param":"largeAmount"}]}');
    await page.setViewportSize({ width: 390, height: 844 });
    await sources.nth(1).scrollIntoViewIfNeeded();
    // The branch's rows fit the phone's width: no control pushed past the builder's edge, the builder inside the screen.
    expect(await branch.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect((await branch.boundingBox())!.width).toBeLessThan(390);
    await shot(page, '05b-parameter-rows-390');
  });

  it('a table that holds a parameter’s value as constants is told so, and one click puts the parameter back', async () => {
    // A copy as made before copies kept their references: every {"param": …} replaced by the baseline's value.
    const li = await token('li', PASSWORDS.li);
    const fresh = await schemeViaApi('参数引用来源表');
    const stored = (await call<Version>('GET', `/schemes/${fresh}/versions/1`, li)).body.document as Scheme;
    const legacy = compile(stored).scheme;
    const made = await call<{ id: number }>('POST', `/units/${org.unitA}/schemes`, li, { name: '旧副本三合一表', document: legacy });
    expect(made.status).toBe(201);
    const page = await signIn('li');
    await page.goto(`${base}/#/schemes/${made.body.id}/v/1/try`);
    await see(page, '参数“大额资金标准”没有被任何条件引用');
    const relink = page.getByRole('button', { name: '在 4 处条件中改用此参数', exact: true });
    await relink.scrollIntoViewIfNeeded();
    await shot(page, '05c-relink-parameter', true);
    await page.setViewportSize({ width: 390, height: 844 });
    await relink.scrollIntoViewIfNeeded();
    await shot(page, '05c-relink-parameter-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await relink.click();
    const draftText = async () => JSON.stringify(await draftOf(page));
    await expect.poll(async () => (await draftText()).split('{"param":"largeAmount"}').length - 1).toBe(4);
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await expect.poll(async () => (await draftText()).includes('{"param":"largeAmount"}')).toBe(false);
  });

  it('a condition opens as checked JSON text and switches back to rows only when the rows can show it exactly', async () => {
    const id = await schemeViaApi('高级条件测试表');
    const page = await signIn('li');
    await page.goto(`${base}/#/schemes/${id}`);
    await page.getByRole('button', { name: '条款 1.1', exact: true }).click();
    await page.getByRole('button', { name: '以 JSON 查看/编辑', exact: true }).click();
    const text = page.getByRole('textbox', { name: '条款 1.1 的条件（JSON-Logic）', exact: true });
    const toRows = page.getByRole('button', { name: '切换到条件行', exact: true });
    const draftWhen = async () => (await draftOf(page)).items.find((it) => it.id === '1.1')!.when;
    // The text is the stored condition exactly.
    const original = await draftWhen();
    expect(JSON.parse(await text.inputValue())).toEqual(original);

    await text.fill('{"==": [{"var": "docType"}');
    await see(page, /JSON 格式错误/);
    expect(await toRows.isDisabled()).toBe(true);
    await text.fill('{"==": [{"var": "nosuch"}, "纪要"]}');
    await see(page, '未声明的字段“nosuch”');

    // Valid, but no row can show a field compared with a field: it stays text, and the draft takes it as written.
    const fieldToField = { '==': [{ var: 'docType' }, { var: 'title' }] };
    await text.fill(JSON.stringify(fieldToField));
    await expect.poll(draftWhen).toEqual(fieldToField);
    await see(page, /无法切换：比较的右边必须是文本、数字、是\/否或参数/);
    expect(await toRows.isDisabled()).toBe(true);
    // Undo puts the rows back (the earlier condition can be shown as rows); the text view opens on it again.
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await expect.poll(draftWhen).toEqual(original);
    await expect.poll(() => text.count()).toBe(0);
    await page.getByRole('button', { name: '以 JSON 查看/编辑', exact: true }).click();
    expect(JSON.parse(await text.inputValue())).toEqual(original);

    await text.fill(JSON.stringify(fieldToField));
    await expect.poll(draftWhen).toEqual(fieldToField);
    const plain = { '==': [{ var: 'docType' }, '纪要'] };
    await text.fill(JSON.stringify(plain));
    await expect.poll(draftWhen).toEqual(plain);
    // Undo while the text is open shows the earlier condition as text again, saying why it is not rows.
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await expect.poll(async () => JSON.parse(await text.inputValue())).toEqual(fieldToField);
    await see(page, '此条件无法用条件行完整表示（比较的右边必须是文本、数字、是/否或参数）');
    await text.fill(JSON.stringify(plain));
    await expect.poll(draftWhen).toEqual(plain);
    await toRows.click();
    const field = page.getByRole('combobox', { name: '第 1 个条件的字段', exact: true });
    await expect.poll(() => field.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('文种');
    await expect.poll(() => page.getByRole('textbox', { name: '第 1 个条件的值', exact: true }).inputValue()).toBe('纪要');
    expect(await draftWhen()).toEqual(plain);
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it('an imported row is offered its baseline counterpart; once confirmed, its floor shows on the row', async () => {
    const li = await token('li', PASSWORDS.li);
    const csv = ['条款号,归档范围,保管期限', '1,会计凭证,定期10年', '2,本单位食堂就餐登记,定期10年', ''].join('\n');
    const res = await fetch(`${base}/api/v1/units/${org.unitA}/schemes/import?name=${encodeURIComponent('导入的会计档案表')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${li}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const imported = (await res.json()) as ImportedScheme;
    expect(res.status, JSON.stringify(imported)).toBe(201);
    const id = imported.id;
    const page = await signIn('li');
    await page.goto(`${base}/#/schemes/${id}`);
    await see(page, '会计凭证');
    await page.getByRole('button', { name: '条款 1', exact: true }).click();
    const suggestion = page.locator('[data-suggestion]');
    await expect.poll(() => suggestion.textContent()).toMatch(/可能对应[\s\S]*原始凭证/);
    await shot(page, '06c-suggested-mapping');
    const confirm = page.getByRole('button', { name: /^确认对应基线条款/ }).first();
    await confirm.click();
    const floor = page.locator('[data-floor]');
    await expect.poll(() => floor.textContent()).toMatch(/不得短于定期30年[\s\S]*不能获批/);
    expect(await suggestion.count()).toBe(0);
    // The second row has no counterpart: the archivist says so, and nothing is suggested again.
    await page.getByRole('button', { name: '条款 2', exact: true }).click();
    if (await suggestion.count()) await page.getByRole('button', { name: '无基线对应', exact: true }).click();
    await expect.poll(() => suggestion.count()).toBe(0);
    await shot(page, '06d-mapping-confirmed');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it('a save conflict between two pages keeps the second page’s edits and lets it overwrite', async () => {
    const id = await schemeViaApi('冲突测试表');
    const [a, b] = [await signIn('li'), await signIn('li')];
    for (const p of [a, b]) {
      await p.goto(`${base}/#/schemes/${id}`);
      await see(p, '会计档案移交清册');
    }
    // Page A changes row 1.1's scope text and saves.
    await a.getByRole('button', { name: /^条款 1\.1$/ }).click();
    await a.getByLabel('归档范围', { exact: true }).fill('本企业筹办和设立的申请及批准文件材料（A 修改）');
    await a.getByLabel('归档范围', { exact: true }).press('Tab');
    await a.getByRole('button', { name: '保存', exact: true }).click();
    await see(a, '已保存第 1 版');

    // Page B, opened before A saved, changes row 1.2's basis and saves: 412, shown plainly, edits kept.
    await b.getByRole('button', { name: /^条款 1\.2$/ }).click();
    const basis = b.getByLabel('依据（如 10号令附件 1.2）', { exact: true });
    await basis.fill('本单位补充依据（B 修改）');
    await basis.press('Tab');
    await b.getByRole('button', { name: '保存', exact: true }).click();
    await see(b, '保存失败：此草稿已被他人修改。');
    await see(b, '有未保存的修改');
    expect(await basis.inputValue()).toBe('本单位补充依据（B 修改）');
    await shot(b, '09-conflict');

    // B chooses to overwrite: its edits are stored.
    await b.getByRole('button', { name: '用我的修改覆盖对方的版本' }).click();
    await see(b, '已保存第 1 版');
    const li = await token('li', PASSWORDS.li);
    const stored = await call<Version>('GET', `/schemes/${id}/versions/1`, li);
    expect(stored.body.document.items.find((it) => it.id === '1.2')?.basis).toBe('本单位补充依据（B 修改）');
    expect(pageErrors(a)).toEqual([]);
    expect(pageErrors(b)).toEqual([]);
  }, 120_000);

  it('a rejected submission tells the archivist why and lets a new draft start from it', async () => {
    const id = await schemeViaApi('退回测试表');
    const li = await token('li', PASSWORDS.li);
    expect((await call('POST', `/schemes/${id}/versions/1/submit`, li)).status).toBe(200);

    const reviewer = await signIn('zhao');
    await reviewer.goto(`${base}/#/review/${id}/1`);
    await see(reviewer, '退回修改');
    await reviewer.getByLabel('退回理由 *', { exact: true }).fill('会计档案部分未结合本单位实际细化，请补充后重新报批。');
    await reviewer.getByRole('button', { name: '退回修改', exact: true }).click();
    await reviewer.getByRole('alertdialog', { name: '请确认', exact: true }).getByRole('button', { name: '确认退回', exact: true }).click();
    await see(reviewer, '已退回第 1 版');

    const page = await signIn('li');
    await page.goto(`${base}/#/schemes/${id}`);
    await see(page, '第 1 版已被退回：会计档案部分未结合本单位实际细化，请补充后重新报批。');
    await shot(page, '10-rejected');
    await page.getByRole('button', { name: '基于此版新建草稿继续修改' }).click();
    await see(page, '第 2 版');
    await expect.poll(() => page.locator('[data-state]').first().getAttribute('data-state')).toBe('draft');
    await page.getByRole('tab', { name: /版本与对比/ }).click();
    await see(page, '退回理由：会计档案部分未结合本单位实际细化，请补充后重新报批。');
    await shot(page, '11-versions');
  }, 120_000);

  it('an archivist of another unit sees only its own unit', async () => {
    const id = await schemeViaApi('边界测试表');
    const page = await signIn('wang');
    await see(page, '甬港物流有限公司的三合一表');
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect((await nav.getByRole('link').allTextContents()).map((t) => t.trim())).toEqual(['本单位三合一表', '分类记录与待判断']);

    await page.goto(`${base}/#/schemes/${id}`);
    await see(page, '找不到该三合一表或版本，或您无权查看。');
    expect(await page.getByText('会计档案移交清册').count()).toBe(0);
    await shot(page, '12-other-unit');
    await page.goto(`${base}/#/units/${org.unitA}`);
    await see(page, '找不到该单位，或您无权查看。');
    await page.goto(`${base}/#/review`);
    await see(page, '您的角色不能使用此页面。');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});
