// The import dialog's first step: the table file (a Chinese button over the browser's own picker, and the file chosen)
// and the new table's name.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fire } from './lib/events.js';
import { field } from './lib/form-fields.js';
import { XLSX_TYPE } from './lib/import.js';
import { size } from './lib/import-views.js';
import { importStyles } from './styles/import-dialog.js';
import { shared } from './styles/shared.js';

/**
 * @fires import-file - `{ file }` when a file is chosen (not when the picker is cancelled).
 * @fires import-name - `{ name }` as the name is typed.
 */
@customElement('sh-import-file')
export class ShImportFile extends LitElement {
  static override styles = [
    shared,
    importStyles,
    css`
      :host { display: block; }
      .pick { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
      .pick .chosen { min-width: 0; overflow-wrap: anywhere; }
    `,
  ];

  @property({ attribute: false }) file: File | null = null;
  @property() name = '';
  /** Whether the name was typed: an empty one is then marked. */
  @property({ type: Boolean }) nameTouched = false;
  /** The service's objection to the name (e.g. too long), shown under it. */
  @property() nameError = '';

  /** Moves the keyboard focus to the file button or the name. */
  async focusOn(part: 'file' | 'name') {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#${part}`)?.focus();
  }

  override render() {
    const file = this.file;
    return html`<div class="choose">
      <div>
        <div class="field"><span id="file-label">表格文件（.xlsx 或 .csv，不超过 10 MB）</span>
          <div class="pick">
            <input id="file" class="visually-hidden" type="file" aria-labelledby="file-label" accept=".xlsx,.csv,${XLSX_TYPE},text/csv"
              @click=${(e: Event) => ((e.target as HTMLInputElement).value = '')} @change=${this.onFile} />
            <label class="button" for="file">${file ? '重新选择文件…' : '选择文件…'}</label>
            <span class="chosen small ${file ? '' : 'muted'}" data-chosen>${file ? html`<strong>${file.name}</strong>（${size(file.size)}）` : '未选择文件'}</span>
          </div>
        </div>
        <div class="hint">选择本单位现有的三合一表：各列（类目、条款号、归档范围、保管期限…）会自动识别，导入前先预览。</div>
      </div>
      <div>
        ${field(
          { name: this.nameTouched && !this.name.trim() ? '请填写新三合一表名称' : this.nameError },
          'name',
          '新三合一表名称',
          (
            invalid,
            describedBy,
          ) => html`<input id="name" .value=${this.name} maxlength="200" required aria-invalid=${invalid} aria-describedby=${describedBy}
            @input=${(e: Event) => fire(this, 'import-name', { name: (e.target as HTMLInputElement).value })} />`,
        )}
        <div class="hint">导入后作为第 1 版草稿；单位名称、全宗号取自本单位，不取表格中的。</div>
      </div>
    </div>`;
  }

  private onFile = (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    // The picker was cancelled: what was chosen before stays.
    if (file) fire(this, 'import-file', { file });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-import-file': ShImportFile;
  }
}
