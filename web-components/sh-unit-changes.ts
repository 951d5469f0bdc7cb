// Admins record on a unit a change that makes its table due for revision (10号令 Art. 17: restructuring, capital
// structure or main business; 机关: internal bodies or functions), and see what was recorded for it.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { UNIT_CHANGE_KINDS, UNIT_CHANGE_LABELS, type UnitChangeKind } from '../server/schemas/supervision-words.js';
import { listUnitChanges, recordUnitChange, type UnitChange } from './lib/api-supervision.js';
import { checkForm, focusFirstInvalid } from './lib/form-check.js';
import { errorId, fieldError, invalid, problemOf } from './lib/form-fields.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';

interface UnitRef {
  id: number;
  name: string;
  fonds: string | null;
}

@customElement('sh-unit-changes')
export class ShUnitChanges extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; margin-top: 24px; }
      form { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 8px 12px; align-items: end; }
      form .wide { grid-column: 1 / -1; }
      textarea { width: 100%; min-height: 60px; }
      select, input { width: 100%; }
      ul.history { margin: 8px 0 0; padding-left: 18px; }
    `,
  ];

  @property({ attribute: false }) units: UnitRef[] = [];
  @state() private unitId = '';
  @state() private history: UnitChange[] | null = null;
  @state() private error = '';
  @state() private errors: Record<string, string> = {};
  @state() private done = '';
  @state() private busy = false;

  private async pickUnit(id: string) {
    this.unitId = id;
    this.history = null;
    this.done = '';
    if (id) this.history = await listUnitChanges(api, id).catch(() => []);
  }

  private async submit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.error = '';
    this.errors = {};
    this.done = '';
    this.errors = { ...(this.unitId ? {} : { unit: '请选择单位' }), ...checkForm(form) };
    if (Object.keys(this.errors).length) return focusFirstInvalid(form, this.errors);
    this.busy = true;
    try {
      const reference = String(data.get('reference') ?? '').trim();
      const change = await recordUnitChange(api, this.unitId, {
        kind: String(data.get('kind')) as UnitChangeKind,
        occurredOn: String(data.get('occurredOn') ?? ''),
        description: String(data.get('description') ?? '').trim(),
        ...(reference ? { reference } : {}),
      });
      this.history = [...(this.history ?? []), change];
      this.done = '已登记。该单位施行中的三合一表如在此日期之前批复，即列为到期需修订。';
      // Clear what was written, keep the unit chosen (the select would otherwise show 请选择 for a unit still picked).
      for (const name of ['occurredOn', 'reference', 'description']) (form.elements.namedItem(name) as HTMLInputElement).value = '';
      this.dispatchEvent(new CustomEvent('unit-change-recorded', { detail: change, bubbles: true, composed: true }));
    } catch (err) {
      const problem = problemOf(err);
      this.error = problem.message;
      this.errors = problem.fields;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const e = this.errors;
    const err = (k: string) => fieldError(e, k, 'uc-');
    const describe = (k: string) => errorId(e, k, 'uc-');
    return html`<section class="card" aria-labelledby="changes-title">
      <h2 id="changes-title">登记单位变化</h2>
      <p class="muted small">改制、重组、资本结构或主营业务发生重大变化（机关：内设机构或职能调整）后，三合一表应及时修订（10号令第十七条）。登记后不可修改，如有误请另行登记说明。</p>
      <form @submit=${(e: Event) => this.submit(e)} novalidate>
        <label class="field"><span>单位</span>
          <select name="unit" aria-invalid=${invalid(e, 'unit')} aria-describedby=${describe('unit')} @change=${(e: Event) => this.pickUnit((e.target as HTMLSelectElement).value)}>
            <option value="">请选择</option>
            ${this.units.map((u) => html`<option value=${u.id} ?selected=${String(u.id) === this.unitId}>${u.fonds ?? ''} ${u.name}</option>`)}
          </select>${err('unit')}</label>
        <label class="field"><span>变化类型</span>
          <select name="kind">${UNIT_CHANGE_KINDS.map((k) => html`<option value=${k}>${UNIT_CHANGE_LABELS[k]}</option>`)}</select>${err('kind')}</label>
        <label class="field"><span>发生日期</span><input type="date" name="occurredOn" required aria-invalid=${invalid(e, 'occurredOn')} aria-describedby=${describe('occurredOn')} />${err('occurredOn')}</label>
        <label class="field"><span>文件依据（可选）</span><input name="reference" maxlength="200" placeholder="如 某国资〔2026〕8号" aria-invalid=${invalid(e, 'reference')} aria-describedby=${describe('reference')} />${err('reference')}</label>
        <label class="field wide"><span>变化内容</span><textarea name="description" maxlength="1000" required aria-invalid=${invalid(e, 'description')} aria-describedby=${describe('description')}></textarea>${err('description')}</label>
        <div class="wide"><button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? '正在登记…' : '登记'}</button></div>
      </form>
      ${this.error ? html`<div class="message error" role="alert">${this.error}</div>` : nothing}
      ${this.done ? html`<div class="message ok" role="status">${this.done}</div>` : nothing}
      ${
        this.history?.length
          ? html`<h3 style="margin-top:12px">已登记</h3><ul class="history">${this.history.map(
              (c) =>
                html`<li>${c.occurredOn} ${UNIT_CHANGE_LABELS[c.kind]}：${c.description}${c.reference ? `（${c.reference}）` : ''} <span class="muted small">${c.recordedBy ?? ''} 登记</span></li>`,
            )}</ul>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-unit-changes': ShUnitChanges;
  }
}
