// Editing an organisation (admins): 名称, 全宗号, 单位类型 and 档案主管部门/上级单位 in a modal dialog, the service's
// errors (a used 全宗号, a cycle of 上级单位, a kind that its tables no longer match) next to their fields.
import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { type OrgChanges, updateOrg } from './lib/api-admin.js';
import type { Org } from './lib/api.js';
import { FIX_MARKED, orgErrors } from './lib/admin-checks.js';
import { canSuperviseUnits, orgTypeLabel } from './lib/admin-words.js';
import { fire } from './lib/events.js';
import { type FieldErrors, field, problemOf } from './lib/form-fields.js';
import { api } from './lib/session.js';
import { adminStyles } from './styles/admin.js';
import { shared } from './styles/shared.js';

@customElement('sh-org-editor')
export class ShOrgEditor extends LitElement {
  static override styles = [shared, adminStyles];

  @state() private org: Org | null = null;
  @state() private orgs: Org[] = [];
  @state() private errors: FieldErrors = {};
  @state() private message = '';
  @state() private busy = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  /** Counts openings: each one renders a fresh form (no edits left over from the last one). */
  private opened = 0;

  async open(org: Org, orgs: Org[]) {
    this.org = org;
    this.orgs = orgs;
    this.errors = {};
    this.message = '';
    this.opened++;
    await this.updateComplete;
    this.dialog.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('input[name=name]')?.focus();
  }

  override render() {
    const o = this.org;
    if (!o) return html`<dialog></dialog>`;
    const e = this.errors;
    const unit = o.type === 'unit';
    const supervisors = this.orgs.filter((x) => x.id !== o.id && (unit ? canSuperviseUnits(x) : x.type === 'bureau'));
    return html`<dialog aria-labelledby="org-edit-title">
      <h2 id="org-edit-title">修改${unit ? '单位' : '档案局'} ${o.name}</h2>
      ${this.message ? html`<div class="message error" role="alert">${this.message}</div>` : nothing}
      ${keyed(
        this.opened,
        html`<form novalidate @submit=${this.save}>
        ${field(e, 'name', '名称', (inv, d) => html`<input name="name" .value=${o.name} maxlength="200" aria-invalid=${inv} aria-describedby=${d} />`, 'oe-')}
        ${
          unit
            ? html`${field(e, 'fonds', '全宗号', (inv, d) => html`<input name="fonds" class="mono" .value=${o.fonds ?? ''} aria-invalid=${inv} aria-describedby=${d} />`, 'oe-')}
              ${field(
                e,
                'kind',
                '单位类型',
                (inv, d) => html`<select name="kind" aria-invalid=${inv} aria-describedby=${d}>
                  <option value="enterprise" ?selected=${o.kind === 'enterprise'}>企业</option>
                  <option value="organ" ?selected=${o.kind === 'organ'}>机关</option></select>`,
                'oe-',
              )}
              <p class="hint">单位类型决定适用哪一份国家基线；已有三合一表的单位不能修改。</p>`
            : nothing
        }
        ${field(
          e,
          'supervisorId',
          unit ? '档案主管部门/上级单位' : '上级档案局（可不选）',
          (inv, d) => html`<select name="supervisorId" aria-invalid=${inv} aria-describedby=${d}>
            ${unit ? nothing : html`<option value="" ?selected=${o.supervisorId === null}>无</option>`}
            ${supervisors.map((x) => html`<option value=${x.id} ?selected=${x.id === o.supervisorId}>${x.name}（${orgTypeLabel(x)}）</option>`)}</select>`,
          'oe-',
        )}
        <div class="actions">
          <button type="button" @click=${() => this.dialog.close()}>取消</button>
          <button type="submit" class="primary" ?disabled=${this.busy}>保存</button>
        </div>
      </form>`,
      )}
    </dialog>`;
  }

  private save = async (ev: Event) => {
    ev.preventDefault();
    const o = this.org!;
    const d = new FormData(ev.target as HTMLFormElement);
    const text = (k: string) => String(d.get(k) ?? '').trim();
    const name = text('name');
    const fonds = text('fonds');
    // A unit's list offers no empty choice: it always has a supervisor.
    const supervisorId = text('supervisorId') ? Number(text('supervisorId')) : null;
    this.errors = orgErrors({ type: o.type, name, fonds, supervisorId });
    if (Object.keys(this.errors).length) {
      this.message = FIX_MARKED;
      return;
    }
    const changes: OrgChanges = {};
    if (name !== o.name) changes.name = name;
    if (o.type === 'unit') {
      if (fonds !== o.fonds) changes.fonds = fonds;
      const kind = text('kind') as 'enterprise' | 'organ';
      if (kind !== o.kind) changes.kind = kind;
    }
    if (supervisorId !== o.supervisorId) changes.supervisorId = supervisorId;
    if (!Object.keys(changes).length) {
      this.dialog.close();
      return;
    }
    this.busy = true;
    try {
      const saved = await updateOrg(api, o.id, changes);
      this.dialog.close();
      fire(this, 'org-saved', { org: saved });
    } catch (err) {
      const p = problemOf(err);
      this.errors = p.fields;
      this.message = p.message;
    } finally {
      this.busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-org-editor': ShOrgEditor;
  }
  interface GlobalEventHandlersEventMap {
    'org-saved': CustomEvent<{ org: Org }>;
  }
}
