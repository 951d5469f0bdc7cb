// The flows issue #12 found broken, each driven in a real browser as the person does it: the admin creates a bureau
// and then a unit; the reviewer keeps the queue open while a submission arrives; the archivist inserts a row (no other
// row renumbered), renumbers explicitly after a preview, and the reviewer's diff names the new row as new.
import type { Browser, BrowserContext } from 'playwright-core';
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
} from './helpers.js';
import type { Version } from '../../server/schemas/api/index.js';

const ADMIN_PASSWORD = 'flows-admin-password';
const PASSWORDS = { chen: 'chen-archivist-pw1', zhou: 'zhou-reviewer-pw1' } as const;

let server: Started;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const org = { bureau: 0, unit: 0 };

const call = <T = unknown>(method: string, path: string, token?: string, body?: unknown) => callAt<T>(base, method, path, token, body);
const signIn = (username: string, password: string) => signInAt(browser, contexts, base, username, password);

beforeAll(async () => {
  server = await startServer(ADMIN_PASSWORD);
  base = server.base;
  const seeded = await seedOrgs(base, ADMIN_PASSWORD, {
    bureau: '绍兴市档案局',
    units: [{ name: '越城水务集团有限公司', fonds: 'Z301' }],
    people: [
      { username: 'chen', password: PASSWORDS.chen, displayName: '陈晓梅', role: 'archivist', at: 0 },
      { username: 'zhou', password: PASSWORDS.zhou, displayName: '周建国', role: 'reviewer', at: 'bureau' },
    ],
  });
  org.bureau = seeded.bureau;
  [org.unit] = seeded.units;
  browser = await launchChromium();
}, 120_000);

afterAll(() => tearDown(contexts, browser, server));

describe('broken flows, as the person meets them', () => {
  it('the admin creates a 档案局 with its superior bureau, then a unit under it, without a schema error', async () => {
    const page = await signIn('admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: '组织与用户', exact: true }).click();
    const form = page.getByRole('form', { name: '新建组织' });
    await form.getByRole('combobox', { name: '类型', exact: true }).selectOption('bureau');
    await form.getByRole('textbox', { name: '名称', exact: true }).fill('柯桥区档案局');
    await form.getByRole('combobox', { name: '上级档案局（可不选）', exact: true }).selectOption({ label: '绍兴市档案局' });
    await form.getByRole('button', { name: '新建组织', exact: true }).click();
    await see(page, '已新建组织“柯桥区档案局”');

    // The reset form is a unit form again, with all of a unit's fields.
    expect(await form.getByRole('combobox', { name: '类型', exact: true }).inputValue()).toBe('unit');
    await form.getByRole('button', { name: '新建组织', exact: true }).click();
    await see(page, '请填写全宗号');
    await see(page, '请选择档案主管部门或上级单位');
    await shot(page, 'flows-01-org-errors');
    await form.getByRole('textbox', { name: '名称', exact: true }).fill('柯桥纺织印染有限公司');
    await form.getByRole('textbox', { name: '全宗号', exact: true }).fill('Z302');
    await form.getByRole('combobox', { name: '档案主管部门/上级单位', exact: true }).selectOption({ label: '柯桥区档案局' });
    await form.getByRole('button', { name: '新建组织', exact: true }).click();
    await see(page, '已新建组织“柯桥纺织印染有限公司”');
    await shot(page, 'flows-01-org-created');

    const admin = await login(base, 'admin', ADMIN_PASSWORD);
    const orgs = (
      await call<{ id: number; name: string; type: string; kind: string | null; fonds: string | null; supervisorId: number | null }[]>(
        'GET',
        '/orgs',
        admin,
      )
    ).body;
    const bureau = orgs.find((o) => o.name === '柯桥区档案局')!;
    expect(bureau).toMatchObject({ type: 'bureau', supervisorId: org.bureau });
    expect(orgs.find((o) => o.name === '柯桥纺织印染有限公司')).toMatchObject({
      type: 'unit',
      kind: 'enterprise',
      fonds: 'Z302',
      supervisorId: bureau.id,
    });
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('the reviewer keeps the queue open; a submission arrives and shows, with the count in the nav', async () => {
    const reviewer = await signIn('zhou', PASSWORDS.zhou);
    await see(reviewer, '目前没有待审批的版本');
    const nav = reviewer.getByRole('navigation', { name: '主导航' });
    expect((await nav.getByRole('link').allTextContents()).map((t) => t.trim())).toEqual(['待审批', '所辖单位', '监管视图']);

    const chen = await login(base, 'chen', PASSWORDS.chen);
    const created = await call<{ id: number }>('POST', `/units/${org.unit}/schemes`, chen, {
      name: '水务集团三合一表',
      baseline: 'enterprise-baseline',
    });
    expect(created.status).toBe(201);
    expect((await call('POST', `/schemes/${created.body.id}/versions/1/submit`, chen)).status).toBe(200);

    // No reload: the open queue shows it within a few seconds, and the nav counts it.
    const row = reviewer.getByRole('row').filter({ hasText: '越城水务集团有限公司' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('陈晓梅');
    await expect.poll(async () => (await nav.getByRole('link', { name: /^待审批/ }).textContent())?.replace(/\s/g, '')).toBe('待审批1');
    await shot(reviewer, 'flows-02-queue-arrived');

    // Rejected elsewhere (an API call), it leaves the open queue again.
    const zhou = await login(base, 'zhou', PASSWORDS.zhou);
    expect((await call('POST', `/schemes/${created.body.id}/versions/1/reject`, zhou, { reason: '请补充本单位业务条款。' })).status).toBe(
      200,
    );
    await see(reviewer, '目前没有待审批的版本');
    expect((await nav.getByRole('link', { name: /^待审批/ }).textContent())?.trim()).toBe('待审批');
    expect(reviewer.problems).toEqual([]);
  }, 120_000);

  it('an inserted row takes a free number, renumbering is previewed, and the reviewer sees one new row', async () => {
    const chen = await login(base, 'chen', PASSWORDS.chen);
    const created = await call<{ id: number }>('POST', `/units/${org.unit}/schemes`, chen, {
      name: '插入条款测试表',
      baseline: 'enterprise-baseline',
    });
    const id = created.body.id;
    const page = await signIn('chen', PASSWORDS.chen);
    await page.goto(`${base}/#/schemes/${id}`);
    await see(page, '讨论未通过的文件材料');

    // Insert after 2.2.1: the new row is 2.2.3, 2.2.2 keeps its number.
    await page.getByRole('button', { name: '条款 2.2.1', exact: true }).click();
    await page.getByRole('button', { name: '＋ 同级条款', exact: true }).click();
    await expect.poll(() => page.locator('tr[aria-selected="true"]').getAttribute('data-item')).toBe('2.2.3');
    expect(await page.locator('tr[data-item]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item')).slice(8, 12))).toEqual([
      '2.2.1',
      '2.2.3',
      '2.2.2',
      '2.3',
    ]);
    await page.getByRole('textbox', { name: '归档范围', exact: true }).fill('董事会专门委员会会议文件材料');
    await page.getByRole('textbox', { name: '归档范围', exact: true }).press('Tab');
    await page.getByRole('combobox', { name: '保管期限', exact: true }).selectOption('Y');
    await page.getByRole('button', { name: '＋ 添加条件', exact: true }).click();
    const keywords = page.getByRole('textbox', { name: '第 1 个条件的关键词', exact: true });
    await keywords.fill('专门委员会');
    await keywords.press('Enter');

    // The archivist's own 查看修改: one new row, nothing else changed.
    await page.getByRole('button', { name: '查看修改', exact: true }).click();
    const unsaved = page.locator('sh-workbench section[aria-label="未保存的修改"]');
    await expect.poll(() => unsaved.locator('tr.added').count()).toBe(1);
    expect(await unsaved.getByRole('status').textContent()).not.toContain('条款号变动');
    await page.getByRole('button', { name: '收起修改', exact: true }).click();

    // Renumbering is an explicit action, previewed first.
    await page.getByRole('button', { name: '重新编号…', exact: true }).click();
    const preview = page.getByRole('region', { name: '重新编号预览', exact: true });
    await see(page, '将改动 2 条条款的条款号');
    expect((await preview.getByRole('listitem').allTextContents()).map((t) => t.replace(/\s/g, ''))).toEqual([
      '2.2.3→2.2.2',
      '2.2.2→2.2.3',
    ]);
    await shot(page, 'flows-03-renumber-preview');
    await preview.getByRole('button', { name: '确认重新编号', exact: true }).click();
    await expect
      .poll(() => page.locator('tr[data-item]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item')).slice(8, 12)))
      .toEqual(['2.2.1', '2.2.2', '2.2.3', '2.3']);

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await see(page, '已保存第 1 版');
    await page.getByRole('button', { name: '提交审批', exact: true }).click();
    await page.getByRole('alertdialog', { name: '请确认', exact: true }).getByRole('button', { name: '确认提交', exact: true }).click();
    await see(page, /已提交第 1 版，等待审批/);
    expect(page.problems).toEqual([]);

    // The reviewer: the inserted row is new; the baseline's 2.2.2 only changed its number, not its text or period.
    const reviewer = await signIn('zhou', PASSWORDS.zhou);
    await reviewer.goto(`${base}/#/review/${id}/1`);
    await see(reviewer, '与国家基线的差异');
    const diff = reviewer.locator('sh-diff-view');
    await expect.poll(() => diff.locator('tr.added').count()).toBe(1);
    expect(await diff.locator('tr.added').textContent()).toContain('董事会专门委员会会议文件材料');
    const summary = (await diff.getByRole('status').textContent()) ?? '';
    expect(summary).toContain('新增条款 1');
    expect(summary).toContain('条款号变动 1');
    expect(summary).not.toMatch(/归档范围|延长/);
    await shot(reviewer, 'flows-03-review-diff');
    await reviewer.setViewportSize({ width: 390, height: 844 });
    await shot(reviewer, 'flows-03-review-390');
    expect((reviewer as WatchedPage).problems).toEqual([]);
  }, 180_000);

  it('everyday editing: undo and redo, in-page confirmations, the keyboard help, PDF progress, no stale banner', async () => {
    const chen = await login(base, 'chen', PASSWORDS.chen);
    const first = (
      await call<{ id: number }>('POST', `/units/${org.unit}/schemes`, chen, { name: '日常编辑测试表', baseline: 'enterprise-baseline' })
    ).body.id;
    const second = (
      await call<{ id: number }>('POST', `/units/${org.unit}/schemes`, chen, { name: '另一张表', baseline: 'enterprise-baseline' })
    ).body.id;
    const page = await signIn('chen', PASSWORDS.chen);
    await page.goto(`${base}/#/schemes/${first}`);
    await see(page, '讨论未通过的文件材料');

    const scope = page.getByRole('textbox', { name: '归档范围', exact: true });
    await page.getByRole('button', { name: '条款 1.1', exact: true }).click();
    const original = await scope.inputValue();
    await scope.fill('本企业筹办和设立的申请文件材料（改）');
    await scope.press('Tab');
    await see(page, '有未保存的修改');
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await expect.poll(() => scope.inputValue()).toBe(original);
    expect(await page.getByText('有未保存的修改').count()).toBe(0);
    await page.getByRole('button', { name: '重做', exact: true }).click();
    await expect.poll(() => scope.inputValue()).toBe('本企业筹办和设立的申请文件材料（改）');
    // Ctrl+Z outside a text field undoes the table's edit too.
    await page.getByRole('button', { name: '条款 1.1', exact: true }).focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => scope.inputValue()).toBe(original);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => scope.inputValue()).toBe('本企业筹办和设立的申请文件材料（改）');

    // 放弃修改 asks in the page.
    await page.getByRole('button', { name: '放弃修改', exact: true }).click();
    const ask = page.getByRole('alertdialog', { name: '请确认', exact: true });
    await ask.getByRole('button', { name: '取消', exact: true }).click();
    expect(await scope.inputValue()).toBe('本企业筹办和设立的申请文件材料（改）');
    await page.getByRole('button', { name: '放弃修改', exact: true }).click();
    await ask.getByRole('button', { name: '放弃修改', exact: true }).click();
    await expect.poll(() => scope.inputValue()).toBe(original);

    // The keyboard help lists the shortcuts.
    await page.getByRole('button', { name: '快捷键', exact: true }).click();
    const help = page.getByRole('region', { name: '快捷键说明', exact: true });
    expect(await help.textContent()).toContain('Ctrl+Shift+Z 或 Ctrl+Y');
    await shot(page, 'flows-04-shortcuts');
    await page.keyboard.press('Escape');
    expect(await help.count()).toBe(0);

    // The PDF export says it is being made, then downloads.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      (async () => {
        await page.getByRole('combobox', { name: '导出已保存的第 1 版', exact: true }).selectOption('pdf');
        await see(page, '正在生成报批打印版（PDF）');
        await shot(page, 'flows-04-pdf-progress');
      })(),
    ]);
    expect(download.suggestedFilename()).toBe('日常编辑测试表（第1版）.pdf');
    await expect.poll(() => page.getByText('正在生成报批打印版（PDF）').count()).toBe(0);

    // Submitted here, the banner does not follow to another table.
    await page.getByRole('button', { name: '提交审批', exact: true }).click();
    await ask.getByRole('button', { name: '确认提交', exact: true }).click();
    await see(page, /已提交第 1 版，等待审批/);
    await page.goto(`${base}/#/schemes/${second}`);
    await see(page, '另一张表');
    await expect.poll(() => page.getByText(/已提交第 1 版，等待审批/).count()).toBe(0);
    expect(page.problems).toEqual([]);
  }, 180_000);

  it('shortening a row below the national floor shows the floor and its source on the row; an incomplete table is stopped at submit', async () => {
    const chen = await login(base, 'chen', PASSWORDS.chen);
    const id = (
      await call<{ id: number }>('POST', `/units/${org.unit}/schemes`, chen, { name: '下限测试表', baseline: 'enterprise-baseline' })
    ).body.id;
    const page = await signIn('chen', PASSWORDS.chen);
    await page.goto(`${base}/#/schemes/${id}`);
    await see(page, '讨论未通过的文件材料');
    await page.getByRole('button', { name: '条款 2.2.1', exact: true }).click();
    const floor = page.locator('sh-item-editor [data-floor]');
    await expect.poll(() => floor.textContent()).toMatch(/国家基线下限（基线条款 2\.2\.1，依据：.+）：不得短于永久/);
    expect(await floor.getAttribute('role')).toBe('note');
    await page.getByRole('combobox', { name: '保管期限', exact: true }).selectOption('D30');
    await expect.poll(() => floor.getAttribute('role')).toBe('alert');
    expect(await floor.textContent()).toContain('此条款定为定期30年，短于下限永久，这样的三合一表不能获批。');
    const row = page.locator('tr[data-item="2.2.1"]');
    expect(await row.textContent()).toContain('短于基线下限');
    // The archivist's period list speaks words, not codes.
    expect(await page.getByRole('combobox', { name: '保管期限', exact: true }).locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['永久', '定期30年', '定期10年']),
    );
    await shot(page, 'flows-05-below-floor');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'flows-05-below-floor-390');
    await page.setViewportSize({ width: 1440, height: 900 });

    // A new row without a condition: the submission is stopped, with a link to the row.
    await page.getByRole('combobox', { name: '保管期限', exact: true }).selectOption('Y');
    await page.getByRole('button', { name: '＋ 同级条款', exact: true }).click();
    await page.getByRole('combobox', { name: '保管期限', exact: true }).selectOption('D30');
    await page.getByRole('button', { name: '提交审批', exact: true }).click();
    await see(page, '未能提交：三合一表还不完整，以下 1 处须先补齐。');
    const notice = page.locator('sh-workbench [data-notice="error"]');
    expect(await notice.getByRole('listitem').allTextContents()).toEqual(['条款 2.2.3 · 条件：还没有判断条件，任何文件都不会归入此条款']);
    await shot(page, 'flows-05-submit-blocked');
    // The link opens the row.
    await page.getByRole('button', { name: '条款 1.1', exact: true }).click();
    await notice.getByRole('button', { name: '条款 2.2.3 · 条件', exact: true }).click();
    await expect.poll(() => page.locator('tr[aria-selected="true"]').getAttribute('data-item')).toBe('2.2.3');
    const li = await login(base, 'chen', PASSWORDS.chen);
    expect((await call<Version>('GET', `/schemes/${id}/versions/1`, li)).body.state).toBe('draft');
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('responsive: the row table uses the page height at 1280; review and results read at 768 and 390 px; 退出 stays reachable', async () => {
    const chen = await login(base, 'chen', PASSWORDS.chen);
    const id = (
      await call<{ id: number }>('POST', `/units/${org.unit}/schemes`, chen, { name: '窄屏测试表', baseline: 'enterprise-baseline' })
    ).body.id;
    const page = await signIn('chen', PASSWORDS.chen);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/#/schemes/${id}`);
    await see(page, '讨论未通过的文件材料');
    const box = await page.locator('sh-item-table .scroll').boundingBox();
    expect(box!.height).toBeGreaterThan(560);
    await shot(page, 'flows-06-table-1280');

    const reachable = async (p: typeof page) => {
      const out = p.getByRole('button', { name: '退出', exact: true });
      const b = (await out.boundingBox())!;
      const width = p.viewportSize()!.width;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(width);
    };
    for (const width of [768, 390]) {
      await page.setViewportSize({ width, height: 844 });
      await reachable(page);
      // No page-wide sideways scrolling: wide tables scroll inside their own box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot(page, `flows-06-workbench-${width}`);
    }
    await page.getByRole('tab', { name: '试分类与测试', exact: true }).click();
    await page.getByRole('textbox', { name: '题名', exact: true }).fill('关于召开2024年度股东大会的通知');
    await page.getByRole('button', { name: '试分类', exact: true }).click();
    await see(page, '判定理由');
    await shot(page, 'flows-06-result-390', true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    expect((await call('POST', `/schemes/${id}/versions/1/submit`, chen)).status).toBe(200);
    const reviewer = await signIn('zhou', PASSWORDS.zhou);
    for (const width of [768, 390]) {
      await reviewer.setViewportSize({ width, height: 844 });
      await reviewer.goto(`${base}/#/review`);
      await see(reviewer, '窄屏测试表');
      await reachable(reviewer);
      await shot(reviewer, `flows-06-queue-${width}`);
      await reviewer.goto(`${base}/#/review/${id}/1`);
      await see(reviewer, '与国家基线的差异');
      await reachable(reviewer);
      expect(await reviewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot(reviewer, `flows-06-review-${width}`, true);
    }
    expect(page.problems).toEqual([]);
    expect(reviewer.problems).toEqual([]);
  }, 180_000);

  it('the tester: 清空 clears the result too, and an uploaded CSV file is read and tried', async () => {
    const chen = await login(base, 'chen', PASSWORDS.chen);
    const id = (
      await call<{ id: number }>('POST', `/units/${org.unit}/schemes`, chen, { name: '试分类测试表', baseline: 'enterprise-baseline' })
    ).body.id;
    const page = await signIn('chen', PASSWORDS.chen);
    await page.goto(`${base}/#/schemes/${id}/v/1/try`);
    await page.getByRole('textbox', { name: '题名', exact: true }).fill('2023年度会计档案移交清册');
    await page.getByRole('button', { name: '试分类', exact: true }).click();
    await see(page, '判定理由');
    await page.getByRole('button', { name: '清空', exact: true }).click();
    await see(page, '还没有结果');
    expect(await page.getByText('判定理由').count()).toBe(0);
    expect(await page.getByRole('textbox', { name: '题名', exact: true }).inputValue()).toBe('');

    const csv =
      '\uFEFF题名,业务类型,形成日期\r\n2023年度会计档案移交清册,其他会计资料,2024-01-15\r\n第12号记账凭证,会计凭证,2024-03-01\r\n';
    await page
      .locator('sh-batch-tester input[type="file"]')
      .setInputFiles({ name: '记录.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await see(page, '识别为 CSV，2 条记录');
    await page.getByRole('button', { name: '开始试分类', exact: true }).click();
    await see(page, '已完成：2 / 2');
    const rows = page.getByRole('table', { name: '批量试分类结果', exact: true }).getByRole('row');
    expect(await rows.count()).toBe(3);
    await shot(page, 'flows-07-tester-upload');
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('rows can be searched and filtered; 文种 offers the 15 法定公文文种; a new 重要 branch uses the table’s 重要程度', async () => {
    const chen = await login(base, 'chen', PASSWORDS.chen);
    const id = (
      await call<{ id: number }>('POST', `/units/${org.unit}/schemes`, chen, { name: '筛选测试表', baseline: 'enterprise-baseline' })
    ).body.id;
    const page = await signIn('chen', PASSWORDS.chen);
    await page.goto(`${base}/#/schemes/${id}`);
    await see(page, '讨论未通过的文件材料');
    const shownRows = () => page.locator('sh-item-table tr[data-item]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item')));
    await page.getByRole('searchbox', { name: '搜索条款', exact: true }).fill('未通过');
    await expect.poll(shownRows).toEqual(['2', '2.2', '2.2.2']);
    await page.getByRole('searchbox', { name: '搜索条款', exact: true }).fill('');
    await page.getByRole('combobox', { name: '按保管期限筛选', exact: true }).selectOption({ label: '定期10年' });
    const tenYears = await shownRows();
    const doc = (
      await call<{ document: { items: { id: string; retention?: string | { code: string }[] }[] } }>(
        'GET',
        `/schemes/${id}/versions/1`,
        chen,
      )
    ).body.document;
    const codes = (r: unknown) => (r === undefined ? [] : Array.isArray(r) ? r.map((b: { code: string }) => b.code) : [r]);
    const expected = doc.items.filter((it) => codes(it.retention).includes('D10')).map((it) => it.id);
    expect(expected.length).toBeGreaterThan(3);
    // Every row with a 10-year period is shown, and besides them only the heading rows above them.
    expect(tenYears.filter((x) => expected.includes(x!))).toEqual(expected);
    expect(tenYears.filter((x) => !expected.includes(x!)).every((x) => doc.items.find((it) => it.id === x)!.retention === undefined)).toBe(
      true,
    );
    await shot(page, 'flows-08-filtered');
    await page.getByRole('combobox', { name: '按保管期限筛选', exact: true }).selectOption({ label: '全部期限' });

    // A row split into 重要的 / 一般的 starts from the table's own 重要程度 field, not an amount it does not use.
    await page.getByRole('button', { name: '条款 1.1', exact: true }).click();
    await page.getByRole('radio', { name: '分情况（如 重要的 / 一般的）', exact: true }).check();
    const stored = async () =>
      await page.evaluate(() => {
        const wb = document.querySelector('sh-app')!.shadowRoot!.querySelector('sh-workbench') as unknown as {
          drafts: { draft: { items: { id: string; retention: unknown }[] } };
        };
        return wb.drafts.draft.items.find((it) => it.id === '1.1')!.retention;
      });
    await expect.poll(stored).toEqual([
      { label: '重要的', code: 'Y', when: { '==': [{ var: 'extra.importance' }, '重要'] } },
      { label: '一般的', code: 'D10' },
    ]);

    // 文种 in a condition offers the 15 document types of 党政机关公文处理工作条例.
    await page.getByRole('button', { name: '条款 2.2.2', exact: true }).click();
    const field = page.getByRole('combobox', { name: '第 1 个条件的字段', exact: true }).first();
    await field.selectOption({ label: '文种' });
    const options = await page
      .locator('sh-item-editor')
      .locator('sh-chips-input datalist option')
      .evaluateAll((o) => o.map((x) => x.getAttribute('value')));
    expect(options).toEqual([
      '决议',
      '决定',
      '命令',
      '公报',
      '公告',
      '通告',
      '意见',
      '通知',
      '通报',
      '报告',
      '请示',
      '批复',
      '议案',
      '函',
      '纪要',
    ]);
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('anyone changes their own password in the page; mistakes are said next to the field', async () => {
    const admin = await login(base, 'admin', ADMIN_PASSWORD);
    expect(
      (
        await call('POST', '/users', admin, {
          username: 'wu',
          password: 'wu-archivist-pw1',
          displayName: '吴小丽',
          role: 'archivist',
          orgId: org.unit,
        })
      ).status,
    ).toBe(201);
    const page = await signIn('wu', 'wu-archivist-pw1');
    await page.getByRole('link', { name: '修改密码', exact: true }).click();
    const form = page.getByRole('form', { name: '修改密码', exact: true });
    await form.getByLabel('当前密码', { exact: true }).fill('not-my-password');
    await form.getByLabel('新密码（至少 10 位）', { exact: true }).fill('wu-new-password-2');
    await form.getByLabel('再次输入新密码', { exact: true }).fill('wu-new-password-3');
    await form.getByRole('button', { name: '修改密码', exact: true }).click();
    await see(page, '两次输入的新密码不一致');
    await form.getByLabel('再次输入新密码', { exact: true }).fill('wu-new-password-2');
    await form.getByRole('button', { name: '修改密码', exact: true }).click();
    await see(page, '当前密码不正确');
    await shot(page, 'flows-09-password-error');
    await form.getByLabel('当前密码', { exact: true }).fill('wu-archivist-pw1');
    await form.getByRole('button', { name: '修改密码', exact: true }).click();
    await see(page, '密码已修改，下次登录请使用新密码。');
    expect((await call('POST', '/auth/login', undefined, { username: 'wu', password: 'wu-new-password-2' })).status).toBe(200);
    expect(page.problems).toEqual([]);
  }, 120_000);
});
