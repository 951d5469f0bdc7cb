// The import dialog's preview of a table that can be imported: what will be created, how the columns were read,
// the warnings, the table's first rows and the rows to create. Nothing is saved yet.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ImportDryRun } from './lib/api-import.js';
import { fire } from './lib/events.js';
import { headingChoice, itemsView, rowsView, sheetSelect, warningsView } from './lib/import-views.js';
import { importStyles } from './styles/import-dialog.js';
import { shared } from './styles/shared.js';

/**
 * @fires import-choice - `{ sheet }` or `{ headingClasses }`: the dialog checks the table again with it.
 */
@customElement('sh-import-preview')
export class ShImportPreview extends LitElement {
  static override styles = [shared, importStyles, css`:host { display: block; }`];

  @property({ attribute: false }) result!: ImportDryRun;
  /** The mapping the person chose (null: the service's own detection). */
  @property({ attribute: false }) mapping: Record<string, string> | null = null;
  @property({ type: Boolean }) headingClasses = false;

  override render() {
    const r = this.result;
    const p = r.preview;
    const st = r.stats;
    const items = r.document.items;
    const suggested = Object.keys(r.suggestions).length;
    return html`
      <section aria-labelledby="pv-h">
        <h3 id="pv-h">预览</h3>
        <div class="message ok" role="status">
          表格可以导入：${p.sheets.length > 1 ? html`工作表“${p.sheet}”，` : nothing}${p.headerRow ? `第 ${p.headerRow} 行为表头，从下一行起读取条款` : '没有表头行，从第一行起读取条款'}。
          <ul class="stats" aria-label="将创建">
            <li><strong>${st.items}</strong> 条条款</li>
            ${st.headings ? html`<li>其中 <strong>${st.headings}</strong> 条标题行</li>` : nothing}
            ${st.branchItems ? html`<li><strong>${st.branchItems}</strong> 条分“重要的/一般的”</li>` : nothing}
            <li><strong>${st.classes}</strong> 个类目</li>
            ${st.legacyRetention ? html`<li><strong>${st.legacyRetention}</strong> 处旧制期限已换算</li>` : nothing}
            <li><strong>${suggested}</strong> 条建议条件</li>
          </ul>
        </div>
        ${p.sheets.length > 1 ? sheetSelect(p, (sheet) => fire(this, 'import-choice', { sheet })) : nothing}
        <h4>列与字段的对应</h4>
        <ul class="columns" aria-label="列与字段的对应">
          ${p.columns.map((c) => html`<li><span class="mono">${c.letter}</span> 列${c.header ? `“${c.header}”` : ''} → ${c.label ? html`<strong>${c.label}</strong>` : html`<span class="muted">忽略</span>`}</li>`)}
        </ul>
        <p class="hint">不对时点“修改列对应”。</p>
        ${headingChoice(p, st.headings, this.headingClasses, (on) => fire(this, 'import-choice', { headingClasses: on }))}
      </section>
      ${r.warnings.length ? warningsView(r.warnings, p.format) : nothing}
      <section aria-labelledby="rows-h">
        <h3 id="rows-h">表格前几行（原样）</h3>
        ${rowsView(p, this.mapping)}
      </section>
      <section aria-labelledby="items-h">
        <h3 id="items-h">将创建的条款（${items.length} 条）</h3>
        <p class="hint">所有条款导入后都标为“待补充条件”：在补充判断条件之前，分类时不会归入这些条款。导入后可逐条应用根据文字生成的建议条件。</p>
        ${itemsView(items, r.suggestions)}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-import-preview': ShImportPreview;
  }
}
