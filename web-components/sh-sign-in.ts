// Sign-in form: username and password; the token goes to sessionStorage (sent as Bearer, never as a cookie).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, errorText } from './lib/api.js';
import { fire } from './lib/events.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import { login } from './lib/api-auth.js';
import { checkForm, focusFirstInvalid } from './lib/form-check.js';
import { type FieldErrors, field } from './lib/form-fields.js';

/**
 * @fires signed-in - `{ session }` after a successful login.
 */
@customElement('sh-sign-in')
export class ShSignIn extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: flex; justify-content: center; padding: 10vh 16px; }
      .card { width: 380px; padding: 28px; }
      h1 { font-size: 22px; margin-bottom: 4px; }
      input { width: 100%; }
      button.primary { width: 100%; justify-content: center; margin-top: 6px; min-height: 36px; }
    `,
  ];

  @state() private error = '';
  @state() private busy = false;
  @state() private errors: FieldErrors = {};

  override render() {
    return html`<form class="card" novalidate @submit=${this.onSubmit} aria-labelledby="title">
      <h1 id="title">三合一档案规则工作台</h1>
      <p class="muted">档案分类方案 · 归档范围 · 保管期限表</p>
      ${this.error ? html`<div class="message error" role="alert">${this.error}</div>` : nothing}
      ${field(this.errors, 'username', '用户名', (invalid, describedBy) => html`<input name="username" autocomplete="username" required autofocus aria-invalid=${invalid} aria-describedby=${describedBy} />`)}
      ${field(this.errors, 'password', '密码', (invalid, describedBy) => html`<input name="password" type="password" autocomplete="current-password" required aria-invalid=${invalid} aria-describedby=${describedBy} />`)}
      <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? '正在登录…' : '登录'}</button>
    </form>`;
  }

  private async onSubmit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    this.errors = checkForm(form);
    if (Object.keys(this.errors).length) return focusFirstInvalid(form, this.errors);
    const data = new FormData(form);
    this.busy = true;
    this.error = '';
    try {
      const session = await login(api, String(data.get('username') ?? '').trim(), String(data.get('password') ?? ''));
      fire(this, 'signed-in', { session });
    } catch (err) {
      this.error = err instanceof ApiError && err.status === 401 ? '用户名或密码不正确' : errorText(err);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-sign-in': ShSignIn;
  }
}
