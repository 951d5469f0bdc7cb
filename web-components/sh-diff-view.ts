// Side-by-side diff of two scheme versions: rows of both tables aligned, changes named, shortened retentions flagged.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SchemeDiff } from '../server/engine/browser.js';
import type { Scheme, SchemeItem } from '../server/schemas/scheme.js';
import { fieldCatalogue } from './lib/condition-model.js';
import { summarizeLogic } from './lib/condition-describe.js';
import { CHANGE_LABELS, type DiffRow, sideBySide } from './lib/diff-view.js';
import { retentionText } from './lib/format.js';
import { shared } from './styles/shared.js';

@customElement('sh-diff-view')
export class ShDiffView extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .summary { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; margin-bottom: 10px; }
      .wrap { overflow: auto; max-height: 70vh; border: 1px solid var(--sh-line); border-radius: 4px; }
      table { font-size: 13px; table-layout: fixed; min-width: 980px; }
      th.side { text-align: center; }
      td.sep, th.sep { width: 150px; background: #fafbfc; border-left: 1px solid var(--sh-line); border-right: 1px solid var(--sh-line); }
      td.id { width: 56px; font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
      td.ret { width: 120px; }
      tr.added td.right, tr.added td.sep { background: var(--sh-green-soft); }
      tr.removed td.left, tr.removed td.sep { background: #f3f4f6; color: var(--sh-grey); text-decoration: line-through; }
      tr.removed td.sep { text-decoration: none; }
      tr.shortened { box-shadow: inset 4px 0 0 var(--sh-red); }
      tr.shortened td.right.ret { background: var(--sh-red-soft); color: var(--sh-red); font-weight: 600; }
      .changed { background: var(--sh-amber-soft); }
      .cond { color: var(--sh-grey); font-size: 12px; margin-top: 2px; }
      ul.other { margin: 6px 0 12px; padding-left: 20px; }
    `,
  ];

  @property({ attribute: false }) from!: Scheme;
  @property({ attribute: false }) to!: Scheme;
  @property({ attribute: false }) diff!: SchemeDiff;
  @property() fromLabel = '';
  @property() toLabel = '';
  @state() private onlyChanged = true;

  override render() {
    if (!this.from || !this.to || !this.diff) return nothing;
    const view = sideBySide(this.from, this.to, this.diff);
    const rows = this.onlyChanged ? view.rows.filter((r) => r.changes.length) : view.rows;
    const fieldsFrom = fieldCatalogue(this.from.fields);
    const fieldsTo = fieldCatalogue(this.to.fields);
    return html`
      <div class="summary" role="status">
        ${view.shortened ? html`<span class="badge red">⚠ ${view.shortened} 条条款保管期限缩短</span>` : nothing}
        ${view.summary.filter((s) => !s.flagged).map((s) => html`<span class="badge">${s.label} ${s.count}</span>`)}
        ${view.changed === 0 && view.other.length === 0 ? html`<span class="badge green">两个版本内容相同</span>` : nothing}
        <span class="spacer"></span>
        <label class="small"><input type="checkbox" .checked=${this.onlyChanged} @change=${(e: Event) => (this.onlyChanged = (e.target as HTMLInputElement).checked)} /> 只看有变化的条款</label>
      </div>
      ${view.other.length ? html`<ul class="other">${view.other.map((o) => html`<li>${o}</li>`)}</ul>` : nothing}
      ${
        rows.length === 0
          ? html`<div class="empty">${this.onlyChanged ? '条款没有变化。' : '没有条款。'}</div>`
          : html`<div class="wrap"><table aria-label="条款对比：${this.fromLabel} 与 ${this.toLabel}">
            <thead>
              <tr><th colspan="3" class="side">${this.fromLabel}</th><th class="sep">变化</th><th colspan="3" class="side">${this.toLabel}</th></tr>
              <tr><th style="width:56px">条款号</th><th>归档范围</th><th style="width:120px">保管期限</th><th class="sep"></th><th style="width:56px">条款号</th><th>归档范围</th><th style="width:120px">保管期限</th></tr>
            </thead>
            <tbody>${rows.map((r) => this.renderRow(r, fieldsFrom, fieldsTo))}</tbody>
          </table></div>`
      }
    `;
  }

  private renderRow(r: DiffRow, fieldsFrom: ReturnType<typeof fieldCatalogue>, fieldsTo: ReturnType<typeof fieldCatalogue>) {
    const cls = [
      r.changes.includes('added') ? 'added' : '',
      r.changes.includes('removed') ? 'removed' : '',
      r.shortened ? 'shortened' : '',
    ].join(' ');
    const has = (c: string) => r.changes.includes(c as DiffRow['changes'][number]);
    const cond = has('condition');
    const side = (it: SchemeItem | undefined, fields: ReturnType<typeof fieldCatalogue>, which: 'left' | 'right') => {
      const parameters = (which === 'left' ? this.from : this.to).parameters;
      return it
        ? html`<td class="id ${which} ${has('moved') ? 'changed' : ''}">${it.id}</td>
            <td class="${which} ${has('scope') ? 'changed' : ''}">${it.scope}${cond && it.when !== undefined ? html`<div class="cond">条件：${summarizeLogic(it.when, fields, parameters)}</div>` : nothing}</td>
            <td class="ret ${which} ${has('retentionShorter') || has('retentionLonger') || has('retentionOther') ? 'changed' : ''}">${retentionText(it.retention)}</td>`
        : html`<td class=${which}></td><td class=${which}></td><td class=${which}></td>`;
    };
    return html`<tr class=${cls} data-row=${r.to?.id ?? r.from?.id ?? ''}>
      ${side(r.from, fieldsFrom, 'left')}
      <td class="sep">${r.changes.map((c) => html`<span class="badge ${c === 'retentionShorter' ? 'red' : c === 'added' ? 'green' : c === 'removed' ? '' : 'amber'}" style="margin:1px">${c === 'retentionShorter' ? '⚠ ' : ''}${CHANGE_LABELS[c]}</span>`)}</td>
      ${side(r.to, fieldsTo, 'right')}
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-diff-view': ShDiffView;
  }
}
