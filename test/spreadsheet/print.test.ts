// The printable submission view: required parts in the HTML, a PDF from Chromium, and a screenshot to look at.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../server/engine/hash.js';
import { withoutChromium } from '../chromium.js';
import { renderPdf, renderPng, renderPrintHtml } from '../../server/print/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';

const root = join(import.meta.dirname, '../..');
const doc = JSON.parse(readFileSync(join(root, 'test/fixtures/spreadsheets/sample-scheme.json'), 'utf8')) as Scheme;
const approved = {
  version: 2,
  state: 'approved',
  approvalNumber: '沪档函〔2025〕18号',
  decidedOn: '2025-03-01',
  reviewer: '王审核',
  effectiveFrom: '2025-04-01',
};
const { version: _v, ...content } = doc;
const hash = contentHash(content);

describe('print HTML', () => {
  const html = renderPrintHtml(doc, approved);

  it('has title, unit, 全宗号, version, content hash and the A4 print rules', () => {
    expect(html).toContain('<h1>示例集团有限公司档案分类方案、归档范围和保管期限表</h1>');
    expect(html).toContain('<td>示例集团有限公司</td>');
    expect(html).toContain('<td>Z109</td>');
    expect(html).toContain('第 2 版（已批准）');
    expect(html).toContain(hash);
    expect(html).toMatch(/@page \{\s*size: A4/);
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toContain('counter(page)');
  });

  it('shows the three reviewed columns grouped under the class scheme', () => {
    expect(html).toContain('<thead><tr><th>条款号</th><th>归档范围</th><th>保管期限</th></tr></thead>');
    expect(html).toContain('<tr class="group"><td colspan="3">WS 文书档案<span class="sep">／</span>XZ 行政管理</td></tr>');
    expect(html).toMatch(
      /<td class="id">1\.1<\/td><td class="scope">企业设立、合并[^<]*<small class="ref">依据：10号令第八条（一）<\/small><\/td><td class="ret">永久<\/td>/,
    );
    expect(html).toContain('<tr class="branch"><td class="id"></td><td class="scope">重要的</td><td class="ret">永久</td></tr>');
    expect(html).toContain('<td class="code">WS/DQ</td>');
    expect(html).toContain('普发性、不需本单位办理的上级文件');
  });

  it('has the approval block once approved, and the signature and seal area', () => {
    expect(html).toContain('沪档函〔2025〕18号');
    expect(html).toContain('2025年3月1日');
    expect(html).toContain('王审核');
    expect(html).toContain('单位印章');
    expect(html).toContain('审核机关印章');
    const draft = renderPrintHtml(doc, { version: 3, state: 'submitted' });
    expect(draft).toContain('送审稿');
    expect(draft).toContain('尚未经档案主管部门审核同意');
    expect(draft).not.toContain('沪档函');
  });

  it('prints the approval text and the justification on the approved table, not on a submission', () => {
    const meta = { ...approved, comment: '同意，请按此执行。', justification: '移交清册已纳入电子档案系统长期保存。' };
    const out = renderPrintHtml(doc, meta);
    expect(out).toContain('<th>审批意见</th><td colspan="3" class="approval-text">同意，请按此执行。</td>');
    expect(out).toContain('<th>短于国家基线的理由</th><td colspan="3" class="approval-text">移交清册已纳入电子档案系统长期保存。</td>');
    expect(out).toContain('意见：<span style="min-width:60mm">同意，请按此执行。</span>');
    const submitted = renderPrintHtml(doc, { version: 3, state: 'submitted', comment: '同意，请按此执行。' });
    expect(submitted).not.toContain('同意，请按此执行。');
  });

  it('escapes table text', () => {
    const evil = { ...doc, unit: '<script>alert(1)</script>"单位' };
    const out = renderPrintHtml(evil as Scheme);
    expect(out).not.toContain('<script>alert(1)</script>');
    expect(out).toContain('&lt;script&gt;');
  });
});

describe.skipIf(withoutChromium('PDF and PNG of the print view'))('PDF and screenshot (Chromium)', () => {
  it('renders an A4 PDF', async () => {
    const pdf = await renderPdf(renderPrintHtml(doc, approved));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]/);
  });

  it('writes a screenshot of the print view', async () => {
    const dir = join(root, 'test-results/screenshots');
    mkdirSync(dir, { recursive: true });
    const png = await renderPng(renderPrintHtml(doc, approved));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    writeFileSync(join(dir, 'print-view.png'), png);
    const baseline = join(root, 'rulesets/enterprise-baseline.json');
    if (existsSync(baseline)) {
      const b = JSON.parse(readFileSync(baseline, 'utf8')) as Scheme;
      writeFileSync(
        join(dir, 'print-view-baseline.png'),
        await renderPng(renderPrintHtml({ ...b, fonds: 'Z001' }, { version: 1, state: 'submitted' })),
      );
    }
  });
});
