// The signed-in person's own account: change the password (the current one is asked for; errors next to the field).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fire } from './lib/events.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import { changeOwnPassword } from './lib/api-auth.js';
import { field, problemOf } from './lib/form-fields.js';

/**
 * @fires password-changed - after the password was changed.
 */
@customElement('sh-account')
export class ShAccount extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; padding: 16px 20px 40px; max-width: 520px; }
      input { width: 100%; }
    `,
  ];

  /** Signed in with a generated or reset password: it must be changed before anything else. */
  @property({ type: Boolean }) required = false;
  @state() private errors: Record<string, string> = {};
  @state() private done = false;
  @state() private busy = false;

  override render() {
    const password = (name: string, label: string, autocomplete: string) =>
      field(
        this.errors,
        name,
        label,
        (invalid, describedBy) =>
          html`<input name=${name} type="password" autocomplete=${autocomplete} aria-invalid=${invalid} aria-describedby=${describedBy} />`,
      );
    return html`<h1>修改密码</h1>
      ${this.required && !this.done ? html`<div class="message warn" role="alert">您使用的是初始密码或管理员重设的密码，请先设置自己的新密码再继续使用。</div>` : nothing}
      ${this.done ? html`<div class="message ok" role="status">密码已修改，下次登录请使用新密码。</div>` : nothing}
      <form class="card" novalidate aria-label="修改密码" @submit=${this.submit}>
        ${password('currentPassword', '当前密码', 'current-password')}
        ${password('newPassword', '新密码（至少 10 位）', 'new-password')}
        ${password('again', '再次输入新密码', 'new-password')}
        <button type="submit" class="primary" ?disabled=${this.busy}>修改密码</button>
      </form>`;
  }

  private submit = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    const currentPassword = String(d.get('currentPassword') ?? '');
    const newPassword = String(d.get('newPassword') ?? '');
    const errors: Record<string, string> = {};
    if (!currentPassword) errors.currentPassword = '请输入当前密码';
    if (newPassword.length < 10) errors.newPassword = '新密码至少 10 位';
    else if (String(d.get('again') ?? '') !== newPassword) errors.again = '两次输入的新密码不一致';
    this.errors = errors;
    this.done = false;
    if (Object.keys(errors).length) return;
    this.busy = true;
    try {
      await changeOwnPassword(api, currentPassword, newPassword);
      this.done = true;
      form.reset();
      fire(this, 'password-changed', {});
    } catch (err) {
      const problem = problemOf(err);
      this.errors = Object.keys(problem.fields).length ? problem.fields : { currentPassword: problem.message };
    } finally {
      this.busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-account': ShAccount;
  }
}
