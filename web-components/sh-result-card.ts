// One classification result in full: outcome, class, retention, 档号 prefix, expiry, the deciding row and the reasons.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ClassifyResult } from '../server/engine/browser.js';
import { fire } from './lib/events.js';
import { OUTCOME_LABELS } from './lib/format.js';
import { shared } from './styles/shared.js';

/**
 * @fires item-focus - `{ id }` when the deciding row is clicked.
 * @fires save-test - when “存为测试用例” is clicked.
 */
@customElement('sh-result-card')
export class ShResultCard extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .head { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin-bottom: 10px; }
      .outcome { font-size: 18px; font-weight: 600; }
      .outcome.file { color: var(--sh-green); }
      .outcome.exclude { color: var(--sh-grey); }
      .outcome.review { color: var(--sh-amber); }
      dl { display: grid; grid-template-columns: 110px minmax(0, 1fr); gap: 4px 12px; margin: 0 0 10px; }
      dt { color: var(--sh-grey); }
      dd { margin: 0; }
      ol { margin: 4px 0 0; padding-left: 22px; }
      .ret { font-weight: 600; }
    `,
  ];

  @property({ attribute: false }) result!: ClassifyResult;
  /** Shown while the result belongs to the unsaved draft. */
  @property() note = '';
  @property({ type: Boolean }) canSave = false;
  @property({ type: Boolean }) saved = false;

  override render() {
    const r = this.result;
    return html`
      <div class="head">
        <span class="outcome ${r.outcome}" role="status">${OUTCOME_LABELS[r.outcome]}</span>
        ${r.retention ? html`<span class="badge blue ret">${r.retention.label}${r.branch ? `（${r.branch}）` : ''}</span>` : nothing}
        <span class="spacer"></span>
        ${
          this.canSave
            ? html`<button type="button" ?disabled=${this.saved} @click=${() => fire(this, 'save-test', undefined)}>
              ${this.saved ? '✓ 已存为测试用例' : '存为测试用例'}</button>`
            : nothing
        }
      </div>
      <dl>
        ${r.item ? html`<dt>决定条款</dt><dd><button type="button" class="link" @click=${() => fire(this, 'item-focus', { id: r.item!.id })}>${r.item.id}</button> ${r.item.scope}</dd>` : nothing}
        ${r.exclusion ? html`<dt>不归档条目</dt><dd>${r.exclusion.id} ${r.exclusion.scope}</dd>` : nothing}
        ${r.classCode ? html`<dt>类目</dt><dd><span class="mono">${r.classCode}</span> ${r.classPath?.join(' › ') ?? ''}</dd>` : nothing}
        ${r.outcome === 'file' ? html`<dt>档号前缀</dt><dd class="mono">${r.archivalCode ?? '—'}</dd>` : nothing}
        ${r.outcome === 'file' ? html`<dt>保管至</dt><dd>${r.retention?.code === 'Y' ? '永久' : (r.expiresOn ?? '待定')}${r.retentionStart ? html` <span class="muted small">（自 ${r.retentionStart} 起算）</span>` : nothing}</dd>` : nothing}
        ${r.candidates.length > 1 ? html`<dt>同时匹配</dt><dd>${r.candidates.map((c) => `${c.id}（${c.retention?.label ?? '待定'}）`).join('、')}</dd>` : nothing}
      </dl>
      <h4>判定理由</h4>
      <ol>${r.reasons.map((x) => html`<li>${x}</li>`)}</ol>
      ${this.note ? html`<p class="muted small" style="margin-top:8px">${this.note}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-result-card': ShResultCard;
  }
}
