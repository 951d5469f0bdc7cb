// Imports a 三合一 table from Excel/CSV: check (dry run) → preview or column mapping or the table's errors → new draft.
// The modal and its steps; the step views are sh-import-file, sh-import-preview, sh-import-mapping and the templates
// of lib/import-views.ts (the refused table, the created draft with its suggestions).
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { ApiError, type ImportIssue, type ImportPreview } from './lib/api.js';
import { type ImportChoiceDetail, fire } from './lib/events.js';
import { defaultSchemeName, fileProblem, mappingOf, mappingProblems, tableType } from './lib/import.js';
import { createdView, invalidView } from './lib/import-views.js';
import { api } from './lib/session.js';
import { importStyles } from './styles/import-dialog.js';
import { shared } from './styles/shared.js';
import type { ShImportFile } from './sh-import-file.js';
import './sh-import-file.js';
import './sh-import-mapping.js';
import './sh-import-preview.js';
import './sh-import-suggestions.js';
import { type ImportCreated, type ImportDryRun, importTable, type Suggestions } from './lib/api-import.js';

/** What the dialog shows under the file and name. */
type Step =
  | { kind: 'choose' }
  | { kind: 'preview'; result: ImportDryRun }
  | { kind: 'mapping'; preview: ImportPreview; problems: string[] }
  | { kind: 'invalid'; errors: ImportIssue[]; warnings: ImportIssue[]; preview: ImportPreview | null }
  | { kind: 'created'; scheme: ImportCreated }
  | { kind: 'suggestions'; schemeId: number | string; name: string; suggestions: Suggestions };

/**
 * A modal dialog; `open()` starts an import, `openSuggestions()` shows the suggestions kept from an earlier import.
 *
 * @fires navigate - `{ href }` to open the new draft.
 */
@customElement('sh-import-dialog')
export class ShImportDialog extends LitElement {
  static override styles = [shared, importStyles];

  @property({ attribute: false }) unitId: number | string = '';
  @property() unitName = '';

  @state() private step: Step = { kind: 'choose' };
  @state() private file: File | null = null;
  @state() private name = '';
  @state() private nameError = '';
  @state() private nameTouched = false;
  @state() private busy: '' | 'checking' | 'creating' = '';
  @state() private error = '';
  /** The mapping being edited (column letter → field or 忽略); null = the service's own detection. */
  @state() private mapping: Record<string, string> | null = null;
  @state() private headerRow: number | undefined = undefined;
  @state() private sheet: string | undefined = undefined;
  @state() private headingClasses = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('sh-import-file') private fileStep?: ShImportFile;
  private run = 0;
  /** Counts openings: the suggestions element is made anew each time, so it loads the draft as it is now. */
  private opened = 0;
  /** Set when a button inside chose where to go (the draft): closing then does not navigate again. */
  private leaving = false;

  /** Opens the dialog for a new import. */
  async open() {
    this.reset();
    await this.updateComplete;
    this.dialog.showModal();
    await this.fileStep?.focusOn('file');
  }

  /** Opens the suggested conditions kept from an earlier import of scheme `schemeId`. */
  async openSuggestions(schemeId: number | string, name: string, suggestions: Suggestions) {
    this.reset();
    this.step = { kind: 'suggestions', schemeId, name, suggestions };
    await this.updateComplete;
    this.dialog.showModal();
  }

  close() {
    this.dialog?.close();
  }

  private reset() {
    this.run++;
    this.opened++;
    this.leaving = false;
    this.step = { kind: 'choose' };
    this.file = null;
    this.name = '';
    this.nameTouched = false;
    this.nameError = '';
    this.busy = '';
    this.error = '';
    this.mapping = null;
    this.headerRow = undefined;
    this.sheet = undefined;
    this.headingClasses = false;
  }

  override render() {
    const s = this.step;
    const title = s.kind === 'created' ? '已导入为新草稿' : s.kind === 'suggestions' ? `建议条件：${s.name}` : '从 Excel/CSV 导入三合一表';
    return html`<dialog aria-labelledby="import-title" @close=${this.onClose} @cancel=${this.onCancel}>
      <header>
        <h2 id="import-title">${title}</h2>
        <button type="button" class="icon" aria-label="关闭" title="关闭" @click=${() => this.close()}>✕</button>
      </header>
      <div class="body">
        ${
          s.kind === 'created' || s.kind === 'suggestions'
            ? nothing
            : html`<sh-import-file .file=${this.file} .name=${this.name} ?nameTouched=${this.nameTouched} .nameError=${this.nameError}
              @import-file=${this.onFile} @import-name=${this.onName}></sh-import-file>`
        }
        ${this.error ? html`<div class="message error" role="alert">${this.error}</div>` : nothing}
        ${this.busy === 'checking' ? html`<p class="busy" role="status">正在读取并检查表格…</p>` : nothing}
        ${s.kind === 'preview' ? html`<sh-import-preview .result=${s.result} .mapping=${this.mapping} ?headingClasses=${this.headingClasses} @import-choice=${this.onChoice}></sh-import-preview>` : nothing}
        ${s.kind === 'mapping' ? html`<sh-import-mapping .preview=${s.preview} .problems=${s.problems} .mapping=${this.mapping} .headerRow=${this.headerRow} @import-choice=${this.onChoice}></sh-import-mapping>` : nothing}
        ${s.kind === 'invalid' ? invalidView(s.errors, s.warnings, s.preview, this.mapping) : nothing}
        ${s.kind === 'created' ? createdView(s.scheme, this.onLeave) : nothing}
        ${s.kind === 'suggestions' ? keyed(this.opened, html`<sh-import-suggestions .schemeId=${s.schemeId} .suggestions=${s.suggestions} @navigate=${this.onLeave}></sh-import-suggestions>`) : nothing}
      </div>
      ${s.kind === 'created' || s.kind === 'suggestions' ? nothing : this.renderFooter()}
    </dialog>`;
  }

  private renderFooter() {
    const s = this.step;
    const canCreate = s.kind === 'preview' && !this.busy;
    const hasColumns = (s.kind === 'preview' && s.result.preview.columns.length) || (s.kind === 'invalid' && s.preview?.columns.length);
    return html`<footer>
      ${s.kind === 'preview' ? html`<span class="small muted">尚未保存任何内容。</span>` : nothing}
      ${s.kind === 'invalid' ? html`<span class="small muted">未导入任何内容。</span>` : nothing}
      <span class="spacer"></span>
      <button type="button" @click=${() => this.close()}>取消</button>
      ${hasColumns ? html`<button type="button" @click=${this.editMapping}>修改列对应</button>` : nothing}
      ${
        s.kind === 'mapping'
          ? html`<button type="button" class="primary" ?disabled=${!!this.busy} @click=${() => this.check()}>按此对应关系重新检查</button>`
          : s.kind === 'invalid' && this.file
            ? html`<button type="button" ?disabled=${!!this.busy} @click=${() => this.check()}>重新检查</button>`
            : nothing
      }
      ${
        s.kind === 'preview' || s.kind === 'choose'
          ? html`<button type="button" class="primary" ?disabled=${!canCreate} @click=${this.create}>${this.busy === 'creating' ? '正在导入…' : '导入为新草稿'}</button>`
          : nothing
      }
    </footer>`;
  }

  // ——— actions ———

  private onFile = (e: CustomEvent<{ file: File }>) => {
    const file = e.detail.file;
    this.run++;
    this.file = file;
    this.mapping = null;
    this.headerRow = undefined;
    this.sheet = undefined;
    this.step = { kind: 'choose' };
    this.error = '';
    if (!this.nameTouched || !this.name.trim()) this.name = defaultSchemeName(file.name, this.unitName);
    const problem = fileProblem(file);
    if (problem) {
      this.error = problem;
      return;
    }
    void this.check();
  };

  private onName = (e: CustomEvent<{ name: string }>) => {
    this.name = e.detail.name;
    this.nameError = '';
    this.nameTouched = true;
  };

  private onChoice = (e: CustomEvent<ImportChoiceDetail>) => {
    const c = e.detail;
    if ('sheet' in c) {
      this.sheet = c.sheet;
      this.mapping = null;
      this.headerRow = undefined;
      void this.check();
    } else if ('headingClasses' in c) {
      this.headingClasses = c.headingClasses;
      void this.check();
    } else if ('mapping' in c) this.mapping = c.mapping;
    else this.headerRow = c.headerRow;
  };

  private editMapping = () => {
    const s = this.step;
    const preview = s.kind === 'preview' ? s.result.preview : s.kind === 'invalid' ? s.preview : null;
    if (!preview) return;
    this.mapping = this.mapping ?? mappingOf(preview.columns);
    this.step = { kind: 'mapping', preview, problems: [] };
  };

  /** The dry run: the service reads the table as it would import it. */
  private async check() {
    const file = this.file;
    if (!file) return;
    const type = tableType(file);
    if (!type) return;
    if (this.step.kind === 'mapping' && this.mapping && mappingProblems(this.mapping).length) {
      this.error = '请先完成列的对应（见下方提示）。';
      return;
    }
    const run = ++this.run;
    this.busy = 'checking';
    this.error = '';
    try {
      const result = await importTable(api, this.unitId, file, type, { dryRun: true, ...this.options() });
      if (run !== this.run) return;
      this.step = { kind: 'preview', result };
    } catch (e) {
      if (run !== this.run) return;
      this.showProblem(e);
    } finally {
      if (run === this.run) this.busy = '';
    }
  }

  private options() {
    return {
      filename: this.file?.name,
      sheet: this.sheet,
      headerRow: this.headerRow,
      mapping: this.mapping ?? undefined,
      headingClasses: this.headingClasses || undefined,
    };
  }

  private showProblem(e: unknown) {
    if (!(e instanceof ApiError)) {
      this.error = e instanceof Error && e.name === 'NotReadableError' ? '无法读取该文件（可能已被移动或修改），请重新选择。' : String(e);
      return;
    }
    const x = e.extra;
    const preview = (x.preview as ImportPreview | undefined) ?? null;
    const errors = e.errors as ImportIssue[];
    if (e.status === 422 && x.needsMapping && preview) {
      this.step = { kind: 'mapping', preview, problems: this.mapping ? errors.map((i) => i.message) : preview.problems };
      if (!this.mapping) this.mapping = mappingOf(preview.columns);
    } else if (e.status === 400 && e.errors.some((i) => i.path === '/query/name' || i.path === '/name')) {
      this.nameError = e.errors.find((i) => i.path.endsWith('/name'))?.message ?? '';
      void this.fileStep?.focusOn('name');
    } else if (e.status === 422 && errors.length) {
      this.step = { kind: 'invalid', errors, warnings: (x.warnings as ImportIssue[] | undefined) ?? [], preview };
    } else {
      // Not about the table (network, type, size): what was shown stays, with the reason above it.
      this.error =
        e.status === 415
          ? `无法读取：${e.userMessage}`
          : e.status === 413
            ? '文件超过 10 MB，无法导入。'
            : e.status === 400 && e.errors.some((i) => i.path.startsWith('/query/mapping'))
              ? `列的对应有误：${e.errors.map((i) => i.message).join('；')}`
              : e.userMessage;
    }
  }

  private create = async () => {
    const file = this.file;
    const type = file && tableType(file);
    if (!file || !type || this.step.kind !== 'preview') return;
    const name = this.name.trim();
    if (!name) {
      // Said under the name itself (sh-import-file), where the focus goes.
      this.nameTouched = true;
      void this.fileStep?.focusOn('name');
      return;
    }
    const run = ++this.run;
    this.busy = 'creating';
    this.error = '';
    try {
      const scheme = await importTable(api, this.unitId, file, type, { name, ...this.options() });
      if (run !== this.run) return;
      this.step = { kind: 'created', scheme };
    } catch (e) {
      if (run !== this.run) return;
      this.showProblem(e);
    } finally {
      if (run === this.run) this.busy = '';
    }
  };

  private onCancel = (e: Event) => {
    if (this.busy === 'creating') e.preventDefault();
  };

  private onLeave = () => {
    this.leaving = true;
    this.close();
  };

  private onClose = () => {
    const s = this.step;
    this.run++;
    this.busy = '';
    // A created scheme is opened when the dialog closes without choosing (Esc, ✕): the draft is where work goes on.
    if (s.kind === 'created' && !this.leaving) fire(this, 'navigate', { href: `#/schemes/${s.scheme.id}` });
    fire(this, 'import-dialog-close', {});
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-import-dialog': ShImportDialog;
  }
  interface GlobalEventHandlersEventMap {
    /** The dialog closed (the unit's page re-reads the suggestions kept for its schemes). */
    'import-dialog-close': CustomEvent<Record<string, never>>;
  }
}
