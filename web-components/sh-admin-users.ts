// The admin page's accounts: who they are (by display name), their state, and what an admin does with them — create,
// edit, disable/enable, reset the password (shown once, copyable), confirm an admin another admin set up, unlock.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { confirmAdmin, createUser, resetPassword, setUserDisabled, unlockUser } from './lib/api-admin.js';
import type { Org, Role, User } from './lib/api.js';
import { FIX_MARKED, MIN_PASSWORD, userErrors } from './lib/admin-checks.js';
import { personName } from './lib/admin-words.js';
import { type FieldErrors, field, problemOf } from './lib/form-fields.js';
import { ROLE_LABELS, formatDateTime } from './lib/format.js';
import { api, session } from './lib/session.js';
import { ask } from './sh-confirm.js';
import './sh-user-editor.js';
import type { ShUserEditor } from './sh-user-editor.js';
import { adminStyles } from './styles/admin.js';
import { shared } from './styles/shared.js';

/** A password just generated for `name`, with what to tell the admin about it. */
interface Secret {
  name: string;
  password: string;
  note: string;
  copied: '' | 'ok' | 'failed';
}

@customElement('sh-admin-users')
export class ShAdminUsers extends LitElement {
  static override styles = [shared, adminStyles];

  @property({ attribute: false }) users: User[] = [];
  @property({ attribute: false }) orgs: Org[] = [];
  /** Reads organisations and users again (the page's); resolves once the lists are fresh. */
  @property({ attribute: false }) reload: () => Promise<unknown> = async () => {};
  @state() private message: { kind: 'ok' | 'error'; text: string } | null = null;
  /** A password just generated: shown once, until closed. */
  @state() private secret: Secret | null = null;
  @state() private errors: FieldErrors = {};
  @query('sh-user-editor') private editor!: ShUserEditor;

  private get me(): number | undefined {
    return session()?.user.id;
  }

  override render() {
    return html`<section class="card" aria-labelledby="users-h">
      <h2 id="users-h">用户</h2>
      ${this.message ? html`<div class="message ${this.message.kind}" role=${this.message.kind === 'error' ? 'alert' : 'status'}>${this.message.text}</div>` : nothing}
      ${this.secret ? this.renderSecret(this.secret) : nothing}
      <table><thead><tr><th>姓名</th><th>登录名</th><th>角色</th><th>所属组织</th><th>状态</th><th><span class="visually-hidden">操作</span></th></tr></thead>
        <tbody>${this.users.map(
          (u) => html`<tr><td>${personName(u, this.users)}</td><td class="mono small">${u.username}</td><td>${ROLE_LABELS[u.role]}</td>
            <td>${this.orgName(u.orgId)}</td><td>${this.renderStatus(u)}</td><td class="actions">${this.renderActions(u)}</td></tr>`,
        )}</tbody></table>
      ${this.renderCreate()}
      <sh-user-editor @user-saved=${this.onSaved}></sh-user-editor>
    </section>`;
  }

  private orgName(id: number | null) {
    return id === null ? '—' : (this.orgs.find((o) => o.id === id)?.name ?? '—');
  }

  private nameOf(id: number | null) {
    const u = this.users.find((x) => x.id === id);
    return u ? personName(u, this.users) : '另一位管理员';
  }

  private renderStatus(u: User) {
    const parts = [];
    if (u.disabled) parts.push(html`<span class="badge">已停用</span>`);
    if (u.pendingBy !== null) parts.push(html`<span class="small">待另一位管理员确认（由${this.nameOf(u.pendingBy)}设立）</span>`);
    if (u.lockedAt) parts.push(html`<span class="small">${formatDateTime(u.lockedAt)} 因多次密码错误锁定</span>`);
    if (!parts.length) parts.push(html`<span class="small muted">${u.mustChangePassword ? '下次登录须修改密码' : '正常'}</span>`);
    return parts;
  }

  private renderActions(u: User) {
    const name = personName(u, this.users);
    const self = u.id === this.me;
    return html`<button type="button" aria-label="修改 ${name}" @click=${() => this.editor.open(u, this.orgs, self)}>修改</button>
      ${self || u.role === 'admin' ? nothing : html`<button type="button" aria-label="重设密码 ${name}" @click=${() => this.reset(u)}>重设密码</button>`}
      ${
        self
          ? nothing
          : u.disabled
            ? html`<button type="button" aria-label="启用 ${name}" @click=${() => this.setDisabled(u, false)}>启用</button>`
            : html`<button type="button" class="danger" aria-label="停用 ${name}" @click=${() => this.setDisabled(u, true)}>停用</button>`
      }
      ${
        u.pendingBy !== null && u.pendingBy !== this.me
          ? html`<button type="button" class="primary" aria-label="确认 ${name}" @click=${() => this.confirm(u)}>确认管理员</button>`
          : nothing
      }
      ${u.lockedAt ? html`<button type="button" aria-label="解锁 ${name}" @click=${() => this.unlock(u)}>解锁</button>` : nothing}`;
  }

  private renderSecret(s: Secret) {
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(s.password);
        this.secret = { ...s, copied: 'ok' };
      } catch {
        this.secret = { ...s, copied: 'failed' };
      }
    };
    return html`<div class="message info" role="status" aria-label="新密码">
      <p><strong>${s.name}</strong> 的新密码（只显示这一次，请当面或通过安全渠道转交本人；${s.note}）：</p>
      <div class="secret"><code aria-label="新密码">${s.password}</code>
        <button type="button" @click=${copy}>复制</button>
        ${s.copied === 'ok' ? html`<span class="small">已复制</span>` : s.copied === 'failed' ? html`<span class="small">无法访问剪贴板，请选中后手动复制</span>` : nothing}
        <button type="button" @click=${() => (this.secret = null)}>我已转交，关闭</button></div>
    </div>`;
  }

  private async setDisabled(u: User, disabled: boolean) {
    const name = personName(u, this.users);
    if (disabled) {
      const yes = await ask(`停用 ${name} 的账号？\n${name}的所有登录将立即结束，重新启用之前无法登录。`, {
        confirmLabel: '停用',
        danger: true,
      });
      if (!yes) return;
    }
    await this.act(() => setUserDisabled(api, u.id, disabled), `已${disabled ? '停用' : '启用'} ${name}`);
  }

  private async reset(u: User) {
    const name = personName(u, this.users);
    const yes = await ask(`为 ${name} 重设密码？\n将生成一个新密码（只显示一次）；${name}的所有登录立即结束，下次登录时须修改密码。`, {
      confirmLabel: '重设密码',
      danger: true,
    });
    if (!yes) return;
    try {
      const r = await resetPassword(api, u.id);
      await this.reload();
      this.secret = { name, password: r.password, note: `${name}下次登录时须修改`, copied: '' };
      this.message = null;
    } catch (e) {
      this.message = { kind: 'error', text: problemOf(e).message };
    }
  }

  private async confirm(u: User) {
    const name = personName(u, this.users);
    const yes = await ask(
      `确认 ${name} 为系统管理员？\n确认后将生成${name}的登录密码（只显示一次），由您转交本人；设立账号时的初始密码随即失效。${name}拥有全部管理权限。`,
      { confirmLabel: '确认管理员' },
    );
    if (!yes) return;
    try {
      const r = await confirmAdmin(api, u.id);
      await this.reload();
      this.secret = { name, password: r.password, note: `${name}首次登录时须修改`, copied: '' };
      this.message = { kind: 'ok', text: `已确认 ${name} 为系统管理员，可用下面的密码登录` };
    } catch (e) {
      this.message = { kind: 'error', text: problemOf(e).message };
    }
  }

  private unlock(u: User) {
    return this.act(() => unlockUser(api, u.id), `已解锁 ${personName(u, this.users)}`);
  }

  private onSaved = async (e: CustomEvent<{ user: User; before: User }>) => {
    const { user, before } = e.detail;
    const promoted = user.pendingBy !== null && before.pendingBy === null;
    await this.reload();
    this.message = { kind: 'ok', text: `已保存 ${user.displayName}${promoted ? '；须由另一位管理员确认后才能以管理员身份登录' : ''}` };
  };

  private async act(call: () => Promise<unknown>, ok: string) {
    try {
      await call();
      // The message once the list shows what it says.
      await this.reload();
      this.message = { kind: 'ok', text: ok };
    } catch (e) {
      this.message = { kind: 'error', text: problemOf(e).message };
    }
  }

  private renderCreate() {
    const e = this.errors;
    return html`<form class="inline" novalidate @submit=${this.create} aria-label="新建用户">
      ${field(e, 'username', '用户名（登录用）', (i, d) => html`<input name="username" class="mono" autocomplete="off" aria-invalid=${i} aria-describedby=${d} />`)}
      ${field(e, 'displayName', '姓名', (i, d) => html`<input name="displayName" aria-invalid=${i} aria-describedby=${d} />`)}
      ${field(e, 'password', `初始密码（至少 ${MIN_PASSWORD} 位）`, (i, d) => html`<input name="password" type="password" autocomplete="new-password" aria-invalid=${i} aria-describedby=${d} />`)}
      ${field(e, 'role', '角色', (i, d) => html`<select name="role" aria-invalid=${i} aria-describedby=${d}>${Object.entries(ROLE_LABELS).map(([r, l]) => html`<option value=${r}>${l}</option>`)}</select>`)}
      ${field(e, 'orgId', '所属组织', (i, d) => html`<select name="orgId" aria-invalid=${i} aria-describedby=${d}><option value="">—</option>${this.orgs.map((o) => html`<option value=${o.id}>${o.name}</option>`)}</select>`)}
      <button type="submit">新建用户</button>
    </form>`;
  }

  private create = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    const d = new FormData(form);
    const input = {
      username: String(d.get('username')).trim(),
      displayName: String(d.get('displayName')).trim(),
      password: String(d.get('password')),
      role: String(d.get('role')) as Role,
      orgId: d.get('orgId') ? Number(d.get('orgId')) : null,
    };
    this.errors = userErrors(input);
    if (Object.keys(this.errors).length) {
      this.message = { kind: 'error', text: FIX_MARKED };
      return;
    }
    try {
      const user = await createUser(api, input);
      form.reset();
      await this.reload();
      this.message = {
        kind: 'ok',
        text: `已新建用户 ${user.displayName}${user.pendingBy !== null ? '；须由另一位管理员确认后才能登录' : ''}`,
      };
    } catch (err) {
      const p = problemOf(err);
      this.errors = p.fields;
      this.message = { kind: 'error', text: p.message };
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-admin-users': ShAdminUsers;
  }
}
