// API keys of a unit's business systems (OA, ERP …): list, create (the key is shown once, with a copy button), revoke.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { type ApiKey, ApiError } from './lib/api.js';
import { formatDateTime } from './lib/format.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import { createApiKey, listApiKeys, revokeApiKey } from './lib/api-keys.js';

@customElement('sh-api-keys')
export class ShApiKeys extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .create { display: flex; gap: 10px; align-items: end; flex-wrap: wrap; margin-top: 12px; }
      .create .field { margin: 0; flex: 0 1 320px; }
      .create input { width: 100%; }
      .secret { display: flex; gap: 8px; align-items: center; margin: 8px 0; }
      .secret input { flex: 1; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 14px; background: #fff; }
      tr.revoked td { color: var(--sh-grey); }
      tr.revoked td.name { text-decoration: line-through; }
      td.prefix { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
      code { font-family: ui-monospace, Menlo, Consolas, monospace; background: #eef1f4; padding: 0 4px; border-radius: 3px; }
      details { margin-top: 8px; }
      summary { cursor: pointer; color: var(--sh-blue); font-size: 13px; }
    `,
  ];

  @property({ attribute: false }) unitId: number | string = '';

  /** The key just created: its secret is in memory here only until the archivist closes the box. */
  @state() private created: (ApiKey & { key: string }) | null = null;
  @state() private copied: '' | 'ok' | 'failed' = '';
  @state() private busy = false;
  @state() private error = '';
  @query('#secret') private secretInput?: HTMLInputElement;

  private keys = new Task(this, {
    task: ([unit], { signal }) => listApiKeys(api, unit, signal),
    args: () => [this.unitId] as const,
  });

  override render() {
    return html`
      <p class="muted small">
        业务系统（如 OA、ERP、档案管理系统）用密钥调用本单位的分类接口
        <code>POST /api/v1/units/${this.unitId}/classify</code>，请求头 <code>Authorization: Bearer 密钥</code>。
        密钥只能调用分类接口，不能查看或修改三合一表。
      </p>
      ${this.created ? this.renderCreated(this.created) : nothing}
      ${this.error ? html`<div class="message error" role="alert">${this.error}</div>` : nothing}
      ${this.keys.render({
        pending: () => html`<p class="muted" role="status">正在加载密钥…</p>`,
        error: (e) =>
          html`<div class="message error" role="alert">无法加载密钥：${e instanceof ApiError ? e.userMessage : String(e)}</div>`,
        complete: (keys) => this.renderList(keys),
      })}
      <form class="create" @submit=${this.create} aria-label="创建 API 密钥">
        <label class="field"><span>密钥名称（说明给哪个系统用）</span>
          <input name="name" required maxlength="100" placeholder="如：OA 系统归档接口" autocomplete="off" />
        </label>
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? '正在创建…' : '创建密钥'}</button>
      </form>
    `;
  }

  private renderList(keys: ApiKey[]) {
    if (keys.length === 0) {
      return html`<div class="empty"><strong>还没有 API 密钥</strong>业务系统要自动判断文件是否归档、保管多久时，在下方填写名称创建一个密钥，配置到该系统中。</div>`;
    }
    // Live keys first; revoked ones stay listed so it is clear which system lost access and when.
    const ordered = [...keys].sort((a, b) => Number(!!a.revokedAt) - Number(!!b.revokedAt) || b.id - a.id);
    return html`<table aria-label="API 密钥">
      <thead><tr><th scope="col">名称</th><th scope="col">密钥前缀</th><th scope="col">创建</th><th scope="col">状态</th><th scope="col"><span class="visually-hidden">操作</span></th></tr></thead>
      <tbody>${ordered.map(
        (k) => html`<tr class=${k.revokedAt ? 'revoked' : ''} data-key=${k.id}>
        <td class="name">${k.name}</td>
        <td class="prefix" title="只显示开头几位，用于区分密钥">${k.prefix}…</td>
        <td class="small">${k.createdBy ?? ''} ${formatDateTime(k.createdAt)}</td>
        <td>${k.revokedAt ? html`<span class="badge">已吊销 ${formatDateTime(k.revokedAt)}</span>` : html`<span class="badge green">有效</span>`}</td>
        <td>${k.revokedAt ? nothing : html`<button type="button" class="danger" aria-label="吊销密钥 ${k.name}" @click=${() => this.revoke(k)}>吊销</button>`}</td>
      </tr>`,
      )}</tbody>
    </table>
    <p class="muted small">服务不记录密钥的最近使用时间；吊销后使用该密钥的请求立即被拒绝（401）。</p>`;
  }

  private renderCreated(k: ApiKey & { key: string }) {
    return html`<div class="message warn" role="alert" data-created-key>
      <strong>已创建密钥“${k.name}”。请现在复制并保存到业务系统的配置中——关闭后将无法再次查看。</strong>
      <div class="secret">
        <label class="visually-hidden" for="secret">新 API 密钥（只显示这一次）</label>
        <input id="secret" readonly .value=${k.key} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <button type="button" class="primary" @click=${this.copy}>${this.copied === 'ok' ? '已复制 ✓' : '复制密钥'}</button>
      </div>
      ${this.copied === 'failed' ? html`<p class="small" role="status">浏览器不允许自动复制：密钥已选中，请按 Ctrl+C 复制。</p>` : nothing}
      <p class="small">遗失密钥时无法找回，只能吊销后重新创建。</p>
      <button type="button" @click=${this.dismiss}>我已保存，关闭</button>
    </div>`;
  }

  private create = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    if (!name) return;
    if (this.created && !confirm('上一个新密钥还没有关闭：创建新密钥后将无法再查看它。继续？')) return;
    this.busy = true;
    this.error = '';
    try {
      this.created = await createApiKey(api, this.unitId, name);
      this.copied = '';
      form.reset();
      this.keys.run();
      await this.updateComplete;
      this.secretInput?.focus();
    } catch (err) {
      this.error = `创建失败：${err instanceof ApiError ? err.userMessage : String(err)}`;
    } finally {
      this.busy = false;
    }
  };

  private copy = async () => {
    const key = this.created?.key;
    if (!key) return;
    try {
      await navigator.clipboard.writeText(key);
      this.copied = 'ok';
    } catch {
      this.secretInput?.focus();
      this.secretInput?.select();
      this.copied = 'failed';
    }
  };

  private dismiss = () => {
    if (this.copied !== 'ok' && !confirm('密钥关闭后将无法再次查看。确定已经保存？')) return;
    this.created = null;
    this.copied = '';
  };

  private async revoke(k: ApiKey) {
    if (!confirm(`吊销密钥“${k.name}”（${k.prefix}…）？\n使用此密钥的业务系统将立即无法调用分类接口，此操作不能撤销。`)) return;
    this.error = '';
    try {
      await revokeApiKey(api, this.unitId, k.id);
      if (this.created?.id === k.id) this.created = null;
      this.keys.run();
    } catch (err) {
      this.error = `吊销失败：${err instanceof ApiError ? err.userMessage : String(err)}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-api-keys': ShApiKeys;
  }
}
