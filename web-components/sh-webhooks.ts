// A unit's webhooks: register an endpoint for events (the signing secret is shown once), change its address and
// events (optionally rotating the secret, shown once), disable and enable it, delete it, and see each hook's
// delivery log (every event with its state and attempts).
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorText } from './lib/api.js';
import {
  type Webhook,
  type WebhookDelivery,
  type WebhookEvent,
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  updateWebhook,
} from './lib/api-webhooks.js';
import { checkForm, focusFirstInvalid } from './lib/form-check.js';
import { type FieldErrors, errorId, field, fieldError } from './lib/form-fields.js';
import { formatDateTime } from './lib/format.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import { ask } from './sh-confirm.js';

const EVENTS: { event: WebhookEvent; label: string }[] = [
  { event: 'version.approved', label: '版本获批（version.approved）' },
  { event: 'version.in-force', label: '版本生效（version.in-force，生效日当天）' },
  { event: 'review.decided', label: '待判断记录已判断（review.decided）' },
];

const STATE_WORDS: Record<WebhookDelivery['state'], { text: string; badge: string }> = {
  pending: { text: '待发送', badge: 'amber' },
  delivered: { text: '已送达', badge: 'green' },
  failed: { text: '已放弃', badge: 'red' },
};

const message = (e: unknown) => errorText(e);

@customElement('sh-webhooks')
export class ShWebhooks extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      form { display: grid; gap: 8px; margin-top: 12px; max-width: 640px; }
      form .field { margin: 0; }
      form input[type='url'] { width: 100%; }
      fieldset { border: 1px solid #d9dee3; border-radius: 4px; padding: 6px 10px; }
      fieldset label { display: block; font-size: 14px; }
      .secret input { width: 100%; font-family: ui-monospace, Menlo, Consolas, monospace; background: #fff; }
      td.url { word-break: break-all; }
      .log { margin: 4px 0 12px; }
      .log td { font-size: 13px; }
      td.actions { white-space: nowrap; }
      tr.disabled td.url { color: var(--sh-grey); }
      form.edit { margin: 4px 0 12px; }
    `,
  ];

  @property({ attribute: false }) unitId: number | string = '';

  /** The hook just registered (or whose secret was just rotated), with the secret shown this once. */
  @state() private created: (Webhook & { secret: string; rotated?: boolean }) | null = null;
  /** The hook being edited. */
  @state() private editing: number | null = null;
  @state() private busy = false;
  @state() private error = '';
  /** The field errors of one form: the new hook's or the one being edited. */
  @state() private errors: { at: 'new' | number; fields: FieldErrors } = { at: 'new', fields: {} };
  /** The hook whose delivery log is open, and the log. */
  @state() private open: number | null = null;
  @state() private log: WebhookDelivery[] | null = null;

  private hooks = new Task(this, {
    task: ([unit], { signal }) => listWebhooks(api, unit, signal),
    args: () => [this.unitId] as const,
  });

  override render() {
    return html`
      <p class="muted small">
        本单位的三合一表获批、生效或待判断记录被判断时，服务向登记的地址发送 POST 请求（JSON）。请求头 <code>Sanheyi-Signature</code>
        为以签名密钥计算的 HMAC-SHA256，<code>Sanheyi-Webhook-Id</code> 用于去重；失败时按指数退避重试。只接受 https:// 地址。
      </p>
      ${this.created ? this.renderCreated(this.created) : nothing}
      ${this.error ? html`<div class="message error" role="alert">${this.error}</div>` : nothing}
      ${this.hooks.render({
        pending: () => html`<p class="muted" role="status">正在加载 Webhook…</p>`,
        error: (e) => html`<div class="message error" role="alert">无法加载 Webhook：${message(e)}</div>`,
        complete: (hooks) => this.renderList(hooks),
      })}
      <form novalidate @submit=${this.create} aria-label="登记 Webhook">
        ${this.urlField('new')}
        <fieldset aria-describedby=${errorId(this.errorsOf('new'), 'events', 'new-')}><legend class="small">事件</legend>
          ${EVENTS.map((e) => html`<label><input type="checkbox" name="events" value=${e.event} ?checked=${e.event !== 'review.decided'} /> ${e.label}</label>`)}
          ${fieldError(this.errorsOf('new'), 'events', 'new-')}
        </fieldset>
        <div><button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? '正在登记…' : '登记 Webhook'}</button></div>
      </form>
    `;
  }

  private renderList(hooks: Webhook[]) {
    if (!hooks.length)
      return html`<div class="empty"><strong>还没有 Webhook</strong>业务系统需要在三合一表获批或生效时得到通知时，在下方登记接收地址。</div>`;
    return html`<table aria-label="Webhook">
      <thead><tr><th scope="col">接收地址</th><th scope="col">事件</th><th scope="col">登记</th><th scope="col">状态</th><th scope="col"><span class="visually-hidden">操作</span></th></tr></thead>
      <tbody>${hooks.map(
        (h) => html`<tr data-hook=${h.id} class=${h.active ? '' : 'disabled'}>
            <td class="url">${h.url}</td>
            <td class="small">${h.events.join('、')}</td>
            <td class="small">${h.createdBy ?? ''} ${formatDateTime(h.createdAt)}</td>
            <td>${
              h.active
                ? html`<span class="badge green">启用</span>`
                : html`<span class="badge amber" title="停用期间不排入新事件，待发送的事件暂停">已停用 ${formatDateTime(h.disabledAt)}</span>`
            }</td>
            <td class="actions">
              <button type="button" aria-expanded=${this.open === h.id} @click=${() => this.toggleLog(h)}>投递记录</button>
              <button type="button" aria-expanded=${this.editing === h.id} aria-label="修改 Webhook ${h.url}" @click=${() => this.toggleEdit(h)}>修改</button>
              <button type="button" aria-label="${h.active ? '停用' : '启用'} Webhook ${h.url}" @click=${() => this.setActive(h, !h.active)}>${h.active ? '停用' : '启用'}</button>
              <button type="button" class="danger" aria-label="删除 Webhook ${h.url}" @click=${() => this.deleteHook(h)}>删除</button>
            </td>
          </tr>
          ${this.editing === h.id ? html`<tr><td colspan="5">${this.renderEdit(h)}</td></tr>` : nothing}
          ${this.open === h.id ? html`<tr><td colspan="5">${this.renderLog()}</td></tr>` : nothing}`,
      )}</tbody>
    </table>
    <p class="muted small">停用的 Webhook 不再排入新事件，尚未送达的事件暂停发送；重新启用后继续发送。</p>`;
  }

  private renderEdit(h: Webhook) {
    return html`<form class="edit" novalidate @submit=${(e: Event) => this.save(e, h)} aria-label="修改 Webhook ${h.url}">
      ${this.urlField(h.id, h.url)}
      <fieldset aria-describedby=${errorId(this.errorsOf(h.id), 'events', `${h.id}-`)}><legend class="small">事件</legend>
        ${EVENTS.map((e) => html`<label><input type="checkbox" name="events" value=${e.event} ?checked=${h.events.includes(e.event)} /> ${e.label}</label>`)}
        ${fieldError(this.errorsOf(h.id), 'events', `${h.id}-`)}
      </fieldset>
      <label class="small"><input type="checkbox" name="rotate" /> 同时轮换签名密钥（新密钥只显示一次，接收方须改用新密钥校验）</label>
      <div>
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? '正在保存…' : '保存修改'}</button>
        <button type="button" @click=${() => (this.editing = null)}>取消</button>
      </div>
    </form>`;
  }

  private errorsOf(at: 'new' | number): FieldErrors {
    return this.errors.at === at ? this.errors.fields : {};
  }

  private urlField(at: 'new' | number, value = '') {
    return field(
      this.errorsOf(at),
      'url',
      '接收地址',
      (invalid, describedBy) => html`<input type="url" name="url" required maxlength="2000" .value=${value} autocomplete="off"
        placeholder=${at === 'new' ? 'https://oa.example.com/sanheyi-hook' : ''} aria-invalid=${invalid} aria-describedby=${describedBy} />`,
      `${at}-`,
    );
  }

  /** Our check of a hook's form (address and at least one event); true when it may be sent. */
  private check(form: HTMLFormElement, at: 'new' | number): boolean {
    const fields = checkForm(form);
    if (!new FormData(form).getAll('events').length) fields.events = '请至少选择一个事件';
    this.errors = { at, fields };
    focusFirstInvalid(form, fields);
    return !Object.keys(fields).length;
  }

  private renderLog() {
    if (!this.log) return html`<p class="muted small" role="status">正在加载投递记录…</p>`;
    if (!this.log.length) return html`<p class="muted small">还没有发送过事件。</p>`;
    return html`<table class="log" aria-label="投递记录">
      <thead><tr><th scope="col">事件</th><th scope="col">状态</th><th scope="col">尝试</th><th scope="col">最近结果</th><th scope="col">时间</th></tr></thead>
      <tbody>${this.log.map((d) => {
        const s = STATE_WORDS[d.state];
        const last = d.lastStatus !== null ? `HTTP ${d.lastStatus}` : '';
        return html`<tr data-delivery=${d.eventId}>
          <td>${d.event}<div class="muted small">${d.eventId}</div></td>
          <td><span class="badge ${s.badge}">${s.text}</span></td>
          <td>${d.attempts}</td>
          <td>${[last, d.lastError].filter(Boolean).join('：') || '—'}</td>
          <td class="small">${formatDateTime(d.deliveredAt ?? d.failedAt ?? d.createdAt)}${d.nextAttemptAt ? html`<div class="muted">下次重试 ${formatDateTime(d.nextAttemptAt)}</div>` : nothing}</td>
        </tr>`;
      })}</tbody>
    </table>`;
  }

  private renderCreated(h: Webhook & { secret: string; rotated?: boolean }) {
    return html`<div class="message warn" role="alert" data-created-hook>
      <strong>${h.rotated ? `已为 ${h.url} 生成新的签名密钥，旧密钥即刻作废。` : `已登记 ${h.url}。`}请现在保存签名密钥，用来校验请求——关闭后将无法再次查看。</strong>
      <div class="secret">
        <label class="visually-hidden" for="hook-secret">签名密钥（只显示这一次）</label>
        <input id="hook-secret" readonly .value=${h.secret} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
      </div>
      <button type="button" @click=${() => (this.created = null)}>我已保存，关闭</button>
    </div>`;
  }

  private create = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (!this.check(form, 'new')) return;
    const data = new FormData(form);
    const url = String(data.get('url') ?? '').trim();
    const events = data.getAll('events').map(String) as WebhookEvent[];
    this.busy = true;
    this.error = '';
    try {
      this.created = await createWebhook(api, this.unitId, url, events);
      form.reset();
      this.hooks.run();
    } catch (err) {
      this.error = `登记失败：${message(err)}`;
    } finally {
      this.busy = false;
    }
  };

  private toggleEdit(h: Webhook) {
    this.error = '';
    this.editing = this.editing === h.id ? null : h.id;
  }

  private async save(e: Event, h: Webhook) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (!this.check(form, h.id)) return;
    const data = new FormData(form);
    const url = String(data.get('url') ?? '').trim();
    const events = data.getAll('events').map(String) as WebhookEvent[];
    const rotateSecret = data.get('rotate') !== null;
    if (rotateSecret && !(await ask('轮换后旧签名密钥立即作废，接收方须改用新密钥校验。', { confirmLabel: '轮换密钥', danger: true })))
      return;
    await this.change(h, { url, events, ...(rotateSecret ? { rotateSecret } : {}) }, '修改失败');
  }

  private async setActive(h: Webhook, active: boolean) {
    const question = `停用 Webhook ${h.url}？停用期间不排入新事件，尚未送达的事件暂停发送。`;
    if (!active && !(await ask(question, { confirmLabel: '停用', danger: true }))) return;
    return this.change(h, { active }, active ? '启用失败' : '停用失败');
  }

  private async change(h: Webhook, patch: Parameters<typeof updateWebhook>[3], failure: string) {
    this.busy = true;
    this.error = '';
    try {
      const updated = await updateWebhook(api, this.unitId, h.id, patch);
      if (updated.secret) this.created = { ...updated, secret: updated.secret, rotated: true };
      this.editing = null;
      this.hooks.run();
    } catch (err) {
      this.error = `${failure}：${message(err)}`;
    } finally {
      this.busy = false;
    }
  }

  private async toggleLog(h: Webhook) {
    if (this.open === h.id) {
      this.open = null;
      return;
    }
    this.open = h.id;
    this.log = null;
    try {
      this.log = await listDeliveries(api, this.unitId, h.id);
    } catch (err) {
      this.open = null;
      this.error = `无法加载投递记录：${message(err)}`;
    }
  }

  private async deleteHook(h: Webhook) {
    if (!(await ask(`删除 Webhook ${h.url}？尚未送达的事件将不再发送。`, { confirmLabel: '删除', danger: true }))) return;
    this.error = '';
    try {
      await deleteWebhook(api, this.unitId, h.id);
      if (this.open === h.id) this.open = null;
      this.hooks.run();
    } catch (err) {
      this.error = `删除失败：${message(err)}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-webhooks': ShWebhooks;
  }
}
