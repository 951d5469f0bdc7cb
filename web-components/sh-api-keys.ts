// API keys of a unit's business systems (OA, ERP …): list with expiry and last use, create (optionally expiring; the
// key is shown once, with a copy button), rotate (the new key shown once, the old one working through a grace
// period), revoke.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { type ApiKey, errorText } from './lib/api.js';
import { checkForm, focusFirstInvalid } from './lib/form-check.js';
import { type FieldErrors, field } from './lib/form-fields.js';
import { formatDateTime } from './lib/format.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import { type ApiKeyCreated, createApiKey, endOfChinaDay, listApiKeys, revokeApiKey, rotateApiKey } from './lib/api-keys.js';
import { ask } from './sh-confirm.js';

/** The grace periods offered when rotating (hours the old key keeps working). */
const GRACE_CHOICES: [number, string][] = [
  [1, '1 小时'],
  [24, '24 小时（默认）'],
  [72, '3 天'],
  [168, '7 天'],
  [720, '30 天'],
  [0, '不保留：旧密钥立即失效'],
];

const STATE_BADGE: Record<ApiKey['state'], [string, string]> = {
  active: ['green', '有效'],
  rotating: ['amber', '已轮换，过渡期内有效'],
  expired: ['', '已过期'],
  revoked: ['', '已吊销'],
};

/** A secret on screen: just created, or the new one of a rotation (with the key it replaces). */
type Shown = { key: ApiKeyCreated; replaced: ApiKey | null };

@customElement('sh-api-keys')
export class ShApiKeys extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .create { display: flex; gap: 10px; align-items: end; flex-wrap: wrap; margin-top: 12px; }
      .create > .field { margin: 0; flex: 0 1 320px; }
      .create > .field.expiry { flex: 0 1 250px; }
      .create input { width: 100%; }
      .secret { display: flex; gap: 8px; align-items: center; margin: 8px 0; }
      .secret input { flex: 1; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 14px; background: #fff; }
      .rotate { display: flex; gap: 10px; align-items: end; flex-wrap: wrap; }
      .rotate .field { margin: 0; }
      tr.revoked td, tr.expired td { color: var(--sh-grey); }
      tr.revoked td.name, tr.expired td.name { text-decoration: line-through; }
      td.prefix { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
      td.actions { white-space: nowrap; }
      td.actions button + button { margin-left: 6px; }
      code { font-family: ui-monospace, Menlo, Consolas, monospace; background: #eef1f4; padding: 0 4px; border-radius: 3px; }
    `,
  ];

  @property({ attribute: false }) unitId: number | string = '';

  /** The secret just issued: in memory here only until the archivist closes the box. */
  @state() private shown: Shown | null = null;
  /** The key whose rotation is being set up. */
  @state() private rotating: ApiKey | null = null;
  @state() private copied: '' | 'ok' | 'failed' = '';
  @state() private busy = false;
  @state() private error = '';
  @state() private errors: FieldErrors = {};
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
      ${this.shown ? this.renderSecret(this.shown) : nothing}
      ${this.rotating ? this.renderRotate(this.rotating) : nothing}
      ${this.error ? html`<div class="message error" role="alert">${this.error}</div>` : nothing}
      ${this.keys.render({
        pending: () => html`<p class="muted" role="status">正在加载密钥…</p>`,
        error: (e) => html`<div class="message error" role="alert">无法加载密钥：${errorText(e)}</div>`,
        complete: (keys) => this.renderList(keys),
      })}
      <form class="create inline-errors" novalidate @submit=${this.create} aria-label="创建 API 密钥">
        ${field(
          this.errors,
          'name',
          '密钥名称（说明给哪个系统用）',
          (invalid, describedBy) => html`<input name="name" required maxlength="100" placeholder="如：OA 系统归档接口" autocomplete="off"
            aria-invalid=${invalid} aria-describedby=${describedBy} />`,
        )}
        <label class="field expiry"><span>到期日期（可选，当日 24 时失效）</span>
          <input name="expires" type="date" />
        </label>
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? '正在创建…' : '创建密钥'}</button>
      </form>
    `;
  }

  private renderList(keys: ApiKey[]) {
    if (keys.length === 0) {
      return html`<div class="empty"><strong>还没有 API 密钥</strong>业务系统要自动判断文件是否归档、保管多久时，在下方填写名称创建一个密钥，配置到该系统中。</div>`;
    }
    // Working keys first; expired and revoked ones stay listed so it is clear which system lost access and when.
    const working = (k: ApiKey) => Number(k.state === 'expired' || k.state === 'revoked');
    const ordered = [...keys].sort((a, b) => working(a) - working(b) || b.id - a.id);
    return html`<table aria-label="API 密钥">
      <thead><tr><th scope="col">名称</th><th scope="col">密钥前缀</th><th scope="col">创建</th><th scope="col">到期</th><th scope="col">最近使用</th><th scope="col">状态</th><th scope="col"><span class="visually-hidden">操作</span></th></tr></thead>
      <tbody>${ordered.map((k) => this.renderRow(k))}</tbody>
    </table>
    <p class="muted small">
      最近使用记录每个密钥最后一次调用的时间和来源地址（每分钟写入一次）。过期、吊销或轮换过渡期结束后，使用该密钥的请求立即被拒绝（401）。
      轮换会生成新密钥，旧密钥在过渡期内仍可使用，便于业务系统无中断地换用新密钥。
    </p>`;
  }

  private renderRow(k: ApiKey) {
    const [colour, label] = STATE_BADGE[k.state];
    const expiry = k.expiresAt ? `${k.state === 'rotating' ? '过渡期至 ' : ''}${formatDateTime(k.expiresAt)}` : '不过期';
    return html`<tr class=${k.state} data-key=${k.id}>
      <td class="name">${k.name}${k.rotatedFrom ? html`<div class="muted small">由轮换生成</div>` : nothing}</td>
      <td class="prefix" title="只显示开头几位，用于区分密钥">${k.prefix}…</td>
      <td class="small">${k.createdBy ?? ''} ${formatDateTime(k.createdAt)}</td>
      <td class="small">${expiry}</td>
      <td class="small">${k.lastUsedAt ? html`${formatDateTime(k.lastUsedAt)}<div class="muted">来自 ${k.lastUsedFrom}</div>` : html`<span class="muted">从未使用</span>`}</td>
      <td><span class="badge ${colour}">${label}${k.state === 'revoked' ? ` ${formatDateTime(k.revokedAt)}` : ''}</span></td>
      <td class="actions">
        ${k.state === 'active' ? html`<button type="button" aria-label="轮换密钥 ${k.name}" @click=${() => this.startRotate(k)}>轮换</button>` : nothing}
        ${
          k.state === 'active' || k.state === 'rotating'
            ? html`<button type="button" class="danger" aria-label="吊销密钥 ${k.name}（${k.prefix}…）" @click=${() => this.revoke(k)}>吊销</button>`
            : nothing
        }
      </td>
    </tr>`;
  }

  private renderRotate(k: ApiKey) {
    return html`<form class="message info rotate" novalidate @submit=${this.rotate} aria-label="轮换密钥 ${k.name}">
      <p style="flex-basis: 100%; margin: 0">
        <strong>轮换密钥“${k.name}”（${k.prefix}…）</strong>：生成一个新密钥。把新密钥配置到业务系统后，旧密钥在过渡期结束时自动失效。
      </p>
      <label class="field"><span>旧密钥的过渡期</span>
        <select name="grace">${GRACE_CHOICES.map(([h, text]) => html`<option value=${h} ?selected=${h === 24}>${text}</option>`)}</select>
      </label>
      <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? '正在轮换…' : '轮换并显示新密钥'}</button>
      <button type="button" @click=${() => (this.rotating = null)}>取消</button>
    </form>`;
  }

  private renderSecret({ key: k, replaced }: Shown) {
    return html`<div class="message warn" role="alert" data-created-key>
      <strong>${
        replaced
          ? html`已轮换密钥“${k.name}”。请现在复制新密钥并配置到业务系统——关闭后将无法再次查看。`
          : html`已创建密钥“${k.name}”。请现在复制并保存到业务系统的配置中——关闭后将无法再次查看。`
      }</strong>
      ${
        replaced?.expiresAt
          ? html`<p class="small">旧密钥（${replaced.prefix}…）在 ${formatDateTime(replaced.expiresAt)} 前仍可使用，之后被拒绝。</p>`
          : nothing
      }
      <div class="secret">
        <label class="visually-hidden" for="secret">新 API 密钥（只显示这一次）</label>
        <input id="secret" readonly .value=${k.key} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <button type="button" class="primary" @click=${this.copy}>${this.copied === 'ok' ? '已复制 ✓' : '复制密钥'}</button>
      </div>
      ${this.copied === 'failed' ? html`<p class="small" role="status">浏览器不允许自动复制：密钥已选中，请按 Ctrl+C 复制。</p>` : nothing}
      <p class="small">遗失密钥时无法找回，只能轮换或吊销后重新创建。</p>
      <button type="button" @click=${this.dismiss}>我已保存，关闭</button>
    </div>`;
  }

  private create = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    this.errors = checkForm(form);
    if (Object.keys(this.errors).length) return focusFirstInvalid(form, this.errors);
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const expires = String(data.get('expires') ?? '');
    if (!(await this.mayReplaceShown())) return;
    await this.run('创建失败', async () => {
      this.show({ key: await createApiKey(api, this.unitId, name, expires ? endOfChinaDay(expires) : null), replaced: null });
      form.reset();
    });
  };

  private startRotate(k: ApiKey) {
    this.error = '';
    this.rotating = k;
  }

  private rotate = async (e: Event) => {
    e.preventDefault();
    const k = this.rotating;
    // Read before the question: once the event is over, its target (inside a shadow root) is cleared to null.
    const grace = Number(new FormData(e.target as HTMLFormElement).get('grace'));
    if (!k || !(await this.mayReplaceShown())) return;
    await this.run('轮换失败', async () => {
      const rotated = await rotateApiKey(api, this.unitId, k.id, grace);
      this.rotating = null;
      this.show({ key: rotated, replaced: rotated.replaced });
    });
  };

  private async mayReplaceShown(): Promise<boolean> {
    return !this.shown || ask('上一个新密钥还没有关闭：继续后将无法再查看它。', { confirmLabel: '继续', danger: true });
  }

  private async show(s: Shown) {
    this.shown = s;
    this.copied = '';
    this.keys.run();
    await this.updateComplete;
    this.secretInput?.focus();
  }

  private async run(failure: string, action: () => Promise<void>) {
    this.busy = true;
    this.error = '';
    try {
      await action();
    } catch (err) {
      this.error = `${failure}：${errorText(err)}`;
    } finally {
      this.busy = false;
    }
  }

  private copy = async () => {
    const key = this.shown?.key.key;
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

  private dismiss = async () => {
    if (this.copied !== 'ok' && !(await ask('密钥关闭后将无法再次查看。确定已经保存？', { confirmLabel: '已保存，关闭' }))) return;
    this.shown = null;
    this.copied = '';
  };

  private async revoke(k: ApiKey) {
    const question = `吊销密钥“${k.name}”（${k.prefix}…）？\n使用此密钥的业务系统将立即无法调用分类接口，此操作不能撤销。`;
    if (!(await ask(question, { confirmLabel: '吊销', danger: true }))) return;
    this.error = '';
    try {
      await revokeApiKey(api, this.unitId, k.id);
      if (this.shown?.key.id === k.id) this.shown = null;
      if (this.rotating?.id === k.id) this.rotating = null;
      this.keys.run();
    } catch (err) {
      this.error = `吊销失败：${errorText(err)}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-api-keys': ShApiKeys;
  }
}
