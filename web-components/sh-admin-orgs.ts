// The admin page's organisations: 档案局 (with a superior bureau, if any) and 单位 (全宗号, 单位类型,
// 档案主管部门/上级单位) — listed, created and edited.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { type NewOrg, createOrg } from './lib/api-admin.js';
import type { Org } from './lib/api.js';
import { FIX_MARKED, orgErrors } from './lib/admin-checks.js';
import { canSuperviseUnits, orgTypeLabel } from './lib/admin-words.js';
import { type FieldErrors, field, problemOf } from './lib/form-fields.js';
import { api } from './lib/session.js';
import './sh-org-editor.js';
import type { ShOrgEditor } from './sh-org-editor.js';
import { adminStyles } from './styles/admin.js';
import { shared } from './styles/shared.js';

@customElement('sh-admin-orgs')
export class ShAdminOrgs extends LitElement {
  static override styles = [shared, adminStyles];

  @property({ attribute: false }) orgs: Org[] = [];
  /** Reads organisations and users again (the page's); resolves once the lists are fresh. */
  @property({ attribute: false }) reload: () => Promise<unknown> = async () => {};
  @state() private message: { kind: 'ok' | 'error'; text: string } | null = null;
  @state() private orgType: 'bureau' | 'unit' = 'unit';
  @state() private errors: FieldErrors = {};
  @query('sh-org-editor') private editor!: ShOrgEditor;

  override render() {
    const name = (id: number | null) => this.orgs.find((o) => o.id === id)?.name ?? '—';
    return html`<section class="card" aria-labelledby="orgs-h">
      <h2 id="orgs-h">组织</h2>
      ${this.message ? html`<div class="message ${this.message.kind}" role=${this.message.kind === 'error' ? 'alert' : 'status'}>${this.message.text}</div>` : nothing}
      <table><thead><tr><th>名称</th><th>类型</th><th>全宗号</th><th>档案主管部门/上级单位</th><th><span class="visually-hidden">操作</span></th></tr></thead>
        <tbody>${this.orgs.map(
          (o) => html`<tr><td>${o.name}</td><td>${orgTypeLabel(o)}</td><td class="mono">${o.fonds ?? ''}</td>
            <td>${o.supervisorId ? name(o.supervisorId) : '—'}</td>
            <td class="actions"><button type="button" aria-label="修改 ${o.name}" @click=${() => this.editor.open(o, this.orgs)}>修改</button>
              ${o.type === 'unit' ? html`<a href="#/units/${o.id}">三合一表</a>` : nothing}</td></tr>`,
        )}</tbody></table>
      ${this.renderCreate()}
      <sh-org-editor @org-saved=${this.onSaved}></sh-org-editor>
    </section>`;
  }

  private onSaved = async (e: CustomEvent<{ org: Org }>) => {
    await this.reload();
    this.message = { kind: 'ok', text: `已保存“${e.detail.org.name}”` };
  };

  private renderCreate() {
    const e = this.errors;
    const bureaus = this.orgs.filter((o) => o.type === 'bureau');
    const supervisors = this.orgs.filter(canSuperviseUnits);
    return html`<form class="inline" novalidate @submit=${this.create} aria-label="新建组织">
      <label class="field"><span>类型</span><select name="type" .value=${this.orgType} @change=${(ev: Event) => {
        this.orgType = (ev.target as HTMLSelectElement).value as 'bureau' | 'unit';
        this.errors = {};
      }}>
        <option value="unit" ?selected=${this.orgType === 'unit'}>单位</option><option value="bureau" ?selected=${this.orgType === 'bureau'}>档案局</option></select></label>
      ${field(e, 'name', '名称', (i, d) => html`<input name="name" aria-invalid=${i} aria-describedby=${d} />`)}
      ${
        this.orgType === 'unit'
          ? html`${field(e, 'fonds', '全宗号', (i, d) => html`<input name="fonds" class="mono" aria-invalid=${i} aria-describedby=${d} />`)}
            <label class="field"><span>单位类型</span><select name="kind"><option value="enterprise">企业</option><option value="organ">机关</option></select></label>
            ${field(
              e,
              'supervisorId',
              '档案主管部门/上级单位',
              (i, d) => html`<select name="supervisorId" aria-invalid=${i} aria-describedby=${d}>
              <option value="">请选择…</option>${supervisors.map((o) => html`<option value=${o.id}>${o.name}</option>`)}</select>`,
            )}`
          : field(
              e,
              'supervisorId',
              '上级档案局（可不选）',
              (i, d) => html`<select name="supervisorId" aria-invalid=${i} aria-describedby=${d}>
            <option value="">无</option>${bureaus.map((o) => html`<option value=${o.id}>${o.name}</option>`)}</select>`,
            )
      }
      <button type="submit">新建组织</button>
    </form>`;
  }

  private create = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    const d = new FormData(form);
    const input: NewOrg = { type: String(d.get('type')) as 'bureau' | 'unit', name: String(d.get('name')).trim() };
    const fonds = String(d.get('fonds') ?? '').trim();
    const supervisorId = d.get('supervisorId') ? Number(d.get('supervisorId')) : null;
    if (input.type === 'unit') {
      if (fonds) input.fonds = fonds;
      input.kind = String(d.get('kind')) as 'enterprise' | 'organ';
    }
    if (supervisorId !== null) input.supervisorId = supervisorId;
    this.errors = orgErrors({ type: input.type, name: input.name, fonds, supervisorId });
    if (Object.keys(this.errors).length) {
      this.message = { kind: 'error', text: FIX_MARKED };
      return;
    }
    try {
      await createOrg(api, input);
      form.reset();
      // The reset puts the type back to 单位: the fields shown must follow it.
      this.orgType = 'unit';
      await this.reload();
      this.message = { kind: 'ok', text: `已新建组织“${input.name}”` };
    } catch (err) {
      const p = problemOf(err);
      this.errors = p.fields;
      this.message = { kind: 'error', text: p.message };
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-admin-orgs': ShAdminOrgs;
  }
}
