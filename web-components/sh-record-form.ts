// A form for one record to try: the standard fields (题名, 文种, 来源 …) and the scheme's declared extra fields.
import { LitElement, type TemplateResult, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FieldOption } from './lib/condition-model.js';
import { fire } from './lib/events.js';
import { convert } from './lib/records.js';
import { shared } from './styles/shared.js';
import { getRecordField, setRecordField } from '../server/schemas/record-cells.js';

/** Fields shown first (the ones conditions use most); the rest fold under “更多字段”. */
const MAIN = ['title', 'docType', 'origin', 'date', 'author', 'department', 'amount'];

/**
 * @fires record-submit - `{ record }` when the form is sent (Enter or the button).
 * @fires record-clear - when 清空 empties the form (the shown result goes with it).
 */
@customElement('sh-record-form')
export class ShRecordForm extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 0 12px; }
      .grid .wide { grid-column: 1 / -1; }
      input, select { width: 100%; }
      details { margin: 4px 0 10px; }
      summary { cursor: pointer; color: var(--sh-blue); }
    `,
  ];

  @property({ attribute: false }) fields: FieldOption[] = [];
  @property() submitLabel = '试分类';
  @property({ type: Boolean }) busy = false;

  @state() private values: Record<string, string> = {};
  @state() private problems: Record<string, string> = {};

  /** Fills the form from a record (e.g. to edit a tried record). */
  fill(record: Record<string, unknown>) {
    const values: Record<string, string> = {};
    for (const f of this.fields) {
      const v = getRecordField(record, f.name);
      if (v === undefined || v === null) continue;
      values[f.name] = Array.isArray(v) ? v.join('、') : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
    }
    this.values = values;
  }

  override render() {
    const main = this.fields.filter((f) => MAIN.includes(f.name));
    const rest = this.fields.filter((f) => !MAIN.includes(f.name));
    const filledRest = rest.filter((f) => this.values[f.name]).length;
    // novalidate: the page's own messages in Chinese, next to each field, instead of the browser's bubbles.
    return html`<form novalidate @submit=${this.onSubmit} aria-label="试分类记录">
      <div class="grid">${main.map((f) => this.renderField(f))}</div>
      <details ?open=${filledRest > 0}>
        <summary>更多字段${filledRest ? `（已填 ${filledRest} 项）` : ''}</summary>
        <div class="grid" style="margin-top:8px">${rest.map((f) => this.renderField(f))}</div>
      </details>
      <div class="row">
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? '正在试分类…' : this.submitLabel}</button>
        <button type="button" @click=${() => {
          this.values = {};
          this.problems = {};
          fire(this, 'record-clear', {});
        }}>清空</button>
      </div>
    </form>`;
  }

  private renderField(f: FieldOption) {
    const id = `f-${f.name.replace('.', '-')}`;
    const value = this.values[f.name] ?? '';
    const set = (v: string) => (this.values = { ...this.values, [f.name]: v });
    const problem = this.problems[f.name];
    let control: TemplateResult;
    if (f.type === 'enum' && f.values) {
      control = html`<select id=${id} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!value}>（未填）</option>
        ${f.values.map((v) => html`<option value=${v} ?selected=${v === value}>${f.valueLabels?.[v] ?? v}</option>`)}
      </select>`;
    } else if (f.type === 'boolean') {
      control = html`<select id=${id} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!value}>（未填）</option><option value="是" ?selected=${value === '是'}>是</option><option value="否" ?selected=${value === '否'}>否</option>
      </select>`;
    } else {
      // Amounts as text: the page reads 1,200 元 and ¥1 200 as the CLI does, and says what it cannot read.
      const type = f.type === 'date' ? 'date' : 'text';
      const hint = f.type === 'stringArray' ? '多个用顿号分隔' : '';
      control = html`<input id=${id} type=${type} inputmode=${f.type === 'number' ? 'decimal' : nothing} .value=${value} placeholder=${hint} aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? `${id}-problem` : nothing}
        ?required=${f.name === 'title'} @input=${(e: Event) => set((e.target as HTMLInputElement).value)} />`;
    }
    return html`<div class="field ${f.name === 'title' ? 'wide' : ''}">
      <label for=${id}>${f.label}${f.name === 'title' ? html` <span aria-hidden="true" style="color:var(--sh-red)">*</span>` : nothing}</label>
      ${control}
      ${problem ? html`<span id="${id}-problem" class="small" style="color:var(--sh-red)" role="alert">${problem}</span>` : nothing}
    </div>`;
  }

  private onSubmit(e: Event) {
    e.preventDefault();
    const record: Record<string, unknown> = {};
    const problems: Record<string, string> = {};
    for (const f of this.fields) {
      const text = (this.values[f.name] ?? '').trim();
      if (!text) continue;
      const r = convert(text, f);
      if (r.error) problems[f.name] = r.error;
      else setRecordField(record, f.name, r.value);
    }
    if (!record.title) problems.title = '请填写题名';
    this.problems = problems;
    if (Object.keys(problems).length) return;
    fire(this, 'record-submit', { record });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-record-form': ShRecordForm;
  }
}
