// The import dialog's column mapping: which field each column of the table is (or 忽略), the sheet and the header
// row, with sample cells and the table's first rows as the mapping reads them.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ImportPreview } from './lib/api.js';
import { fire } from './lib/events.js';
import { IGNORE, mappingOf, mappingProblems } from './lib/import.js';
import { rowsView, sheetSelect } from './lib/import-views.js';
import { importStyles } from './styles/import-dialog.js';
import { shared } from './styles/shared.js';

/**
 * @fires import-choice - `{ mapping }`, `{ headerRow }` as they are chosen; `{ sheet }` (checked again at once).
 */
@customElement('sh-import-mapping')
export class ShImportMapping extends LitElement {
  static override styles = [shared, importStyles, css`:host { display: block; }`];

  @property({ attribute: false }) preview!: ImportPreview;
  /** Why the service could not tell the columns itself. */
  @property({ attribute: false }) problems: string[] = [];
  /** The mapping being edited (column letter → field or 忽略); null = the service's own detection. */
  @property({ attribute: false }) mapping: Record<string, string> | null = null;
  @property({ attribute: false }) headerRow: number | undefined = undefined;

  override render() {
    const p = this.preview;
    const problems = this.problems;
    const mapping = this.mapping ?? mappingOf(p.columns);
    const local = mappingProblems(mapping);
    const samples = (i: number) =>
      p.rows
        .map((r) => r.cells[i] ?? '')
        .filter(Boolean)
        .slice(0, 3);
    const rowChoices = p.rows.slice(0, 8).map((r) => r.row);
    return html`<section aria-labelledby="map-h" class="mapping">
      <h3 id="map-h">指定各列的含义</h3>
      ${
        problems.length
          ? html`<div class="message warn" role="alert">无法自动确定表格各列的含义：<ul>${problems.map((x) => html`<li>${x}</li>`)}</ul>请为每一列选择对应的字段（不需要的列选“忽略”），然后重新检查。</div>`
          : html`<p class="hint">为每一列选择对应的字段（不需要的列选“忽略”），然后重新检查。</p>`
      }
      <div class="row" style="margin-bottom:8px">
        ${p.sheets.length > 1 ? sheetSelect(p, (sheet) => fire(this, 'import-choice', { sheet })) : nothing}
        <label class="field" style="max-width:320px"><span>表头所在行</span>
          <select @change=${(e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            fire(this, 'import-choice', { headerRow: v === '' ? undefined : Number(v) });
          }}>
            <option value="" ?selected=${this.headerRow === undefined}>自动判断</option>
            <option value="0" ?selected=${this.headerRow === 0}>没有表头行（从第一行起都是条款）</option>
            ${[...new Set([...(p.headerRow ? [p.headerRow] : []), ...rowChoices])].sort((a, b) => a - b).map((n) => html`<option value=${n} ?selected=${this.headerRow === n}>第 ${n} 行</option>`)}
          </select>
        </label>
        <p class="hint" style="flex:1;min-width:240px;margin:0">自动判断：第一行在“保管期限”列写的不是期限（如“列三”“期限”）时，作为表头不导入。</p>
      </div>
      <table aria-label="列与字段的对应">
        <thead><tr><th scope="col">列</th><th scope="col">表头</th><th scope="col">示例内容</th><th scope="col">对应字段</th></tr></thead>
        <tbody>${p.columns.map(
          (c, i) => html`<tr>
          <td class="mono">${c.letter}</td>
          <td>${c.header || html`<span class="muted">（无）</span>`}</td>
          <td class="small samples">${samples(i).map((x) => html`<span title=${x}>${x.length > 24 ? x.slice(0, 24) + '…' : x}</span>`)}</td>
          <td><select aria-label="${c.letter} 列对应的字段" .value=${live(mapping[c.letter] ?? IGNORE)} @change=${(e: Event) => this.setField(c.letter, (e.target as HTMLSelectElement).value)}>
            <option value=${IGNORE} ?selected=${mapping[c.letter] === IGNORE || !mapping[c.letter]}>忽略</option>
            ${p.fields.map((f) => html`<option value=${f.field} ?selected=${mapping[c.letter] === f.field}>${f.label}</option>`)}
          </select></td>
        </tr>`,
        )}</tbody>
      </table>
      ${local.length ? html`<div class="message info small" style="margin-top:10px" role="status"><ul>${local.map((x) => html`<li>${x}</li>`)}</ul></div>` : nothing}
      <section aria-labelledby="rows-h2">
        <h3 id="rows-h2">表格前几行（原样）</h3>
        ${rowsView(p, this.mapping)}
      </section>
    </section>`;
  }

  private setField(letter: string, field: string) {
    const next = { ...(this.mapping ?? mappingOf(this.preview.columns)) };
    // A field goes to one column: choosing it here takes it from the column that had it.
    if (field !== IGNORE) for (const k of Object.keys(next)) if (next[k] === field) next[k] = IGNORE;
    next[letter] = field;
    fire(this, 'import-choice', { mapping: next });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-import-mapping': ShImportMapping;
  }
}
