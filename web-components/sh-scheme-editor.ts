// The 三合一 table editor: class tree beside the item table and the row editor, plus exclusions, fields and settings.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Finding } from '../server/engine/browser.js';
import type { Scheme } from '../server/schemas/scheme.js';
import type { FieldError } from './lib/api.js';
import { type FieldOption, fieldCatalogue } from './lib/condition-model.js';
import { deepEqual } from './lib/deep-equal.js';
import { type ItemFocusDetail, fire } from './lib/events.js';
import { errorId, fieldError, fieldsAt, invalid } from './lib/form-fields.js';
import { itemPointer, partLabel } from './lib/format.js';
import { shared } from './styles/shared.js';
import './sh-class-tree.js';
import './sh-item-table.js';
import './sh-item-editor.js';
import './sh-exclusions-editor.js';
import './sh-fields-editor.js';

type Section = 'items' | 'exclusions' | 'fields' | 'settings';

/**
 * Never saves: every edit is emitted whole and the page keeps it as the unsaved draft.
 *
 * @fires scheme-change - `{ scheme }` after any edit (from this element or the editors inside it).
 */
@customElement('sh-scheme-editor')
export class ShSchemeEditor extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .layout { display: grid; grid-template-columns: 250px minmax(0, 1fr); gap: 16px; align-items: start; }
      aside { position: sticky; top: 8px; max-height: calc(100vh - 24px); overflow: auto; }
      .editor { margin-top: 14px; }
      .sections { margin-bottom: 12px; }
      .settings { max-width: 760px; }
      .settings input, .settings textarea, .settings select { width: 100%; }
      .depts td input { width: 100%; }
      .sections { overflow-x: auto; }
      @media (max-width: 900px) {
        .layout { grid-template-columns: minmax(0, 1fr); }
        aside { position: static; max-height: 40vh; }
      }
    `,
  ];

  @property({ attribute: false }) scheme!: Scheme;
  /** The last saved document, to mark unsaved rows. */
  @property({ attribute: false }) saved: Scheme | null = null;
  @property({ attribute: false }) errors: FieldError[] = [];
  @property({ attribute: false }) findings: Finding[] = [];
  /** The national baseline the table is held to: each row shows its floor. */
  @property({ attribute: false }) baseline: Scheme | null = null;
  @property({ type: Boolean }) readonly = false;

  @state() private section: Section = 'items';
  @state() private selected = -1;
  @state() private classFilter: string | null = null;

  /** Shows a row, exclusion or field named by a clause number or an error/finding pointer. */
  reveal(target: ItemFocusDetail) {
    const ptr = target.path ? itemPointer(target.path) : null;
    if (ptr?.collection === 'exclusions') this.section = 'exclusions';
    else if (ptr?.collection === 'fields') this.section = 'fields';
    else {
      const index = ptr?.collection === 'items' ? ptr.index : this.scheme.items.findIndex((it) => it.id === target.id);
      if (index < 0) return;
      this.section = 'items';
      this.classFilter = null;
      this.selected = index;
    }
    this.updateComplete.then(() => {
      const table = this.renderRoot.querySelector('sh-item-table');
      table?.updateComplete.then(() => {
        const row = table.renderRoot.querySelector<HTMLElement>(`tr[aria-selected='true'] td.id button`);
        row?.scrollIntoView({ block: 'center' });
        row?.focus();
      });
    });
  }

  override render() {
    const fields = fieldCatalogue(this.scheme.fields);
    const count = (prefix: string) => this.errors.filter((e) => e.path.startsWith(prefix)).length;
    const tab = (
      id: Section,
      label: string,
      errors: number,
    ) => html`<button type="button" role="tab" aria-selected=${this.section === id ? 'true' : 'false'} @click=${() => (this.section = id)}>
      ${label}${errors ? html` <span class="badge red">${errors}</span>` : nothing}</button>`;
    return html`
      <div class="tabs sections" role="tablist" aria-label="三合一表内容">
        ${tab('items', `归档范围与保管期限（${this.scheme.items.length} 条）`, count('/items') + count('/classes'))}
        ${tab('exclusions', `不归档范围（${this.scheme.exclusions?.length ?? 0}）`, count('/exclusions'))}
        ${tab('fields', `字段（自定义 ${this.scheme.fields?.length ?? 0}）`, count('/fields'))}
        ${tab('settings', '基本信息', count('/title') + count('/departments') + count('/fonds'))}
      </div>
      ${this.section === 'items' ? this.renderItems(fields) : nothing}
      ${this.section === 'exclusions' ? html`<sh-exclusions-editor .scheme=${this.scheme} .fields=${fields} .errors=${this.errors} ?readonly=${this.readonly}></sh-exclusions-editor>` : nothing}
      ${this.section === 'fields' ? html`<sh-fields-editor .scheme=${this.scheme} .errors=${this.errors} ?readonly=${this.readonly}></sh-fields-editor>` : nothing}
      ${this.section === 'settings' ? this.renderSettings() : nothing}
    `;
  }

  private renderItems(fields: FieldOption[]) {
    return html`<div class="layout">
      <aside class="card" aria-label="分类方案">
        <h3>分类方案</h3>
        <sh-class-tree .scheme=${this.scheme} .selected=${this.classFilter} ?readonly=${this.readonly}
          @class-select=${(e: CustomEvent<{ path: string | null }>) => (this.classFilter = e.detail.path)}></sh-class-tree>
      </aside>
      <div>
        <sh-item-table
          .scheme=${this.scheme}
          .fields=${fields}
          .selected=${this.selected}
          .classFilter=${this.classFilter}
          .errors=${this.errors}
          .findings=${this.findings}
          .changed=${this.changedRows()}
          .baseline=${this.baseline}
          ?readonly=${this.readonly}
          @item-select=${(e: CustomEvent<{ index: number }>) => (this.selected = e.detail.index)}
        ></sh-item-table>
        <section class="editor card" aria-label="条款详情">
          <sh-item-editor .scheme=${this.scheme} .index=${this.selected} .fields=${fields} .errors=${this.errors} .baseline=${this.baseline} ?readonly=${this.readonly}></sh-item-editor>
        </section>
      </div>
    </div>`;
  }

  private renderSettings() {
    const s = this.scheme;
    const set = (patch: Partial<Scheme>) => {
      const next = { ...s, ...patch } as Record<string, unknown>;
      for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
      fire(this, 'scheme-change', { scheme: next as Scheme });
    };
    const depts = s.departments ?? [];
    const setDept = (i: number, patch: Partial<{ code: string; name: string }>) =>
      set({ departments: depts.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
    // The table's own errors at their fields (/title under 表名 …); the rest above them, in words.
    const at = fieldsAt(this.errors);
    const shownHere = /^\/(title|unit|fonds|description)(\/|$)/;
    const aria = (k: string) => ({ invalid: invalid(at, k), describedBy: errorId(at, k, 'set-') });
    const a = { title: aria('title'), unit: aria('unit'), fonds: aria('fonds'), description: aria('description') };
    return html`<div class="settings card">
      ${this.errors
        .filter((e) => !/^\/(items|exclusions|fields|classes|tests)\b/.test(e.path) && !shownHere.test(e.path))
        .map((e) => html`<div class="message error" role="alert">${partLabel(e.path.slice(1))}：${e.message}</div>`)}
      <label class="field"><span>表名</span><input .value=${s.title} ?readonly=${this.readonly} aria-invalid=${a.title.invalid} aria-describedby=${a.title.describedBy}
        @change=${(e: Event) => set({ title: (e.target as HTMLInputElement).value.trim() || s.title })} />${fieldError(at, 'title', 'set-')}</label>
      <div class="row" style="align-items:flex-start">
        <label class="field" style="flex:2"><span>单位</span><input .value=${s.unit} ?readonly=${this.readonly} aria-invalid=${a.unit.invalid} aria-describedby=${a.unit.describedBy}
          @change=${(e: Event) => set({ unit: (e.target as HTMLInputElement).value.trim() || s.unit })} />${fieldError(at, 'unit', 'set-')}</label>
        <label class="field" style="flex:1"><span>全宗号</span><input class="mono" .value=${s.fonds ?? ''} ?readonly=${this.readonly} aria-invalid=${a.fonds.invalid}
          aria-describedby=${a.fonds.describedBy} @change=${(e: Event) => set({ fonds: (e.target as HTMLInputElement).value.trim() || undefined })} />${fieldError(at, 'fonds', 'set-')}</label>
      </div>
      <label class="field"><span>说明</span><textarea rows="3" .value=${s.description ?? ''} ?readonly=${this.readonly} aria-invalid=${a.description.invalid}
        aria-describedby=${a.description.describedBy} @change=${(e: Event) => set({ description: (e.target as HTMLTextAreaElement).value.trim() || undefined })}></textarea>${fieldError(at, 'description', 'set-')}</label>
      <div class="row" style="align-items:flex-start">
        <label class="field" style="flex:1"><span>保管期限起算（统一规定）</span>
          <select ?disabled=${this.readonly} @change=${(e: Event) => set({ retentionStart: ((e.target as HTMLSelectElement).value || undefined) as Scheme['retentionStart'] })}>
            <option value="" ?selected=${!s.retentionStart}>形成年度的次年1月1日（默认）</option>
            <option value="fiscalYearEndNextDay" ?selected=${s.retentionStart === 'fiscalYearEndNextDay'}>会计年度终了后的第一天</option>
          </select>
        </label>
        <label class="field" style="flex:1"><span>档号中的机构（问题）代码取自</span>
          <select ?disabled=${this.readonly} @change=${(e: Event) => set({ archivalCode: { segment: (e.target as HTMLSelectElement).value as 'class' | 'department' } })}>
            <option value="class" ?selected=${s.archivalCode?.segment !== 'department'}>条款所属类目（门类以下）</option>
            <option value="department" ?selected=${s.archivalCode?.segment === 'department'}>文件所属机构的代码</option>
          </select>
        </label>
      </div>
      <h4>机构代码</h4>
      ${
        depts.length === 0
          ? html`<p class="muted small">未设置。档号按机构编制时，在此列出各机构的名称和代码（如 办公室 BGS）。</p>`
          : html`<table class="depts">
        <thead><tr><th>机构名称</th><th>代码</th><th><span class="visually-hidden">操作</span></th></tr></thead>
        <tbody>${depts.map(
          (d, i) => html`<tr>
          <td><input aria-label="机构 ${i + 1} 名称" .value=${d.name} ?readonly=${this.readonly} @change=${(e: Event) => setDept(i, { name: (e.target as HTMLInputElement).value.trim() || d.name })} /></td>
          <td><input aria-label="机构 ${i + 1} 代码" class="mono" .value=${d.code} ?readonly=${this.readonly} @change=${(e: Event) => setDept(i, { code: (e.target as HTMLInputElement).value.trim() || d.code })} /></td>
          <td>${this.readonly ? nothing : html`<button type="button" class="icon danger" aria-label="删除机构 ${d.name}" @click=${() => set({ departments: depts.filter((_, j) => j !== i).length ? depts.filter((_, j) => j !== i) : undefined })}>✕</button>`}</td>
        </tr>`,
        )}</tbody></table>`
      }
      ${this.readonly ? nothing : html`<button type="button" style="margin-top:6px" @click=${() => set({ departments: [...depts, { name: `机构${depts.length + 1}`, code: `JG${depts.length + 1}` }] })}>＋ 机构</button>`}
    </div>`;
  }

  /** Indexes of rows that differ from the saved document (matched by id). */
  private changedRows(): Set<number> {
    const out = new Set<number>();
    if (!this.saved) return out;
    const before = new Map(this.saved.items.map((it) => [it.id, it]));
    this.scheme.items.forEach((it, i) => {
      const old = before.get(it.id);
      if (!old || !deepEqual(old, it)) out.add(i);
    });
    return out;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-scheme-editor': ShSchemeEditor;
  }
}
