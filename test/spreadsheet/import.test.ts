// Importing real-looking 三合一 tables: layouts, merged cells, 〃, old periods, sub-rows, bad rows, mappings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScheme } from '../../server/engine/validate.js';
import { BRANCH_REVIEW, type ImportResult, importTable } from '../../server/spreadsheet/import/index.js';

const dir = join(import.meta.dirname, '../fixtures/spreadsheets');
const load = (name: string) => readFileSync(join(dir, name));

function ok(r: ImportResult) {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  expect(validateScheme(r.document).ok).toBe(true);
  return r;
}

const rows = (r: ReturnType<typeof ok>) =>
  r.document.items.map((i) => [
    i.id,
    i.class ?? null,
    i.scope,
    Array.isArray(i.retention) ? i.retention.map((b) => `${b.label}:${b.code}`).join('|') : (i.retention ?? null),
  ]);

describe('类目号/类目名称 layout with a title block (code-name.xlsx)', async () => {
  const r = ok(await importTable(load('code-name.xlsx'), { filename: 'code-name.xlsx' }));

  it('reads unit, 全宗号 and title from the rows above the header', () => {
    expect(r.document.unit).toBe('华东机械制造有限公司');
    expect(r.document.fonds).toBe('Z021');
    expect(r.document.title).toBe('华东机械制造有限公司文件材料归档范围和档案保管期限表');
    expect(r.preview.headerRow).toBe(3);
    expect(r.preview.columns.map((c) => c.field)).toEqual(['classCode', 'className', 'id', 'scope', 'retention', 'department', 'note']);
  });

  it('builds the class tree from class lines and 类目号 paths', () => {
    expect(r.document.classes).toEqual([
      {
        code: 'WS',
        name: '文书档案',
        note: '管理类',
        children: [
          { code: 'JG', name: '经营管理' },
          { code: 'XZ', name: '行政管理' },
        ],
      },
      { code: 'KJ', name: 'KJ', children: [{ code: 'SB', name: '设备仪器' }] },
    ]);
    expect(r.warnings.some((w) => w.message.includes('类目“KJ”没有名称'))).toBe(true);
  });

  it('reads clauses, headings, periods in all spellings and 重要的/一般的 sub-rows', () => {
    expect(rows(r)).toEqual([
      ['1', 'WS/JG', '企业设立、变更、解散形成的文件材料', null],
      ['1.1', 'WS/JG', '企业设立、合并、分立、改制的请示、批复、决议、章程', 'Y'],
      ['1.2', 'WS/JG', '董事会、监事会、股东会会议纪要、决议', 'Y'],
      ['1.3', 'WS/JG', '年度经营计划、总结', '重要的:Y|一般的:D10'],
      ['1.4', 'WS/JG', '统计年报、季报', 'D30'],
      ['1.5', 'WS/JG', '情况简报、工作动态', 'D10'],
      ['2', 'WS/XZ', '行政管理文件材料', null],
      ['2.1', 'WS/XZ', '印章启用、废止的通知及印模', 'Y'],
      ['2.2', 'WS/XZ', '一般性事务通知、会议安排', 'D10'],
      ['2.3', 'WS/XZ', '对外签订的合同、协议', '重要的:Y|一般的:D30'],
      ['3', 'KJ/SB', '设备购置合同、验收文件', 'D30'],
    ]);
    const item = r.document.items.find((i) => i.id === '1.2')!;
    expect(item).toMatchObject({ department: '董事会办公室', note: '含电子文件', needsCondition: true });
    expect(item.when).toBeUndefined();
  });

  it('marks branch rows for review and headings without period or needsCondition', () => {
    const b = r.document.items.find((i) => i.id === '1.3')!;
    expect(b.review).toBe(BRANCH_REVIEW);
    expect(b.needsCondition).toBe(true);
    const h = r.document.items.find((i) => i.id === '1')!;
    expect(h.retention).toBeUndefined();
    expect(h.needsCondition).toBeUndefined();
  });

  it('warns once per row for old periods, naming the current code', () => {
    const legacy = r.warnings.filter((w) => w.message.includes('旧制'));
    expect(legacy.map((w) => [w.row, w.columnLetter])).toEqual([
      [11, 'E'],
      [12, 'E'],
    ]);
    expect(legacy[0].message).toContain('定期30年');
    expect(legacy[1].message).toContain('定期10年');
    expect(r.stats.legacyRetention).toBe(2);
  });

  it('offers suggested conditions separately, never applied', () => {
    expect(r.suggestions['1.1']).toEqual({
      and: [
        { or: ['设立', '合并', '分立', '改制'].map((k) => ({ in: [k, { var: 'title' }] })) },
        { in: [{ var: 'docType' }, ['请示', '批复', '决议', '章程']] },
      ],
    });
    expect(r.suggestions['1']).toBeUndefined(); // headings get none
    expect(r.document.items.every((i) => i.when === undefined)).toBe(true);
  });
});

describe('一级类目/二级类目 layout with merged cells and 〃 (levels-merged.xlsx)', async () => {
  const r = ok(await importTable(load('levels-merged.xlsx'), { filename: 'levels-merged.xlsx', kind: 'enterprise' }));

  it('finds the lower row of a two-row header', () => {
    expect(r.preview.headerRow).toBe(3);
    expect(r.preview.columns.map((c) => c.field)).toEqual(['class1', 'class2', 'scope', 'retention']);
  });

  it('reads merged 一级类目, 〃 and 同上, infers the 门类 code from A1/A2/A3 and generates clause numbers', () => {
    expect(r.document.classes).toEqual([
      {
        code: 'A',
        name: '党群管理类',
        children: [
          { code: 'A1', name: '党务工作' },
          { code: 'A2', name: '组织工作' },
          { code: 'A3', name: '宣传统战工作' },
        ],
      },
    ]);
    expect(rows(r)).toEqual([
      ['1', 'A/A1', '党务工作', null],
      ['1.1', 'A/A1', '党员代表大会、党委（党支部）会议及其他有关会议：会议通知、报告、换届选举结果、决议、通报、纪要等', 'Y'],
      ['1.2', 'A/A1', '同上会议：发言、简报、小组会议纪要', 'D10'],
      ['1.3', 'A/A1', '党务综合性工作：工作计划、总结、重要专项活动工作报告，重要的调研材料、党务工作大事记', 'Y'],
      ['1.4', 'A/A1', '党务综合性工作：情况反映、工作简报及一般材料', 'D10'],
      ['1.5', 'A/A1', '对下属单位关于党务工作请示的批复', 'D30'],
      ['1.6', 'A/A1', '各项规章制度、管理办法与条例等', 'D30'],
      ['2', 'A/A2', '组织工作', null],
      ['2.1', 'A/A2', '党员干部考察、考核、任免、政审决定等', 'Y'],
      ['2.2', 'A/A2', '入党、转正、退党、转入、转出等决定及党员名册', 'Y'],
      ['2.3', 'A/A2', '党员学习教育等活动形成的文件', '重要的:Y|一般的:D10'],
      ['3', 'A/A3', '宣传统战工作', null],
      ['3.1', 'A/A3', '单位编辑的出版物样本与定稿', '重要的:Y|一般的:D30'],
      ['3.2', 'A/A3', '反映本企业活动的报刊、广播稿', 'D30'],
    ]);
    expect(r.stats.generatedIds).toBe(11); // table rows; the class headings 1, 2, 3 are added
    expect(r.warnings.some((w) => w.message.includes('没有条款号，已按表格顺序生成'))).toBe(true);
  });
});

describe('序号-only annex layout (serial-only.csv)', async () => {
  const r = ok(
    await importTable(load('serial-only.csv'), { filename: 'serial-only.csv', unit: '测试机械厂', kind: 'enterprise', fonds: 'Q7' }),
  );

  it('maps old accounting periods and 长期/短期 to the not-shorter current code, one warning per row', () => {
    const byId = Object.fromEntries(r.document.items.map((i) => [i.id, i.retention]));
    expect(byId['1.1']).toBe('D30'); // 15年
    expect(byId['1.3']).toBe('D10'); // 3年
    expect(byId['1.5']).toBe('D10'); // 5年
    expect(byId['1.6']).toBe('D30'); // 25年
    expect(byId['2.2']).toBe('D10'); // 短期
    expect(byId['2.1']).toEqual([
      { label: '重要的', when: false, code: 'Y' },
      { label: '一般的', when: false, code: 'D30' },
    ]); // 长期
    const legacyRows = r.warnings.filter((w) => /旧/.test(w.message)).map((w) => w.row);
    expect(legacyRows).toEqual([3, 4, 5, 7, 8, 12, 13]);
  });

  it('files the clauses under 文书档案, accounting ones under 会计档案, and says so', () => {
    expect(r.document.classes).toEqual([
      { code: 'WS', name: '文书档案' },
      { code: 'KJ', name: '会计档案' },
    ]);
    const classOf = Object.fromEntries(r.document.items.map((i) => [i.id, i.class ?? null]));
    expect(classOf).toMatchObject({ '1.1': 'KJ', '1.3': 'KJ', '1.6': 'KJ', '2.1': 'WS', '2.2': 'WS', '2.3': 'WS' });
    expect(r.warnings.map((w) => w.message)).toContain('6 条会计档案条款（依据 79号令或名称为会计凭证、账簿、报告等）已归入“会计档案”');
    expect(r.document.fonds).toBe('Q7');
    expect(r.warnings.some((w) => w.message.includes('表格没有类目列'))).toBe(true);
  });
});

describe('机关 table: 门类/类别, merged 条款号 over sub-rows, 区分 column, " ditto (organ-dept.xlsx)', async () => {
  const r = ok(await importTable(load('organ-dept.xlsx'), { filename: 'organ-dept.xlsx', kind: 'organ' }));

  it('reads the table', () => {
    expect(r.document.kind).toBe('organ');
    expect(r.document.unit).toBe('某市交通运输局');
    expect(r.document.classes).toEqual([
      {
        code: 'WS',
        name: '文书',
        children: [
          { code: 'HY', name: '会议' },
          { code: 'ZH', name: '综合' },
        ],
      },
    ]);
    expect(rows(r)).toEqual([
      ['1', 'WS/HY', '本机关召开的党组会议、局长办公会议文件', null],
      ['1.1', 'WS/HY', '会议通知、议程、纪要、决定', 'Y'],
      ['1.2', 'WS/HY', '会议记录、简报', 'D30'],
      ['2', 'WS/ZH', '本机关与其他单位签订的合同、协议', '重要的:Y|一般的:D10'],
      ['3', 'WS/ZH', '上级机关颁发的需本机关贯彻执行的文件', 'D30'],
    ]);
    expect(r.document.items[2].department).toBe('办公室'); // " = 同上
    expect(r.document.items[3]).toMatchObject({ department: '法规科', note: '按金额和期限区分', review: BRANCH_REVIEW });
    expect(r.warnings).toEqual([]);
  });
});

describe('bad rows (bad-rows.xlsx)', () => {
  it('reports every problem by sheet, row and column and imports nothing', async () => {
    const r = await importTable(load('bad-rows.xlsx'), { filename: 'bad-rows.xlsx', unit: '测试单位', kind: 'enterprise' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect('document' in r).toBe(false);
    expect(r.errors.map((e) => ({ sheet: e.sheet, row: e.row, column: e.column, path: e.path }))).toEqual([
      { sheet: 'Sheet1', row: 5, column: 5, path: '/Sheet1/R5/C5' },
      { sheet: 'Sheet1', row: 6, column: 3, path: '/Sheet1/R6/C3' },
    ]);
    expect(r.errors[0].message).toContain('无法识别的保管期限“8年”');
    expect(r.errors[1].message).toContain('条款号“1.1”重复（第 3 行已使用）');
    // The empty period cell flags its row rather than refusing the table by itself.
    expect(r.warnings.find((w) => w.path === '/Sheet1/R4/C5')?.message).toMatch(/保管期限为空，已暂按永久（从长）导入/);
  });
});

describe('unknown headers (unknown-headers.csv)', () => {
  it('asks for a mapping with a preview', async () => {
    const r = await importTable(load('unknown-headers.csv'), { filename: 'unknown-headers.csv', unit: '测试单位' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.needsMapping).toBe(true);
    expect(r.preview!.headerRow).toBeNull();
    expect(r.preview!.columns.map((c) => c.letter)).toEqual(['A', 'B', 'C']);
    expect(r.preview!.rows[1].cells).toEqual(['1', '工作计划、总结', '永久']);
    expect(r.preview!.fields.some((f) => f.label === '保管期限')).toBe(true);
  });

  it('imports with a mapping by letters (Chinese field names) and treats the first row as header', async () => {
    const r = ok(
      await importTable(load('unknown-headers.csv'), {
        unit: '测试单位',
        kind: 'organ',
        mapping: { A: '条款号', B: '归档范围', C: '保管期限' },
      }),
    );
    expect(rows(r)).toEqual([
      ['1', 'WS', '工作计划、总结', 'Y'],
      ['2', 'WS', '会议记录', 'D10'],
      ['3', 'WS', '合同、协议', 'D30'],
    ]);
    expect(r.preview.headerRow).toBe(1);
  });

  it('imports with a mapping by header text (English field names)', async () => {
    const r = ok(
      await importTable(load('unknown-headers.csv'), { unit: '测试单位', kind: 'organ', mapping: { 列二: 'scope', 列三: 'retention' } }),
    );
    expect(r.document.items.map((i) => i.id)).toEqual(['1', '2', '3']);
  });

  it('rejects an unknown field in a mapping', async () => {
    const r = await importTable(load('unknown-headers.csv'), { unit: '测试单位', mapping: { B: '归档范围', C: '期限表' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toContain('字段“期限表”未知');
  });
});

/** GB18030 bytes for a text (two-byte range only), found by decoding every pair: Node has no GB18030 encoder. */
function encodeGb18030(text: string): Uint8Array {
  const map = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) map.set(dec.decode(new Uint8Array([a, b])), [a, b]);
  return new Uint8Array([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : map.get(ch)!)));
}

describe('other inputs', () => {
  const csv = (text: string) => new TextEncoder().encode(text);

  it('reads GB18030 CSV (Excel on Chinese Windows) and tab-separated text', async () => {
    const gbk = encodeGb18030('序号,归档范围,保管期限\r\n1,会议纪要,永久\r\n');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const r = ok(await importTable(gbk, { filename: 'gbk.csv', unit: '测试单位', kind: 'organ' }));
    expect(rows(r)).toEqual([['1', 'WS', '会议纪要', 'Y']]);
    const t = ok(
      await importTable(csv('条款号\t归档范围\t保管期限\n1\t会议纪要\t定期30年\n'), { filename: 'x.txt', unit: '测试单位', kind: 'organ' }),
    );
    expect(t.document.items[0].retention).toBe('D30');
  });

  it('rejects .xls and empty files', async () => {
    const xls = await importTable(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), { filename: 'old.xls', unit: 'x' });
    expect(xls.ok === false && xls.errors[0].message).toContain('.xls');
    const empty = await importTable(csv('\n\n'), { filename: 'e.csv', unit: 'x' });
    expect(empty.ok === false && empty.errors[0].message).toContain('没有任何内容');
  });

  it('reports a clause whose parent is missing and an id that is not 层垒制', async () => {
    const r = await importTable(csv('条款号,归档范围,保管期限\n1,甲,永久\n2.1,乙,永久\n一、,丙,永久\n'), { unit: 'x', kind: 'organ' });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => [e.row, e.column, e.message.includes('上级条款') || e.message.includes('层垒制')])).toEqual([
        [3, 1, true],
        [4, 1, true],
      ]);
  });

  it('refuses 〃 without a row above and 〃 in the 条款号 column', async () => {
    const r = await importTable(csv('条款号,归档范围,保管期限\n1,甲,〃\n〃,乙,永久\n'), { unit: 'x', kind: 'organ' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['/CSV/R2/C3', '/CSV/R3/C1']);
  });

  it('needs a unit when the table does not name one', async () => {
    const r = await importTable(csv('条款号,归档范围,保管期限\n1,甲,永久\n'), { kind: 'organ' });
    expect(r.ok === false && r.errors[0].message).toContain('缺少单位名称');
  });
});
