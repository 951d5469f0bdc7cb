// End to end in a real browser: an archivist imports the unit's 三合一 table from Excel and from a CSV that needs a
// column mapping, sees the preview, warnings and table errors, creates the draft, applies a suggested condition and
// tries a record against it; then creates an API key, sees it once, uses it, and revokes it.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  type Started,
  type WatchedPage,
  launchChromium,
  see,
  seedOrgs,
  shot,
  signIn as signInAt,
  startServer,
  tearDown,
  unlabeled,
} from './helpers.js';
import { withoutChromium } from '../chromium.js';

const ADMIN_PASSWORD = 'import-admin-password';
const LI = { username: 'li', password: 'li-archivist-pw1' };
const FIXTURES = join(ROOT, 'test', 'fixtures', 'spreadsheets');
const FILE_LABEL = '表格文件（.xlsx 或 .csv，不超过 10 MB）';

let server: Started;
let browser: Browser;
const contexts: BrowserContext[] = [];
let unit = 0;

/** Li, signed in with clipboard access (the API key page copies the new key). */
function signIn(): Promise<WatchedPage> {
  return signInAt(browser, contexts, server.base, LI.username, LI.password, ['clipboard-read', 'clipboard-write']);
}

/** The text of one row of the workbench's item table. */
const rowText = (page: Page, id: string) => page.locator(`sh-item-table tr[data-item="${id}"]`).textContent();

describe.skipIf(withoutChromium('import e2e in Chromium'))('importing a 三合一 table and API keys in a browser', () => {
  beforeAll(async () => {
    server = await startServer(ADMIN_PASSWORD);
    [unit] = (
      await seedOrgs(server.base, ADMIN_PASSWORD, {
        bureau: '宁波市档案局',
        units: [{ name: '华东新材料股份有限公司', fonds: 'Z101' }],
        people: [{ ...LI, displayName: '李档案', role: 'archivist', at: 0 }],
      })
    ).units;
    browser = await launchChromium();
  }, 120_000);

  afterAll(() => tearDown(contexts, browser, server));

  it('imports the Excel table: preview, warnings, new draft, a suggested condition applied and tried', async () => {
    const page = await signIn();
    await see(page, '还没有三合一表');
    await page.getByRole('button', { name: '从 Excel/CSV 导入' }).click();
    const dialog = page.getByRole('dialog', { name: '从 Excel/CSV 导入三合一表' });
    await dialog.waitFor();
    // The file is picked with a Chinese button (the browser's own “Choose File” control is hidden) that says what was chosen.
    const chosen = dialog.locator('[data-chosen]');
    expect(await chosen.textContent()).toBe('未选择文件');
    const box = await page.getByLabel(FILE_LABEL, { exact: true }).boundingBox();
    expect(box && box.width <= 1 && box.height <= 1).toBe(true);
    await shot(page, 'import-01-dialog');

    // A table with errors: every problem located by row and column, nothing imported.
    await page.getByLabel(FILE_LABEL, { exact: true }).setInputFiles(join(FIXTURES, 'bad-rows.xlsx'));
    await see(page, '表格有 2 处问题，未导入任何内容');
    expect(await chosen.textContent()).toMatch(/^bad-rows\.xlsx（\d+ KB）$/);
    expect(await dialog.getByText('重新选择文件…', { exact: true }).isVisible()).toBe(true);
    const problems = page.getByRole('table', { name: '表格中的问题' });
    expect(await problems.textContent()).toContain('第 5 行 · E 列（保管期限）');
    expect(await problems.textContent()).toContain('无法识别的保管期限“8年”');
    expect(await page.getByRole('button', { name: '导入为新草稿' }).count()).toBe(0);
    await shot(page, 'import-02-errors');

    // The Excel table: two-row header, merged 一级类目, 〃 — read without help.
    await page.getByLabel(FILE_LABEL, { exact: true }).setInputFiles(join(FIXTURES, 'levels-merged.xlsx'));
    await see(page, '表格可以导入');
    await see(page, '第 3 行为表头');
    const mapping = await page.getByRole('list', { name: '列与字段的对应' }).textContent();
    expect(mapping).toMatch(/A 列“一级类目” → 一级类目[\s\S]*C 列“归档范围” → 归档范围[\s\S]*D 列“保管期限” → 保管期限/);
    expect(await page.getByRole('table', { name: '导入提示' }).textContent()).toContain('类目“党群管理类”没有代码，已生成“A”');
    const planned = page.getByRole('table', { name: '将创建的条款' });
    expect(await planned.locator('tr[data-item="1.5"]').textContent()).toContain('对下属单位关于党务工作请示的批复');
    expect(await planned.locator('tr[data-item="2.3"]').textContent()).toContain('重要的：永久；一般的：定期10年');
    expect(await page.getByRole('table', { name: '表格前几行' }).textContent()).toContain('〃');
    expect(await unlabeled(page, 2)).toEqual([]);
    await shot(page, 'import-03-preview');
    await page.getByLabel('新三合一表名称', { exact: true }).focus(); // keyboard focus shows
    await planned.locator('tr[data-item="3.2"]').scrollIntoViewIfNeeded();
    await shot(page, 'import-03b-rows-to-create');

    await page.getByLabel('新三合一表名称', { exact: true }).fill('华东新材料三合一表（导入）');
    await page.getByRole('button', { name: '导入为新草稿' }).click();
    await see(page, '已创建三合一表“华东新材料三合一表（导入）”第 1 版草稿');
    await see(page, /还有 \d+ 条建议未应用/);
    await shot(page, 'import-04-created');

    // The draft: the imported rows with their periods, every one waiting for a condition.
    await page.getByRole('button', { name: '打开草稿' }).click();
    await page.getByRole('tab', { name: '编辑三合一表' }).waitFor();
    await expect.poll(() => rowText(page, '1.1')).toContain('永久');
    expect(await rowText(page, '1.1')).toContain('党员代表大会、党委（党支部）会议');
    expect(await rowText(page, '1.2')).toContain('定期10年');
    expect(await rowText(page, '1.5')).toContain('定期30年');
    expect(await rowText(page, '1.5')).toContain('待补充条件');
    expect(await rowText(page, '2.3')).toContain('重要的：永久；一般的：定期10年');
    await shot(page, 'import-05-draft');

    // Back on the unit's page the suggestions are still there: 1.5's is applied and saved.
    await page.getByRole('link', { name: '本单位三合一表' }).click();
    await page.getByRole('button', { name: /^建议条件（\d+）$/ }).click();
    await page.getByRole('button', { name: '应用条款 1.5 的建议条件' }).click();
    await see(page, '已应用 1 条，尚未保存');
    await shot(page, 'import-06-suggestion-applied');
    // Leaving with an applied, unsaved suggestion asks first, in the page (not window.confirm()).
    await page.getByRole('button', { name: '打开草稿' }).click();
    const question = page.getByRole('alertdialog', { name: '请确认', exact: true });
    await see(page, '有 1 条已应用的建议条件尚未保存，打开草稿后将丢失。确定打开？');
    await question.getByRole('button', { name: '取消' }).click();
    await question.waitFor({ state: 'hidden' });
    await see(page, '已应用 1 条，尚未保存');
    await page.getByRole('button', { name: '保存已应用的 1 条条件' }).click();
    await see(page, '已把 1 条建议条件保存到第 1 版草稿。');
    await page.getByRole('button', { name: '打开草稿' }).click();
    await expect.poll(() => rowText(page, '1.5')).toContain('题名包含');
    expect(await rowText(page, '1.5')).not.toContain('待补充条件');

    // A record the suggested condition now matches.
    await page.getByRole('tab', { name: '试分类与测试' }).click();
    await page.getByRole('textbox', { name: '题名', exact: true }).fill('关于下属单位党务工作请示的批复');
    await page.getByLabel('文种', { exact: true }).fill('批复');
    await page.getByLabel('形成日期', { exact: true }).fill('2025-03-01');
    await page.getByRole('button', { name: '试分类', exact: true }).click();
    const result = () => page.locator('sh-result-card').evaluate((el) => el.shadowRoot?.textContent ?? '');
    await see(page, '决定条款');
    await expect.poll(result).toMatch(/归档[\s\S]*定期30年/);
    expect(await result()).toContain('1.5');
    await shot(page, 'import-07-tried');

    // The suggestions are kept with the scheme on the service: another browser (its own session) finds them, and
    // applies the rest at once.
    const other = await signIn();
    await other.getByRole('button', { name: /^建议条件（\d+）$/ }).click();
    const all = other.getByRole('button', { name: /^全部应用（\d+ 条）$/ });
    const open = Number(/（(\d+) 条）/.exec((await all.textContent()) ?? '')?.[1]);
    expect(open).toBeGreaterThan(0);
    await all.click();
    await see(other, `已应用 ${open} 条，尚未保存`);
    await shot(other, 'import-06b-apply-all');
    await other.getByRole('button', { name: `保存已应用的 ${open} 条条件` }).click();
    await see(other, `已把 ${open} 条建议条件保存到第 1 版草稿。`);
    expect(other.problems).toEqual([]);
    expect(page.problems).toEqual([]);
  }, 180_000);

  it('imports a CSV whose columns need a mapping', async () => {
    const page = await signIn();
    await page.getByRole('button', { name: '从 Excel/CSV 导入' }).click();
    await page.getByLabel(FILE_LABEL, { exact: true }).setInputFiles(join(FIXTURES, 'unknown-headers.csv'));
    await see(page, '无法自动确定表格各列的含义');
    await page.getByLabel('A 列对应的字段', { exact: true }).selectOption('id');
    await page.getByLabel('B 列对应的字段', { exact: true }).selectOption('scope');
    await see(page, '请指定哪一列是“保管期限”');
    await page.getByLabel('C 列对应的字段', { exact: true }).selectOption('retention');
    expect(await unlabeled(page, 5)).toEqual([]);
    await page.getByLabel('C 列对应的字段', { exact: true }).focus();
    await page.keyboard.press('Tab');
    await shot(page, 'import-08-mapping');
    await page.getByRole('button', { name: '按此对应关系重新检查' }).click();
    await see(page, '表格可以导入');
    await see(page, '表格没有类目列');
    await shot(page, 'import-09-csv-preview');
    await page.getByLabel('新三合一表名称', { exact: true }).fill('CSV 导入表');
    await page.getByRole('button', { name: '导入为新草稿' }).click();
    await see(page, '已创建三合一表“CSV 导入表”第 1 版草稿');
    // Closing the dialog opens the new draft.
    await page.getByRole('button', { name: '关闭' }).click();
    await page.getByRole('tab', { name: '编辑三合一表' }).waitFor();
    await expect.poll(() => rowText(page, '3')).toContain('合同、协议');
    expect(await rowText(page, '1')).toContain('永久');
    expect(await rowText(page, '2')).toContain('定期10年');
    expect(await rowText(page, '3')).toContain('定期30年');
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('keeps the structure: accounting rows under 会计档案, headings as classes, an empty period flags its row', async () => {
    const table = [
      '条款号,归档范围,保管期限,依据',
      '1,本企业设立、变更文件材料,,',
      '1.1,设立申请及批复,永久,',
      '1.2,公司章程,,',
      '2,会计档案,,',
      '2.1,原始凭证,定期30年,79号令附表1 第1项',
      '2.2,年度财务会计报告,永久,',
      '',
    ];
    const page = await signIn();
    await page.getByRole('button', { name: '从 Excel/CSV 导入' }).click();
    await page
      .getByLabel(FILE_LABEL, { exact: true })
      .setInputFiles({ name: '结构.csv', mimeType: 'text/csv', buffer: Buffer.from(table.join('\n')) });
    await see(page, '表格可以导入');
    const hints = page.getByRole('table', { name: '导入提示' });
    await expect.poll(() => hints.textContent()).toContain('2 条会计档案条款（依据 79号令或名称为会计凭证、账簿、报告等）已归入“会计档案”');
    expect(await hints.textContent()).toContain('条款“1.2”的保管期限为空，已暂按永久（从长）导入并在该条款上标注，请核定');
    const planned = page.getByRole('table', { name: '将创建的条款' });
    expect(await planned.locator('tr[data-item="2.1"]').textContent()).toContain('KJ');
    expect(await planned.locator('tr[data-item="1.2"]').textContent()).toContain('导入时保管期限为空，暂按永久（从长）导入');
    await page.getByRole('checkbox', { name: /把一级标题行作为类目/ }).check();
    await expect.poll(() => planned.locator('tr[data-item="1.1"]').textContent()).toContain('WS/1');
    expect(await planned.locator('tr[data-item="2.1"]').textContent()).toContain('KJ');
    await page.getByRole('table', { name: '将创建的条款' }).scrollIntoViewIfNeeded();
    await shot(page, 'import-09b-structure');
    await page.getByLabel('新三合一表名称', { exact: true }).fill('结构导入表');
    await page.getByRole('button', { name: '导入为新草稿' }).click();
    await see(page, '已创建三合一表“结构导入表”第 1 版草稿');
    await page.getByRole('button', { name: '关闭' }).click();
    await page.getByRole('tab', { name: '编辑三合一表' }).waitFor();
    await expect.poll(() => rowText(page, '1.2')).toContain('编辑备注：导入时保管期限为空');
    expect(await rowText(page, '1.2')).toContain('永久');
    expect(await rowText(page, '2.1')).toContain('KJ');
    await shot(page, 'import-09c-structure-draft');
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('creates an API key, shows it once, a business system uses it, and it is revoked', async () => {
    const page = await signIn();
    await see(page, '业务系统 API 密钥');
    await see(page, '还没有 API 密钥');
    await page.getByLabel('密钥名称（说明给哪个系统用）', { exact: true }).fill('OA 系统归档接口');
    await page.getByRole('button', { name: '创建密钥' }).click();
    await see(page, '关闭后将无法再次查看');
    const key = await page.getByLabel('新 API 密钥（只显示这一次）', { exact: true }).inputValue();
    expect(key).toMatch(/^shk_/);
    await page.getByRole('button', { name: '复制密钥' }).click();
    await see(page, '已复制 ✓');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await shot(page, 'import-10-key-created');

    // The business system: the draft is not approved, so there is no version to classify with.
    const classify = () =>
      fetch(`${server.base}/api/v1/units/${unit}/classify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: '关于下属单位党务工作请示的批复', docType: '批复', date: '2025-03-01' }),
      });
    const res = await classify();
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).type).toBe('https://sanheyi.dev/problems/no-version-in-force');

    // Closed, the key is gone from the page; the list names it by prefix.
    await page.getByRole('button', { name: '我已保存，关闭' }).click();
    const list = page.getByRole('table', { name: 'API 密钥' });
    await expect.poll(() => list.textContent()).toContain('OA 系统归档接口');
    expect(await list.textContent()).toContain(key.slice(0, 12));
    const shown = await page
      .locator('sh-api-keys')
      .evaluate((el) =>
        [el.shadowRoot?.textContent ?? '', ...Array.from(el.shadowRoot?.querySelectorAll('input') ?? [], (i) => i.value)].join('\n'),
      );
    expect(shown).not.toContain(key.slice(12));
    await shot(page, 'import-11-keys');

    await page.getByRole('button', { name: '吊销密钥 OA 系统归档接口' }).click();
    await page.getByRole('alertdialog', { name: '请确认', exact: true }).getByRole('button', { name: '吊销', exact: true }).click();
    await expect.poll(() => list.textContent()).toContain('已吊销');
    expect((await classify()).status).toBe(401);
    await shot(page, 'import-12-key-revoked');
    expect(page.problems).toEqual([]);
  }, 120_000);
});
