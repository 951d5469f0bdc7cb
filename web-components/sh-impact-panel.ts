// A version's impact, before submitting (workbench) and on the reviewer's page: the unit's logged records replayed
// through this version and the version in force, the summary sentence and the groups of changed records.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from './lib/api.js';
import { type ImpactReport, getImpact } from './lib/api-decisions.js';
import { KIND_WORDS, impactSentence, sideText } from './lib/impact-words.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';

@customElement('sh-impact-panel')
export class ShImpactPanel extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; margin-top: 12px; }
      td.n { text-align: right; font-variant-numeric: tabular-nums; }
      pre { white-space: pre-wrap; font-size: 12px; margin: 4px 0; }
    `,
  ];

  @property({ attribute: false }) schemeId: number | string = '';
  @property({ type: Number }) version = 0;
  @state() private asked = false;

  private impact = new Task(this, {
    task: ([scheme, version, asked], { signal }) => (asked ? getImpact(api, scheme, version, signal) : Promise.resolve(null)),
    args: () => [this.schemeId, this.version, this.asked] as const,
  });

  override render() {
    return html`<section class="card" aria-labelledby="impact-h">
      <h2 id="impact-h">影响评估（按本单位分类记录重放）</h2>
      <p class="muted small">用业务系统已分类的记录，分别按现行版本和第 ${this.version} 版（已保存的内容）重新判断，列出结论会改变的记录。</p>
      ${
        this.asked
          ? this.impact.render({
              pending: () => html`<p class="muted" role="status">正在重放分类记录…</p>`,
              error: (e) =>
                html`<div class="message error" role="alert">无法评估影响：${e instanceof ApiError ? e.userMessage : String(e)}</div>`,
              complete: (r) => (r ? this.renderReport(r) : nothing),
            })
          : html`<button type="button" @click=${() => (this.asked = true)}>评估影响</button>`
      }
    </section>`;
  }

  private renderReport(r: ImpactReport) {
    return html`<p role="status" data-impact-summary><strong>${impactSentence(r.records, r.changed, r.counts)}</strong></p>
      <p class="muted small">对比现行第 ${r.against?.number ?? '—'} 版；用时 ${r.ms} 毫秒。</p>
      ${
        r.transitions.length
          ? html`<table aria-label="结论会改变的记录">
              <thead><tr><th scope="col">变化</th><th scope="col">现行版本</th><th scope="col">第 ${r.version} 版</th><th scope="col">条数</th><th scope="col">记录</th></tr></thead>
              <tbody>${r.transitions.map(
                (t) => html`<tr>
                  <td>${KIND_WORDS[t.kind]}</td>
                  <td>${sideText(t.before)}</td>
                  <td>${sideText(t.after)}</td>
                  <td class="n">${t.count}</td>
                  <td><details><summary>查看</summary>
                    ${t.ids.slice(0, 5).map((id) => {
                      const rec = r.examples[String(id)];
                      return html`<div class="small">#${id}${rec ? html`<pre>${JSON.stringify(rec, null, 1)}</pre>` : nothing}</div>`;
                    })}
                    ${t.ids.length > 5 ? html`<div class="small muted">编号：${t.ids.slice(5).join('、')}${t.count > t.ids.length ? ' …' : ''}</div>` : nothing}
                  </details></td>
                </tr>`,
              )}</tbody>
            </table>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-impact-panel': ShImpactPanel;
  }
}
