// The printable submission view: the three columns the bureau reviews, grouped by class, with approval and seal area.
import { flattenClasses } from '../engine/classes.js';
import { parentId } from '../engine/clause-numbers.js';
import { RETENTIONS, type RetentionCode } from '../schemas/retention-codes.js';
import type { Scheme, SchemeClass } from '../schemas/scheme.js';
import { type ExportMeta, STATE_LABELS, documentTitle, schemeHash, tableLines } from '../spreadsheet/export.js';

export type PrintMeta = ExportMeta;

const FONTS = `'Noto Serif CJK SC', 'Source Han Serif SC', 'SimSun', 'Songti SC', serif`;
const SANS = `'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** A CSS string literal (for @page margin boxes). */
function cssString(text: string): string {
  // "<" and ">" escaped too, so that no text can close the <style> element.
  return (
    '"' +
    text
      .replace(/[\\"]/g, (c) => '\\' + c)
      .replace(/[\n\r]/g, ' ')
      .replace(/</g, '\\3c ')
      .replace(/>/g, '\\3e ') +
    '"'
  );
}

/** 2025-03-01 → 2025年3月1日 (other text unchanged). */
export function chineseDate(date: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : (date ?? '');
}

const BASIS: Record<Scheme['kind'], string> = {
  enterprise: '《中华人民共和国档案法实施条例》第十九条；《企业文件材料归档范围和档案保管期限规定》（国家档案局令第10号）',
  organ: '《中华人民共和国档案法实施条例》第十九条；《机关文件材料归档范围和文书档案保管期限规定》（国家档案局令第8号）',
};

export function renderPrintHtml(doc: Scheme, meta: PrintMeta = {}): string {
  const h = escapeHtml;
  const title = documentTitle(doc);
  const hash = schemeHash(doc);
  const version = meta.version ?? doc.version;
  const state = meta.state;
  const approved = state === 'approved' || state === 'superseded';
  const stamp = state === 'draft' ? '草稿' : state === 'submitted' ? '送审稿' : state === 'rejected' ? '已退回' : '';
  const classes = flattenClasses(doc.classes as SchemeClass[]);

  // Counts by period, for the reviewer's overview
  const counts = new Map<RetentionCode, number>();
  let leaves = 0;
  let branchItems = 0;
  const lines = tableLines(doc);
  for (const l of lines) {
    if (l.kind === 'item' || l.kind === 'branch') {
      if (l.kind === 'item') leaves++;
      if (l.kind === 'item' && !l.retention) branchItems++;
      if (l.retention) counts.set(l.retention, (counts.get(l.retention) ?? 0) + 1);
    }
  }
  // 从长 (“凡是介于两种保管期限之间的档案，其保管期限一律从长”) as the rows' default; the 会计 start rule when any row uses it.
  const longest = doc.items.some((it) => it.default === '从长');
  const fiscal = doc.retentionStart === 'fiscalYearEndNextDay' || doc.items.some((it) => it.retentionStart === 'fiscalYearEndNextDay');
  const countText = (Object.keys(RETENTIONS) as RetentionCode[])
    .filter((c) => counts.get(c))
    .map((c) => `${RETENTIONS[c].label} ${counts.get(c)} 项`)
    .join('，');

  // Group rows by class in table order; a heading without class takes the class of its first clause.
  const effectiveClass = new Map<string, string>();
  for (const item of doc.items) {
    if (!item.class) continue;
    effectiveClass.set(item.id, item.class);
    for (let id = parentId(item.id); id !== null; id = parentId(id)) {
      if (!effectiveClass.has(id)) effectiveClass.set(id, item.class);
    }
  }
  const byPath = new Map(classes.map((c) => [c.path, c]));
  // "定期5年（自固定资产报废清理次日起算）": the start event goes on its own small line.
  const ret = (text: string) => {
    const i = text.indexOf('（');
    return i < 0 ? h(text) : `${h(text.slice(0, i))}<small>${h(text.slice(i))}</small>`;
  };
  const body: string[] = [];
  let group: string | undefined;
  let currentItem = '';
  for (const l of lines) {
    if (l.kind !== 'branch') currentItem = l.id;
    const cls = effectiveClass.get(currentItem);
    if (cls && cls !== group) {
      group = cls;
      const c = byPath.get(cls);
      const label = c ? c.codes.map((code, i) => `${h(code)} ${h(c.names[i])}`).join('<span class="sep">／</span>') : h(cls);
      body.push(`<tr class="group"><td colspan="3">${label}</td></tr>`);
    }
    if (l.kind === 'branch') {
      body.push(
        `<tr class="branch"><td class="id"></td><td class="scope">${h(l.scope)}</td><td class="ret">${ret(l.retentionLabel)}</td></tr>`,
      );
    } else {
      const cls2 = l.kind === 'heading' ? `heading d${l.depth}` : `item d${l.depth}`;
      const basis = l.kind === 'item' && l.basis ? `<small class="ref">依据：${h(l.basis)}</small>` : '';
      body.push(
        `<tr class="${cls2}"><td class="id">${h(l.id)}</td><td class="scope">${h(l.scope).replace(/\n/g, '<br>')}${basis}</td><td class="ret">${ret(l.retentionLabel)}</td></tr>`,
      );
    }
  }

  const classRows = classes
    .map(
      (c) =>
        `<tr class="c${c.depth}"><td class="code">${h(c.path)}</td><td class="name" style="padding-left:${0.6 + (c.depth - 1) * 1.6}em">${h(c.names[c.names.length - 1])}</td><td>${h(c.note ?? '')}</td></tr>`,
    )
    .join('\n');

  const exclusions = doc.exclusions ?? [];
  const exclusionRows = exclusions
    .map(
      (x) => `<tr><td class="id">${h(x.id)}</td><td>${h(x.scope)}${x.reason ? `<div class="reason">${h(x.reason)}</div>` : ''}</td></tr>`,
    )
    .join('\n');

  const metaRows: [string, string][] = [
    ['单位名称', doc.unit],
    ['全宗号', doc.fonds ?? '—'],
    ['单位类型', doc.kind === 'organ' ? '机关' : '企业'],
    [
      '版本',
      version ? `第 ${version} 版${state ? `（${STATE_LABELS[state] ?? state}）` : ''}` : state ? (STATE_LABELS[state] ?? state) : '—',
    ],
  ];
  if (meta.effectiveFrom) metaRows.push(['生效日期', chineseDate(meta.effectiveFrom)]);

  const approval = approved
    ? `<table class="approval-table">
        <tr><th>批复文号</th><td>${h(meta.approvalNumber ?? '')}</td><th>批复日期</th><td>${h(chineseDate(meta.decidedOn))}</td></tr>
        <tr><th>审核人</th><td>${h(meta.reviewer ?? '')}</td><th>生效日期</th><td>${h(chineseDate(meta.effectiveFrom))}</td></tr>
        ${meta.comment ? `<tr><th>审批意见</th><td colspan="3" class="approval-text">${h(meta.comment)}</td></tr>` : ''}
        ${meta.justification ? `<tr><th>短于国家基线的理由</th><td colspan="3" class="approval-text">${h(meta.justification)}</td></tr>` : ''}
        ${meta.backdateReason ? `<tr><th>早于批复日期生效的理由</th><td colspan="3" class="approval-text">${h(meta.backdateReason)}</td></tr>` : ''}
      </table>`
    : `<p class="pending">本表${state === 'rejected' ? '已被退回，' : ''}尚未经档案主管部门审核同意${state === 'submitted' ? '（送审中）' : ''}。批复后在此载明批复文号、批复日期和审核人。</p>`;

  const pageHeader = `${doc.unit}　${version ? `第 ${version} 版` : ''}${stamp ? `（${stamp}）` : ''}`;

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${h(title)}</title>
<style>
@page {
  size: A4;
  margin: 18mm 16mm 18mm 16mm;
  @top-right { content: ${cssString(pageHeader)}; font: 8pt ${SANS}; color: #555; }
  @bottom-center { content: "第 " counter(page) " 页　共 " counter(pages) " 页"; font: 9pt ${FONTS}; }
  @bottom-right { content: ${cssString('内容哈希 ' + hash.slice(7, 19))}; font: 7pt ${SANS}; color: #777; }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${FONTS}; font-size: 10.5pt; line-height: 1.5; color: #000; margin: 0; }
@media screen { body { max-width: 210mm; margin: 0 auto; padding: 16mm; background: #fff; } }
h1 { font-size: 17pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.05em; }
.stamp { text-align: center; font-size: 12pt; margin: 0 0 4mm; color: #a00; letter-spacing: 0.3em; }
h2 { font-size: 13pt; margin: 7mm 0 3mm; font-family: ${SANS}; font-weight: 700; break-after: avoid; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.6pt solid #000; padding: 1.2mm 2mm; vertical-align: middle; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { font-family: ${SANS}; font-weight: 700; background: #eee; text-align: center; }
.meta { margin: 0 0 2mm; }
.meta th { width: 22%; text-align: left; background: #f4f4f4; font-weight: 400; font-family: ${FONTS}; }
.meta td.hash { font-family: 'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', monospace; font-size: 8pt; word-break: break-all; }
.basis { font-size: 9pt; color: #333; margin: 1mm 0 0; }
.classes td.code { width: 16%; font-family: 'DejaVu Sans Mono', monospace; font-size: 9.5pt; }
.classes tr.c1 td { font-weight: 700; }
.classes td.name { width: 30%; }
.main td.ret small { display: block; font-size: 8pt; white-space: normal; line-height: 1.3; }
.main col.id { width: 13%; } .main col.ret { width: 15%; }
.main td.id, .main td.ret { text-align: center; white-space: nowrap; }
.main tr.group td { background: #e6e6e6; font-family: ${SANS}; font-weight: 700; font-size: 10pt; break-after: avoid; }
.main tr.group .sep { color: #666; padding: 0 0.4em; }
.main tr.heading td { font-weight: 700; }
.main tr.heading.d2 td.scope, .main tr.item.d2 td.scope { padding-left: 3mm; }
.main tr.heading.d3 td.scope, .main tr.item.d3 td.scope { padding-left: 5mm; }
.main tr.item.d4 td.scope { padding-left: 7mm; }
.main tr.branch td.scope { padding-left: 10mm; }
.summary { font-size: 9.5pt; margin: 2mm 0 0; }
.main td.scope small.ref { display: block; font-size: 8pt; color: #444; line-height: 1.3; margin-top: 0.5mm; }
.exclusions td.id { width: 13%; text-align: center; }
.reason { font-size: 9pt; color: #333; }
.approval { break-inside: avoid; }
.approval-table th { width: 16%; text-align: left; font-weight: 400; font-family: ${FONTS}; background: #f4f4f4; }
.approval-table td.approval-text { white-space: pre-wrap; }
.pending { border: 0.6pt dashed #000; padding: 3mm; margin: 0; }
.signatures { display: flex; gap: 6mm; margin-top: 6mm; break-inside: avoid; }
.signatures .box { flex: 1; border: 0.6pt solid #000; padding: 3mm 4mm; min-height: 88mm; position: relative; }
.signatures .box h3 { font-size: 11pt; margin: 0 0 3mm; font-family: ${SANS}; }
.signatures .line { margin: 5mm 0 0; }
.signatures .line span { display: inline-block; min-width: 30mm; border-bottom: 0.6pt solid #000; }
.signatures .seal { position: absolute; right: 6mm; bottom: 6mm; width: 36mm; height: 36mm; border: 0.6pt dashed #999; border-radius: 50%; color: #999; font-size: 9pt; display: flex; align-items: center; justify-content: center; }
.signatures .date { position: absolute; left: 4mm; bottom: 4mm; }
</style>
</head>
<body>
<header>
<h1>${h(title)}</h1>
${stamp ? `<p class="stamp">（${stamp}）</p>` : ''}
<table class="meta">
${metaRows.map(([k, v]) => `<tr><th>${h(k)}</th><td>${h(v)}</td></tr>`).join('\n')}
<tr><th>内容哈希</th><td class="hash">${h(hash)}</td></tr>
</table>
<p class="basis">编制依据：${h(BASIS[doc.kind])}</p>
</header>

<section class="classes">
<h2>一、档案分类方案</h2>
<table>
<thead><tr><th>类目号</th><th>类目名称</th><th>说明</th></tr></thead>
<tbody>
${classRows}
</tbody>
</table>
</section>

<section>
<h2>二、文件材料归档范围和档案保管期限表</h2>
<table class="main">
<colgroup><col class="id"><col class="scope"><col class="ret"></colgroup>
<thead><tr><th>条款号</th><th>归档范围</th><th>保管期限</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>
<p class="summary">共 ${leaves} 个条款${branchItems ? `，其中 ${branchItems} 个按“重要的/一般的”等情形分列期限` : ''}${countText ? `；各保管期限项数（分列的情形分别计）：${countText}` : ''}。${branchItems && longest ? '分列情形的条款，无法判断适用情形时从长确定保管期限。' : ''}保管期限自文件形成年度的次年1月1日起算${fiscal ? '（会计档案自会计年度终了后的第一天起算）' : ''}。</p>
</section>

${
  exclusions.length
    ? `<section class="exclusions">
<h2>三、不归档的文件材料</h2>
<table>
<thead><tr><th>编号</th><th>不归档范围</th></tr></thead>
<tbody>
${exclusionRows}
</tbody>
</table>
</section>`
    : ''
}

<section class="approval">
<h2>${exclusions.length ? '四' : '三'}、审核批复</h2>
${approval}
<div class="signatures">
  <div class="box">
    <h3>编制单位</h3>
    <p class="line">单位负责人（签字）：<span></span></p>
    <p class="line">档案部门负责人（签字）：<span></span></p>
    <p class="line">编制人：<span></span></p>
    <div class="seal">单位印章</div>
    <p class="date">日期：　　　　年　　月　　日</p>
  </div>
  <div class="box">
    <h3>档案主管部门审核意见</h3>
    <p class="line">意见：<span style="min-width:60mm">${approved && meta.comment ? h(meta.comment) : ''}</span></p>
    <p class="line">审核人（签字）：<span>${approved && meta.reviewer ? h(meta.reviewer) : ''}</span></p>
    <div class="seal">审核机关印章</div>
    <p class="date">日期：${approved && meta.decidedOn ? h(chineseDate(meta.decidedOn)) : '　　　　年　　月　　日'}</p>
  </div>
</div>
</section>
</body>
</html>
`;
}
