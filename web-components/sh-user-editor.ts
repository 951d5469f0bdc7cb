// Editing an account (admins): 姓名, 角色 and 所属组织 in a modal dialog, the service's errors next to their fields.
import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { type UserChanges, updateUser } from './lib/api-admin.js';
import type { Org, Role, User } from './lib/api.js';
import { FIX_MARKED, userErrors } from './lib/admin-checks.js';
import { orgTypeLabel } from './lib/admin-words.js';
import { fire } from './lib/events.js';
import { type FieldErrors, field, problemOf } from './lib/form-fields.js';
import { ROLE_LABELS } from './lib/format.js';
import { api } from './lib/session.js';
import { adminStyles } from './styles/admin.js';
import { shared } from './styles/shared.js';

@customElement('sh-user-editor')
export class ShUserEditor extends LitElement {
  static override styles = [shared, adminStyles];

  @state() private user: User | null = null;
  @state() private orgs: Org[] = [];
  /** The admin edits itself: its role stays (the service refuses it too). */
  @state() private self = false;
  @state() private chosenRole: Role = 'archivist';
  @state() private errors: FieldErrors = {};
  @state() private message = '';
  @state() private busy = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  /** Counts openings: each one renders a fresh form (no edits left over from the last one). */
  private opened = 0;

  async open(user: User, orgs: Org[], self: boolean) {
    this.user = user;
    this.orgs = orgs;
    this.self = self;
    this.chosenRole = user.role;
    this.errors = {};
    this.message = '';
    this.opened++;
    await this.updateComplete;
    this.dialog.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('input[name=displayName]')?.focus();
  }

  override render() {
    const u = this.user;
    if (!u) return html`<dialog></dialog>`;
    const e = this.errors;
    return html`<dialog aria-labelledby="user-edit-title">
      <h2 id="user-edit-title">修改用户 ${u.displayName}</h2>
      <p class="small muted">登录名 <span class="mono">${u.username}</span>（不能修改）</p>
      ${this.message ? html`<div class="message error" role="alert">${this.message}</div>` : nothing}
      ${keyed(
        this.opened,
        html`<form novalidate @submit=${this.save}>
        ${field(e, 'displayName', '姓名', (inv, d) => html`<input name="displayName" .value=${u.displayName} maxlength="100" aria-invalid=${inv} aria-describedby=${d} />`, 'ue-')}
        ${field(
          e,
          'role',
          '角色',
          (inv, d) => html`<select name="role" ?disabled=${this.self} aria-invalid=${inv} aria-describedby=${d}
            @change=${(ev: Event) => (this.chosenRole = (ev.target as HTMLSelectElement).value as Role)}>
            ${Object.entries(ROLE_LABELS).map(([r, l]) => html`<option value=${r} ?selected=${r === u.role}>${l}</option>`)}</select>`,
          'ue-',
        )}
        ${this.self ? html`<p class="hint">不能修改自己的角色，请另一位管理员修改。</p>` : nothing}
        ${this.chosenRole === 'admin' && u.role !== 'admin' ? html`<p class="hint">改为管理员后，须由另一位管理员确认，才能登录。</p>` : nothing}
        ${field(
          e,
          'orgId',
          '所属组织',
          (inv, d) => html`<select name="orgId" aria-invalid=${inv} aria-describedby=${d}>
            <option value="" ?selected=${u.orgId === null}>无（仅管理员）</option>
            ${this.orgs.map((o) => html`<option value=${o.id} ?selected=${o.id === u.orgId}>${o.name}（${orgTypeLabel(o)}）</option>`)}</select>`,
          'ue-',
        )}
        <p class="hint">档案员属于单位；审核员属于档案局，或有下属单位的上级企业。</p>
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
    const u = this.user!;
    const d = new FormData(ev.target as HTMLFormElement);
    const displayName = String(d.get('displayName') ?? '').trim();
    const role = this.self ? u.role : (String(d.get('role')) as Role);
    const orgId = d.get('orgId') ? Number(d.get('orgId')) : null;
    this.errors = userErrors({ displayName, role, orgId });
    if (Object.keys(this.errors).length) {
      this.message = FIX_MARKED;
      return;
    }
    const changes: UserChanges = {};
    if (displayName !== u.displayName) changes.displayName = displayName;
    if (role !== u.role) changes.role = role;
    if (orgId !== u.orgId) changes.orgId = orgId;
    if (!Object.keys(changes).length) {
      this.dialog.close();
      return;
    }
    this.busy = true;
    try {
      const saved = await updateUser(api, u.id, changes);
      this.dialog.close();
      fire(this, 'user-saved', { user: saved, before: u });
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
    'sh-user-editor': ShUserEditor;
  }
  interface GlobalEventHandlersEventMap {
    /** An account was saved (`before` is what it was). */
    'user-saved': CustomEvent<{ user: User; before: User }>;
  }
}
