// Administration: organisations (档案局 with its superior bureau, 单位 with 全宗号 and 档案主管部门/上级单位) and user
// accounts. The page reads both and hands them to its two sections, which have them read again after every change.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { listOrgs, listUsers } from './lib/api-admin.js';
import { errorText } from './lib/api.js';
import { api } from './lib/session.js';
import './sh-admin-orgs.js';
import './sh-admin-users.js';
import { shared } from './styles/shared.js';

@customElement('sh-admin')
export class ShAdmin extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; padding: 16px 20px 40px; max-width: 1200px; }
      sh-admin-orgs, sh-admin-users { display: block; margin-bottom: 18px; }
    `,
  ];

  private data = new Task(this, {
    task: async (_a, { signal }) => {
      const [orgs, users] = await Promise.all([listOrgs(api, signal), listUsers(api, signal)]);
      return { orgs, users };
    },
    args: () => [] as const,
  });

  private reload = () => this.data.run();

  override render() {
    // While reading again after a change, the sections stay (with their messages) and show the old lists.
    const value = this.data.value;
    return html`<h1>组织与用户</h1>
      ${this.data.error ? html`<div class="message error" role="alert">${errorText(this.data.error)}</div>` : nothing}
      ${
        value
          ? html`<sh-admin-orgs .orgs=${value.orgs} .reload=${this.reload}></sh-admin-orgs>
            <sh-admin-users .users=${value.users} .orgs=${value.orgs} .reload=${this.reload}></sh-admin-users>`
          : this.data.error
            ? nothing
            : html`<p class="muted">正在加载…</p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-admin': ShAdmin;
  }
}
