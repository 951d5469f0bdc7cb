// The conditions an import suggested for its rows (kept with the scheme on the service): the archivist applies them
// one by one or all at once to the draft, and saves.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Scheme } from '../server/schemas/scheme.js';
import { ApiError, errorText } from './lib/api.js';
import type { Suggestions } from './lib/api-import.js';
import { fieldCatalogue } from './lib/condition-model.js';
import { summarizeLogic } from './lib/condition-describe.js';
import { fire } from './lib/events.js';
import { retentionText } from './lib/format.js';
import { type SuggestionRow, applySuggestion, revertItem, suggestionRows } from './lib/import.js';
import { dropSuggestions } from './lib/api-import.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import { getScheme, getVersion, saveDocument, type VersionDoc } from './lib/api-schemes.js';
import { ask } from './sh-confirm.js';

/**
 * Loads the scheme's open draft, keeps the applied suggestions as unsaved edits here, and saves them with If-Match.
 *
 * @fires navigate - `{ href }` to open the draft in the workbench.
 */
@customElement('sh-import-suggestions')
export class ShImportSuggestions extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .scroll { max-height: 46vh; overflow: auto; border: 1px solid var(--sh-line); border-radius: 4px; }
      table { font-size: 13px; }
      th { white-space: nowrap; }
      td.id { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; width: 1%; }
      td.ret { white-space: nowrap; }
      td.cond { width: 38%; }
      td.act { white-space: nowrap; width: 1%; }
      tr.applied { background: var(--sh-blue-soft); }
      .dirty { color: var(--sh-amber); font-weight: 600; }
      .footer { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-top: 10px; }
    `,
  ];

  @property({ attribute: false }) schemeId: string | number = '';
  @property({ attribute: false }) suggestions: Suggestions = {};

  @state() private saved: VersionDoc | null = null;
  @state() private draft: Scheme | null = null;
  @state() private loadError = '';
  @state() private saving = false;
  @state() private notice: { kind: 'ok' | 'error'; text: string } | null = null;
  @state() private forgotten = false;
  private loaded = '';

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('schemeId') && String(this.schemeId) !== this.loaded) {
      this.loaded = String(this.schemeId);
      void this.load();
    }
  }

  /** Applied suggestions that are not saved yet. */
  get unsaved(): number {
    return this.rows().filter((r) => r.state === 'applied').length;
  }

  private async load() {
    this.loadError = '';
    this.notice = null;
    try {
      const info = await getScheme(api, this.schemeId);
      const open = info.versions.find((v) => v.state === 'draft');
      if (!open) {
        this.saved = null;
        this.draft = null;
        this.loadError = '该方案已没有可修改的草稿（已提交或已批准），建议条件无法再应用。';
        return;
      }
      const doc = await getVersion(api, this.schemeId, open.number);
      this.saved = doc;
      this.draft = doc.document;
    } catch (e) {
      this.loadError = errorText(e);
    }
  }

  private rows(): SuggestionRow[] {
    return this.draft && this.saved ? suggestionRows(this.draft, this.saved.document, this.suggestions) : [];
  }

  override render() {
    const count = Object.keys(this.suggestions).length;
    if (this.forgotten) {
      return html`<div class="message info" role="status">已不再保留这些建议条件。已保存到草稿的条件不受影响。</div>
        <div class="footer">${this.openButton()}</div>`;
    }
    if (count === 0) {
      return html`<div class="empty"><strong>没有建议条件</strong>表格的文字中没有可用作条件的词。请打开草稿，在每条条款的“判断条件”中编写条件。</div>
        <div class="footer">${this.openButton()}</div>`;
    }
    if (this.loadError) {
      return html`<div class="message error" role="alert">${this.loadError}</div>
        <div class="footer"><button type="button" @click=${() => this.load()}>重试</button>${this.forgetButton()}</div>`;
    }
    if (!this.draft || !this.saved) return html`<p class="muted" role="status">正在载入草稿…</p>`;
    const rows = this.rows();
    const fields = fieldCatalogue(this.draft.fields);
    const unsaved = rows.filter((r) => r.state === 'applied').length;
    const open = rows.filter((r) => r.state === 'open').length;
    return html`
      <p class="small">
        导入时根据各条款“归档范围”的文字生成了 ${count} 条建议条件（题名关键词、文种），<strong>不会自动生效</strong>：
        请逐条核对，符合本单位实际的点“应用”，然后保存。没有条件的条款在分类时不会被选中。
      </p>
      ${this.notice ? html`<div class="message ${this.notice.kind}" role=${this.notice.kind === 'error' ? 'alert' : 'status'}>${this.notice.text}</div>` : nothing}
      <div class="scroll">
        <table aria-label="建议条件">
          <thead><tr><th scope="col">条款号</th><th scope="col">归档范围</th><th scope="col">保管期限</th><th scope="col">建议条件</th><th scope="col"><span class="visually-hidden">操作</span></th></tr></thead>
          <tbody>${rows.map((r) => this.renderRow(r, fields))}</tbody>
        </table>
      </div>
      <div class="footer" role="group" aria-label="建议条件操作">
        <span class="small ${unsaved ? 'dirty' : 'muted'}" role="status">${unsaved ? `已应用 ${unsaved} 条，尚未保存` : open ? `还有 ${open} 条建议未应用` : '建议已全部处理'}</span>
        <span class="spacer"></span>
        ${this.forgetButton()}
        <button type="button" ?disabled=${!open} @click=${() => this.applyAll()}>全部应用（${open} 条）</button>
        <button type="button" class="primary" ?disabled=${!unsaved || this.saving} @click=${() => this.save()}>${this.saving ? '正在保存…' : unsaved ? `保存已应用的 ${unsaved} 条条件` : '保存已应用的条件'}</button>
        ${this.openButton()}
      </div>
    `;
  }

  private renderRow(r: SuggestionRow, fields: ReturnType<typeof fieldCatalogue>) {
    const text = summarizeLogic(r.logic, fields);
    const action =
      r.state === 'open'
        ? html`<button type="button" aria-label="应用条款 ${r.id} 的建议条件" @click=${() => this.apply(r)}>应用</button>`
        : r.state === 'applied'
          ? html`<span class="badge blue">已应用（未保存）</span> <button type="button" class="link" aria-label="撤销条款 ${r.id} 的建议条件" @click=${() => this.undo(r)}>撤销</button>`
          : r.state === 'saved'
            ? html`<span class="badge green">已应用</span>`
            : r.state === 'hasCondition'
              ? html`<span class="badge" title="该条款已有其他条件，未改动">已有条件</span>`
              : html`<span class="badge" title="草稿中已没有这条条款（可能已删除或重新编号）">条款已不在</span>`;
    return html`<tr class=${r.state === 'applied' ? 'applied' : ''} data-suggestion=${r.id}>
      <td class="id">${r.id}</td>
      <td>${r.item?.scope ?? ''}</td>
      <td class="ret">${r.item ? retentionText(r.item.retention) : ''}</td>
      <td class="cond">${text}${
        Array.isArray(r.item?.retention)
          ? html`<div class="small muted">此条款分“${r.item!.retention.map((b) => b.label).join('/')}”：应用后，符合此条件的文件先交人工判断，直到在工作台中写好各分支的条件。</div>`
          : nothing
      }</td>
      <td class="act">${action}</td>
    </tr>`;
  }

  private openButton() {
    return html`<button type="button" @click=${this.openDraft}>打开草稿</button>`;
  }

  private forgetButton() {
    return html`<button type="button" class="link small" @click=${this.forget}>不再保留这些建议</button>`;
  }

  private apply(r: SuggestionRow) {
    if (!this.draft) return;
    this.draft = applySuggestion(this.draft, r.id, r.logic);
    this.notice = null;
  }

  /** Every suggestion whose row still has no condition, at once; saved together with one click. */
  private applyAll() {
    if (!this.draft) return;
    let draft = this.draft;
    for (const r of this.rows()) if (r.state === 'open') draft = applySuggestion(draft, r.id, r.logic);
    this.draft = draft;
    this.notice = null;
  }

  private undo(r: SuggestionRow) {
    if (!this.draft || !this.saved) return;
    this.draft = revertItem(this.draft, this.saved.document, r.id);
  }

  private async save() {
    if (!this.draft || !this.saved?.etag) return;
    const n = this.unsaved;
    this.saving = true;
    this.notice = null;
    try {
      const { meta, etag } = await saveDocument(api, this.schemeId, this.saved.number, this.draft, this.saved.etag);
      this.saved = { ...this.saved, ...meta, document: this.draft, etag };
      this.notice = { kind: 'ok', text: `已把 ${n} 条建议条件保存到第 ${meta.number} 版草稿。` };
    } catch (e) {
      if (e instanceof ApiError && e.status === 412)
        this.loadError = '保存失败：草稿在别处（如工作台）已被修改，刚才应用的建议没有保存。请点“重试”载入最新的草稿后再应用。';
      else this.notice = { kind: 'error', text: `保存失败：${errorText(e)}` };
    } finally {
      this.saving = false;
    }
  }

  private openDraft = async () => {
    const n = this.unsaved;
    if (n && !(await ask(`有 ${n} 条已应用的建议条件尚未保存，打开草稿后将丢失。确定打开？`, { confirmLabel: '仍然打开', danger: true })))
      return;
    fire(this, 'navigate', { href: `#/schemes/${this.schemeId}${this.saved ? `/v/${this.saved.number}` : ''}` });
  };

  private forget = async () => {
    const yes = await ask('不再保留导入时的建议条件？已保存的条件不受影响；未应用的建议将无法再找回（可重新导入表格的预览中查看）。', {
      confirmLabel: '不再保留',
      danger: true,
    });
    if (!yes) return;
    try {
      await dropSuggestions(api, this.schemeId);
      this.forgotten = true;
    } catch (e) {
      this.notice = { kind: 'error', text: `未能删除建议：${errorText(e)}` };
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-import-suggestions': ShImportSuggestions;
  }
}
