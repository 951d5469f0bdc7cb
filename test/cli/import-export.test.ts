// `sanheyi import` and `sanheyi export`: exit codes, files written, mapping from the command line.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run as runExport } from '../../server/cli/export.js';
import { run as runImport } from '../../server/cli/import.js';
import { validateScheme } from '../../server/engine/validate.js';
import { withoutChromium } from '../chromium.js';

const fixtures = join(import.meta.dirname, '../fixtures/spreadsheets');
let dir: string;
let stderr: string;
let stdout: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sanheyi-cli-'));
  stderr = '';
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('sanheyi import', () => {
  it('writes a valid draft and its suggestions', async () => {
    const out = join(dir, 'scheme.json');
    expect(await runImport([join(fixtures, 'code-name.xlsx'), '--kind', 'enterprise', '--out', out])).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(validateScheme(doc).ok).toBe(true);
    expect(doc.unit).toBe('华东机械制造有限公司');
    expect(JSON.parse(readFileSync(join(dir, 'scheme.suggestions.json'), 'utf8'))['1.1']).toEqual({
      and: [
        { or: ['设立', '合并', '分立', '改制'].map((word) => ({ in: [word, { var: 'title' }] })) },
        { in: [{ var: 'docType' }, ['请示', '批复', '决议', '章程']] },
      ],
    });
    expect(stderr).toContain('已导入 11 个条款');
    expect(stderr).toContain('旧制“长期”');
  });

  it('exits 3 with a preview when the header is unknown, and 0 with --map', async () => {
    const file = join(fixtures, 'unknown-headers.csv');
    expect(await runImport([file, '--unit', '测试单位'])).toBe(3);
    expect(stderr).toContain('请用 --map 指定列');
    const out = join(dir, 'mapped.json');
    expect(
      await runImport([file, '--unit', '测试单位', '--kind', 'organ', '--map', 'A=条款号', 'B=归档范围', 'C=保管期限', '--out', out]),
    ).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).items).toHaveLength(3);
  });

  it('takes --map repeated or as a comma list, and still the older pairs after one --map', async () => {
    const file = join(fixtures, 'unknown-headers.csv');
    const forms = [
      ['--map', 'A=条款号', '--map', 'B=归档范围', '--map', 'C=保管期限'],
      ['--map', 'A=条款号,B=归档范围，C=保管期限'],
      ['--map', 'A=条款号', 'B=归档范围', 'C=保管期限'],
    ];
    for (const [i, map] of forms.entries()) {
      const out = join(dir, `mapped-${i}.json`);
      expect(await runImport([file, '--unit', '测试单位', '--kind', 'organ', ...map, '--out', out]), map.join(' ')).toBe(0);
      expect(
        JSON.parse(readFileSync(out, 'utf8')).items.map((it: { id: string }) => it.id),
        map.join(' '),
      ).toEqual(['1', '2', '3']);
    }
    expect(await runImport([file, '--map', 'A'])).toBe(2);
    expect(stderr).toContain('错误：--map 需要“列=字段”');
  });

  it('exits 1 on bad rows and 2 on bad usage', async () => {
    expect(await runImport([join(fixtures, 'bad-rows.xlsx'), '--unit', '测试单位'])).toBe(1);
    expect(stderr).toContain('第 5 行 E 列（保管期限）：无法识别的保管期限“8年”');
    expect(await runImport(['--kind', 'company', 'x.xlsx'])).toBe(2);
    expect(await runImport([join(dir, 'missing.xlsx')])).toBe(2);
  });
});

describe('the command line of import and export', () => {
  it('prints usage for --help (exit 0) and names what is wrong with a bad command line (exit 2)', async () => {
    for (const [run, usage] of [
      [runImport, '用法: sanheyi import'],
      [runExport, '用法: sanheyi export'],
    ] as const) {
      stdout = '';
      expect(await run(['--help'])).toBe(0);
      expect(stdout.startsWith(usage)).toBe(true);
      for (const [argv, said] of [
        [['a.json', '--bogus'], '错误：未知选项 --bogus'],
        [['a.json', 'b.json'], '错误：多余的参数“b.json”'],
        [['a.json', '--out'], '错误：--out 需要一个值'],
      ] as const) {
        stderr = '';
        expect(await run([...argv]), argv.join(' ')).toBe(2);
        expect(stderr, argv.join(' ')).toContain(usage);
        expect(stderr, argv.join(' ')).toContain(said);
      }
    }
  });
});

describe('sanheyi export', () => {
  const scheme = join(fixtures, 'sample-scheme.json');

  it('writes xlsx, csv and html, reading the version wrapper the service returns', async () => {
    for (const f of ['xlsx', 'csv', 'html']) expect(await runExport([scheme, '--out', join(dir, `t.${f}`)])).toBe(0);
    expect(readFileSync(join(dir, 't.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(readFileSync(join(dir, 't.csv'), 'utf8').charCodeAt(0)).toBe(0xfeff);
    const wrapped = join(dir, 'version.json');
    writeFileSync(
      wrapped,
      JSON.stringify({
        number: 4,
        state: 'approved',
        approvalNumber: '京档函〔2026〕3号',
        decidedAt: '2026-01-05T10:00:00Z',
        effectiveFrom: '2026-02-01',
        document: JSON.parse(readFileSync(scheme, 'utf8')),
      }),
    );
    expect(await runExport([wrapped, '--format', 'html', '--out', join(dir, 'v.html')])).toBe(0);
    const html = readFileSync(join(dir, 'v.html'), 'utf8');
    expect(html).toContain('京档函〔2026〕3号');
    expect(html).toContain('第 4 版（已批准）');
  });

  it('refuses an invalid scheme and bad usage', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'sanheyi.scheme/1' }));
    expect(await runExport([bad, '--out', join(dir, 'x.csv')])).toBe(2); // an unusable scheme stops it before it starts
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
    expect(await runExport([scheme, '--out', join(dir, 'x.doc')])).toBe(2);
  });

  it.skipIf(withoutChromium('sanheyi export --format pdf'))('writes a PDF', async () => {
    expect(await runExport([scheme, '--out', join(dir, 't.pdf'), '--state', 'submitted', '--version', '3'])).toBe(0);
    expect(readFileSync(join(dir, 't.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
