// Imports a 三合一 table from Excel/CSV: check (dry run) → preview or column mapping or the table's errors → new draft.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { live } from 'lit/directives/live.js';
import { ApiError, type ImportIssue, type ImportPreview } from './lib/api.js';
import { fire } from './lib/events.js';
import { IGNORE, defaultSchemeName, fileProblem, issuePlace, issueText, mappingOf, mappingProblems, tableType } from './lib/import.js';
import { headingChoice, invalidView, itemsView, rowsView, size, warningsView } from './lib/import-views.js';
import { api } from './lib/session.js';
import { importStyles } from './styles/import-dialog.js';
import { shared } from './styles/shared.js';
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
  @state() private nameTouched = false;
  @state() private busy: '' | 'checking' | 'creating' = '';
  @state() private error = '';
  /** The mapping being edited (column letter → field or 忽略); null = the service's own detection. */
  @state() private mapping: Record<string, string> | null = null;
  @state() private headerRow: number | undefined = undefined;
  @state() private sheet: string | undefined = undefined;
  @state() private headingClasses = false;
  @query('dialog') private dialog!: HTMLDialogElement;
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
    this.renderRoot.querySelector<HTMLInputElement>('#file')?.focus();
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
        ${s.kind === 'created' || s.kind === 'suggestions' ? nothing : this.renderChoose()}
        ${this.error ? html`<div class="message error" role="alert">${this.error}</div>` : nothing}
        ${this.busy === 'checking' ? html`<p class="busy" role="status">正在读取并检查表格…</p>` : nothing}
        ${s.kind === 'preview' ? this.renderPreview(s.result) : nothing}
        ${s.kind === 'mapping' ? this.renderMapping(s.preview, s.problems) : nothing}
        ${s.kind === 'invalid' ? invalidView(s.errors, s.warnings, s.preview, this.mapping) : nothing}
        ${s.kind === 'created' ? this.renderCreated(s.scheme) : nothing}
        ${s.kind === 'suggestions' ? keyed(this.opened, html`<sh-import-suggestions .schemeId=${s.schemeId} .suggestions=${s.suggestions} @navigate=${this.onLeave}></sh-import-suggestions>`) : nothing}
      </div>
      ${s.kind === 'created' || s.kind === 'suggestions' ? nothing : this.renderFooter()}
    </dialog>`;
  }

  private renderChoose() {
    return html`<div class="choose">
      <div>
        <label class="field"><span>表格文件（.xlsx 或 .csv，不超过 10 MB）</span>
          <input id="file" type="file" accept=".xlsx,.csv,${'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'},text/csv"
            @click=${(e: Event) => ((e.target as HTMLInputElement).value = '')} @change=${this.onFile} />
        </label>
        <div class="hint">${this.file ? html`已选择 <strong>${this.file.name}</strong>（${size(this.file.size)}）` : '选择本单位现有的三合一表：各列（类目、条款号、归档范围、保管期限…）会自动识别，导入前先预览。'}</div>
      </div>
      <div>
        <label class="field"><span>新三合一表名称</span>
          <input id="name" .value=${this.name} maxlength="200" required aria-invalid=${this.nameTouched && !this.name.trim() ? 'true' : 'false'}
            @input=${(e: Event) => {
              this.name = (e.target as HTMLInputElement).value;
              this.nameTouched = true;
            }} />
        </label>
        <div class="hint">导入后作为第 1 版草稿；单位名称、全宗号取自本单位，不取表格中的。</div>
      </div>
    </div>`;
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

  // ——— steps ———

  private renderPreview(r: ImportDryRun) {
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
        ${p.sheets.length > 1 ? this.renderSheetSelect(p) : nothing}
        <h4>列与字段的对应</h4>
        <ul class="columns" aria-label="列与字段的对应">
          ${p.columns.map((c) => html`<li><span class="mono">${c.letter}</span> 列${c.header ? `“${c.header}”` : ''} → ${c.label ? html`<strong>${c.label}</strong>` : html`<span class="muted">忽略</span>`}</li>`)}
        </ul>
        <p class="hint">不对时点“修改列对应”。</p>
        ${headingChoice(p, st.headings, this.headingClasses, (on) => {
          this.headingClasses = on;
          void this.check();
        })}
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

  private renderSheetSelect(p: ImportPreview) {
    return html`<label class="field" style="max-width:320px"><span>工作表</span>
      <select @change=${(e: Event) => {
        this.sheet = (e.target as HTMLSelectElement).value;
        this.mapping = null;
        this.headerRow = undefined;
        void this.check();
      }}>
        ${p.sheets.map((n) => html`<option value=${n} ?selected=${n === p.sheet}>${n}</option>`)}
      </select>
    </label>`;
  }

  private renderMapping(p: ImportPreview, problems: string[]) {
    const mapping = this.mapping ?? mappingOf(p.columns);
    const local = mappingProblems(mapping);
    const samples = (i: number) =>
      p.rows
        .map((r) => r.cells[i] ?? '')
        .filter(Boolean)
        .slice(0, 3);
    const rowChoices = p.rows.slice(0, 8).map((r) => r.row);
    return html`<section aria-labelledby="map-h" class="mapping">
      <h3 id="map-h">指定各列的含义</h3>
      ${
        problems.length
          ? html`<div class="message warn" role="alert">无法自动确定表格各列的含义：<ul>${problems.map((x) => html`<li>${x}</li>`)}</ul>请为每一列选择对应的字段（不需要的列选“忽略”），然后重新检查。</div>`
          : html`<p class="hint">为每一列选择对应的字段（不需要的列选“忽略”），然后重新检查。</p>`
      }
      <div class="row" style="margin-bottom:8px">
        ${p.sheets.length > 1 ? this.renderSheetSelect(p) : nothing}
        <label class="field" style="max-width:320px"><span>表头所在行</span>
          <select @change=${(e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            this.headerRow = v === '' ? undefined : Number(v);
          }}>
            <option value="" ?selected=${this.headerRow === undefined}>自动判断</option>
            <option value="0" ?selected=${this.headerRow === 0}>没有表头行（从第一行起都是条款）</option>
            ${[...new Set([...(p.headerRow ? [p.headerRow] : []), ...rowChoices])].sort((a, b) => a - b).map((n) => html`<option value=${n} ?selected=${this.headerRow === n}>第 ${n} 行</option>`)}
          </select>
        </label>
        <p class="hint" style="flex:1;min-width:240px;margin:0">自动判断：第一行在“保管期限”列写的不是期限（如“列三”“期限”）时，作为表头不导入。</p>
      </div>
      <table aria-label="列与字段的对应">
        <thead><tr><th scope="col">列</th><th scope="col">表头</th><th scope="col">示例内容</th><th scope="col">对应字段</th></tr></thead>
        <tbody>${p.columns.map(
          (c, i) => html`<tr>
          <td class="mono">${c.letter}</td>
          <td>${c.header || html`<span class="muted">（无）</span>`}</td>
          <td class="small samples">${samples(i).map((x) => html`<span title=${x}>${x.length > 24 ? x.slice(0, 24) + '…' : x}</span>`)}</td>
          <td><select aria-label="${c.letter} 列对应的字段" .value=${live(mapping[c.letter] ?? IGNORE)} @change=${(e: Event) => this.setField(c.letter, (e.target as HTMLSelectElement).value, p)}>
            <option value=${IGNORE} ?selected=${mapping[c.letter] === IGNORE || !mapping[c.letter]}>忽略</option>
            ${p.fields.map((f) => html`<option value=${f.field} ?selected=${mapping[c.letter] === f.field}>${f.label}</option>`)}
          </select></td>
        </tr>`,
        )}</tbody>
      </table>
      ${local.length ? html`<div class="message info small" style="margin-top:10px" role="status"><ul>${local.map((x) => html`<li>${x}</li>`)}</ul></div>` : nothing}
      <section aria-labelledby="rows-h2">
        <h3 id="rows-h2">表格前几行（原样）</h3>
        ${rowsView(p, this.mapping)}
      </section>
    </section>`;
  }

  private renderCreated(s: ImportCreated) {
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
      <sh-import-suggestions .schemeId=${s.id} .suggestions=${s.suggestions} @navigate=${this.onLeave}></sh-import-suggestions>
      <p class="hint">关闭此窗口也会打开新草稿；这些建议在本次登录期间还可以从单位首页的“建议条件”再次打开。</p>`;
  }

  // ——— actions ———

  private onFile = (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0] ?? null;
    if (!file) return; // the picker was cancelled: keep what was chosen before
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

  private setField(letter: string, field: string, p: ImportPreview) {
    const next = { ...(this.mapping ?? mappingOf(p.columns)) };
    // A field goes to one column: choosing it here takes it from the column that had it.
    if (field !== IGNORE) for (const k of Object.keys(next)) if (next[k] === field) next[k] = IGNORE;
    next[letter] = field;
    this.mapping = next;
  }

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
      this.nameTouched = true;
      this.error = '请填写新三合一表名称。';
      this.renderRoot.querySelector<HTMLInputElement>('#name')?.focus();
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
