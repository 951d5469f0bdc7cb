// `sanheyi classify` run as a user would: JSONL and CSV in and out, bad lines by number, exit codes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, sanheyi } from './run-sanheyi.js';

const SCHEME = join(ROOT, 'test/fixtures/cli/valid.json');

const GOOD = [
  { title: '2024年第3次党政联席会议纪要', origin: 'own', docType: '纪要', date: '2024-03-15' },
  { title: '关于开展安全生产大检查的通知', origin: 'superior', docType: '通知', actionRequired: true, date: '2024-05-01' },
  { title: '关于2025年度财务预算的报告', docType: '报告', date: '2024-12-01' },
  { title: '会议纪要（复制件）', origin: 'own', docType: '纪要', manuscript: '复制件' },
  { title: '食堂菜谱调整说明' },
];

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sanheyi-classify-'));
  await writeFile(file('good.jsonl'), GOOD.map((r) => JSON.stringify(r)).join('\n') + '\n');
  await writeFile(
    file('mixed.jsonl'),
    [
      JSON.stringify(GOOD[0]),
      'not json',
      '',
      JSON.stringify({ title: '关于2025年度财务预算的报告', docType: '报告', date: '2024-02-30' }),
      JSON.stringify({ title: '合同', amount: '12', extra: { project: 'P1', colour: 'red' } }),
      JSON.stringify(GOOD[1]),
      '[1, 2]',
    ].join('\r\n') + '\r\n',
  );
  await writeFile(
    file('records.csv'),
    '\ufefftitle,来源,docType,actionRequired,amount,keywords,date,extra.project,manuscript\r\n' +
      '2024年第3次党政联席会议纪要,本单位,纪要,,,会议;纪要,2024/3/15,P1,\r\n' +
      '关于开展安全生产大检查的通知,superior,通知,是,,,2024-05-01,,\r\n' +
      ',,,,,,,,\r\n' +
      '"关于2025年度\n财务预算的报告",own,报告,否,"1,000",,2024-12-01,,\r\n' +
      '坏行,own,,也许,abc,,2024-02-30,,\r\n' +
      '采购合同,,合同,,2000000,,2024-02-29,,\r\n' +
      ',own,,,,,,,\r\n' +
      '会议纪要,own,纪要,,,,,,复制件\r\n',
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe.concurrent('sanheyi classify', () => {
  it('classifies every JSONL line, one full result per line with its line number (exit 0)', async () => {
    const { code, stdout, stderr } = await sanheyi(['classify', SCHEME, file('good.jsonl')]);
    expect(code).toBe(0);
    const results = jsonLines(stdout);
    expect(results.map((r) => [r.line, r.outcome, r.item?.id ?? r.exclusion?.id ?? null])).toEqual([
      [1, 'file', '1.1'],
      [2, 'file', '1.2'],
      [3, 'file', '2.1'],
      [4, 'exclude', 'X1'],
      [5, 'review', null],
    ]);
    expect(results[0]).toMatchObject({
      classCode: 'WS/ZH',
      retention: { code: 'Y', label: '永久' },
      archivalCode: 'Q001-WS·2024-Y-ZH',
      version: 1,
    });
    expect(results[1]).toMatchObject({ branch: '重要', retention: { code: 'D30' }, expiresOn: '2054-12-31' });
    expect(stderr).toContain('完成：共 5 条记录');
    expect(stderr).toContain('归档 3，不归档 1，需人工判断 1，无效 0');
    expect(stderr).not.toContain('\r'); // no progress bar when stderr is not a terminal
  });

  it('reports bad lines on stderr by line number, keeps going, flags them in the output and exits 1', async () => {
    const { code, stdout, stderr } = await sanheyi(['classify', SCHEME, file('mixed.jsonl')]);
    expect(code).toBe(1);
    const results = jsonLines(stdout);
    expect(results.map((r) => r.line)).toEqual([1, 2, 4, 5, 6, 7]);
    expect(results.map((r) => r.outcome ?? 'error')).toEqual(['file', 'error', 'error', 'error', 'file', 'error']);
    const bad = results.find((r) => r.line === 5);
    expect(bad.errors).toEqual([{ path: '/amount', message: '应当是数字' }]);
    expect(bad.error).toBe('/amount 应当是数字');
    const lines = stderr.split('\n');
    expect(lines).toContain('第 4 行: /date 不存在的日期“2024-02-30”');
    expect(lines).toContain('第 5 行: /amount 应当是数字');
    expect(lines.some((l) => l.includes('colour'))).toBe(false); // an undeclared extra field is ignored, not an error
    expect(lines).toContain('第 7 行: / 应当是对象');
    expect(lines.some((l) => l.startsWith('第 2 行: / 不是有效的 JSON'))).toBe(true);
    expect(stderr).toContain('归档 2，不归档 0，需人工判断 0，无效 4');
  });

  it('reads CSV (field names or Chinese labels, ; lists, 是/否, Excel dates, quoted newlines) and writes CSV', async () => {
    const { code, stdout, stderr } = await sanheyi(['classify', SCHEME, file('records.csv')]);
    expect(code).toBe(1);
    const rows: string[][] = parse(stdout);
    expect(rows[0]).toEqual([
      'line',
      'outcome',
      'classCode',
      'classPath',
      'retention',
      'retentionLabel',
      'retentionStart',
      'expiresOn',
      'archivalCode',
      'item',
      'exclusion',
      'reasons',
    ]);
    const byLine = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect([...byLine.keys()]).toEqual(['2', '3', '5', '6', '7', '8', '9']); // row 4 is blank; rows as Excel numbers them
    expect(byLine.get('2')!.slice(0, 11)).toEqual([
      '2',
      'file',
      'WS/ZH',
      '文书 > 综合管理',
      'Y',
      '永久',
      '2025-01-01',
      '',
      'Q001-WS·2024-Y-ZH',
      '1.1',
      '',
    ]);
    expect(byLine.get('2')![11].split('；')).toContain('题名包含“纪要”');
    expect(byLine.get('3')!.slice(1, 6)).toEqual(['file', 'WS/ZH', '文书 > 综合管理', 'D30', '定期30年']);
    expect(byLine.get('5')!.slice(1, 5)).toEqual(['file', 'WS/CW', '文书 > 财务管理', 'Y']);
    expect(byLine.get('6')!.slice(1, 2)).toEqual(['error']);
    expect(byLine.get('6')![11]).toBe(
      '/actionRequired 应填 true/false 或 是/否，而不是“也许”；/amount 不是有效的数字“abc”；/date 不存在的日期“2024-02-30”',
    );
    expect(byLine.get('7')!.slice(1, 5)).toEqual(['file', 'WS/CW', '文书 > 财务管理', 'D30']);
    expect(byLine.get('8')!.slice(1, 2)).toEqual(['error']);
    expect(byLine.get('9')!.slice(1, 2)).toEqual(['exclude']);
    expect(byLine.get('9')![10]).toBe('X1');
    expect(stderr).toContain('第 8 行: /title 必须填写');
    expect(stderr).toContain('归档 4，不归档 1，需人工判断 0，无效 2');
  });

  it('writes to --out in the format its extension names (CSV with a BOM for Excel)', async () => {
    const out = file('from-jsonl.csv');
    const { code, stdout, stderr } = await sanheyi(['classify', SCHEME, file('good.jsonl'), '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(`结果已写入 ${out}`);
    const text = await readFile(out, 'utf8');
    expect(text.startsWith('\ufeffline,outcome,')).toBe(true);
    const rows: string[][] = parse(text, { bom: true });
    expect(rows).toHaveLength(6);
    expect(rows[4].slice(0, 2)).toEqual(['4', 'exclude']);

    const jsonl = file('from-csv.jsonl');
    const again = await sanheyi(['classify', SCHEME, file('records.csv'), '--format', 'jsonl', '-o', jsonl]);
    expect(again.code).toBe(1);
    const results = jsonLines(await readFile(jsonl, 'utf8'));
    expect(results.map((r) => r.line)).toEqual([2, 3, 5, 6, 7, 8, 9]);
    expect(results[0]).toMatchObject({ outcome: 'file', item: { id: '1.1' } });
  });

  it('reads CSV saved by Excel in GBK', async () => {
    const gbk = file('gbk.csv');
    // 题名,来源,文种 / 2024年党政联席会议纪要,本单位,纪要 encoded in GB18030 (as Excel saves it on Chinese Windows)
    const text = '题名,来源,文种,形成日期\r\n2024年党政联席会议纪要,本单位,纪要,2024-01-05\r\n';
    await writeFile(gbk, Buffer.from(new Uint8Array([...encodeGb(text)])));
    const { code, stdout } = await sanheyi(['classify', SCHEME, gbk, '--format', 'jsonl']);
    expect(code).toBe(0);
    expect(jsonLines(stdout)[0]).toMatchObject({ line: 2, outcome: 'file', item: { id: '1.1' } });
  });

  it('exits 2 naming what is missing from the command line', async () => {
    const none = await sanheyi(['classify', SCHEME]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('错误：缺少记录文件');
  });

  it('exits 2 on a record file it cannot tell the format of, and on an unknown --format', async () => {
    const ext = await sanheyi(['classify', SCHEME, file('records.txt')]);
    expect(ext.code).toBe(2);
    expect(ext.stderr).toContain('无法从扩展名判断');
    const fmt = await sanheyi(['classify', SCHEME, file('good.jsonl'), '--format', 'xml']);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain('错误：--format 只能是 jsonl、csv');
  });

  it('exits 2 on a record file that does not exist', async () => {
    const missing = await sanheyi(['classify', SCHEME, file('none.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('文件不存在');
  });

  it('exits 2 on unknown CSV columns, before writing anything', async () => {
    await writeFile(file('columns.csv'), 'title,doctype,extra.foo\nx,y,z\n');
    const columns = await sanheyi(['classify', SCHEME, file('columns.csv')]);
    expect(columns.code).toBe(2);
    expect(columns.stderr).toContain('CSV 表头中有无法识别的列：doctype、extra.foo');
    expect(columns.stdout).toBe('');
  });

  it('exits 2 on an invalid scheme, naming its errors', async () => {
    const invalid = await sanheyi(['classify', join(ROOT, 'test/fixtures/cli/invalid.json'), file('good.jsonl')]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('/items/1/class 未定义的类目“WS/XX”');
  });
});

/** GB18030 bytes of `text` (only the characters the test uses), without an encoder dependency. */
function encodeGb(text: string): number[] {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (!table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...table.get(ch)!);
  }
  return out;
}
