// The 报审 table of a draft made from a shipped baseline, through the real export paths (HTTP and the CLI): the unit's
// own title, every branch with its period, 依据 — and nothing meant for the baseline's editors.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as runExport } from '../../server/cli/export.js';
import type { Scheme, SchemeItem } from '../../server/schemas/scheme.js';
import { fromBaseline } from '../../server/services/schemes/schemes-service.js';
import { retentionCellText, retentionText } from '../../server/spreadsheet/retention-text.js';
import { withoutChromium } from '../chromium.js';
import { type World, world } from '../http/helpers.js';
import type { SchemeWithVersions } from '../../server/schemas/api/index.js';

const RULESETS = fileURLToPath(new URL('../../rulesets/', import.meta.url));
const load = (f: string) => JSON.parse(readFileSync(join(RULESETS, f), 'utf8')) as Scheme;
/** Wording for the baseline's editors (sources, to-dos, field names) and the baseline's own title. */
const DEVELOPER_WORDING = /extra\.|未取得|截断|请标注|兜底|非附件条款|二手|importance|国家基线/;

/** Every cell text of every sheet. */
async function cells(xlsx: Buffer): Promise<{ sheets: string[][][]; all: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheets = wb.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
    return rows;
  });
  return { sheets, all: sheets.flat(2) };
}

/** The rows of the table sheet after `item`'s row: its branches, each with label and period. */
function branchesAfter(table: string[][], item: SchemeItem, depth: number): [string, string][] {
  const at = table.findIndex((r) => r[depth] === item.id);
  expect(at, `row ${item.id}`).toBeGreaterThan(0);
  const out: [string, string][] = [];
  for (let i = at + 1; i < table.length && table[i][depth] === ''; i++) out.push([table[i][depth + 1], table[i][depth + 2]]);
  return out;
}

const split = (doc: Scheme) => doc.items.filter((it) => Array.isArray(it.retention));
/** Each branch's label and period as printed: a 定期 branch of a row counted from an event says from when. */
const expected = (it: SchemeItem) =>
  (it.retention as { label: string; code: string }[]).map((b) => {
    const start = typeof it.retentionStart === 'object' ? it.retentionStart : undefined;
    return [b.label, start && b.code !== 'Y' ? retentionCellText(b.code, start.event, start.then) : retentionText(b.code)];
  });
/** The period cell of the print view: the start rule on its own small line. */
const printed = (period: string) =>
  period.includes('（') ? `${period.slice(0, period.indexOf('（'))}<small>${period.slice(period.indexOf('（'))}</small>` : period;

describe('the 报审 table of a draft copied from the enterprise baseline, over HTTP', () => {
  let w: World;
  let scheme: number;
  const get = async (format: string) => {
    const res = await w.app.request(`/api/v1/schemes/${scheme}/versions/1/export?format=${format}`, {
      headers: { authorization: `Bearer ${w.tokens.archA}` },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  beforeAll(async () => {
    w = await world({ rulesetsDir: RULESETS });
    const r = await w.as<SchemeWithVersions>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/schemes`, {
      name: '三合一表',
      baseline: 'enterprise-baseline',
    });
    expect(r.status, r.text).toBe(201);
    scheme = r.body.id;
  });
  afterAll(() => w.close());

  it('xlsx: the unit’s own title, every branch with its period, 依据, no editor wording', async () => {
    const doc = load('enterprise-baseline.json');
    const { sheets, all } = await cells(await get('xlsx'));
    expect(sheets[0][0][0]).toBe('甲有限公司档案分类方案、归档范围和保管期限表');
    for (const text of all) expect(text).not.toMatch(DEVELOPER_WORDING);
    const header = sheets[0][2];
    const depth = header.indexOf('条款号');
    expect(header.slice(depth)).toEqual(['条款号', '归档范围', '保管期限', '依据', '责任部门', '备注']);
    for (const it of split(doc)) expect(branchesAfter(sheets[0], it, depth), it.id).toEqual(expected(it));
    // 79号令第十四条: the card counts from 1 January after the year of scrapping, and the table says so.
    expect(sheets[0].find((r) => r[depth] === '8.2.4')![depth + 2]).toBe('定期5年（自固定资产报废清理的次年1月1日起算）');
    const row74 = sheets[0].find((r) => r[depth] === '7.4')!;
    expect(row74[depth + 3]).toBe('10号令第八条（三）');
  });

  it('html (and the PDF rendered from it): same title, branches and 依据, no editor wording', async () => {
    const doc = load('enterprise-baseline.json');
    const html = (await get('html')).toString('utf8');
    expect(html).toContain('<h1>甲有限公司档案分类方案、归档范围和保管期限表</h1>');
    expect(html).toContain('<title>甲有限公司档案分类方案、归档范围和保管期限表</title>');
    expect(html.replace(/<style>[\s\S]*?<\/style>/, '')).not.toMatch(DEVELOPER_WORDING);
    for (const it of split(doc)) {
      for (const [label, period] of expected(it))
        expect(html).toContain(
          `<tr class="branch"><td class="id"></td><td class="scope">${label}</td><td class="ret">${printed(period)}</td></tr>`,
        );
    }
    expect(html).toContain('<small class="ref">依据：10号令附件《企业管理类档案保管期限表》 1.3</small>');
    expect(html).toContain('无法判断适用情形时从长确定保管期限');
  });

  it.skipIf(withoutChromium('baseline PDF export'))(
    'pdf: a PDF whose document title is the unit’s own',
    async () => {
      const pdf = await get('pdf');
      expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
      const title = pdfTitle(pdf);
      expect(title).toBe('甲有限公司档案分类方案、归档范围和保管期限表');
    },
    90_000,
  );
});

describe('the 报审 table of a draft copied from a baseline, with the CLI (sanheyi export)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sanheyi-baseline-export-'));
  const units = {
    'enterprise-baseline.json': { id: 1, type: 'unit', name: '华东新材料股份有限公司', fonds: 'Z109', kind: 'enterprise' },
    'organ-baseline.json': { id: 2, type: 'unit', name: '宁海县财政局', fonds: 'J012', kind: 'organ' },
  } as const;
  beforeAll(() => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterAll(() => vi.restoreAllMocks());

  it.each(Object.keys(units) as (keyof typeof units)[])(
    '%s: xlsx and html carry the unit’s title, every branch and no editor wording',
    async (file) => {
      const base = load(file);
      const unit = units[file];
      const draft = fromBaseline(base, unit as never, { id: base.id!, hash: 'sha256:test' });
      const path = join(dir, `${unit.fonds}.json`);
      writeFileSync(path, JSON.stringify(draft));
      for (const format of ['xlsx', 'html'] as const) {
        const out = join(dir, `${unit.fonds}.${format}`);
        expect(await runExport([path, '--format', format, '--out', out])).toBe(0);
        const data = readFileSync(out);
        const title = `${unit.name}档案分类方案、归档范围和保管期限表`;
        if (format === 'xlsx') {
          const { sheets, all } = await cells(data);
          expect(sheets[0][0][0]).toBe(title);
          for (const text of all) expect(text).not.toMatch(DEVELOPER_WORDING);
          const depth = sheets[0][2].indexOf('条款号');
          for (const it of split(base)) expect(branchesAfter(sheets[0], it, depth), it.id).toEqual(expected(it));
        } else {
          const html = data.toString('utf8');
          expect(html).toContain(`<h1>${title}</h1>`);
          expect(html.replace(/<style>[\s\S]*?<\/style>/, '')).not.toMatch(DEVELOPER_WORDING);
          for (const it of split(base))
            for (const [label, period] of expected(it))
              expect(html).toContain(`<td class="scope">${label}</td><td class="ret">${printed(period)}</td>`);
        }
      }
    },
  );
});

/** The /Title of a PDF's document information (UTF-16BE, as Chromium writes it in hex or as an escaped string). */
function pdfTitle(pdf: Buffer): string | null {
  const text = pdf.toString('latin1');
  const hex = /\/Title\s*<([0-9A-Fa-f]+)>/.exec(text);
  let bytes: number[];
  if (hex) bytes = hex[1].match(/../g)!.map((h) => parseInt(h, 16));
  else {
    const lit = /\/Title\s*\(((?:\\.|[^\\)])*)\)/s.exec(text);
    if (!lit) return null;
    bytes = [];
    for (let i = 0; i < lit[1].length; i++) {
      const c = lit[1][i];
      if (c !== '\\') bytes.push(c.charCodeAt(0));
      else {
        const oct = /^[0-7]{1,3}/.exec(lit[1].slice(i + 1));
        if (oct) {
          bytes.push(parseInt(oct[0], 8));
          i += oct[0].length;
        } else {
          const e = lit[1][++i];
          bytes.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[e] ?? e.charCodeAt(0));
        }
      }
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.slice(2)).swap16().toString('utf16le');
  return Buffer.from(bytes).toString('latin1');
}
