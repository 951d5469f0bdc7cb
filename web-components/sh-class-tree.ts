// The 分类方案 tree: choose a class to filter the table; add, rename, recode, reorder, move and remove classes.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Scheme } from '../server/schemas/scheme.js';
import { MAX_CLASS_DEPTH } from '../server/schemas/scheme.js';
import {
  type ClassEditResult,
  type ClassRow,
  addClass,
  flattenClassTree,
  moveClass,
  moveTargets,
  recodeClass,
  removeClass,
  renameClass,
  reorderClass,
} from './lib/class-tree.js';
import { fire } from './lib/events.js';
import { checkForm, focusFirstInvalid } from './lib/form-check.js';
import { type FieldErrors, errorId, fieldError, invalid } from './lib/form-fields.js';
import { shared } from './styles/shared.js';
import { ask } from './sh-confirm.js';

const LEVEL_NAMES = ['门类', '类', '属类', '小类'];

/**
 * @fires class-select - `{ path }` when a class (or “全部”) is chosen.
 * @fires scheme-change - `{ scheme }` after a class edit; rows filed under a recoded or moved class follow it.
 */
@customElement('sh-class-tree')
export class ShClassTree extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      ul { list-style: none; margin: 0; padding: 0; }
      li button.node {
        width: 100%; justify-content: flex-start; border: none; border-radius: 3px; background: none; padding: 3px 6px;
        min-height: 28px; text-align: left; white-space: normal;
      }
      li button.node[aria-current='true'] { background: var(--sh-blue-soft); color: var(--sh-blue-dark); font-weight: 600; }
      .code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; color: var(--sh-grey); min-width: 28px; }
      .count { margin-left: auto; font-size: 12px; color: var(--sh-grey); }
      .panel { margin-top: 10px; border-top: 1px solid var(--sh-line); padding-top: 10px; }
      .panel .field input { width: 100%; }
      .actions { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
      .add { display: grid; grid-template-columns: 70px 1fr; gap: 4px; margin-top: 6px; }
      .add input { min-width: 0; }
    `,
  ];

  @property({ attribute: false }) scheme!: Scheme;
  /** Code path of the chosen class, or null for all. */
  @property({ attribute: false }) selected: string | null = null;
  @property({ type: Boolean }) readonly = false;

  @state() private message = '';
  @state() private adding: 'root' | 'child' | null = null;
  @state() private addErrors: FieldErrors = {};

  override render() {
    const rows = flattenClassTree(this.scheme.classes);
    const counts = new Map<string, number>();
    for (const it of this.scheme.items) {
      if (!it.class) continue;
      const parts = it.class.split('/');
      for (let i = 1; i <= parts.length; i++) {
        const p = parts.slice(0, i).join('/');
        counts.set(p, (counts.get(p) ?? 0) + 1);
      }
    }
    const chosen = rows.find((r) => r.path === this.selected);
    return html`
      <nav aria-label="分类方案">
        <ul>
          <li><button class="node" type="button" aria-current=${this.selected === null ? 'true' : 'false'} @click=${() => this.choose(null)}>全部条款<span class="count">${this.scheme.items.length}</span></button></li>
          ${rows.map(
            (r) => html`<li>
              <button class="node" type="button" style="padding-left:${6 + (r.depth - 1) * 16}px"
                aria-current=${r.path === this.selected ? 'true' : 'false'}
                aria-label="${LEVEL_NAMES[r.depth - 1]} ${r.code} ${r.name}，${counts.get(r.path) ?? 0} 条条款"
                @click=${() => this.choose(r.path)}>
                <span class="code">${r.code}</span><span>${r.name}</span><span class="count">${counts.get(r.path) ?? ''}</span>
              </button>
            </li>`,
          )}
        </ul>
      </nav>
      ${this.message ? html`<div class="message error small" role="alert" style="margin-top:8px">${this.message}</div>` : nothing}
      ${this.readonly ? nothing : chosen ? this.renderPanel(chosen) : this.renderRootAdd()}
    `;
  }

  private renderRootAdd() {
    return html`<div class="panel">
      ${this.adding === 'root' ? this.renderAddForm([], '门类') : html`<button type="button" @click=${() => (this.adding = 'root')}>＋ 添加门类</button>`}
    </div>`;
  }

  private renderPanel(row: ClassRow) {
    const targets = moveTargets(this.scheme.classes, row.at);
    return html`<div class="panel" aria-label="编辑类目 ${row.path}">
      <h4>${LEVEL_NAMES[row.depth - 1]}：${row.names.join(' › ')}</h4>
      <label class="field"><span>名称</span>
        <input .value=${row.name} @change=${(e: Event) => this.apply(renameClass(this.scheme, row.at, (e.target as HTMLInputElement).value))} />
      </label>
      <label class="field"><span>代码（条款引用随之更新）</span>
        <input class="mono" .value=${row.code} @change=${(e: Event) => {
          const code = (e.target as HTMLInputElement).value.trim();
          this.apply(recodeClass(this.scheme, row.at, code), row.path.replace(/[^/]+$/, code));
        }} />
      </label>
      <div class="actions">
        <button type="button" class="icon" aria-label="上移类目" title="上移" @click=${() => this.apply(reorderClass(this.scheme, row.at, -1))}>↑</button>
        <button type="button" class="icon" aria-label="下移类目" title="下移" @click=${() => this.apply(reorderClass(this.scheme, row.at, 1))}>↓</button>
        ${row.depth < MAX_CLASS_DEPTH ? html`<button type="button" @click=${() => (this.adding = 'child')}>＋ 下级类目</button>` : nothing}
        <button type="button" class="danger" @click=${() => this.removeClassAt(row)}>删除</button>
      </div>
      <label class="field"><span>移到</span>
        <select @change=${(e: Event) => this.move(row, (e.target as HTMLSelectElement).value)}>
          <option value="" selected>选择新的上级类目…</option>
          ${row.depth > 1 ? html`<option value="top">（作为门类）</option>` : nothing}
          ${targets.map((t) => html`<option value=${t.at.join('.')}>${t.path} ${t.name}</option>`)}
        </select>
      </label>
      ${this.adding === 'child' ? this.renderAddForm(row.at, LEVEL_NAMES[row.depth]) : nothing}
      ${this.adding === 'root' ? this.renderAddForm([], '门类') : html`<button type="button" class="link small" @click=${() => (this.adding = 'root')}>＋ 添加门类</button>`}
    </div>`;
  }

  private renderAddForm(parentAt: number[], what: string) {
    const submit = (e: Event) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      this.addErrors = checkForm(form);
      if (Object.keys(this.addErrors).length) return focusFirstInvalid(form, this.addErrors);
      const data = new FormData(form);
      const code = String(data.get('code') ?? '').trim();
      const name = String(data.get('name') ?? '').trim();
      const parent = parentAt.length
        ? flattenClassTree(this.scheme.classes).find((r) => r.at.join('.') === parentAt.join('.'))?.path
        : undefined;
      if (this.apply(addClass(this.scheme, parentAt, { code, name }), parent ? `${parent}/${code}` : code)) this.adding = null;
    };
    const e = this.addErrors;
    return html`<form class="add" novalidate @submit=${submit} aria-label="添加${what}">
      <label class="visually-hidden" for="new-code">新${what}代码</label>
      <input id="new-code" name="code" class="mono" placeholder="代码" required pattern="[A-Za-z0-9]{1,16}" title="代码只能由 1–16 位字母或数字组成"
        aria-invalid=${invalid(e, 'code')} aria-describedby=${errorId(e, 'code', 'new-')} />
      <label class="visually-hidden" for="new-name">新${what}名称</label>
      <input id="new-name" name="name" placeholder="${what}名称" required maxlength="100" aria-invalid=${invalid(e, 'name')} aria-describedby=${errorId(e, 'name', 'new-')} />
      ${e.code || e.name ? html`<div>${fieldError(e, 'code', 'new-')}</div><div>${fieldError(e, 'name', 'new-')}</div>` : nothing}
      <span></span>
      <div class="row"><button type="submit" class="primary">添加${what}</button><button type="button" @click=${() => {
        this.adding = null;
        this.addErrors = {};
      }}>取消</button></div>
    </form>`;
  }

  private choose(path: string | null) {
    this.message = '';
    this.adding = null;
    this.selected = path;
    fire(this, 'class-select', { path });
  }

  private move(row: ClassRow, target: string) {
    if (!target) return;
    const parentAt = target === 'top' ? null : target.split('.').map(Number);
    const result = moveClass(this.scheme, row.at, parentAt);
    const parentPath = parentAt ? flattenClassTree(this.scheme.classes).find((r) => r.at.join('.') === target)?.path : undefined;
    this.apply(result, parentPath ? `${parentPath}/${row.code}` : row.code);
  }

  private async removeClassAt(row: ClassRow) {
    const question = `删除类目“${row.names.join(' › ')}”${row.hasChildren ? '及其全部下级类目' : ''}？`;
    if (!(await ask(question, { confirmLabel: '删除', danger: true }))) return;
    if (this.apply(removeClass(this.scheme, row.at))) this.choose(null);
  }

  /** Emits the edited scheme, or shows why the edit is refused. `select` keeps the edited class chosen. */
  private apply(result: ClassEditResult, select?: string): boolean {
    if (!result.ok) {
      this.message = result.message;
      return false;
    }
    this.message = '';
    fire(this, 'scheme-change', { scheme: result.scheme });
    if (select !== undefined) {
      this.selected = select;
      fire(this, 'class-select', { path: select });
    }
    return true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-class-tree': ShClassTree;
  }
}
