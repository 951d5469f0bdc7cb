// The import dialog's views as templates: the table's issues, its first rows with the field each column becomes, the
// rows the import will create, the refused table, the sheet choice, and the draft once created.
import { html, nothing } from 'lit';
import type { SchemeItem } from '../../server/schemas/scheme.js';
import type { ImportIssue, ImportPreview } from './api.js';
import type { ImportCreated, Suggestions } from './api-import.js';
import { retentionText } from './format.js';
import { IGNORE, issuePlace, issueText } from './import.js';
import { depthOf, isHeading } from './items.js';

const PREVIEW_ITEMS = 300;

export function warningsView(warnings: ImportIssue[], format: string) {
  return html`<section aria-labelledby="warn-h">
    <div class="message warn">
      <h3 id="warn-h">请核对（${warnings.length} 条提示）</h3>
      <div class="warn-list"><table class="issues" aria-label="导入提示">
        <thead><tr><th scope="col">位置</th><th scope="col">提示</th></tr></thead>
        <tbody>${warnings.map((w) => html`<tr><td>${issuePlace(w, format)}</td><td>${issueText(w)}</td></tr>`)}</tbody>
      </table></div>
    </div>
  </section>`;
}

/**
 * The table's first rows as they are, with the field each column becomes; a cell with a problem is marked and says
 * it, and a row's problem that names no column is said in a last column.
 */
export function rowsView(p: ImportPreview, mapping: Record<string, string> | null, issues: readonly ImportIssue[] = []) {
  if (!p.rows.length) return html`<div class="empty">表头以下没有内容。</div>`;
  const bad = new Map<string, string>();
  const rowIssues = new Map<number, string[]>();
  for (const i of issues.filter((x) => x.row > 0)) {
    const key = `${i.row}:${i.column}`;
    if (i.column > 0) bad.set(key, bad.has(key) ? `${bad.get(key)}；${issueText(i)}` : issueText(i));
    else rowIssues.set(i.row, [...(rowIssues.get(i.row) ?? []), issueText(i)]);
  }
  const badRows = new Set(issues.map((i) => i.row));
  const width = Math.max(p.columns.length, ...p.rows.map((r) => r.cells.length));
  const cols = Array.from({ length: width }, (_, i) => p.columns[i] ?? { letter: letter(i), label: null, header: '' });
  const mapped = (i: number) => (mapping ? mapping[cols[i].letter] !== IGNORE && mapping[cols[i].letter] !== undefined : !!cols[i].label);
  const rowColumn = rowIssues.size > 0;
  return html`<div class="scroll"><table aria-label="表格前几行">
    <thead><tr><th class="num" scope="col">行</th>${cols.map(
      (c, i) => html`<th scope="col">${c.letter}${c.header ? ` ${c.header}` : ''}
      ${mapped(i) ? html`<span class="field-name">→ ${mapping ? fieldLabel(p, mapping[c.letter]) : c.label}</span>` : html`<span class="ignored">（忽略）</span>`}</th>`,
    )}${rowColumn ? html`<th scope="col">本行的问题</th>` : nothing}</tr></thead>
    <tbody>${p.rows.map(
      (r) =>
        html`<tr class=${badRows.has(r.row) ? 'bad' : ''} data-row=${r.row}><td class="num">${r.row}</td>${cols.map((_, i) => {
          const problem = bad.get(`${r.row}:${i + 1}`);
          return html`<td class=${problem ? 'bad' : mapped(i) ? '' : 'ignored'} title=${r.cells[i] ?? ''}><div class="cell">${r.cells[i] ?? ''}</div>${
            problem ? html`<div class="cell-error" role="note">${problem}</div>` : nothing
          }</td>`;
        })}${rowColumn ? html`<td class=${rowIssues.has(r.row) ? 'bad' : ''}>${(rowIssues.get(r.row) ?? []).map((m) => html`<div class="cell-error">${m}</div>`)}</td>` : nothing}</tr>`,
    )}</tbody>
  </table></div>`;
}

export function itemsView(items: readonly SchemeItem[], suggestions: Suggestions) {
  const shown = items.slice(0, PREVIEW_ITEMS);
  return html`<div class="scroll"><table aria-label="将创建的条款">
    <thead><tr><th scope="col">条款号</th><th scope="col">归档范围</th><th scope="col">保管期限</th><th scope="col">类目</th><th scope="col">判断条件</th></tr></thead>
    <tbody>${shown.map((it, i) => {
      const heading = isHeading(items, i);
      return html`<tr class=${heading ? 'heading' : ''} data-item=${it.id}>
        <td class="id">${it.id}</td>
        <td style="padding-left:${8 + (depthOf(it.id) - 1) * 16}px">${it.scope}${it.editorNote ? html`<div class="small flag">${it.editorNote}</div>` : nothing}</td>
        <td class="ret">${heading ? '' : retentionText(it.retention)}</td>
        <td class="mono small">${it.class ?? ''}</td>
        <td class="nowrap">${heading ? '' : html`<span class="badge amber">待补充条件</span>${suggestions[it.id] ? html` <span class="small muted">有建议</span>` : nothing}`}</td>
      </tr>`;
    })}</tbody>
  </table></div>
  ${items.length > shown.length ? html`<p class="hint">只列出前 ${shown.length} 条，导入后在工作台中查看全部。</p>` : nothing}`;
}

export function invalidView(
  errors: ImportIssue[],
  warnings: ImportIssue[],
  preview: ImportPreview | null,
  mapping: Record<string, string> | null,
) {
  const format = preview?.format ?? '';
  return html`<section aria-labelledby="err-h">
    <div class="message error" role="alert">
      <h3 id="err-h">表格有 ${errors.length} 处问题，未导入任何内容</h3>
      请在表格中改正下列单元格，保存后重新选择文件${preview?.columns.length ? '；若是列的含义认错了，点“修改列对应”' : ''}。
    </div>
    <table class="issues" aria-label="表格中的问题">
      <thead><tr><th scope="col">位置</th><th scope="col">问题</th></tr></thead>
      <tbody>${errors.map((e) => html`<tr data-path=${e.path}><td>${issuePlace(e, format)}</td><td>${issueText(e)}</td></tr>`)}</tbody>
    </table>
    ${warnings.length ? warningsView(warnings, format) : nothing}
    ${preview ? html`<section><h3>表格前几行（原样，有问题的单元格标红）</h3>${rowsView(preview, mapping, errors)}</section>` : nothing}
  </section>`;
}

export function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function letter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function fieldLabel(p: ImportPreview, field: string | undefined): string {
  return p.fields.find((f) => f.field === field)?.label ?? field ?? '';
}

const CLASS_FIELDS = new Set(['class1', 'class2', 'class3', 'class4', 'classCode', 'className']);

/** For a table without class columns that has heading rows: whether those become classes (re-checked at once). */
export function headingChoice(p: ImportPreview, headings: number, on: boolean, set: (on: boolean) => void) {
  if (!headings || p.columns.some((c) => c.field && CLASS_FIELDS.has(c.field))) return nothing;
  return html`<label class="check"><input type="checkbox" .checked=${on} @change=${(e: Event) => set((e.target as HTMLInputElement).checked)} />
    把一级标题行作为类目（类目号取条款号，放在文书档案或会计档案下）</label>
    <p class="hint">表格没有类目列：不勾选时，条款按门类归入“文书档案”或“会计档案”。</p>`;
}

/** The sheet to read, for a workbook with several (choosing one checks the table again). */
export function sheetSelect(p: ImportPreview, choose: (sheet: string) => void) {
  return html`<label class="field" style="max-width:320px"><span>工作表</span>
    <select @change=${(e: Event) => choose((e.target as HTMLSelectElement).value)}>
      ${p.sheets.map((n) => html`<option value=${n} ?selected=${n === p.sheet}>${n}</option>`)}
    </select>
  </label>`;
}

/** The new draft: its warnings and its suggested conditions, applied there (sh-import-suggestions, loaded by the dialog). */
export function createdView(s: ImportCreated, onLeave: () => void) {
  const v = s.versions[0];
  return html`<div class="message ok" role="status">
      已创建三合一表“${s.name}”第 ${v?.number ?? 1} 版草稿。全部条款都标为“待补充条件”，需要逐条补充判断条件后才能用于分类。
    </div>
    ${
      s.warnings.length
        ? html`<details><summary>导入时的提示（${s.warnings.length} 条，请在工作台中核对）</summary>
          <ul class="small">${s.warnings.map((w) => html`<li>${issuePlace(w)}：${issueText(w)}</li>`)}</ul></details>`
        : nothing
    }
    <h3>建议条件</h3>
    <sh-import-suggestions .schemeId=${s.id} .suggestions=${s.suggestions} @navigate=${onLeave}></sh-import-suggestions>
    <p class="hint">关闭此窗口也会打开新草稿；这些建议在本次登录期间还可以从单位首页的“建议条件”再次打开。</p>`;
}
