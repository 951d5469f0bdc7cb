// The bureau reviewer's queue: submitted versions of the units it supervises, oldest first.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { errorText } from './lib/api.js';
import { formatDateTime } from './lib/format.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import { listReviewQueue } from './lib/api-review.js';

@customElement('sh-review-queue')
export class ShReviewQueue extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; padding: 16px 20px 40px; max-width: 1100px; }
    .wrap { overflow-x: auto; }
    @media (max-width: 760px) { :host { padding: 12px 10px 32px; } }
  `,
  ];

  /** A message to show on arrival (the decision just taken). */
  @property() notice = '';
  /** The shell's watch of the queue: a new value (a submission arrived or left) fetches the list again. */
  @property({ attribute: false }) changes = '';

  private queue = new Task(this, {
    task: async (_args, { signal }) => {
      const list = await listReviewQueue(api, signal);
      return [...list].sort((a, b) => String(a.submittedAt).localeCompare(String(b.submittedAt)));
    },
    args: () => [this.changes] as const,
  });

  override render() {
    return html`<h1>待审批</h1>
      ${this.notice ? html`<div class="message ok" role="status">${this.notice}</div>` : nothing}
      <p class="muted">本局所辖单位提交的三合一表。审阅时可查看与现行版本的差异、测试结果和与基线的合规检查。</p>
      ${this.queue.render({
        pending: () => html`<p class="muted" role="status">正在加载…</p>`,
        error: (e) => html`<div class="message error" role="alert">${errorText(e)}</div>`,
        complete: (list) =>
          list.length === 0
            ? html`<div class="empty"><strong>目前没有待审批的版本</strong>单位提交三合一表后会出现在这里。</div>`
            : html`<div class="wrap"><table aria-label="待审批版本">
                <thead><tr><th>单位</th><th>三合一表</th><th>版本</th><th>提交人</th><th>提交时间</th><th><span class="visually-hidden">操作</span></th></tr></thead>
                <tbody>${list.map(
                  (q) => html`<tr>
                  <td>${q.unit.name}${q.unit.fonds ? html` <span class="muted small">（${q.unit.fonds}）</span>` : ''}</td>
                  <td>${q.schemeName}</td>
                  <td>第 ${q.number} 版</td>
                  <td>${q.submittedByName ?? q.submittedBy ?? ''}</td>
                  <td>${formatDateTime(q.submittedAt)}</td>
                  <td><a class="button" href="#/review/${q.schemeId}/${q.number}">审阅</a></td>
                </tr>`,
                )}</tbody>
              </table></div>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-review-queue': ShReviewQueue;
  }
}
