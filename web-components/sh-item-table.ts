// The 归档范围 table in 层垒制 order (条款号 | 归档范围 | 保管期限 | 类目 | 条件): select, add, indent/outdent, reorder, remove.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Finding } from '../server/engine/browser.js';
import type { Scheme, SchemeItem } from '../server/schemas/scheme.js';
import type { FieldError } from './lib/api.js';
import type { FieldOption } from './lib/condition-model.js';
import { summarizeLogic } from './lib/condition-describe.js';
import { RETENTIONS } from '../server/schemas/retention-codes.js';
import { fire } from './lib/events.js';
import { baselineIndex, rowFloor } from './lib/floors.js';
import { retentionText } from './lib/format.js';
import {
  type ItemEdit,
  type ItemOperation,
  applyRenames,
  cannot,
  depthOf,
  indent,
  insertAfter,
  isHeading,
  move,
  outdent,
  remove,
  renumberSiblings,
  subtreeEnd,
  testsExpecting,
} from './lib/items.js';
import { shared } from './styles/shared.js';

/**
 * @fires item-select - `{ index }` when a row is chosen (click, Enter, ↑/↓).
 * @fires scheme-change - `{ scheme }` after a structural edit (ids renumbered, tests' expected rows follow).
 */
@customElement('sh-item-table')
export class ShItemTable extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .toolbar { display: flex; gap: 4px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; }
      .filters input[type='search'] { flex: 1; min-width: 180px; }
      /* The table takes the window's height (less the bar, tabs and toolbar above it), never a four-row box. */
      .scroll { max-height: max(320px, calc(100vh - 290px)); overflow: auto; border: 1px solid var(--sh-line); border-radius: 4px; }
      @media (max-width: 760px) { td.cond { display: none; } th.cond { display: none; } }
      table { font-size: 13px; }
      td.id { white-space: nowrap; width: 1%; }
      td.id button { font-family: ui-monospace, Menlo, Consolas, monospace; border: none; background: none; padding: 0 4px; min-height: 0; color: var(--sh-blue-dark); }
      tr[aria-selected='true'] { background: var(--sh-blue-soft) !important; box-shadow: inset 3px 0 0 var(--sh-blue); }
      tr.heading td { font-weight: 600; background: #f8fafc; }
      tr.filtered-out { display: none; }
      td.ret { white-space: nowrap; }
      td.cond { color: var(--sh-grey); width: 34%; }
      .clamp { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
      .cls { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; color: var(--sh-grey); }
      .flags { display: flex; gap: 3px; flex-wrap: wrap; margin-top: 2px; }
      tr { cursor: pointer; }
    `,
  ];

  @property({ attribute: false }) scheme!: Scheme;
  @property({ attribute: false }) fields: FieldOption[] = [];
  @property({ type: Number }) selected = -1;
  /** Class path to show (with its sub-classes), or null for all rows. */
  @property({ attribute: false }) classFilter: string | null = null;
  @property({ attribute: false }) errors: FieldError[] = [];
  @property({ attribute: false }) findings: Finding[] = [];
  /** Rows changed since the last save (by index). */
  @property({ attribute: false }) changed: ReadonlySet<number> = new Set();
  /** The national baseline: rows kept shorter than their floor are marked. */
  @property({ attribute: false }) baseline: Scheme | null = null;
  @property({ type: Boolean }) readonly = false;
  /** The renumbering on offer (old → new), shown before it is applied; or a removal waiting for its confirmation. */
  /** Row filters: words in the number, scope, basis or note; a period; only rows with findings or errors. */
  @state() private search = '';
  @state() private period = '';
  @state() private onlyFlagged = false;
  @state() private pending: { kind: 'renumber'; renamed: Map<string, string> } | { kind: 'remove'; index: number; text: string } | null =
    null;

  override render() {
    const items = this.scheme.items;
    const visible = this.visibleRows(items);
    const errorsAt = new Map<number, number>();
    for (const e of this.errors) {
      const m = /^\/items\/(\d+)/.exec(e.path);
      if (m) errorsAt.set(Number(m[1]), (errorsAt.get(Number(m[1])) ?? 0) + 1);
    }
    const findingsAt = new Map<string, Finding[]>();
    for (const f of this.findings) if (f.item) findingsAt.set(f.item, [...(findingsAt.get(f.item) ?? []), f]);
    const ids = this.baseline ? baselineIndex(this.baseline) : null;
    const below = new Set(ids ? items.filter((it) => rowFloor(it, this.scheme, ids)?.below).map((it) => it.id) : []);
    const sel = this.selected;
    const op = (o: ItemOperation) => (sel < 0 ? '请先选择一条条款' : cannot(items, sel, o));
    return html`
      ${
        this.readonly
          ? nothing
          : html`<div class="toolbar" role="toolbar" aria-label="条款操作">
            <button type="button" @click=${() => this.add(false)}>＋ 同级条款</button>
            <button type="button" ?disabled=${sel < 0 || depthOf(items[sel]?.id ?? '1') >= 4} @click=${() => this.add(true)}>＋ 下级条款</button>
            <span class="spacer"></span>
            ${this.opButton('outdent', '← 升级', '升一级（Alt+←）', op('outdent'))}
            ${this.opButton('indent', '降级 →', '降一级，成为上一条的下级（Alt+→）', op('indent'))}
            ${this.opButton('moveUp', '↑ 上移', '与上一条同级条款交换（Alt+↑）', op('moveUp'))}
            ${this.opButton('moveDown', '↓ 下移', '与下一条同级条款交换（Alt+↓）', op('moveDown'))}
            <button type="button" class="danger" ?disabled=${sel < 0} @click=${this.removeSelected}>删除</button>
            <button type="button" title="把所选条款及其同级条款按顺序编为 1、2、3…，先预览" ?disabled=${sel < 0} @click=${this.previewRenumber}>重新编号…</button>
          </div>
          ${this.renderPending()}`
      }
      ${this.renderFilters()}
      ${
        items.length === 0
          ? html`<div class="empty"><strong>还没有条款</strong>点击“＋ 同级条款”添加第一条归档范围条款。</div>`
          : visible.size === 0
            ? this.search.trim() || this.period || this.onlyFlagged
              ? html`<div class="empty"><strong>没有符合筛选条件的条款</strong>请修改或清除上方的筛选条件。</div>`
              : html`<div class="empty"><strong>此类目下还没有条款</strong>选择一条条款后在右侧把“类目”改为此类目，或点“＋ 同级条款”新增。</div>`
            : html`<div class="scroll" tabindex="-1" @keydown=${this.onKey}>
              <table aria-label="归档范围与保管期限表" aria-rowcount=${items.length}>
                <thead><tr><th scope="col">条款号</th><th scope="col">归档范围</th><th scope="col">保管期限</th><th scope="col">类目</th><th scope="col" class="cond">判断条件</th></tr></thead>
                <tbody>
                  ${items.map((it, i) => (visible.has(i) ? this.renderRow(it, i, errorsAt.get(i) ?? 0, findingsAt.get(it.id) ?? [], below.has(it.id)) : nothing))}
                </tbody>
              </table>
            </div>`
      }
    `;
  }

  private renderRow(it: SchemeItem, i: number, errors: number, findings: Finding[], belowFloor: boolean) {
    const heading = isHeading(this.scheme.items, i);
    const depth = depthOf(it.id);
    const selected = i === this.selected;
    const warn = findings.filter((f) => f.severity !== 'info');
    return html`<tr
      class=${heading ? 'heading' : ''}
      aria-selected=${selected ? 'true' : 'false'}
      data-item=${it.id}
      @click=${() => this.select(i)}
    >
      <td class="id"><button type="button" aria-label="条款 ${it.id}${heading ? '（标题行）' : ''}" @click=${(e: Event) => {
        e.stopPropagation();
        this.select(i);
      }}>${it.id}</button></td>
      <td style="padding-left:${8 + (depth - 1) * 18}px">
        ${it.scope}
        ${
          this.changed.has(i) || errors || warn.length || belowFloor || it.editorNote
            ? html`<div class="flags">
              ${it.editorNote ? html`<span class="badge amber" title=${it.editorNote}>编辑备注：${it.editorNote.slice(0, 24)}${it.editorNote.length > 24 ? '…' : ''}</span>` : nothing}
              ${belowFloor ? html`<span class="badge red" title="保管期限短于国家基线下限，不能获批">短于基线下限</span>` : nothing}
              ${this.changed.has(i) ? html`<span class="badge blue">未保存</span>` : nothing}
              ${errors ? html`<span class="badge red">${errors} 处错误</span>` : nothing}
              ${byKind(warn).map(([word, list]) => html`<span class="badge amber" title=${list.map((f) => f.message).join('\n')}>${word}${list.length > 1 ? ` ×${list.length}` : ''}</span>`)}
            </div>`
            : nothing
        }
      </td>
      <td class="ret">${heading ? '' : retentionText(it.retention) || html`<span class="badge red">未设置</span>`}</td>
      <td><span class="cls">${it.class ?? ''}</span></td>
      <td class="cond">${heading ? '' : it.when === undefined ? html`<span class="badge amber">待补充条件</span>` : this.conditionCell(it.when)}</td>
    </tr>`;
  }

  private renderFilters() {
    return html`<div class="toolbar filters" role="search" aria-label="筛选条款">
      <input type="search" aria-label="搜索条款" placeholder="搜索条款号、归档范围、依据…" .value=${this.search}
        @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)} />
      <select aria-label="按保管期限筛选" @change=${(e: Event) => (this.period = (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${this.period === ''}>全部期限</option>
        ${Object.entries(RETENTIONS)
          .filter(([c]) => c !== 'D5')
          .map(([c, r]) => html`<option value=${c} ?selected=${this.period === c}>${r.label}</option>`)}
        <option value="none" ?selected=${this.period === 'none'}>未设置期限</option>
      </select>
      <label class="small"><input type="checkbox" .checked=${this.onlyFlagged} @change=${(e: Event) => (this.onlyFlagged = (e.target as HTMLInputElement).checked)} /> 只看有问题或提示的</label>
    </div>`;
  }

  /** Whether a row passes the search, period and findings filters. */
  private passes(it: SchemeItem, i: number): boolean {
    const words = this.search.trim().split(/\s+/).filter(Boolean);
    if (words.length && !words.every((w) => [it.id, it.scope, it.basis, it.note].some((t) => t?.includes(w)))) return false;
    if (this.period) {
      const codes: string[] =
        it.retention === undefined ? [] : Array.isArray(it.retention) ? it.retention.map((b) => b.code) : [it.retention];
      if (this.period === 'none' ? codes.length > 0 || isHeading(this.scheme.items, i) : !codes.includes(this.period)) return false;
    }
    if (this.onlyFlagged) {
      const flagged =
        this.findings.some((f) => f.item === it.id && f.severity !== 'info') ||
        this.errors.some((e) => e.path === `/items/${i}` || e.path.startsWith(`/items/${i}/`));
      if (!flagged) return false;
    }
    return true;
  }

  private renderPending() {
    const p = this.pending;
    if (!p) return nothing;
    if (p.kind === 'remove') {
      return html`<div class="message warn" role="alertdialog" aria-label="确认删除">${p.text}
        <div class="row" style="margin-top:6px"><button type="button" class="danger" @click=${() => this.confirmRemove(p.index)}>确认删除</button>
        <button type="button" @click=${() => (this.pending = null)}>取消</button></div></div>`;
    }
    const list = [...p.renamed];
    return html`<div class="message info" role="region" aria-label="重新编号预览">
      ${
        list.length === 0
          ? html`本级条款号已连续有序，无需重新编号。 <button type="button" class="link" @click=${() => (this.pending = null)}>知道了</button>`
          : html`按顺序重新编排本级条款号，将改动 ${list.length} 条条款的条款号（以这些条款为预期结果的测试用例随之更新）：
          <ul class="small" style="max-height:160px;overflow:auto">${list.map(([from, to]) => html`<li><span class="mono">${from}</span> → <span class="mono">${to}</span></li>`)}</ul>
          <div class="row"><button type="button" class="primary" @click=${this.applyRenumber}>确认重新编号</button>
          <button type="button" @click=${() => (this.pending = null)}>取消</button></div>`
      }
    </div>`;
  }

  private previewRenumber = () => {
    if (this.selected < 0) return;
    this.pending = { kind: 'renumber', renamed: renumberSiblings(this.scheme.items, this.selected).renamed };
  };

  private applyRenumber = () => {
    const { items, renamed } = renumberSiblings(this.scheme.items, this.selected);
    this.pending = null;
    this.commit({ items, renamed, focus: Math.max(0, this.selected) });
  };

  private conditionCell(when: unknown) {
    const text = summarizeLogic(when, this.fields, this.scheme.parameters);
    return html`<div class="clamp" title=${text}>${text}</div>`;
  }

  private opButton(op: ItemOperation, text: string, title: string, why: string | null) {
    return html`<button type="button" title=${why ?? title} aria-label=${title} ?disabled=${why !== null} @click=${() => this.operate(op)}>${text}</button>`;
  }

  /** Rows of the chosen class (and below) that pass the filters, plus the heading rows above them. */
  private visibleRows(items: readonly SchemeItem[]): Set<number> {
    const f = this.classFilter;
    const filtering = this.search.trim() !== '' || this.period !== '' || this.onlyFlagged;
    if (f === null && !filtering) return new Set(items.map((_, i) => i));
    const shown = new Set<number>();
    items.forEach((it, i) => {
      if ((f === null || it.class === f || it.class?.startsWith(f + '/')) && this.passes(it, i)) {
        shown.add(i);
        // Show the heading rows above so the numbering reads right.
        let depth = depthOf(it.id);
        for (let j = i - 1; j >= 0 && depth > 1; j--) {
          if (depthOf(items[j].id) < depth) {
            shown.add(j);
            depth = depthOf(items[j].id);
          }
        }
      }
    });
    return shown;
  }

  private select(i: number) {
    this.selected = i;
    fire(this, 'item-select', { index: i });
    this.updateComplete.then(() => {
      const row = this.renderRoot.querySelector<HTMLElement>(`tr[aria-selected='true'] td.id button`);
      row?.scrollIntoView({ block: 'nearest' });
    });
  }

  private onKey(e: KeyboardEvent) {
    const items = this.scheme.items;
    if (this.selected < 0) return;
    const visible = [...this.visibleRows(items)].sort((a, b) => a - b);
    const pos = visible.indexOf(this.selected);
    if (e.altKey && !this.readonly) {
      const ops: Record<string, ItemOperation> = { ArrowUp: 'moveUp', ArrowDown: 'moveDown', ArrowLeft: 'outdent', ArrowRight: 'indent' };
      const op = ops[e.key];
      if (op && !cannot(items, this.selected, op)) {
        e.preventDefault();
        this.operate(op);
      }
      return;
    }
    if (e.key === 'ArrowDown' && pos < visible.length - 1) {
      e.preventDefault();
      this.select(visible[pos + 1]);
      this.focusSelected();
    } else if (e.key === 'ArrowUp' && pos > 0) {
      e.preventDefault();
      this.select(visible[pos - 1]);
      this.focusSelected();
    }
  }

  private focusSelected() {
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`tr[aria-selected='true'] td.id button`)?.focus());
  }

  private operate(op: ItemOperation) {
    const i = this.selected;
    const items = this.scheme.items;
    const result = op === 'indent' ? indent(items, i) : op === 'outdent' ? outdent(items, i) : move(items, i, op === 'moveUp' ? -1 : 1);
    this.commit(result);
    this.focusSelected();
  }

  private add(asChild: boolean) {
    let items = this.scheme.items;
    const at = this.selected >= 0 ? this.selected : items.length - 1;
    // No period is chosen for the archivist: the row asks for one (never the shortest by default).
    const row: Omit<SchemeItem, 'id'> = { scope: '新条款（请填写归档范围）', needsCondition: true };
    const klass = this.classFilter ?? (at >= 0 ? items[at].class : undefined);
    if (klass) row.class = klass;
    if (asChild && at >= 0 && !isHeading(items, at)) {
      // The parent becomes a heading row: its condition and period move down to its first child.
      const { when, retention, retentionStart, review, needsCondition, ...parent } = items[at];
      Object.assign(row, {
        when,
        retention: retention ?? row.retention,
        retentionStart,
        review,
        needsCondition: when === undefined ? true : needsCondition,
        scope: `${parent.scope}（细分）`,
      });
      for (const k of Object.keys(row) as (keyof typeof row)[]) if (row[k] === undefined) delete row[k];
      items = items.map((it, i) => (i === at ? parent : it));
    }
    this.commit(insertAfter(items, at, row, asChild));
  }

  private removeSelected() {
    const items = this.scheme.items;
    const i = this.selected;
    const end = subtreeEnd(items, i);
    const ids = new Set(items.slice(i, end).map((it) => it.id));
    const tests = testsExpecting(this.scheme, ids);
    const what = end - i > 1 ? `条款 ${items[i].id} 及其 ${end - i - 1} 条下级条款` : `条款 ${items[i].id}`;
    this.pending = {
      kind: 'remove',
      index: i,
      text: `删除${what}？${tests ? `以这些条款为预期结果的 ${tests} 个测试用例也会删除。` : ''}其余条款的条款号不变。`,
    };
  }

  private confirmRemove(i: number) {
    this.pending = null;
    this.commit(remove(this.scheme.items, i));
  }

  private commit(edit: ItemEdit) {
    const scheme = applyRenames({ ...this.scheme, items: edit.items }, edit.renamed, edit.removed);
    fire(this, 'scheme-change', { scheme });
    this.select(edit.items.length ? edit.focus : -1);
  }
}

/** Findings grouped under one word per kind (a row may overlap several others). */
function byKind(findings: Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(findingWord(f), [...(groups.get(findingWord(f)) ?? []), f]);
  return [...groups];
}

function findingWord(f: Finding): string {
  const words: Record<string, string> = { overlap: '重叠', unreachable: '匹配不到', needsCondition: '缺条件', failingTest: '测试未过' };
  return words[f.kind] ?? '提示';
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-item-table': ShItemTable;
  }
}
