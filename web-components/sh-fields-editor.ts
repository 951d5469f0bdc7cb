// The fields a scheme's conditions may use: the standard record fields (fixed) and the unit's declared extra fields.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { STANDARD_FIELDS, type FieldType } from '../server/schemas/fields.js';
import type { Scheme, SchemeField } from '../server/schemas/scheme.js';
import type { FieldError } from './lib/api.js';
import { fire } from './lib/events.js';
import { checkForm, focusFirstInvalid } from './lib/form-check.js';
import { type FieldErrors, errorId, errorsUnder, field, fieldError, fieldsAt, invalid } from './lib/form-fields.js';
import { shared } from './styles/shared.js';
import './sh-chips-input.js';

const TYPE_LABELS: Record<FieldType, string> = {
  string: '文本',
  enum: '选项',
  number: '数字',
  boolean: '是/否',
  date: '日期',
  stringArray: '文本列表',
};

/**
 * @fires scheme-change - `{ scheme }` after a declared field is added, edited or removed.
 */
@customElement('sh-fields-editor')
export class ShFieldsEditor extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .cols { display: grid; grid-template-columns: minmax(0, 0.75fr) minmax(0, 1.6fr); gap: 16px; align-items: start; }
      td input, td select { width: 100%; }
      td.name { min-width: 190px; }
      td.type { min-width: 96px; }
      .new { display: grid; grid-template-columns: 1fr 1fr 120px auto; gap: 6px; align-items: end; margin-top: 8px; }
      .new .field { margin: 0; }
    `,
  ];

  @property({ attribute: false }) scheme!: Scheme;
  @property({ attribute: false }) errors: FieldError[] = [];
  @property({ type: Boolean }) readonly = false;
  @state() private newErrors: FieldErrors = {};

  override render() {
    const declared = this.scheme.fields ?? [];
    const used = usedFields(this.scheme);
    return html`<div class="cols">
      <section aria-labelledby="std">
        <h3 id="std">标准字段</h3>
        <p class="muted small">每条记录都可以带这些字段，条件中直接使用。</p>
        <table><thead><tr><th>名称</th><th>字段</th><th>类型</th></tr></thead>
          <tbody>${STANDARD_FIELDS.map((f) => html`<tr><td>${f.label}</td><td class="mono small">${f.name}</td><td>${TYPE_LABELS[f.type]}</td></tr>`)}</tbody>
        </table>
      </section>
      <section aria-labelledby="own">
        <h3 id="own">本表自定义字段</h3>
        <p class="muted small">业务系统在记录的 <span class="mono">extra</span> 中传入，例如报废日期、合同编号。</p>
        ${errorsUnder(this.errors, '/fields')
          .filter((e) => !/^\/\d+\//.test(e.path))
          .map((e) => html`<div class="message error" role="alert">${e.message}</div>`)}
        ${
          declared.length === 0
            ? html`<div class="empty"><strong>没有自定义字段</strong>标准字段不够用时，在此声明新字段，之后即可在条件中选择。</div>`
            : html`<table><thead><tr><th>名称</th><th>字段</th><th>类型</th><th>可选值</th><th><span class="visually-hidden">操作</span></th></tr></thead>
              <tbody>${declared.map((f, i) => {
                // The service's errors of this field (/fields/2/values …) in its own cells.
                const at = fieldsAt(this.errors, `/fields/${i}`);
                const id = `f${i}-`;
                return html`<tr data-field=${f.name}>
                <td class="name"><input aria-label="字段 ${f.name} 的名称" .value=${f.label} ?readonly=${this.readonly} aria-invalid=${invalid(at, 'label')}
                  aria-describedby=${errorId(at, 'label', id)} @change=${(e: Event) => this.patch(i, { label: (e.target as HTMLInputElement).value.trim() || f.label })} />
                  ${fieldError(at, 'label', id)}</td>
                <td class="mono small">${f.name}${fieldError(at, 'name', id)}</td>
                <td class="type"><select aria-label="字段 ${f.name} 的类型" ?disabled=${this.readonly} @change=${(e: Event) => this.setType(i, (e.target as HTMLSelectElement).value as FieldType)}>
                  ${Object.entries(TYPE_LABELS).map(([t, l]) => html`<option value=${t} ?selected=${t === f.type}>${l}</option>`)}
                </select>${fieldError(at, 'type', id)}</td>
                <td>${
                  f.type === 'enum'
                    ? html`<sh-chips-input label="字段 ${f.label} 的可选值" .values=${[...(f.values ?? [])]} ?disabled=${this.readonly}
                      @values-change=${(e: CustomEvent<{ values: string[] }>) => this.patch(i, { values: e.detail.values.length ? e.detail.values : undefined })}></sh-chips-input>`
                    : html`<span class="muted">—</span>`
                }${fieldError(at, 'values', id)}</td>
                <td>${this.readonly ? nothing : html`<button type="button" class="icon danger" aria-label="删除字段 ${f.label}" title=${used.has(f.name) ? '条件中正在使用，不能删除' : '删除'} ?disabled=${used.has(f.name)} @click=${() => this.removeAt(i)}>✕</button>`}</td>
              </tr>`;
              })}</tbody></table>`
        }
        ${this.readonly ? nothing : this.renderNew()}
      </section>
    </div>`;
  }

  private renderNew() {
    const submit = (e: Event) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const data = new FormData(form);
      const key = String(data.get('key') ?? '').trim();
      const label = String(data.get('label') ?? '').trim();
      const type = String(data.get('type')) as FieldType;
      const name = `extra.${key}`;
      const errors = checkForm(form);
      if (!errors.key && (this.scheme.fields ?? []).some((f) => f.name === name)) errors.key = `已有字段 ${name}`;
      this.newErrors = errors;
      if (Object.keys(errors).length) return focusFirstInvalid(form, errors);
      const field: SchemeField = type === 'enum' ? { name, label, type, values: ['是'] } : { name, label, type };
      this.emit([...(this.scheme.fields ?? []), field]);
      (e.target as HTMLFormElement).reset();
    };
    const e = this.newErrors;
    return html`<form class="new inline-errors" novalidate @submit=${submit} aria-label="声明新字段">
      ${field(e, 'label', '名称', (inv, d) => html`<input name="label" required maxlength="50" placeholder="如 报废日期" aria-invalid=${inv} aria-describedby=${d} />`, 'new-')}
      ${field(
        e,
        'key',
        '标识（extra.…）',
        (inv, d) => html`<input name="key" class="mono" required placeholder="如 scrappedOn" pattern="[A-Za-z][A-Za-z0-9_]{0,39}"
          title="字段标识须以英文字母开头，只含字母、数字和下划线（如 scrappedOn）" aria-invalid=${inv} aria-describedby=${d} />`,
        'new-',
      )}
      <label class="field"><span>类型</span><select name="type">${Object.entries(TYPE_LABELS).map(([t, l]) => html`<option value=${t}>${l}</option>`)}</select></label>
      <button type="submit">＋ 声明字段</button>
    </form>`;
  }

  private patch(i: number, patch: Partial<SchemeField>) {
    const list = [...(this.scheme.fields ?? [])];
    const next = { ...list[i], ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    list[i] = next as SchemeField;
    this.emit(list);
  }

  private setType(i: number, type: FieldType) {
    const f = (this.scheme.fields ?? [])[i];
    this.patch(i, { type, values: type === 'enum' ? (f.values ?? ['是']) : undefined });
  }

  private removeAt(i: number) {
    this.emit((this.scheme.fields ?? []).filter((_, j) => j !== i));
  }

  private emit(fields: SchemeField[]) {
    const scheme = { ...this.scheme, fields };
    if (!fields.length) delete (scheme as Partial<Scheme>).fields;
    fire(this, 'scheme-change', { scheme });
  }
}

/** Declared field names that appear in any condition or event start (those cannot be removed). */
function usedFields(scheme: Scheme): Set<string> {
  const text = JSON.stringify([scheme.items, scheme.exclusions ?? []]);
  return new Set((scheme.fields ?? []).map((f) => f.name).filter((n) => text.includes(`"${n}"`)));
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-fields-editor': ShFieldsEditor;
  }
}
