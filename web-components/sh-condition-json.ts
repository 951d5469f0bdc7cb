// The condition builder's advanced view: one JSON-Logic condition as text, checked as it is typed (JSON syntax, one
// operator per object, known operators, declared fields), switched back to rows when the rows can show it exactly.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FieldError } from './lib/api.js';
import type { FieldOption } from './lib/condition-model.js';
import { fire } from './lib/events.js';
import { checkShape, jsonErrorMessage, rowsFromText } from './lib/logic-text.js';
import { builderStyles } from './styles/condition-builder.js';
import { shared } from './styles/shared.js';

/**
 * @fires condition-change - `{ logic }` whenever the text is a well-formed condition (undefined when it is empty).
 * @fires condition-rows - `{ logic }` when asked to show the condition as rows again (only offered when they can).
 */
@customElement('sh-condition-json')
export class ShConditionJson extends LitElement {
  static override styles = [shared, builderStyles];

  /** The text it opens with; from then on it holds what is typed (the builder opens a new one to show another). */
  @property() text = '';
  /** Why the rows cannot show this condition; empty when the text view was chosen. */
  @property() reason = '';
  @property({ attribute: false }) fields: FieldOption[] = [];
  /** The service's validation errors for this condition, paths relative to it. */
  @property({ attribute: false }) errors: FieldError[] = [];
  @property() label = '条件';
  @property({ type: Boolean }) readonly = false;

  @state() private problems: string[] = [];

  override render() {
    const rowsPossible = this.problems.length === 0 ? rowsFromText(this.text) : { ok: false, reason: '' };
    const errors = [...this.problems, ...this.errors.map((e) => (e.path ? `${e.message}（JSON 中的位置 ${e.path}）` : e.message))];
    return html`
      <div class="message info small">
        高级条件以 JSON-Logic 书写。${this.reason ? html`此条件无法用条件行完整表示（${this.reason}），因此以原文显示，不会被改写。` : nothing}
      </div>
      <label class="field">
        <span>${this.label}（JSON-Logic）</span>
        <textarea
          class="json"
          spellcheck="false"
          aria-invalid=${errors.length ? 'true' : 'false'}
          aria-describedby="json-errors"
          .value=${this.text}
          ?readonly=${this.readonly}
          @input=${(e: Event) => this.onText((e.target as HTMLTextAreaElement).value)}
        ></textarea>
      </label>
      <div id="json-errors" role="status">
        ${errors.length ? html`<div class="message error">请修正：<ul>${errors.map((m) => html`<li>${m}</li>`)}</ul></div>` : nothing}
      </div>
      <div class="toolbar">
        <button type="button" ?disabled=${!rowsPossible.ok} @click=${this.toRows}>切换到条件行</button>
        ${!rowsPossible.ok && rowsPossible.reason ? html`<span class="muted small">无法切换：${rowsPossible.reason}</span>` : nothing}
      </div>
    `;
  }

  private onText(text: string) {
    this.text = text;
    if (!text.trim()) {
      this.problems = [];
      fire(this, 'condition-change', { logic: undefined });
      return;
    }
    let logic: unknown;
    try {
      logic = JSON.parse(text);
    } catch (e) {
      this.problems = [jsonErrorMessage(text, e as Error)];
      return;
    }
    this.problems = checkShape(logic, new Set(this.fields.map((f) => f.name)));
    if (this.problems.length) return;
    fire(this, 'condition-change', { logic });
  }

  private toRows() {
    fire(this, 'condition-rows', { logic: this.text.trim() ? JSON.parse(this.text) : undefined });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-condition-json': ShConditionJson;
  }
}
