// The units the signed-in user may see (a reviewer's supervised units), each opening its schemes.
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { errorText } from './lib/api.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import { listOrgs } from './lib/api-admin.js';

@customElement('sh-unit-list')
export class ShUnitList extends LitElement {
  static override styles = [shared, css`:host { display: block; padding: 16px 20px 40px; max-width: 1000px; }`];

  private orgs = new Task(this, {
    task: async (_a, { signal }) => (await listOrgs(api, signal)).filter((o) => o.type === 'unit'),
    args: () => [] as const,
  });

  override render() {
    return html`<h1>单位</h1>
      ${this.orgs.render({
        pending: () => html`<p class="muted">正在加载…</p>`,
        error: (e) => html`<div class="message error">${errorText(e)}</div>`,
        complete: (units) =>
          units.length === 0
            ? html`<div class="empty"><strong>没有可查看的单位</strong>由管理员在“组织与用户”中建立单位并指定监管档案局。</div>`
            : html`<table aria-label="单位"><thead><tr><th>单位</th><th>全宗号</th><th>类型</th><th><span class="visually-hidden">操作</span></th></tr></thead>
                <tbody>${units.map(
                  (u) => html`<tr><td>${u.name}</td><td class="mono">${u.fonds ?? ''}</td><td>${u.kind === 'organ' ? '机关' : '企业'}</td>
                  <td><a class="button" href="#/units/${u.id}">查看三合一表</a></td></tr>`,
                )}</tbody></table>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-unit-list': ShUnitList;
  }
}
