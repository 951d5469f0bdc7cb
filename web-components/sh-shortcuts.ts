// The keyboard help: a button that opens the list of the workbench's shortcuts (also opened with “?”).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { shared } from './styles/shared.js';

const SHORTCUTS: [string, string][] = [
  ['Ctrl+S', '保存'],
  ['Ctrl+Z', '撤销上一步修改（在输入框中时撤销输入）'],
  ['Ctrl+Shift+Z 或 Ctrl+Y', '重做'],
  ['↑ / ↓', '在条款表中选择上一条 / 下一条'],
  ['Alt+← / Alt+→', '所选条款升一级 / 降一级'],
  ['Alt+↑ / Alt+↓', '所选条款上移 / 下移'],
  ['Enter', '在关键词框中添加关键词'],
  ['?', '打开或关闭本说明'],
  ['Esc', '关闭本说明'],
];

@customElement('sh-shortcuts')
export class ShShortcuts extends LitElement {
  static override styles = [
    shared,
    css`
      :host { position: relative; display: inline-block; }
      .panel { position: absolute; right: 0; top: calc(100% + 6px); z-index: 20; width: min(420px, 90vw); box-shadow: 0 6px 24px rgba(0, 0, 0, 0.15); }
      table { font-size: 13px; }
      td:first-child { white-space: nowrap; font-family: ui-monospace, Menlo, Consolas, monospace; width: 1%; }
    `,
  ];

  @state() private open = false;

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKey);
  }

  private onKey = (e: KeyboardEvent) => {
    const target = e.composedPath()[0] as HTMLElement | undefined;
    if (target?.matches?.('input, textarea, select, [contenteditable]')) return;
    if (e.key === '?') this.open = !this.open;
    else if (e.key === 'Escape') this.open = false;
  };

  override render() {
    return html`<button type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="shortcuts" title="快捷键（?）" @click=${() => (this.open = !this.open)}>快捷键</button>
      ${
        this.open
          ? html`<div class="card panel" id="shortcuts" role="region" aria-label="快捷键说明">
            <div class="row"><h3 style="margin:0">快捷键</h3><span class="spacer"></span><button type="button" class="link" @click=${() => (this.open = false)}>关闭</button></div>
            <table><tbody>${SHORTCUTS.map(([k, what]) => html`<tr><td>${k}</td><td>${what}</td></tr>`)}</tbody></table>
          </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-shortcuts': ShShortcuts;
  }
}
