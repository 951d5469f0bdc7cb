// Version history of a scheme (states, who and when, approval numbers) and a side-by-side diff of any two versions.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type SchemeInfo, type VersionMeta, errorText } from './lib/api.js';
import { fire } from './lib/events.js';
import { STATE_LABELS, formatDateTime } from './lib/format.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import './sh-diff-view.js';
import { getDiff, getVersion, newVersion } from './lib/api-schemes.js';

export const STATE_BADGE: Record<string, string> = {
  draft: 'blue',
  submitted: 'amber',
  approved: 'green',
  rejected: 'red',
  superseded: '',
};

/**
 * @fires versions-changed - `{ version }` after a new draft is created (the page reloads and opens it).
 * @fires navigate - `{ href }` to open a version.
 */
@customElement('sh-versions')
export class ShVersions extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      section { margin-bottom: 16px; }
      td.who { font-size: 12px; color: var(--sh-grey); }
      tr[aria-current='true'] { background: var(--sh-blue-soft); }
      .pick { display: flex; gap: 8px; align-items: end; flex-wrap: wrap; margin-bottom: 12px; }
      .pick .field { margin: 0; }
    `,
  ];

  @property({ attribute: false }) info!: SchemeInfo;
  /** The version open in the workbench. */
  @property({ type: Number }) current = 0;
  @property({ type: Boolean }) canEdit = false;

  @state() private a = 0;
  @state() private b = 0;
  @state() private message = '';

  private compare = new Task(this, {
    task: async ([id, a, b], { signal }) => {
      if (!a || !b || a === b) return null;
      const [from, to, diff] = await Promise.all([
        getVersion(api, id, a, signal),
        getVersion(api, id, b, signal),
        getDiff(api, id, a, b, signal),
      ]);
      return { from, to, diff };
    },
    args: () => [this.info.id, this.a, this.b] as const,
  });

  override willUpdate(changed: Map<string, unknown>) {
    if ((changed.has('info') || changed.has('current')) && this.info) {
      const versions = this.info.versions;
      const cur = this.current || versions.at(-1)?.number || 0;
      // Default comparison: the version in force (or the one before) against the version open here.
      const base =
        [...versions].reverse().find((v) => v.number !== cur && (v.state === 'approved' || v.state === 'superseded')) ??
        [...versions].reverse().find((v) => v.number < cur);
      if (!this.b || changed.has('current')) this.b = cur;
      if (!this.a || changed.has('current')) this.a = base?.number ?? 0;
    }
  }

  override render() {
    const versions = [...this.info.versions].reverse();
    const open = this.info.versions.find((v) => v.state === 'draft' || v.state === 'submitted');
    return html`
      <section class="card" aria-labelledby="hist">
        <h2 id="hist">版本记录</h2>
        ${this.message ? html`<div class="message error" role="alert">${this.message}</div>` : nothing}
        <table aria-label="版本记录">
          <thead><tr><th>版本</th><th>状态</th><th>创建</th><th>提交</th><th>审批</th><th>批复文号 / 生效日期</th><th><span class="visually-hidden">操作</span></th></tr></thead>
          <tbody>${versions.map((v) => this.renderRow(v, open))}</tbody>
        </table>
      </section>
      <section class="card" aria-labelledby="cmp">
        <h2 id="cmp">版本对比</h2>
        ${
          this.info.versions.length < 2
            ? html`<div class="empty"><strong>只有一个版本</strong>新建下一个版本后即可在此对比两个版本的差异。</div>`
            : html`<div class="pick">
              <label class="field"><span>原版本</span>${this.versionSelect(this.a, (n) => (this.a = n))}</label>
              <span style="padding-bottom:6px">→</span>
              <label class="field"><span>新版本</span>${this.versionSelect(this.b, (n) => (this.b = n))}</label>
            </div>
            ${this.compare.render({
              pending: () => html`<p class="muted">正在对比…</p>`,
              error: (e) => html`<div class="message error" role="alert">${errorText(e)}</div>`,
              complete: (r) =>
                r
                  ? html`<sh-diff-view .from=${r.from.document} .to=${r.to.document} .diff=${r.diff} fromLabel="第 ${r.from.number} 版（${STATE_LABELS[r.from.state]}）" toLabel="第 ${r.to.number} 版（${STATE_LABELS[r.to.state]}）"></sh-diff-view>`
                  : html`<p class="muted">请选择两个不同的版本。</p>`,
            })}`
        }
      </section>
    `;
  }

  private versionSelect(value: number, set: (n: number) => void) {
    return html`<select @change=${(e: Event) => set(Number((e.target as HTMLSelectElement).value))}>
      ${this.info.versions.map((v) => html`<option value=${v.number} ?selected=${v.number === value}>第 ${v.number} 版 · ${STATE_LABELS[v.state]}</option>`)}
    </select>`;
  }

  private renderRow(v: VersionMeta, open: VersionMeta | undefined) {
    const decided = v.state === 'approved' || v.state === 'superseded' || v.state === 'rejected';
    return html`<tr aria-current=${v.number === this.current ? 'true' : 'false'}>
      <td><button type="button" class="link" @click=${() => fire(this, 'navigate', { href: `#/schemes/${this.info.id}/v/${v.number}` })}>第 ${v.number} 版</button>${v.number === this.current ? html` <span class="muted small">（当前查看）</span>` : nothing}</td>
      <td><span class="badge ${STATE_BADGE[v.state]}">${STATE_LABELS[v.state]}</span>${v.copiedFrom ? html`<div class="small muted">复制自第 ${v.copiedFrom} 版</div>` : nothing}</td>
      <td class="who">${v.createdByName ?? v.createdBy ?? ''}<br />${formatDateTime(v.createdAt)}</td>
      <td class="who">${v.submittedAt ? html`${v.submittedByName ?? v.submittedBy ?? ''}<br />${formatDateTime(v.submittedAt)}` : '—'}</td>
      <td class="who">${decided ? html`${v.decidedByName ?? v.decidedBy ?? ''}<br />${formatDateTime(v.decidedAt)}` : '—'}
        ${v.state === 'rejected' && v.rejectReason ? html`<div style="color:var(--sh-red)">退回理由：${v.rejectReason}</div>` : nothing}</td>
      <td class="small">${v.approvalNumber ? html`${v.approvalNumber}<br />自 ${v.effectiveFrom} 起生效` : '—'}${v.justification ? html`<div class="muted">理由：${v.justification}</div>` : nothing}</td>
      <td>${
        this.canEdit && !open && v.state !== 'draft'
          ? html`<button type="button" @click=${() => this.newDraft(v.number)}>基于此版新建草稿</button>`
          : nothing
      }</td>
    </tr>`;
  }

  private async newDraft(from: number) {
    this.message = '';
    try {
      const v = await newVersion(api, this.info.id, from);
      fire(this, 'versions-changed', { version: v.number });
    } catch (e) {
      this.message = errorText(e);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-versions': ShVersions;
  }
}
