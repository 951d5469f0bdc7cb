// Administration: organisations (档案局 with its superior bureau, 单位 with 全宗号 and 档案主管部门/上级单位) and user accounts.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, type Org, type Role, type User } from './lib/api.js';
import { ROLE_LABELS, formatDateTime } from './lib/format.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import { createOrg, createUser, listOrgs, listUsers, type NewOrg, unlockUser } from './lib/api-admin.js';

@customElement('sh-admin')
export class ShAdmin extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; padding: 16px 20px 40px; max-width: 1200px; }
      section { margin-bottom: 18px; }
      form.inline { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; align-items: end; margin-top: 10px; }
      form.inline .field { margin: 0; }
      form.inline input, form.inline select { width: 100%; }
      .field-error { color: var(--sh-red); font-size: 12px; }
    `,
  ];

  @state() private message: { kind: 'ok' | 'error'; text: string } | null = null;
  @state() private orgType: 'bureau' | 'unit' = 'unit';
  /** Field errors of the last submitted form, by the service's JSON path (`/fonds`) or the form's own check. */
  @state() private fieldErrors: Record<string, string> = {};

  private data = new Task(this, {
    task: async (_a, { signal }) => {
      const [orgs, users] = await Promise.all([listOrgs(api, signal), listUsers(api, signal)]);
      return { orgs, users };
    },
    args: () => [] as const,
  });

  override render() {
    return html`<h1>组织与用户</h1>
      ${this.message ? html`<div class="message ${this.message.kind}" role=${this.message.kind === 'error' ? 'alert' : 'status'}>${this.message.text}</div>` : nothing}
      ${this.data.render({
        pending: () => html`<p class="muted">正在加载…</p>`,
        error: (e) => html`<div class="message error">${e instanceof ApiError ? e.userMessage : String(e)}</div>`,
        complete: ({ orgs, users }) => {
          const name = (id: number | null) => orgs.find((o) => o.id === id)?.name ?? '—';
          return html`
            <section class="card" aria-labelledby="orgs-h">
              <h2 id="orgs-h">组织</h2>
              <table><thead><tr><th>名称</th><th>类型</th><th>全宗号</th><th>档案主管部门/上级单位</th><th><span class="visually-hidden">操作</span></th></tr></thead>
                <tbody>${orgs.map(
                  (
                    o,
                  ) => html`<tr><td>${o.name}</td><td>${o.type === 'bureau' ? '档案局' : o.kind === 'organ' ? '单位（机关）' : '单位（企业）'}</td>
                  <td class="mono">${o.fonds ?? ''}</td><td>${o.supervisorId ? name(o.supervisorId) : '—'}</td>
                  <td>${o.type === 'unit' ? html`<a href="#/units/${o.id}">三合一表</a>` : nothing}</td></tr>`,
                )}</tbody></table>
              ${this.renderOrgForm(orgs)}
            </section>
            <section class="card" aria-labelledby="users-h">
              <h2 id="users-h">用户</h2>
              <table><thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>所属组织</th><th>创建时间</th><th>状态</th></tr></thead>
                <tbody>${users.map((u) => html`<tr><td class="mono">${u.username}</td><td>${u.displayName}</td><td>${ROLE_LABELS[u.role]}</td><td>${name(u.orgId)}</td><td class="small muted">${formatDateTime(u.createdAt)}</td><td>${this.renderStatus(u)}</td></tr>`)}</tbody></table>
              ${this.renderUserForm(orgs)}
            </section>`;
        },
      })}`;
  }

  private renderStatus(u: User) {
    if (u.lockedAt)
      return html`<span class="small">${formatDateTime(u.lockedAt)} 因多次密码错误锁定</span>
        <button type="button" aria-label="解锁 ${u.displayName}" @click=${() => this.unlock(u)}>解锁</button>`;
    if (u.disabled) return html`<span class="small muted">已停用</span>`;
    return u.mustChangePassword ? html`<span class="small muted">待首次修改密码</span>` : html`<span class="small muted">正常</span>`;
  }

  private async unlock(u: User) {
    try {
      await unlockUser(api, u.id);
      this.message = { kind: 'ok', text: `已解锁 ${u.displayName}` };
      this.data.run();
    } catch (e) {
      this.message = { kind: 'error', text: e instanceof ApiError ? e.userMessage : String(e) };
    }
  }

  /** A labelled control with its error under it (aria-invalid, described by the error). */
  private field(name: string, label: string, control: (invalid: boolean, describedBy: string) => unknown) {
    const error = this.fieldErrors[name];
    // The error stays outside the label, so that it does not become part of the control's name.
    return html`<div class="field"><label class="field" style="margin:0"><span>${label}</span>${control(!!error, error ? `err-${name}` : '')}</label>
      ${error ? html`<span class="field-error" id="err-${name}" role="alert">${error}</span>` : nothing}</div>`;
  }

  private renderOrgForm(orgs: Org[]) {
    const bureaus = orgs.filter((o) => o.type === 'bureau');
    const supervisors = orgs.filter((o) => o.type === 'bureau' || o.kind === 'enterprise');
    const inv = (i: boolean) => (i ? 'true' : 'false');
    return html`<form class="inline" novalidate @submit=${this.createOrg} aria-label="新建组织">
      <label class="field"><span>类型</span><select name="type" .value=${this.orgType} @change=${(e: Event) => {
        this.orgType = (e.target as HTMLSelectElement).value as 'bureau' | 'unit';
        this.fieldErrors = {};
      }}>
        <option value="unit" ?selected=${this.orgType === 'unit'}>单位</option><option value="bureau" ?selected=${this.orgType === 'bureau'}>档案局</option></select></label>
      ${this.field('name', '名称', (i, d) => html`<input name="name" aria-invalid=${inv(i)} aria-describedby=${d} />`)}
      ${
        this.orgType === 'unit'
          ? html`${this.field('fonds', '全宗号', (i, d) => html`<input name="fonds" class="mono" aria-invalid=${inv(i)} aria-describedby=${d} />`)}
            <label class="field"><span>单位类型</span><select name="kind"><option value="enterprise">企业</option><option value="organ">机关</option></select></label>
            ${this.field(
              'supervisorId',
              '档案主管部门/上级单位',
              (i, d) => html`<select name="supervisorId" aria-invalid=${inv(i)} aria-describedby=${d}>
              <option value="">请选择…</option>${supervisors.map((o) => html`<option value=${o.id}>${o.name}</option>`)}</select>`,
            )}`
          : this.field(
              'supervisorId',
              '上级档案局（可不选）',
              (i, d) => html`<select name="supervisorId" aria-invalid=${inv(i)} aria-describedby=${d}>
            <option value="">无</option>${bureaus.map((o) => html`<option value=${o.id}>${o.name}</option>`)}</select>`,
            )
      }
      <button type="submit">新建组织</button>
    </form>`;
  }

  private renderUserForm(orgs: Org[]) {
    const inv = (i: boolean) => (i ? 'true' : 'false');
    return html`<form class="inline" novalidate @submit=${this.createUser} aria-label="新建用户">
      ${this.field('username', '用户名（登录用）', (i, d) => html`<input name="username" class="mono" autocomplete="off" aria-invalid=${inv(i)} aria-describedby=${d} />`)}
      ${this.field('displayName', '姓名', (i, d) => html`<input name="displayName" aria-invalid=${inv(i)} aria-describedby=${d} />`)}
      ${this.field('password', '初始密码（至少 10 位）', (i, d) => html`<input name="password" type="password" autocomplete="new-password" aria-invalid=${inv(i)} aria-describedby=${d} />`)}
      <label class="field"><span>角色</span><select name="role">${Object.entries(ROLE_LABELS).map(([r, l]) => html`<option value=${r}>${l}</option>`)}</select></label>
      ${this.field('orgId', '所属组织', (i, d) => html`<select name="orgId" aria-invalid=${inv(i)} aria-describedby=${d}><option value="">—</option>${orgs.map((o) => html`<option value=${o.id}>${o.name}</option>`)}</select>`)}
      <button type="submit">新建用户</button>
    </form>`;
  }

  private createOrg = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    const input: NewOrg = {
      type: String(d.get('type')) as 'bureau' | 'unit',
      name: String(d.get('name')).trim(),
    };
    const missing: Record<string, string> = {};
    if (!input.name) missing.name = '请填写名称';
    if (input.type === 'unit') {
      if (String(d.get('fonds') ?? '').trim()) input.fonds = String(d.get('fonds')).trim();
      else missing.fonds = '请填写全宗号';
      input.kind = String(d.get('kind')) as 'enterprise' | 'organ';
      if (!d.get('supervisorId')) missing.supervisorId = '请选择档案主管部门或上级单位';
    }
    if (d.get('supervisorId')) input.supervisorId = Number(d.get('supervisorId'));
    if (this.stop(missing)) return;
    await this.act(() => createOrg(api, input), `已新建组织“${input.name}”`, form);
  };

  private createUser = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    const input = {
      username: String(d.get('username')).trim(),
      displayName: String(d.get('displayName')).trim(),
      password: String(d.get('password')),
      role: String(d.get('role')) as Role,
      orgId: d.get('orgId') ? Number(d.get('orgId')) : null,
    };
    const missing: Record<string, string> = {};
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$/.test(input.username))
      missing.username = '用户名用 2–64 位字母、数字、点、下划线或连字符，以字母或数字开头';
    if (!input.displayName) missing.displayName = '请填写姓名';
    if (input.password.length < 10) missing.password = '初始密码至少 10 位';
    if (input.role !== 'admin' && input.orgId === null) missing.orgId = '档案员和审核员须选择所属组织';
    if (this.stop(missing)) return;
    await this.act(() => createUser(api, input), `已新建用户 ${input.displayName}`, form);
  };

  /** Shows the form's own findings next to their fields; true when there were any. */
  private stop(errors: Record<string, string>): boolean {
    this.fieldErrors = errors;
    if (!Object.keys(errors).length) return false;
    this.message = { kind: 'error', text: '请修正标出的项目。' };
    return true;
  }

  private async act(call: () => Promise<unknown>, ok: string, form: HTMLFormElement) {
    try {
      await call();
      this.message = { kind: 'ok', text: ok };
      this.fieldErrors = {};
      form.reset();
      // The reset puts the type back to 单位: the fields shown must follow it.
      this.orgType = 'unit';
      this.data.run();
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) {
        this.fieldErrors = Object.fromEntries(e.errors.map((x) => [x.path.replace(/^\//, '').split('/')[0], x.message]));
        this.message = { kind: 'error', text: `${e.userMessage}。请修正标出的项目。` };
      } else this.message = { kind: 'error', text: e instanceof ApiError ? e.userMessage : String(e) };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-admin': ShAdmin;
  }
}
