// The supervision page's two charts, plain SVG from Lit templates: how the units' tables stand (one stacked bar,
// each part a filter), and the share of classification calls that went to review, per unit (the highest first).
import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { percent } from '../server/schemas/supervision-row-words.js';
import { TABLE_STATE_LABELS, TABLE_STATES, type TableStateKind } from '../server/schemas/supervision-words.js';
import type { SupervisionCounts, SupervisionRow } from './lib/api-supervision.js';
import { shared } from './styles/shared.js';

export const STATE_COLOURS: Readonly<Record<TableStateKind, string>> = {
  approved: '#1e7b3a',
  submitted: '#1d5fa6',
  draft: '#8fb3dc',
  rejected: '#b42318',
  none: '#9aa5b1',
};

/** Units shown in the review-share chart at most. */
export const REVIEW_BARS = 12;

@customElement('sh-supervision-charts')
export class ShSupervisionCharts extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
      @media (max-width: 900px) { :host { grid-template-columns: minmax(0, 1fr); } }
      figure { margin: 0; border: 1px solid var(--sh-line); border-radius: 6px; padding: 12px 14px; background: #fff; }
      figcaption { font-weight: 600; margin-bottom: 8px; }
      svg { display: block; width: 100%; height: auto; }
      svg.stack { height: 28px; border-radius: 3px; }
      .legend { display: flex; flex-wrap: wrap; gap: 4px 12px; margin-top: 8px; padding: 0; list-style: none; }
      .legend button { border: none; background: none; padding: 2px 0; min-height: 0; gap: 6px; }
      .legend button[aria-pressed='true'] { font-weight: 600; text-decoration: underline; }
      .swatch { width: 12px; height: 12px; border-radius: 2px; display: inline-block; }
      rect.part { cursor: pointer; }
      rect.part:hover { opacity: 0.85; }
    `,
  ];

  @property({ attribute: false }) counts: SupervisionCounts | null = null;
  @property({ attribute: false }) rows: SupervisionRow[] = [];
  /** The state filter in effect (the part drawn pressed). */
  @property() selected = '';

  private pick(state: TableStateKind) {
    this.dispatchEvent(new CustomEvent('state-pick', { detail: this.selected === state ? '' : state, bubbles: true, composed: true }));
  }

  private stateChart() {
    const c = this.counts;
    if (!c || c.units === 0) return nothing;
    let x = 0;
    const parts = TABLE_STATES.filter((s) => c.states[s] > 0).map((s) => {
      const w = (c.states[s] / c.units) * 100;
      const part = { s, x, w };
      x += w;
      return part;
    });
    return html`<figure aria-label="三合一表状态分布">
      <figcaption>三合一表状态分布（${c.units} 家）</figcaption>
      <svg class="stack" viewBox="0 0 100 12" preserveAspectRatio="none" role="img" aria-label=${TABLE_STATES.map((s) => `${TABLE_STATE_LABELS[s]} ${c.states[s]} 家`).join('，')}>
        ${parts.map(
          (p) =>
            svg`<rect class="part" data-state=${p.s} x=${p.x} y="0" width=${p.w} height="12" fill=${STATE_COLOURS[p.s]}
              opacity=${this.selected && this.selected !== p.s ? 0.35 : 1} @click=${() => this.pick(p.s)}><title>${TABLE_STATE_LABELS[p.s]} ${c.states[p.s]} 家</title></rect>`,
        )}
      </svg>
      <ul class="legend">
        ${TABLE_STATES.map(
          (s) => html`<li><button type="button" aria-pressed=${this.selected === s ? 'true' : 'false'} @click=${() => this.pick(s)}>
            <span class="swatch" style="background:${STATE_COLOURS[s]}"></span>${TABLE_STATE_LABELS[s]} <strong>${c.states[s]}</strong></button></li>`,
        )}
      </ul>
    </figure>`;
  }

  private reviewChart() {
    const withCalls = this.rows.filter((r) => r.figures.calls > 0);
    const top = [...withCalls]
      .sort((a, b) => (b.figures.reviewShare ?? 0) - (a.figures.reviewShare ?? 0) || b.figures.calls - a.figures.calls)
      .slice(0, REVIEW_BARS);
    if (top.length === 0) {
      return html`<figure aria-label="待人工判断占比"><figcaption>待人工判断占比（近 30 天）</figcaption><p class="muted">所列单位近 30 天没有分类调用。</p></figure>`;
    }
    const bar = 22;
    const label = 150;
    const width = 480;
    const height = top.length * bar + 4;
    const scale = width - label - 70;
    return html`<figure aria-label="待人工判断占比">
      <figcaption>待人工判断占比最高的单位（近 30 天，${withCalls.length} 家有调用${withCalls.length > top.length ? `，显示前 ${top.length} 家` : ''}）</figcaption>
      <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="各单位待人工判断占比">
        ${top.map((r, i) => {
          const share = r.figures.reviewShare ?? 0;
          const y = i * bar + 2;
          const name = r.unit.name.length > 11 ? `${r.unit.name.slice(0, 10)}…` : r.unit.name;
          return svg`<g class="bar" data-unit=${r.unit.id}>
            <text x=${label - 6} y=${y + 15} text-anchor="end" font-size="12" fill="#1f2933">${name}</text>
            <rect x=${label} y=${y + 3} width=${Math.max(share * scale, 1)} height=${bar - 8} rx="2" fill=${share >= 0.3 ? '#b42318' : share >= 0.1 ? '#c77c02' : '#1d5fa6'}>
              <title>${r.unit.name}：${r.figures.review} / ${r.figures.calls} 次待人工判断</title></rect>
            <text x=${label + Math.max(share * scale, 1) + 6} y=${y + 15} font-size="12" fill="#52606d">${percent(share)}（${r.figures.review}/${r.figures.calls}）</text>
          </g>`;
        })}
      </svg>
    </figure>`;
  }

  override render() {
    return html`${this.stateChart()}${this.reviewChart()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-supervision-charts': ShSupervisionCharts;
  }
}
