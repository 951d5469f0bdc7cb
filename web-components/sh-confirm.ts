// The in-page question instead of window.confirm(): a native modal <dialog> (focus kept inside, Esc answers no), in
// the workbench's own look and words. `ask(message, options)` resolves true for yes and false for no.
import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { shared } from './styles/shared.js';

export interface AskOptions {
  /** The yes button's words (default 确定): say what will happen, e.g. 停用、删除. */
  confirmLabel?: string;
  /** The no button's words (default 取消). */
  cancelLabel?: string;
  /** A heading (default 请确认). */
  title?: string;
  /** Something that cannot easily be undone: the yes button is red, and the no button has the focus. */
  danger?: boolean;
}

@customElement('sh-confirm')
export class ShConfirm extends LitElement {
  static override styles = [
    shared,
    css`
      dialog {
        border: 1px solid var(--sh-line);
        border-radius: 6px;
        padding: 18px 20px 16px;
        width: min(460px, calc(100vw - 32px));
        box-shadow: 0 12px 40px rgba(15, 30, 50, 0.25);
      }
      dialog::backdrop { background: rgba(15, 30, 50, 0.45); }
      p { white-space: pre-line; line-height: 1.6; margin: 6px 0 16px; }
      .actions { display: flex; gap: 8px; justify-content: flex-end; }
      button.danger-solid { background: var(--sh-red); border-color: var(--sh-red); color: #fff; }
      button.danger-solid:hover:not(:disabled) { background: #8f1c13; color: #fff; }
    `,
  ];

  @state() private message = '';
  @state() private options: AskOptions = {};
  @query('dialog') private dialog!: HTMLDialogElement;
  private answer: ((yes: boolean) => void) | null = null;
  private returnFocus: HTMLElement | null = null;

  /** Shows the question; a question still open is answered no first. */
  async ask(message: string, options: AskOptions = {}): Promise<boolean> {
    this.settle(false);
    this.message = message;
    this.options = options;
    this.returnFocus = deepActiveElement();
    await this.updateComplete;
    this.dialog.returnValue = '';
    this.dialog.showModal();
    this.renderRoot.querySelector<HTMLButtonElement>(options.danger ? 'button.no' : 'button.yes')?.focus();
    return new Promise<boolean>((resolve) => {
      this.answer = resolve;
    });
  }

  override render() {
    const o = this.options;
    return html`<dialog role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-message"
        @close=${this.onClose}>
      <h2 id="confirm-title">${o.title ?? '请确认'}</h2>
      <p id="confirm-message">${this.message}</p>
      <div class="actions">
        <button type="button" class="no" @click=${() => this.dialog.close('no')}>${o.cancelLabel ?? '取消'}</button>
        <button type="button" class="yes ${o.danger ? 'danger-solid' : 'primary'}" @click=${() => this.dialog.close('yes')}>${o.confirmLabel ?? '确定'}</button>
      </div>
    </dialog>`;
  }

  /** Closed by a button, or by Esc (returnValue stays empty: no). */
  private onClose = () => {
    this.settle(this.dialog.returnValue === 'yes');
    this.returnFocus?.focus();
    this.returnFocus = null;
  };

  private settle(yes: boolean) {
    const answer = this.answer;
    this.answer = null;
    answer?.(yes);
  }
}

/** The focused element, looked for inside shadow roots too (where the workbench's buttons are). */
function deepActiveElement(): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}

/** Asks in the page, with the one shared sh-confirm (added to the document the first time). */
export function ask(message: string, options: AskOptions = {}): Promise<boolean> {
  let el = document.querySelector('sh-confirm');
  if (!el) el = document.body.appendChild(document.createElement('sh-confirm'));
  return el.ask(message, options);
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-confirm': ShConfirm;
  }
}
