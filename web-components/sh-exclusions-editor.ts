// The 不归档范围 list: what is not filed (checked before the rows), each with its condition, reason and basis.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Scheme, SchemeExclusion } from '../server/schemas/scheme.js';
import type { FieldError } from './lib/api.js';
import type { FieldOption } from './lib/condition-model.js';
import { summarizeLogic } from './lib/condition-describe.js';
import { fire } from './lib/events.js';
import { errorId, errorsUnder, fieldError, fieldsAt, invalid } from './lib/form-fields.js';
import { shared } from './styles/shared.js';
import './sh-condition-builder.js';
import { ask } from './sh-confirm.js';

/**
 * @fires scheme-change - `{ scheme }` after an exclusion is added, edited or removed.
 */
@customElement('sh-exclusions-editor')
export class ShExclusionsEditor extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .list { display: grid; grid-template-columns: minmax(240px, 1fr) minmax(0, 2fr); gap: 16px; align-items: start; }
      ul { list-style: none; margin: 0; padding: 0; border: 1px solid var(--sh-line); border-radius: 4px; background: #fff; }
      li + li { border-top: 1px solid var(--sh-line); }
      li button { width: 100%; border: none; border-radius: 0; justify-content: flex-start; text-align: left; white-space: normal; flex-direction: column; align-items: flex-start; padding: 6px 10px; }
      li button[aria-current='true'] { background: var(--sh-blue-soft); box-shadow: inset 3px 0 0 var(--sh-blue); }
      .sum { font-size: 12px; color: var(--sh-grey); }
      input, textarea { width: 100%; }
      .grid { display: grid; grid-template-columns: 140px minmax(0, 1fr); gap: 0 12px; }
    `,
  ];

  @property({ attribute: false }) scheme!: Scheme;
  @property({ attribute: false }) fields: FieldOption[] = [];
  @property({ attribute: false }) errors: FieldError[] = [];
  @property({ type: Boolean }) readonly = false;
  @state() private selected = 0;

  override render() {
    const list = this.scheme.exclusions ?? [];
    const x = list[this.selected];
    return html`
      <p class="muted">不归档范围先于条款判断：符合其中任一条的文件不归档，即使它也符合某条归档范围条款。</p>
      ${
        list.length === 0
          ? html`<div class="empty"><strong>还没有不归档条目</strong>例如“重份文件”“无查考价值的事务性文件”。${this.readonly ? nothing : html`<div style="margin-top:8px"><button type="button" class="primary" @click=${this.add}>＋ 添加不归档条目</button></div>`}</div>`
          : html`<div class="list">
            <div>
              <ul aria-label="不归档条目">
                ${list.map(
                  (
                    e,
                    i,
                  ) => html`<li><button type="button" aria-current=${i === this.selected ? 'true' : 'false'} @click=${() => (this.selected = i)}>
                  <span><span class="mono">${e.id}</span> ${e.scope}</span>
                  <span class="sum">${summarizeLogic(e.when, this.fields, this.scheme.parameters)}</span>
                  ${this.errors.some((err) => err.path.startsWith(`/exclusions/${i}/`) || err.path === `/exclusions/${i}`) ? html`<span class="badge red">有错误</span>` : nothing}
                </button></li>`,
                )}
              </ul>
              ${this.readonly ? nothing : html`<button type="button" style="margin-top:8px" @click=${this.add}>＋ 添加不归档条目</button>`}
            </div>
            ${x ? this.renderOne(x, this.selected) : nothing}
          </div>`
      }
    `;
  }

  private renderOne(x: SchemeExclusion, i: number) {
    const errors = errorsUnder(this.errors, `/exclusions/${i}`);
    const whenErrors = errorsUnder(errors, '/when');
    // Each error at its field; what has no field here (the entry as a whole) above the entry.
    const at = fieldsAt(errors);
    const other = errors.filter((e) => !/^\/(id|scope|reason|basis|when)(\/|$)/.test(e.path));
    const text = (part: 'id' | 'scope' | 'reason' | 'basis', label: string, mono = false) =>
      html`<label class="field"><span>${label}</span><input class=${mono ? 'mono' : ''} .value=${x[part] ?? ''} ?readonly=${this.readonly}
        aria-invalid=${invalid(at, part)} aria-describedby=${errorId(at, part, `x${i}-`)}
        @change=${(e: Event) => this.patch(i, { [part]: (e.target as HTMLInputElement).value.trim() || (part === 'id' || part === 'scope' ? x[part] : undefined) })} />
        ${fieldError(at, part, `x${i}-`)}</label>`;
    return html`<div class="card">
      ${other.length ? html`<div class="message error" role="alert"><ul>${other.map((e) => html`<li>${e.message}</li>`)}</ul></div>` : nothing}
      <div class="grid">${text('id', '编号', true)}${text('scope', '不归档的文件')}</div>
      ${text('reason', '理由')}
      ${text('basis', '依据（如 10号令 第五条）')}
      <div class="field"><span class="field-label">判断条件</span>
        <sh-condition-builder .value=${x.when} .fields=${this.fields} .parameters=${this.scheme.parameters ?? []} .errors=${whenErrors} label="不归档条目 ${x.id} 的条件" ?readonly=${this.readonly}
          @condition-change=${(e: CustomEvent<{ logic: unknown }>) => this.patch(i, { when: (e.detail.logic ?? false) as SchemeExclusion['when'] })}></sh-condition-builder>
      </div>
      ${this.readonly ? nothing : html`<button type="button" class="danger" @click=${() => this.removeAt(i)}>删除此条目</button>`}
    </div>`;
  }

  private patch(i: number, patch: Partial<SchemeExclusion>) {
    const list = [...(this.scheme.exclusions ?? [])];
    const next = { ...list[i], ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    list[i] = next as SchemeExclusion;
    fire(this, 'scheme-change', { scheme: { ...this.scheme, exclusions: list } });
  }

  private add() {
    const list = [...(this.scheme.exclusions ?? [])];
    const used = new Set(list.map((x) => x.id));
    let n = list.length + 1;
    while (used.has(`X${n}`)) n++;
    list.push({ id: `X${n}`, scope: '重份文件', when: { '==': [{ var: 'manuscript' }, '副本'] } });
    this.selected = list.length - 1;
    fire(this, 'scheme-change', { scheme: { ...this.scheme, exclusions: list } });
  }

  private async removeAt(i: number) {
    const entry = (this.scheme.exclusions ?? [])[i];
    if (!(await ask(`删除不归档条目 ${entry.id}？`, { confirmLabel: '删除', danger: true }))) return;
    // The document as it is after the question (the entry found again, in case the list moved meanwhile).
    const list = this.scheme.exclusions ?? [];
    const at = list.indexOf(entry);
    if (at < 0) return;
    this.selected = Math.max(0, at - 1);
    fire(this, 'scheme-change', { scheme: { ...this.scheme, exclusions: list.filter((_, j) => j !== at) } });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-exclusions-editor': ShExclusionsEditor;
  }
}
