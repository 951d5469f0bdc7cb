// The workbench's bar: the table's name, the version and its state, whether there are unsaved edits (and the button
// that shows them), the export menu, and for an editable draft undo/redo, discard, save and submit.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { VersionDoc } from './lib/api-schemes.js';
import { fire } from './lib/events.js';
import { STATE_LABELS, formatDateTime } from './lib/format.js';
import { shared } from './styles/shared.js';
import { STATE_BADGE } from './sh-versions.js';
import './sh-shortcuts.js';

/**
 * @fires workbench-command - `{ command }` for a button, `{ command: 'export', format }` for the export menu; the page
 * decides (this bar only shows what it is given).
 */
@customElement('sh-workbench-bar')
export class ShWorkbenchBar extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      header.bar { padding: 10px 20px; display: flex; gap: 8px 12px; align-items: center; flex-wrap: wrap; }
      @media (max-width: 760px) { header.bar { padding-left: 10px; padding-right: 10px; } }
      #export { width: 104px; }
      header.bar h1 { margin: 0; font-size: 18px; }
      .dirty { color: var(--sh-amber); font-weight: 600; }
    `,
  ];

  /** The table's name. */
  @property() name = '';
  @property({ attribute: false }) doc!: VersionDoc;
  @property({ type: Boolean }) dirty = false;
  @property({ type: Boolean }) editable = false;
  /** Whether the unsaved edits are shown under the bar. */
  @property({ type: Boolean }) showChanges = false;
  @property({ type: Boolean }) canUndo = false;
  @property({ type: Boolean }) canRedo = false;
  @property({ type: Boolean }) saving = false;
  /** An export is being prepared: the menu waits. */
  @property({ type: Boolean }) exporting = false;

  override render() {
    const doc = this.doc;
    const dirty = this.dirty;
    const command = (c: 'undo' | 'redo' | 'discard' | 'save' | 'submit' | 'toggle-changes') => () =>
      fire(this, 'workbench-command', { command: c });
    return html`<header class="bar">
        <h1>${this.name}</h1>
        <span>第 ${doc.number} 版</span>
        <span class="badge ${STATE_BADGE[doc.state]}" data-state=${doc.state}>${STATE_LABELS[doc.state]}</span>
        ${
          dirty
            ? html`<span class="dirty" role="status">● 有未保存的修改</span>
              <button type="button" class="link" aria-expanded=${this.showChanges ? 'true' : 'false'} @click=${command('toggle-changes')}>${this.showChanges ? '收起修改' : '查看修改'}</button>`
            : this.editable
              ? html`<span class="muted small">已保存 ${formatDateTime(doc.updatedAt)}</span>`
              : nothing
        }
        <span class="spacer"></span>
        <label class="visually-hidden" for="export">导出已保存的第 ${doc.number} 版</label>
        <select id="export" title="导出已保存的第 ${doc.number} 版" ?disabled=${this.exporting} @change=${this.onExport}>
          <option value="" selected>导出…</option>
          <option value="xlsx">Excel 表格（.xlsx）</option>
          <option value="pdf">报批打印版（PDF）</option>
          <option value="csv">CSV</option>
        </select>
        ${
          this.editable
            ? html`
              <button type="button" ?disabled=${!this.canUndo} title="Ctrl+Z" @click=${command('undo')}>撤销</button>
              <button type="button" ?disabled=${!this.canRedo} title="Ctrl+Shift+Z" @click=${command('redo')}>重做</button>
              <button type="button" ?disabled=${!dirty || this.saving} @click=${command('discard')}>放弃修改</button>
              <button type="button" class="primary" ?disabled=${!dirty || this.saving} title="Ctrl+S" @click=${command('save')}>${this.saving ? '正在保存…' : '保存'}</button>
              <button type="button" ?disabled=${this.saving} @click=${command('submit')}>提交审批</button>`
            : nothing
        }
        <sh-shortcuts></sh-shortcuts>
      </header>`;
  }

  private onExport = (e: Event) => {
    const select = e.target as HTMLSelectElement;
    const format = select.value as '' | 'xlsx' | 'csv' | 'pdf';
    select.value = '';
    if (format) fire(this, 'workbench-command', { command: 'export', format });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-workbench-bar': ShWorkbenchBar;
  }
}
