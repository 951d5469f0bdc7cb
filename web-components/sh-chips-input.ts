// A list of short texts (keywords, values) edited as chips: type and press Enter or a separator; paste a list.
import { LitElement, css, html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { customElement, property, query, state } from 'lit/decorators.js';
import { fire } from './lib/events.js';
import { shared } from './styles/shared.js';

const SEPARATORS = /[\n,，、;；]/;

/**
 * @fires values-change - `{ values }` after a chip is added or removed.
 */
@customElement('sh-chips-input')
export class ShChipsInput extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; min-width: 220px; flex: 1; }
      .box {
        display: flex; flex-wrap: wrap; gap: 4px; align-items: center;
        border: 1px solid #b8c1cc; border-radius: 4px; background: #fff; padding: 2px 4px; min-height: 30px;
      }
      .box:focus-within { outline: 2px solid var(--sh-blue); outline-offset: 1px; }
      :host([invalid]) .box { border-color: var(--sh-red); }
      .chip {
        display: inline-flex; align-items: center; gap: 2px; background: var(--sh-blue-soft); color: var(--sh-blue-dark);
        border-radius: 12px; padding: 0 2px 0 9px; line-height: 22px; font-size: 13px;
      }
      .chip button { border: none; background: none; min-height: 0; padding: 0 5px; color: inherit; border-radius: 10px; }
      .chip button:hover { background: rgba(0, 0, 0, 0.08); }
      input { border: none; flex: 1; min-width: 90px; padding: 2px 4px; min-height: 24px; }
      input:focus-visible { outline: none; box-shadow: none; }
    `,
  ];

  @property({ type: Array }) values: string[] = [];
  /** Accessible name, e.g. “第 1 个条件的关键词”. */
  @property() label = '关键词';
  @property() placeholder = '输入后按回车添加';
  @property({ type: Array }) suggestions: string[] = [];
  @property({ type: Boolean }) disabled = false;
  @property({ type: Boolean, reflect: true }) invalid = false;

  @state() private draft = '';
  @query('input') private input!: HTMLInputElement;

  override render() {
    const listId = this.suggestions.length ? 'suggestions' : undefined;
    return html`
      <div class="box" @click=${() => this.input?.focus()}>
        ${this.values.map(
          (v, i) =>
            html`<span class="chip">${v}<button type="button" ?disabled=${this.disabled} aria-label="删除“${v}”" @click=${() => this.removeAt(i)}>×</button></span>`,
        )}
        <input
          aria-label=${this.label}
          .value=${this.draft}
          placeholder=${this.values.length ? '' : this.placeholder}
          ?disabled=${this.disabled}
          list=${ifDefined(listId)}
          @input=${this.onInput}
          @keydown=${this.onKey}
          @blur=${() => this.commit()}
          @paste=${this.onPaste}
        />
        ${listId ? html`<datalist id="suggestions">${this.suggestions.map((s) => html`<option value=${s}></option>`)}</datalist>` : null}
      </div>
    `;
  }

  private onInput(e: Event) {
    const text = (e.target as HTMLInputElement).value;
    if (SEPARATORS.test(text)) {
      this.add(text.split(SEPARATORS));
      this.draft = '';
      (e.target as HTMLInputElement).value = '';
    } else this.draft = text;
  }

  private onKey(e: KeyboardEvent) {
    if (e.key === 'Enter') {
      e.preventDefault();
      this.commit();
    } else if (e.key === 'Backspace' && this.draft === '' && this.values.length) {
      this.removeAt(this.values.length - 1);
    }
  }

  private onPaste(e: ClipboardEvent) {
    const text = e.clipboardData?.getData('text') ?? '';
    if (!SEPARATORS.test(text)) return;
    e.preventDefault();
    this.add(text.split(SEPARATORS));
  }

  private commit() {
    if (this.draft.trim()) this.add([this.draft]);
    this.draft = '';
  }

  private add(parts: string[]) {
    const next = [...this.values];
    for (const p of parts.map((s) => s.trim()).filter(Boolean)) if (!next.includes(p)) next.push(p);
    if (next.length !== this.values.length) this.emit(next);
  }

  private removeAt(i: number) {
    this.emit(this.values.filter((_, j) => j !== i));
    this.updateComplete.then(() => this.input?.focus());
  }

  private emit(values: string[]) {
    this.values = values;
    fire(this, 'values-change', { values });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-chips-input': ShChipsInput;
  }
}
