// The shell: sign-in, a header with what the signed-in role may do (and nothing else), and hash routes to the pages.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { Org, Role, Session } from './lib/api.js';
import { ROLE_LABELS } from './lib/format.js';
import { QueueWatch } from './lib/queue-watch.js';
import { api, onSessionExpired, session, setSession } from './lib/session.js';
import { shared } from './styles/shared.js';
import type { ShWorkbench, WorkbenchTab } from './sh-workbench.js';
import './sh-sign-in.js';
import './sh-unit-home.js';
import './sh-unit-list.js';
import './sh-workbench.js';
import './sh-review-queue.js';
import './sh-review.js';
import './sh-admin.js';
import './sh-account.js';
import './sh-decisions-page.js';
import './sh-supervision.js';
import { getMe, logout } from './lib/api-auth.js';

interface Route {
  name: 'home' | 'unit' | 'units' | 'scheme' | 'queue' | 'review' | 'admin' | 'account' | 'decisions' | 'supervision' | 'notFound';
  params: Record<string, string>;
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path, q = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  const query = new URLSearchParams(q);
  const r = (name: Route['name'], params: Record<string, string> = {}): Route => ({ name, params, query });
  if (parts.length === 0) return r('home');
  if (parts[0] === 'units' && parts.length === 1) return r('units');
  if (parts[0] === 'units' && parts.length === 2) return r('unit', { unit: parts[1] });
  if (parts[0] === 'units' && parts[2] === 'decisions') return r('decisions', { unit: parts[1] });
  if (parts[0] === 'schemes' && parts.length >= 2) {
    if (parts.length === 2) return r('scheme', { scheme: parts[1] });
    if (parts[2] === 'v' && parts[3]) return r('scheme', { scheme: parts[1], version: parts[3], tab: parts[4] ?? 'edit' });
  }
  if (parts[0] === 'review' && parts.length === 1) return r('queue');
  if (parts[0] === 'review' && parts.length === 3) return r('review', { scheme: parts[1], version: parts[2] });
  if (parts[0] === 'admin') return r('admin');
  if (parts[0] === 'account') return r('account');
  if (parts[0] === 'supervision' && parts.length === 1) return r('supervision');
  return r('notFound');
}

/** What each role may do: the navigation it sees. */
const NAV: Record<Role, { href: (orgId: number | null) => string; label: string; route: Route['name'][]; queue?: true }[]> = {
  archivist: [
    { href: (org) => `#/units/${org}`, label: '本单位三合一表', route: ['unit', 'scheme', 'home'] },
    { href: (org) => `#/units/${org}/decisions`, label: '分类记录与待判断', route: ['decisions'] },
  ],
  reviewer: [
    { href: () => '#/review', label: '待审批', route: ['queue', 'review', 'home'], queue: true },
    { href: () => '#/units', label: '所辖单位', route: ['units', 'unit', 'scheme'] },
    { href: () => '#/supervision', label: '监管视图', route: ['supervision'] },
  ],
  admin: [
    { href: () => '#/review', label: '待审批', route: ['queue', 'review'], queue: true },
    { href: () => '#/units', label: '单位', route: ['units', 'unit', 'scheme'] },
    { href: () => '#/supervision', label: '监管视图', route: ['supervision'] },
    { href: () => '#/admin', label: '组织与用户', route: ['admin', 'home'] },
  ],
};

@customElement('sh-app')
export class ShApp extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; min-height: 100vh; background: var(--sh-bg); }
      .top {
        display: flex; align-items: center; gap: 4px 18px; padding: 0 20px; min-height: 48px; background: #173f6b; color: #fff; flex-wrap: wrap;
      }
      .brand { font-weight: 600; font-size: 15px; color: #fff; text-decoration: none; white-space: nowrap; }
      nav { display: flex; gap: 2px; align-self: stretch; }
      nav a { color: #d6e4f5; text-decoration: none; padding: 0 12px; display: flex; align-items: center; border-bottom: 3px solid transparent; white-space: nowrap; min-height: 44px; }
      nav a[aria-current='page'] { color: #fff; border-bottom-color: #fff; font-weight: 600; }
      nav a:hover { color: #fff; }
      .account { color: #d6e4f5; font-size: 13px; white-space: nowrap; }
      nav .count { margin-left: 6px; background: #fff; color: #173f6b; border-radius: 9px; padding: 0 6px; font-size: 12px; font-weight: 600; line-height: 18px; }
      .who { margin-left: auto; font-size: 13px; color: #d6e4f5; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
      @media (max-width: 760px) {
        .top { padding: 0 10px; }
        .brand { font-size: 14px; }
        /* The name shortens and 退出 stays on the first line; the nav takes its own line. */
        nav { order: 3; width: 100%; overflow-x: auto; }
        .who { flex: 1; max-width: none; }
      }
      .top button { background: transparent; color: #fff; border-color: rgba(255, 255, 255, 0.5); min-height: 28px; padding: 2px 10px; }
      .top button:hover:not(:disabled) { color: #fff; border-color: #fff; }
      .top :focus-visible { outline-color: #fff; }
      .expired { margin: 16px 20px 0; }
      .skip { position: absolute; left: -1000px; }
      .skip:focus { left: 8px; top: 8px; z-index: 10; background: #fff; padding: 6px 10px; }
    `,
  ];

  @state() private session: Session | null = session();
  @state() private org: Org | null = null;
  @state() private route: Route = parseRoute(location.hash);
  @state() private expired = false;
  @query('sh-workbench') private workbench?: ShWorkbench;
  private lastHash = location.hash;
  private readonly queue = new QueueWatch(this);

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.addEventListener('navigate', (e) => {
      location.hash = e.detail.href.replace(/^#/, '');
    });
    onSessionExpired(() => {
      this.session = null;
      this.expired = true;
    });
    if (this.session) void this.loadMe();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  private onHash = async () => {
    const target = location.hash;
    const next = parseRoute(target);
    const stays = next.name === 'scheme' && !!this.workbench?.shows(next.params.scheme, Number(next.params.version ?? 0));
    // Leaving a workbench with unsaved edits asks first (switching its tabs does not): the address goes back while
    // the question is open, and forward again if the answer is to leave.
    if (!stays && this.workbench?.dirty) {
      history.replaceState(null, '', this.lastHash || '#/');
      if (!(await this.workbench.canLeave())) return;
      history.replaceState(null, '', target);
    }
    this.lastHash = target;
    this.route = next;
    void this.queue.poll();
  };

  private async loadMe() {
    try {
      const me = await getMe(api);
      this.org = me.org;
      if (this.session) this.session = { ...this.session, user: me.user };
    } catch {
      // 401 signs out through onSessionExpired; other failures leave the stored user in place.
    }
  }

  private onSignedIn = async (e: CustomEvent<{ session: Session }>) => {
    setSession(e.detail.session);
    this.session = e.detail.session;
    this.expired = false;
    await this.loadMe();
    if (this.route.name === 'home' || this.route.name === 'notFound') this.route = parseRoute(location.hash);
  };

  private signOut = async () => {
    if (this.workbench && !(await this.workbench.canLeave())) return;
    try {
      await logout(api);
    } catch {
      // the token is dropped either way
    }
    setSession(null);
    this.session = null;
    this.org = null;
    location.hash = '';
  };

  override render() {
    if (!this.session) {
      return html`${this.expired ? html`<div class="message warn expired" role="alert">登录已失效，请重新登录。</div>` : nothing}
        <sh-sign-in @signed-in=${this.onSignedIn}></sh-sign-in>`;
    }
    const user = this.session.user;
    if (user.mustChangePassword) return this.renderPasswordChange(user.displayName);
    const nav = NAV[user.role];
    this.queue.watch(user.role !== 'archivist');
    const count = this.queue.count;
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => {
        e.preventDefault();
        this.renderRoot.querySelector<HTMLElement>('main')?.focus();
      }}>跳到主要内容</a>
      <header class="top">
        <a class="brand" href="#/">三合一档案规则工作台</a>
        <nav aria-label="主导航">
          ${nav.map((n) => html`<a href=${n.href(user.orgId)} aria-current=${n.route.includes(this.route.name) && this.route.name !== 'home' ? 'page' : 'false'}>${n.label}${n.queue && count ? html`<span class="count" aria-label="（${count} 个待审批）">${count}</span>` : nothing}</a>`)}
        </nav>
        <span class="who">${user.displayName}（${ROLE_LABELS[user.role]}${this.org ? ` · ${this.org.name}` : ''}）</span>
        <a class="account" href="#/account">修改密码</a>
        <button type="button" @click=${this.signOut}>退出</button>
      </header>
      <main id="main" tabindex="-1">${this.renderRoute(user.role, user.orgId)}</main>
    `;
  }

  /** A generated or admin-reset password: the server allows nothing but changing it, so neither does the page. */
  private renderPasswordChange(name: string): TemplateResult {
    this.queue.watch(false);
    return html`
      <header class="top">
        <span class="brand">三合一档案规则工作台</span>
        <span class="who">${name}</span>
        <button type="button" @click=${this.signOut}>退出</button>
      </header>
      <main id="main" tabindex="-1">
        <sh-account required @password-changed=${() => void this.loadMe()}></sh-account>
      </main>
    `;
  }

  private renderRoute(role: Role, orgId: number | null): TemplateResult {
    const r = this.route;
    switch (r.name) {
      case 'home':
        if (role === 'archivist')
          return orgId === null
            ? this.notAllowed('您的账号没有所属单位，请联系管理员。')
            : html`<sh-unit-home .unitId=${orgId}></sh-unit-home>`;
        if (role === 'reviewer') return html`<sh-review-queue .changes=${this.queue.signature}></sh-review-queue>`;
        return html`<sh-admin></sh-admin>`;
      case 'unit':
        return html`<sh-unit-home .unitId=${r.params.unit}></sh-unit-home>`;
      case 'units':
        return role === 'archivist' ? this.notAllowed() : html`<sh-unit-list></sh-unit-list>`;
      case 'scheme':
        return html`<sh-workbench .schemeId=${r.params.scheme} .version=${Number(r.params.version ?? 0)} .tab=${(r.params.tab ?? 'edit') as WorkbenchTab}></sh-workbench>`;
      case 'queue':
        return role === 'archivist'
          ? this.notAllowed()
          : html`<sh-review-queue .notice=${r.query.get('done') ?? ''} .changes=${this.queue.signature}></sh-review-queue>`;
      case 'review':
        return role === 'archivist'
          ? this.notAllowed()
          : html`<sh-review .schemeId=${r.params.scheme} .version=${Number(r.params.version)}></sh-review>`;
      case 'account':
        return html`<sh-account></sh-account>`;
      case 'decisions':
        return html`<sh-decisions-page .unitId=${r.params.unit}></sh-decisions-page>`;
      case 'admin':
        return role === 'admin' ? html`<sh-admin></sh-admin>` : this.notAllowed();
      case 'supervision':
        return role === 'archivist' ? this.notAllowed() : html`<sh-supervision .admin=${role === 'admin'}></sh-supervision>`;
      default:
        return html`<div class="empty" style="margin:24px"><strong>没有这个页面</strong><a href="#/">返回首页</a></div>`;
    }
  }

  private notAllowed(text = '您的角色不能使用此页面。') {
    return html`<div class="empty" style="margin:24px" role="alert"><strong>${text}</strong><a href="#/">返回首页</a></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-app': ShApp;
  }
}
