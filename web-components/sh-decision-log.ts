// The unit's decision log for its archivists: what business systems classified, filtered by outcome, row and date,
// paged backwards, exported as Excel or CSV.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorText } from './lib/api.js';
import { type LogEntry, type LogQuery, exportDecisionLog, listDecisionLog } from './lib/api-decisions.js';
import { downloadBlob } from './lib/download.js';
import { formatDateTime } from './lib/format.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';

const OUTCOMES = { file: '归档', exclude: '不归档', review: '需人工判断' } as const;

@customElement('sh-decision-log')
export class ShDecisionLog extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      form.filters { display: flex; gap: 10px; align-items: end; flex-wrap: wrap; margin-bottom: 10px; }
      form.filters .field { margin: 0; }
    `,
  ];

  @property({ attribute: false }) unitId: number | string = '';
  @state() private query: LogQuery = { limit: 50 };
  @state() private error = '';

  private page = new Task(this, {
    task: ([unit, q], { signal }) => listDecisionLog(api, unit, q, signal),
    args: () => [this.unitId, this.query] as const,
  });

  override render() {
    return html`
      <form class="filters" novalidate aria-label="筛选分类记录" @submit=${this.apply}>
        <label class="field"><span>结论</span><select name="outcome"><option value="">全部</option>${Object.entries(OUTCOMES).map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></label>
        <label class="field"><span>条款</span><input name="row" maxlength="64" size="6" /></label>
        <label class="field"><span>起</span><input name="from" type="date" /></label>
        <label class="field"><span>止</span><input name="to" type="date" /></label>
        <button type="submit">筛选</button>
        <button type="button" @click=${() => this.download('xlsx')}>导出 Excel</button>
        <button type="button" @click=${() => this.download('csv')}>导出 CSV</button>
      </form>
      ${this.error ? html`<div class="message error" role="alert">${this.error}</div>` : nothing}
      ${this.page.render({
        pending: () => html`<p class="muted" role="status">正在加载分类记录…</p>`,
        error: (e) => html`<div class="message error" role="alert">无法加载：${errorText(e)}</div>`,
        complete: (p) => this.renderPage(p.entries, p.total, p.next),
      })}
    `;
  }

  private renderPage(entries: LogEntry[], total: number, next: number | null) {
    if (total === 0) return html`<div class="empty"><strong>没有分类记录</strong>业务系统调用分类接口后，每次的结果都记录在这里。</div>`;
    return html`<p data-log-total>共 ${total} 条${this.query.before ? '（更早的记录）' : ''}</p>
      <table aria-label="分类记录">
        <thead><tr><th scope="col">编号</th><th scope="col">时间</th><th scope="col">题名</th><th scope="col">结论</th><th scope="col">条款</th><th scope="col">期限</th><th scope="col">版本</th></tr></thead>
        <tbody>${entries.map(
          (e) => html`<tr data-log=${e.id}>
            <td>${e.id}</td><td class="small">${formatDateTime(e.at)}</td>
            <td>${typeof e.record.title === 'string' ? e.record.title : ''}</td>
            <td>${OUTCOMES[e.outcome]}${e.needs?.length ? html`<span class="small muted">（缺少 ${e.needs.join('、')}）</span>` : nothing}</td>
            <td>${e.itemId ?? e.exclusionId ?? '—'}</td><td>${e.retention ?? '—'}</td><td>${e.version ?? '—'}</td>
          </tr>`,
        )}</tbody>
      </table>
      ${next ? html`<button type="button" @click=${() => (this.query = { ...this.query, before: next })}>更早的记录</button>` : nothing}`;
  }

  private filterOf(form: HTMLFormElement): LogQuery {
    const f = new FormData(form);
    const v = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    return { outcome: v('outcome'), row: v('row'), from: v('from'), to: v('to'), limit: 50 };
  }

  private apply = (e: Event) => {
    e.preventDefault();
    this.query = this.filterOf(e.target as HTMLFormElement);
  };

  private async download(format: 'xlsx' | 'csv') {
    this.error = '';
    try {
      const { blob, filename } = await exportDecisionLog(api, this.unitId, this.query, format);
      downloadBlob(blob, filename ?? `分类记录.${format}`);
    } catch (err) {
      this.error = `导出失败：${errorText(err)}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-decision-log': ShDecisionLog;
  }
}
