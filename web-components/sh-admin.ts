// Administration: organisations (档案局, 单位 with 全宗号 and supervisor) and user accounts.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, type Org, type Role } from './lib/api.js';
import { ROLE_LABELS, formatDateTime } from './lib/format.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';

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
    `,
  ];

  @state() private message: { kind: 'ok' | 'error'; text: string } | null = null;
  @state() private orgType: 'bureau' | 'unit' = 'unit';

  private data = new Task(this, {
    task: async (_a, { signal }) => {
      const [orgs, users] = await Promise.all([api.orgs(signal), api.users(signal)]);
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
              <table><thead><tr><th>名称</th><th>类型</th><th>全宗号</th><th>监管单位</th><th><span class="visually-hidden">操作</span></th></tr></thead>
                <tbody>${orgs.map((o) => html`<tr><td>${o.name}</td><td>${o.type === 'bureau' ? '档案局' : o.kind === 'organ' ? '单位（机关）' : '单位（企业）'}</td>
                  <td class="mono">${o.fonds ?? ''}</td><td>${o.supervisorId ? name(o.supervisorId) : '—'}</td>
                  <td>${o.type === 'unit' ? html`<a href="#/units/${o.id}">方案</a>` : nothing}</td></tr>`)}</tbody></table>
              ${this.renderOrgForm(orgs)}
            </section>
            <section class="card" aria-labelledby="users-h">
              <h2 id="users-h">用户</h2>
              <table><thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>所属组织</th><th>创建时间</th></tr></thead>
                <tbody>${users.map((u) => html`<tr><td class="mono">${u.username}</td><td>${u.displayName}</td><td>${ROLE_LABELS[u.role]}</td><td>${name(u.orgId)}</td><td class="small muted">${formatDateTime(u.createdAt)}</td></tr>`)}</tbody></table>
              ${this.renderUserForm(orgs)}
            </section>`;
        },
      })}`;
  }

  private renderOrgForm(orgs: Org[]) {
    const supervisors = orgs.filter((o) => o.type === 'bureau' || o.kind === 'enterprise');
    return html`<form class="inline" @submit=${this.createOrg} aria-label="新建组织">
      <label class="field"><span>类型</span><select name="type" @change=${(e: Event) => (this.orgType = (e.target as HTMLSelectElement).value as 'bureau' | 'unit')}>
        <option value="unit">单位</option><option value="bureau">档案局</option></select></label>
      <label class="field"><span>名称</span><input name="name" required /></label>
      ${this.orgType === 'unit'
        ? html`<label class="field"><span>全宗号</span><input name="fonds" class="mono" /></label>
            <label class="field"><span>单位类型</span><select name="kind"><option value="enterprise">企业</option><option value="organ">机关</option></select></label>
            <label class="field"><span>监管单位</span><select name="supervisorId"><option value="">—</option>${supervisors.map((o) => html`<option value=${o.id}>${o.name}</option>`)}</select></label>`
        : nothing}
      <button type="submit">新建组织</button>
    </form>`;
  }

  private renderUserForm(orgs: Org[]) {
    return html`<form class="inline" @submit=${this.createUser} aria-label="新建用户">
      <label class="field"><span>用户名</span><input name="username" required class="mono" /></label>
      <label class="field"><span>姓名</span><input name="displayName" required /></label>
      <label class="field"><span>初始密码（至少 10 位）</span><input name="password" type="password" minlength="10" required autocomplete="new-password" /></label>
      <label class="field"><span>角色</span><select name="role">${Object.entries(ROLE_LABELS).map(([r, l]) => html`<option value=${r}>${l}</option>`)}</select></label>
      <label class="field"><span>所属组织</span><select name="orgId"><option value="">—</option>${orgs.map((o) => html`<option value=${o.id}>${o.name}</option>`)}</select></label>
      <button type="submit">新建用户</button>
    </form>`;
  }

  private createOrg = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    const input: Parameters<typeof api.createOrg>[0] = { type: String(d.get('type')) as 'bureau' | 'unit', name: String(d.get('name')).trim() };
    if (input.type === 'unit') {
      if (String(d.get('fonds') ?? '').trim()) input.fonds = String(d.get('fonds')).trim();
      input.kind = String(d.get('kind')) as 'enterprise' | 'organ';
      if (d.get('supervisorId')) input.supervisorId = Number(d.get('supervisorId'));
    }
    await this.act(() => api.createOrg(input), `已新建组织“${input.name}”`, form);
  };

  private createUser = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    const input = {
      username: String(d.get('username')).trim(), displayName: String(d.get('displayName')).trim(), password: String(d.get('password')),
      role: String(d.get('role')) as Role, orgId: d.get('orgId') ? Number(d.get('orgId')) : null,
    };
    await this.act(() => api.createUser(input), `已新建用户 ${input.username}`, form);
  };

  private async act(call: () => Promise<unknown>, ok: string, form: HTMLFormElement) {
    try {
      await call();
      this.message = { kind: 'ok', text: ok };
      form.reset();
      this.data.run();
    } catch (e) {
      this.message = { kind: 'error', text: e instanceof ApiError ? `${e.userMessage}${e.errors.length ? '：' + e.errors.map((x) => x.message).join('；') : ''}` : String(e) };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-admin': ShAdmin;
  }
}
