// Import keeps the table's structure (#12): accounting rows land under 会计档案, heading rows may become classes, and
// one empty 保管期限 cell flags its row instead of refusing the whole table.
import { describe, expect, it } from 'vitest';
import { MISSING_RETENTION_NOTE } from '../../server/spreadsheet/import/document.js';
import { type ImportOptions, importTable } from '../../server/spreadsheet/import/index.js';

const TABLE = [
  '条款号,归档范围,保管期限,依据',
  '1,本企业设立、变更文件材料,,',
  '1.1,设立申请及批复,永久,',
  '1.2,公司章程,,',
  '2,会计档案,,',
  '2.1,原始凭证,定期30年,79号令附表1 第1项',
  '2.2,年度财务会计报告,永久,',
  '3,银行对账单,定期10年,',
  '4,印章启用通知,永久,',
  '',
].join('\n');

async function imported(options: ImportOptions = {}) {
  const r = await importTable(new TextEncoder().encode(TABLE), { filename: 't.csv', unit: '甲公司', kind: 'enterprise', ...options });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r;
}

const classes = (r: Awaited<ReturnType<typeof imported>>) => Object.fromEntries(r.document.items.map((i) => [i.id, i.class ?? null]));

describe('importing a table without class columns', () => {
  it('files accounting rows (by source, wording or heading) under 会计档案 and the rest under 文书档案', async () => {
    const r = await imported();
    expect(r.document.classes).toEqual([
      { code: 'WS', name: '文书档案' },
      { code: 'KJ', name: '会计档案' },
    ]);
    expect(classes(r)).toEqual({ '1': null, '1.1': 'WS', '1.2': 'WS', '2': null, '2.1': 'KJ', '2.2': 'KJ', '3': 'KJ', '4': 'WS' });
    expect(r.warnings.map((w) => w.message)).toContain('3 条会计档案条款（依据 79号令或名称为会计凭证、账簿、报告等）已归入“会计档案”');
  });

  it('makes top-level heading rows classes of their 门类 when asked, coded by clause number', async () => {
    const r = await imported({ headingClasses: true });
    expect(r.document.classes).toEqual([
      { code: 'WS', name: '文书档案', children: [{ code: '1', name: '本企业设立、变更文件材料' }] },
      { code: 'KJ', name: '会计档案' },
    ]);
    // A heading named like its 门类 (会计档案) is the 门类 itself, not a class below it.
    expect(classes(r)).toEqual({ '1': null, '1.1': 'WS/1', '1.2': 'WS/1', '2': null, '2.1': 'KJ', '2.2': 'KJ', '3': 'KJ', '4': 'WS' });
  });

  it('imports a row whose 保管期限 cell is empty as 永久, flagged on the row and in the warnings', async () => {
    const r = await imported();
    const row = r.document.items.find((i) => i.id === '1.2');
    expect(row).toMatchObject({ retention: 'Y', editorNote: MISSING_RETENTION_NOTE, needsCondition: true });
    expect(r.warnings.filter((w) => /保管期限为空/.test(w.message)).map((w) => w.path)).toEqual(['/CSV/R4/C3']);
    expect(r.document.items.filter((i) => i.editorNote).map((i) => i.id)).toEqual(['1.2']);
  });
});
