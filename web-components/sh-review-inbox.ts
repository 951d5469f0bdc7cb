// The unit's review inbox for its archivists: records classify sent to review, grouped by row and missing field
// (“3 条 合同、协议 缺少 amount”); select one or many, file them under a row with a period or exclude them with a
// reason; every decided record (listed from the service, newest first) turns into a test of the draft with one click.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorText } from './lib/api.js';
import {
  type DecidedReview,
  type ReviewInbox,
  decideReviews,
  getDecidedReviews,
  getReviewInbox,
  reviewToTest,
} from './lib/api-decisions.js';
import { checkForm, focusFirstInvalid } from './lib/form-check.js';
import { type FieldErrors, field, problemOf } from './lib/form-fields.js';
import { formatDateTime } from './lib/format.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';

const RETENTIONS = [
  ['Y', '永久'],
  ['D30', '定期30年'],
  ['D10', '定期10年'],
] as const;
const retentionLabel = (code: string | null) => RETENTIONS.find(([c]) => c === code)?.[1] ?? code ?? '';

@customElement('sh-review-inbox')
export class ShReviewInbox extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      ul.groups { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
      ul.groups button[aria-pressed='true'] { background: var(--sh-blue); color: #fff; }
      form.decide { display: flex; gap: 10px; align-items: end; flex-wrap: wrap; margin: 12px 0; }
      form.decide .field { margin: 0; }
      /* On a phone the title needs the room: who decided and when stay on the wider screens. */
      @media (max-width: 560px) { table.decided .wide { display: none; } }
    `,
  ];

  @property({ attribute: false }) unitId: number | string = '';
  @state() private filter: { row?: string; field?: string } = {};
  @state() private selected = new Set<number>();
  @state() private outcome: 'file' | 'exclude' = 'file';
  /** Decided reviews loaded so far (newest first), and where the next page starts (null: none left). */
  @state() private decided: DecidedReview[] = [];
  @state() private decidedNext: number | null = null;
  @state() private tested = new Map<number, string>();
  @state() private error = '';
  @state() private busy = false;
  @state() private errors: FieldErrors = {};

  private inbox = new Task(this, {
    task: ([unit, filter], { signal }) => getReviewInbox(api, unit, filter, signal),
    args: () => [this.unitId, this.filter] as const,
  });

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('unitId')) void this.loadDecided();
  }

  override render() {
    return html`
      ${this.error ? html`<div class="message error" role="alert">${this.error}</div>` : nothing}
      ${this.inbox.render({
        pending: () => html`<p class="muted" role="status">正在加载待判断的记录…</p>`,
        error: (e) => html`<div class="message error" role="alert">无法加载：${errorText(e)}</div>`,
        complete: (box) => this.renderInbox(box),
      })}
      ${this.decided.length ? this.renderDecided() : nothing}
    `;
  }

  private renderInbox(box: ReviewInbox) {
    if (box.pending === 0)
      return html`<div class="empty"><strong>没有待判断的记录</strong>业务系统分类结果为“需人工判断”的记录会出现在这里。</div>`;
    const active = (g: { row: string | null; field: string | null }) =>
      this.filter.row === (g.row ?? 'none') && this.filter.field === (g.field ?? undefined);
    return html`
      <p><strong>${box.pending}</strong> 条记录待判断。按条款与缺少的字段：</p>
      <ul class="groups" aria-label="分组">
        ${box.groups.map(
          (g) => html`<li><button type="button" aria-pressed=${active(g) ? 'true' : 'false'}
            @click=${() => this.setFilter(active(g) ? {} : { row: g.row ?? 'none', field: g.field ?? undefined })}>
            ${g.count} 条${g.row ? `「${g.scope ?? g.row}」（条款 ${g.row}）` : '无匹配条款'}${g.field ? `缺少 ${g.field}` : ''}
          </button></li>`,
        )}
      </ul>
      <table aria-label="待判断的记录">
        <thead><tr>
          <th scope="col"><input type="checkbox" aria-label="全选" .checked=${box.entries.length > 0 && box.entries.every((e) => this.selected.has(e.id))}
            @change=${(e: Event) => this.selectAll(box, (e.target as HTMLInputElement).checked)} /></th>
          <th scope="col">编号</th><th scope="col">题名</th><th scope="col">条款</th><th scope="col">缺少</th><th scope="col">时间</th>
        </tr></thead>
        <tbody>${box.entries.map(
          (e) => html`<tr data-review=${e.id}>
            <td><input type="checkbox" aria-label="选择记录 ${e.id}" .checked=${this.selected.has(e.id)} @change=${(ev: Event) => this.toggle(e.id, (ev.target as HTMLInputElement).checked)} /></td>
            <td>${e.id}</td>
            <td>${typeof e.record.title === 'string' ? e.record.title : ''}</td>
            <td>${e.itemId ?? '—'}</td>
            <td>${(e.needs ?? []).join('、')}</td>
            <td class="small">${formatDateTime(e.at)}</td>
          </tr>`,
        )}</tbody>
      </table>
      ${this.renderDecideForm()}
    `;
  }

  private renderDecideForm() {
    const n = this.selected.size;
    const e = this.errors;
    return html`<form class="decide inline-errors" novalidate aria-label="判断所选记录" @submit=${this.decide}>
      <label class="field"><span>结论</span>
        <select name="outcome" @change=${(e: Event) => (this.outcome = (e.target as HTMLSelectElement).value as 'file' | 'exclude')}>
          <option value="file" ?selected=${this.outcome === 'file'}>归档</option>
          <option value="exclude" ?selected=${this.outcome === 'exclude'}>不归档</option>
        </select>
      </label>
      ${
        this.outcome === 'file'
          ? html`${field(
              e,
              'row',
              '归入条款',
              (
                invalid,
                describedBy,
              ) => html`<input name="row" required maxlength="64" placeholder="如 2" aria-invalid=${invalid} aria-describedby=${describedBy}
              .value=${this.filter.row && this.filter.row !== 'none' ? this.filter.row : ''} />`,
            )}
            <label class="field"><span>保管期限</span><select name="retention">${RETENTIONS.map(([c, l]) => html`<option value=${c}>${l}</option>`)}</select></label>`
          : field(
              e,
              'reason',
              '不归档理由',
              (invalid, describedBy) =>
                html`<input name="reason" required maxlength="500" aria-invalid=${invalid} aria-describedby=${describedBy} />`,
            )
      }
      <button type="submit" class="primary" ?disabled=${n === 0 || this.busy}>判断所选（${n} 条）</button>
    </form>`;
  }

  private renderDecided() {
    return html`<section aria-labelledby="decided-h"><h3 id="decided-h">已判断的记录</h3>
      <p class="muted small">每条判断都可转为草稿的测试，今后的版本须作出同样的结论。</p>
      <table class="decided" aria-label="已判断的记录">
        <thead><tr><th scope="col">编号</th><th scope="col">题名</th><th scope="col">结论</th><th scope="col" class="wide">判断人</th><th scope="col" class="wide">时间</th><th scope="col"></th></tr></thead>
        <tbody>${this.decided.map(
          (d) => html`<tr data-decided=${d.logId}>
          <td>${d.logId}</td>
          <td>${d.title ?? ''}</td>
          <td>${d.outcome === 'file' ? `归档：条款 ${d.itemId} · ${retentionLabel(d.retention)}` : `不归档：${d.reason}`}</td>
          <td class="wide">${d.decidedByName}</td>
          <td class="small wide">${formatDateTime(d.decidedAt)}</td>
          <td>${
            this.tested.has(d.logId)
              ? html`<span role="status">${this.tested.get(d.logId)}</span>`
              : html`<button type="button" @click=${() => this.toTest(d.logId)}>转为测试</button>`
          }</td>
        </tr>`,
        )}</tbody>
      </table>
      ${this.decidedNext !== null ? html`<button type="button" @click=${() => this.loadDecided(this.decidedNext ?? undefined)}>加载更早的判断</button>` : nothing}
      </section>`;
  }

  private async loadDecided(before?: number) {
    try {
      const page = await getDecidedReviews(api, this.unitId, before);
      this.decided = before === undefined ? page.entries : [...this.decided, ...page.entries];
      this.decidedNext = page.next;
    } catch (err) {
      this.error = `无法加载已判断的记录：${errorText(err)}`;
    }
  }

  private setFilter(f: { row?: string; field?: string }) {
    this.filter = f;
    this.selected = new Set();
  }

  private toggle(id: number, on: boolean) {
    const s = new Set(this.selected);
    if (on) s.add(id);
    else s.delete(id);
    this.selected = s;
  }

  private selectAll(box: ReviewInbox, on: boolean) {
    this.selected = on ? new Set(box.entries.map((e) => e.id)) : new Set();
  }

  private decide = async (e: Event) => {
    e.preventDefault();
    const element = e.target as HTMLFormElement;
    this.errors = checkForm(element);
    if (Object.keys(this.errors).length) return focusFirstInvalid(element, this.errors);
    const form = new FormData(element);
    const ids = [...this.selected];
    this.busy = true;
    this.error = '';
    try {
      const body =
        this.outcome === 'file'
          ? { ids, outcome: 'file' as const, row: String(form.get('row') ?? '').trim(), retention: String(form.get('retention') ?? 'Y') }
          : { ids, outcome: 'exclude' as const, reason: String(form.get('reason') ?? '').trim() };
      await decideReviews(api, this.unitId, body);
      this.selected = new Set();
      this.inbox.run();
      await this.loadDecided();
    } catch (err) {
      // The service names the field at fault (/row, /reason …): shown beside it, and the failure above.
      const problem = problemOf(err);
      this.errors = problem.fields;
      this.error = `判断失败：${problem.message}`;
    } finally {
      this.busy = false;
    }
  };

  private async toTest(id: number) {
    this.error = '';
    try {
      const r = await reviewToTest(api, this.unitId, id);
      this.tested = new Map(this.tested).set(id, `已加入草稿第 ${r.version.number} 版的测试`);
    } catch (err) {
      this.error = `转为测试失败：${errorText(err)}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-review-inbox': ShReviewInbox;
  }
}
