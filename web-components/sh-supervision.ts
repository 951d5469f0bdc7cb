// The supervision page (reviewers and admins): for every unit supervised, how its 三合一表 stands, when it is due for
// revision, the national-floor findings and the last 30 days of classification — counts on top, filters, charts,
// the table and its xlsx export. Admins record restructuring and other changes below (sh-unit-changes).
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ageWords, countWords, findingWords, reasonWords, stateWords } from '../server/schemas/supervision-row-words.js';
import {
  FINDINGS_FILTERS,
  FINDINGS_LABELS,
  REVISION_LABELS,
  REVISION_STATUSES,
  TABLE_STATE_LABELS,
  TABLE_STATES,
} from '../server/schemas/supervision-words.js';
import { errorText } from './lib/api.js';
import { exportSupervisedUnits, listSupervisedUnits, type SupervisionFilters, type SupervisionRow } from './lib/api-supervision.js';
import { downloadBlob } from './lib/download.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import { STATE_COLOURS } from './sh-supervision-charts.js';
import './sh-supervision-charts.js';
import './sh-unit-changes.js';

const BADGE: Record<SupervisionRow['state'], string> = { approved: 'green', submitted: 'blue', draft: '', rejected: 'red', none: 'amber' };

@customElement('sh-supervision')
export class ShSupervision extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; padding: 16px 20px 40px; max-width: 1400px; }
      .counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 4px 0 14px; padding: 0; list-style: none; }
      .counts button { border-radius: 16px; padding: 4px 12px; background: #fff; }
      .counts button.alert { border-color: var(--sh-amber); background: var(--sh-amber-soft); }
      .counts button.bad { border-color: var(--sh-red); background: var(--sh-red-soft); }
      .counts strong { font-size: 16px; margin-right: 2px; }
      form.filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: end; margin: 14px 0 10px; }
      form.filters .field { margin: 0; }
      form.filters input[type='search'] { width: 220px; }
      .table-wrap { overflow-x: auto; border: 1px solid var(--sh-line); border-radius: 6px; background: #fff; }
      table { width: 100%; min-width: 980px; }
      td { vertical-align: top; }
      td .small { display: block; }
      .due { color: var(--sh-red); font-weight: 600; }
      .soon { color: var(--sh-amber); font-weight: 600; }
      .share-high { color: var(--sh-red); font-weight: 600; }
      .dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 4px; }
      sh-supervision-charts { margin: 10px 0 16px; }
      @media (max-width: 800px) { :host { padding: 12px 10px 32px; } form.filters input[type='search'] { width: 100%; } form.filters .field { flex: 1 1 45%; } }
    `,
  ];

  /** Admins also see the form that records unit changes. */
  @property({ type: Boolean }) admin = false;
  @state() private filters: SupervisionFilters = {};
  @state() private exporting = false;
  @state() private exportError = '';

  private page = new Task(this, {
    task: async ([filters], { signal }) => listSupervisedUnits(api, filters, signal),
    args: () => [this.filters] as const,
  });

  private set(patch: Partial<SupervisionFilters>) {
    this.filters = { ...this.filters, ...patch };
  }

  private async exportXlsx() {
    this.exporting = true;
    this.exportError = '';
    try {
      const { blob, filename } = await exportSupervisedUnits(api, this.filters);
      downloadBlob(blob, filename ?? 'supervision.xlsx');
    } catch (e) {
      this.exportError = errorText(e);
    } finally {
      this.exporting = false;
    }
  }

  private countChips(c: NonNullable<typeof this.page.value>['counts']) {
    const chip = (n: number, text: string, patch: Partial<SupervisionFilters>, tone = '') =>
      html`<li><button type="button" class=${n ? tone : ''} data-count=${Object.values(patch)[0] ?? ''} @click=${() => (this.filters = { sort: this.filters.sort, ...patch })}>
        <strong>${n}</strong> ${text}</button></li>`;
    return html`<ul class="counts" aria-label="统计">
      ${chip(c.units, '家监管单位', {})}
      ${chip(c.withoutApproved, '家单位尚无已批准的三合一表', { state: 'unapproved' }, 'alert')}
      ${chip(c.revisionDue, '家到期需修订', { revision: 'due' }, 'bad')}
      ${chip(c.revisionSoon, '家半年内到期', { revision: 'soon' }, 'alert')}
      ${chip(c.states.submitted, '家已提交待审批', { state: 'submitted' })}
      ${chip(c.withOpenFindings, '家待审版本有国家基线问题', { findings: 'open' }, 'bad')}
      ${c.calls ? html`<li class="muted small" style="align-self:center">近 30 天分类调用 ${c.calls} 次，其中待人工判断 ${c.review} 次</li>` : nothing}
    </ul>`;
  }

  private filterForm() {
    const f = this.filters;
    const sel = (e: Event) => (e.target as HTMLSelectElement).value || undefined;
    return html`<form class="filters" role="search" novalidate aria-label="筛选" @submit=${(e: Event) => e.preventDefault()}>
      <label class="field"><span>三合一表状态</span>
        <select name="state" .value=${f.state ?? ''} @change=${(e: Event) => this.set({ state: sel(e) as SupervisionFilters['state'] })}>
          <option value="">全部</option>
          <option value="unapproved">尚无施行中的表</option>
          ${TABLE_STATES.map((s) => html`<option value=${s} ?selected=${f.state === s}>${TABLE_STATE_LABELS[s]}</option>`)}
        </select></label>
      <label class="field"><span>修订</span>
        <select name="revision" .value=${f.revision ?? ''} @change=${(e: Event) => this.set({ revision: sel(e) as SupervisionFilters['revision'] })}>
          <option value="">全部</option>
          ${REVISION_STATUSES.map((s) => html`<option value=${s} ?selected=${f.revision === s}>${REVISION_LABELS[s]}</option>`)}
        </select></label>
      <label class="field"><span>国家基线问题</span>
        <select name="findings" .value=${f.findings ?? ''} @change=${(e: Event) => this.set({ findings: sel(e) as SupervisionFilters['findings'] })}>
          <option value="">全部</option>
          ${FINDINGS_FILTERS.map((s) => html`<option value=${s} ?selected=${f.findings === s}>${FINDINGS_LABELS[s]}</option>`)}
        </select></label>
      <label class="field"><span>单位、全宗号或监管组织</span>
        <input type="search" name="q" .value=${f.q ?? ''} placeholder="输入文字筛选" @change=${(e: Event) => this.set({ q: (e.target as HTMLInputElement).value || undefined })} /></label>
      <label class="field"><span>排序</span>
        <select name="sort" @change=${(e: Event) => this.set({ sort: sel(e) as SupervisionFilters['sort'] })}>
          <option value="urgency" ?selected=${!f.sort || f.sort === 'urgency'}>需要处理的在前</option>
          <option value="fonds" ?selected=${f.sort === 'fonds'}>全宗号</option>
          <option value="name" ?selected=${f.sort === 'name'}>单位名称</option>
          <option value="age" ?selected=${f.sort === 'age'}>施行最久的在前</option>
          <option value="review" ?selected=${f.sort === 'review'}>待人工判断占比高的在前</option>
        </select></label>
      <button type="button" @click=${() => (this.filters = {})} ?disabled=${Object.values(f).every((v) => v === undefined)}>清除筛选</button>
      <span class="spacer"></span>
      <button type="button" class="primary" @click=${() => this.exportXlsx()} ?disabled=${this.exporting}>${this.exporting ? '正在导出…' : '导出 Excel'}</button>
    </form>
    ${this.exportError ? html`<div class="message error" role="alert">${this.exportError}</div>` : nothing}`;
  }

  private row(r: SupervisionRow) {
    const f = r.inForce;
    const rev = r.revision;
    const fig = r.figures;
    return html`<tr data-unit=${r.unit.id}>
      <td><strong>${r.unit.name}</strong><span class="small muted">${r.unit.fonds ?? ''} · ${r.unit.kind === 'organ' ? '机关' : '企业'}${r.depth > 1 && r.supervisor ? ` · 经 ${r.supervisor.name}` : ''}</span></td>
      <td><span class="badge ${BADGE[r.state]}"><span class="dot" style="background:${STATE_COLOURS[r.state]}"></span>${TABLE_STATE_LABELS[r.state]}</span>
        <span class="small muted">${stateWords(r)}</span></td>
      <td>${f ? html`${f.approvalNumber ?? '—'}<span class="small muted">${f.approvedOn} 批复</span>` : html`<span class="muted">—</span>`}</td>
      <td>${f ? ageWords(f.ageDays) : html`<span class="muted">—</span>`}</td>
      <td>${
        rev.status === 'due'
          ? html`<span class="due">${REVISION_LABELS.due}</span>${rev.reasons.map((x) => html`<span class="small">${reasonWords(x)}</span>`)}`
          : rev.status === 'none'
            ? html`<span class="muted">—</span>`
            : html`<span class=${rev.status === 'soon' ? 'soon' : ''}>${REVISION_LABELS[rev.status]}</span><span class="small muted">${rev.dueOn} 满 5 年</span>`
      }</td>
      <td>${r.findings.open || r.findings.waived ? findingWords(r) : html`<span class="muted">无</span>`}</td>
      <td>${
        fig.calls
          ? html`${fig.calls} 次 · 待人工
              <span class=${(fig.reviewShare ?? 0) >= 0.3 ? 'share-high' : ''}>${Math.round((fig.reviewShare ?? 0) * 100)}%</span>
              ${fig.topReviewRows.length ? html`<span class="small muted">条款：${countWords(fig.topReviewRows)}</span>` : nothing}
              ${fig.topMissingFields.length ? html`<span class="small muted">缺：${countWords(fig.topMissingFields)}</span>` : nothing}`
          : html`<span class="muted">无调用</span>`
      }</td>
      <td><a href="#/units/${r.unit.id}">查看</a></td>
    </tr>`;
  }

  override render() {
    return html`<h1>监管视图</h1>
      ${this.page.render({
        initial: () => html`<p class="muted">正在加载…</p>`,
        pending: () => (this.page.value ? this.body(this.page.value, true) : html`<p class="muted">正在加载…</p>`),
        error: (e) => html`<div class="message error" role="alert">${errorText(e)}</div>`,
        complete: (p) => this.body(p, false),
      })}
      ${this.admin && this.page.value ? html`<sh-unit-changes .units=${this.page.value.rows.map((r) => r.unit)} @unit-change-recorded=${() => this.page.run()}></sh-unit-changes>` : nothing}`;
  }

  private body(p: NonNullable<typeof this.page.value>, busy: boolean) {
    return html`<p class="muted small">截至 ${p.today}（北京时间）。修订期限：批复满 5 年，或登记的改制、主营业务或职能变化之后（10号令第十七条）。</p>
      ${this.countChips(p.counts)}
      <sh-supervision-charts .counts=${p.counts} .rows=${p.rows} .selected=${this.filters.state ?? ''}
        @state-pick=${(e: CustomEvent<string>) => this.set({ state: (e.detail || undefined) as SupervisionFilters['state'] })}></sh-supervision-charts>
      ${this.filterForm()}
      <p aria-live="polite" class="small">${busy ? '正在更新…' : `符合条件 ${p.total} 家${p.total > p.rows.length ? `，显示前 ${p.rows.length} 家（导出包含全部）` : ''}`}</p>
      ${
        p.rows.length === 0
          ? html`<div class="empty"><strong>没有符合条件的单位</strong>${p.counts.units === 0 ? '您的组织尚未监管任何单位。' : '请调整筛选条件。'}</div>`
          : html`<div class="table-wrap"><table aria-label="所监管单位">
              <thead><tr><th>单位</th><th>三合一表</th><th>批复文号</th><th>施行年限</th><th>修订</th><th>国家基线问题</th><th>近 30 天分类</th><th><span class="visually-hidden">操作</span></th></tr></thead>
              <tbody>${p.rows.map((r) => this.row(r))}</tbody></table></div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-supervision': ShSupervision;
  }
}
