// The unit's page of what business systems classified: the review inbox (待人工判断) and the decision log (分类记录).
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { shared } from './styles/shared.js';
import './sh-decision-log.js';
import './sh-review-inbox.js';

@customElement('sh-decisions-page')
export class ShDecisionsPage extends LitElement {
  static override styles = [shared, css`:host { display: block; margin: 16px 24px; } section { margin-bottom: 18px; }`];

  @property({ attribute: false }) unitId: number | string = '';
  @state() private tab: 'inbox' | 'log' = 'inbox';

  override render() {
    const tab = (id: 'inbox' | 'log', label: string) =>
      html`<button type="button" role="tab" aria-selected=${this.tab === id ? 'true' : 'false'} @click=${() => (this.tab = id)}>${label}</button>`;
    return html`<h1>业务系统分类</h1>
      <div role="tablist" aria-label="分类">${tab('inbox', '待人工判断')} ${tab('log', '分类记录')}</div>
      <section class="card" role="tabpanel">
        ${this.tab === 'inbox' ? html`<sh-review-inbox .unitId=${this.unitId}></sh-review-inbox>` : html`<sh-decision-log .unitId=${this.unitId}></sh-decision-log>`}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-decisions-page': ShDecisionsPage;
  }
}
