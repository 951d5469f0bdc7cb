// Editor of one 归档范围 row: scope text, class, retention (fixed or 重要/一般 branches), start, condition, basis, department.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { RETENTIONS, RETENTION_CODES, type RetentionCode } from '../server/schemas/retention-codes.js';
import type { RetentionBranch, Scheme, SchemeItem } from '../server/schemas/scheme.js';
import type { FieldError } from './lib/api.js';
import { flattenClassTree } from './lib/class-tree.js';
import type { FieldOption } from './lib/condition-model.js';
import { fire } from './lib/events.js';
import { partLabel } from './lib/format.js';
import { baselineIndex, baselineRowTexts, rowFloor, type RowFloor, suggestedMapping } from './lib/floors.js';
import { floorNote } from './lib/floor-note.js';
import { type FieldErrors, errorId, errorsUnder, fieldError, fieldsAt, invalid } from './lib/form-fields.js';
import { codeLabel, importantCondition } from './lib/item-defaults.js';
import { isHeading } from './lib/items.js';
import { shared } from './styles/shared.js';
import './sh-condition-builder.js';

/** The parts of a row the editor shows a field for (their errors stand there); a heading row shows fewer. */
const ROW_PARTS = new Set(['scope', 'class', 'department', 'retention', 'review', 'when', 'basis', 'retentionStart', 'note', 'editorNote']);
const HEADING_PARTS = new Set(['scope', 'class', 'department', 'basis', 'note', 'editorNote']);

type Patch = { [K in keyof SchemeItem]?: SchemeItem[K] | undefined };

/**
 * @fires scheme-change - `{ scheme }` with the edited row in place.
 */
@customElement('sh-item-editor')
export class ShItemEditor extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .grid { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 4px 16px; }
      .grid .wide { grid-column: 1 / -1; }
      textarea { width: 100%; }
      input, select { width: 100%; }
      /* min-width: a fieldset would otherwise never be narrower than its widest row (a phone's screen scrolled sideways). */
      fieldset { border: 1px solid var(--sh-line); border-radius: 4px; padding: 8px 12px 10px; margin: 0 0 12px; min-width: 0; }
      legend { padding: 0 4px; font-weight: 600; }
      .radios { display: flex; gap: 16px; margin-bottom: 8px; }
      .radios input { width: auto; }
      .branch { border: 1px solid var(--sh-line); border-radius: 4px; padding: 8px; margin-bottom: 8px; background: #fbfcfd; }
      .branch-head { display: grid; grid-template-columns: minmax(0, 1fr) 160px auto; gap: 8px; align-items: end; margin-bottom: 6px; }
      .branch-head .field { margin: 0; }
      .inline { display: flex; gap: 6px; align-items: center; }
      .inline input[type='checkbox'] { width: auto; }
      .errors li { cursor: default; }
      h3 .id { font-family: ui-monospace, Menlo, Consolas, monospace; color: var(--sh-blue-dark); }
    `,
  ];

  @property({ attribute: false }) scheme!: Scheme;
  @property({ type: Number }) index = -1;
  @property({ attribute: false }) fields: FieldOption[] = [];
  /** All validation errors of the document; the row's own are shown. */
  @property({ attribute: false }) errors: FieldError[] = [];
  /** The national baseline: the row's floor is shown with its period. */
  @property({ attribute: false }) baseline: Scheme | null = null;
  @property({ type: Boolean }) readonly = false;
  private baselineIds: { of: Scheme; ids: Map<string, SchemeItem>; texts: ReturnType<typeof baselineRowTexts> } | null = null;

  private baselineOf(): NonNullable<typeof this.baselineIds> | null {
    if (!this.baseline) return null;
    if (this.baselineIds?.of !== this.baseline)
      this.baselineIds = { of: this.baseline, ids: baselineIndex(this.baseline), texts: baselineRowTexts(this.baseline) };
    return this.baselineIds;
  }

  private floorOf(item: SchemeItem): RowFloor | null {
    const b = this.baselineOf();
    return b ? rowFloor(item, this.scheme, b.ids) : null;
  }

  /** An unmapped row: the baseline row its wording suggests, to confirm (derivedFrom) or decline (notDerived). */
  private renderSuggestion(item: SchemeItem) {
    const b = this.baselineOf();
    const rows = b ? suggestedMapping(item, this.scheme, b.ids, b.texts) : [];
    if (!rows.length) return nothing;
    return html`<div class="message info small" role="note" data-suggestion>
      此条款未标明对应的国家基线条款。按文字，可能对应：${rows.map((r) => `基线条款 ${r.id}“${r.scope}”（${r.basis ?? ''}）`).join('；')}。
      对应后，保管期限不得短于该基线条款。
      ${
        this.readonly
          ? nothing
          : html`<span class="actions">${rows.map((r) => html`<button type="button" @click=${() => this.patch({ derivedFrom: r.id })}>确认对应基线条款 ${r.id}</button>`)}
            <button type="button" @click=${() => this.patch({ notDerived: true })}>无基线对应</button></span>`
      }
    </div>`;
  }

  override render() {
    const item = this.scheme.items[this.index];
    if (!item)
      return html`<div class="empty"><strong>请选择一条条款</strong>在上方表格中点击条款，即可在此编辑其归档范围、类目、保管期限和判断条件。</div>`;
    const heading = isHeading(this.scheme.items, this.index);
    const prefix = `/items/${this.index}`;
    const mine = errorsUnder(this.errors, prefix);
    // Each error stands at its field (`/items/3/scope` under 归档范围 …); the rest is listed at the top.
    const at: FieldErrors = fieldsAt(mine);
    const placed = heading ? HEADING_PARTS : ROW_PARTS;
    const elsewhere = mine.filter((e) => !placed.has(e.path.split('/')[1] ?? ''));
    const describe = (part: string) => errorId(at, part, 'item-');
    const classes = flattenClassTree(this.scheme.classes);
    const departments = this.scheme.departments ?? [];
    return html`
      <h3>条款 <span class="id">${item.id}</span>${heading ? html` <span class="badge">标题行</span>` : nothing}
        ${item.derivedFrom ? html` <span class="badge blue" title="与基线条款对应：保管期限不得短于基线">源自基线条款 ${item.derivedFrom}</span>` : nothing}
        ${item.notDerived ? html` <span class="badge" title="档案员已确认此条款无国家基线对应">无基线对应</span>` : nothing}</h3>
      ${heading ? nothing : this.renderSuggestion(item)}
      ${
        mine.length
          ? html`<div class="message error errors" role="alert" data-row-errors>此条款有 ${mine.length} 处需要修正${elsewhere.length === mine.length ? '：' : '，已在相应项目下标出'}${
              elsewhere.length ? html`<ul>${elsewhere.map((e) => html`<li>${partLabel(e.path.slice(1))}：${e.message}</li>`)}</ul>` : '。'
            }</div>`
          : nothing
      }
      ${heading ? html`<p class="message info small">此条款有下级条款，是标题行：判断条件和保管期限写在下级条款上。</p>` : nothing}
      <div class="grid">
        <label class="field wide"><span>归档范围</span>
          <textarea rows="2" .value=${item.scope} ?readonly=${this.readonly} aria-invalid=${invalid(at, 'scope')} aria-describedby=${describe('scope')}
            @change=${(e: Event) => this.patch({ scope: (e.target as HTMLTextAreaElement).value.trim() || item.scope })}></textarea>
          ${fieldError(at, 'scope', 'item-')}
        </label>
        <label class="field"><span>所属类目</span>
          <select ?disabled=${this.readonly} aria-invalid=${invalid(at, 'class')} aria-describedby=${describe('class')} @change=${(e: Event) => this.patch({ class: (e.target as HTMLSelectElement).value || undefined })}>
            <option value="" ?selected=${!item.class}>${heading ? '（标题行可不设类目）' : '请选择类目…'}</option>
            ${classes.map((c) => html`<option value=${c.path} ?selected=${c.path === item.class}>${'　'.repeat(c.depth - 1)}${c.code} ${c.name}</option>`)}
            ${item.class && !classes.some((c) => c.path === item.class) ? html`<option value=${item.class} selected>${item.class}（未定义）</option>` : nothing}
          </select>
          ${fieldError(at, 'class', 'item-')}
        </label>
        <label class="field"><span>部门</span>
          <input list="departments" .value=${item.department ?? ''} ?readonly=${this.readonly} aria-invalid=${invalid(at, 'department')} aria-describedby=${describe('department')}
            @change=${(e: Event) => this.patch({ department: (e.target as HTMLInputElement).value.trim() || undefined })} />
          ${fieldError(at, 'department', 'item-')}
          <datalist id="departments">${departments.map((d) => html`<option value=${d.name}></option>`)}</datalist>
        </label>
      </div>
      ${heading ? nothing : this.renderRetention(item, errorsUnder(mine, '/retention'), at)}
      ${
        heading
          ? nothing
          : html`<fieldset>
            <legend>判断条件：符合时归入此条款</legend>
            <sh-condition-builder
              .value=${item.when}
              .fields=${this.fields}
              .parameters=${this.scheme.parameters ?? []}
              .errors=${errorsUnder(mine, '/when')}
              label="条款 ${item.id} 的条件"
              ?readonly=${this.readonly}
              @condition-change=${(e: CustomEvent<{ logic: unknown }>) => this.setWhen(e.detail.logic)}
            ></sh-condition-builder>
          </fieldset>`
      }
      <div class="grid">
        <label class="field"><span>依据（如 10号令附件 1.2）</span>
          <input .value=${item.basis ?? ''} ?readonly=${this.readonly} aria-invalid=${invalid(at, 'basis')} aria-describedby=${describe('basis')}
            @change=${(e: Event) => this.patch({ basis: (e.target as HTMLInputElement).value.trim() || undefined })} />
          ${fieldError(at, 'basis', 'item-')}
        </label>
        ${heading ? nothing : this.renderStart(item, at)}
        <label class="field wide"><span>备注</span>
          <textarea rows="1" .value=${item.note ?? ''} ?readonly=${this.readonly} aria-invalid=${invalid(at, 'note')} aria-describedby=${describe('note')}
            @change=${(e: Event) => this.patch({ note: (e.target as HTMLTextAreaElement).value.trim() || undefined })}></textarea>
          ${fieldError(at, 'note', 'item-')}
        </label>
        <label class="field wide"><span>编辑备注（只给编辑人员看，不打印、不导出）</span>
          <textarea rows="1" .value=${item.editorNote ?? ''} ?readonly=${this.readonly} aria-invalid=${invalid(at, 'editorNote')} aria-describedby=${describe('editorNote')}
            @change=${(e: Event) => this.patch({ editorNote: (e.target as HTMLTextAreaElement).value.trim() || undefined })}></textarea>
          ${fieldError(at, 'editorNote', 'item-')}
        </label>
      </div>
    `;
  }

  /** `errors`: those under the row's retention (paths relative to it); `at`: the row's errors by part. */
  private renderRetention(item: SchemeItem, errors: FieldError[], at: FieldErrors) {
    const branches = Array.isArray(item.retention) ? item.retention : null;
    // An error about the retention as a whole (not one branch) stands under the legend.
    const whole = errors.filter((e) => e.path === '');
    return html`<fieldset aria-describedby=${branches ? errorId(at, 'retention', 'item-') : ''}>
      <legend>保管期限</legend>
      ${floorNote(this.floorOf(item))}
      ${branches && whole.length ? html`<span class="field-error" id="item-err-retention" role="alert">${whole.map((e) => e.message).join('；')}</span>` : nothing}
      <div class="radios" role="radiogroup" aria-label="保管期限方式">
        <label><input type="radio" name="mode" .checked=${!branches} ?disabled=${this.readonly} @change=${() => this.toFixed()} /> 固定期限</label>
        <label><input type="radio" name="mode" .checked=${!!branches} ?disabled=${this.readonly} @change=${() => this.toBranches()} /> 分情况（如 重要的 / 一般的）</label>
      </div>
      ${
        branches
          ? html`${branches.map((b, j) => this.renderBranch(item, b, j, branches.length, errorsUnder(errors, `/${j}`)))}
            ${this.readonly ? nothing : html`<button type="button" @click=${() => this.addBranch()}>＋ 添加分支</button>`}
            ${
              branches[branches.length - 1]?.when !== undefined
                ? html`<label class="field" style="margin-top:8px"><span>各分支条件都不满足时，需人工判断的说明</span>
                  <input .value=${item.review ?? ''} ?readonly=${this.readonly} placeholder="如：请按合同金额和重要程度判断" aria-invalid=${invalid(at, 'review')}
                    aria-describedby=${errorId(at, 'review', 'item-')} @change=${(e: Event) => this.patch({ review: (e.target as HTMLInputElement).value.trim() || undefined })} />
                  ${fieldError(at, 'review', 'item-')}
                </label>`
                : nothing
            }`
          : html`<label class="field" style="max-width:260px"><span class="visually-hidden">保管期限</span>
            <select aria-label="保管期限" ?disabled=${this.readonly} aria-invalid=${invalid(at, 'retention')} aria-describedby=${errorId(at, 'retention', 'item-')}
              @change=${(e: Event) => this.patch({ retention: (e.target as HTMLSelectElement).value as RetentionCode })}>
              ${item.retention === undefined ? html`<option value="" selected>请选择…</option>` : nothing}
              ${RETENTION_CODES.map((c) => html`<option value=${c} ?selected=${item.retention === c}>${codeLabel(c)}</option>`)}
            </select>
            ${fieldError(at, 'retention', 'item-')}
          </label>`
      }
    </fieldset>`;
  }

  private renderBranch(item: SchemeItem, b: RetentionBranch, j: number, count: number, errors: FieldError[]) {
    const last = j === count - 1;
    const n = j + 1;
    const at = fieldsAt(errors);
    const id = `branch-${j}-`;
    return html`<div class="branch" role="group" aria-label="分支 ${n}：${b.label}">
      <div class="branch-head">
        <label class="field"><span>分支名称</span>
          <input .value=${b.label} ?readonly=${this.readonly} aria-invalid=${invalid(at, 'label')} aria-describedby=${errorId(at, 'label', id)}
            @change=${(e: Event) => this.setBranch(j, { label: (e.target as HTMLInputElement).value.trim() || b.label })} />
        </label>
        <label class="field"><span>保管期限</span>
          <select ?disabled=${this.readonly} aria-invalid=${invalid(at, 'code')} aria-describedby=${errorId(at, 'code', id)}
            @change=${(e: Event) => this.setBranch(j, { code: (e.target as HTMLSelectElement).value as RetentionCode })}>
            ${RETENTION_CODES.map((c) => html`<option value=${c} ?selected=${b.code === c}>${codeLabel(c)}</option>`)}
          </select>
        </label>
        ${
          this.readonly
            ? html`<span></span>`
            : html`<div class="row">
              <button type="button" class="icon" aria-label="分支 ${n} 上移" title="上移" ?disabled=${j === 0} @click=${() => this.moveBranch(j, -1)}>↑</button>
              <button type="button" class="icon" aria-label="分支 ${n} 下移" title="下移" ?disabled=${last} @click=${() => this.moveBranch(j, 1)}>↓</button>
              <button type="button" class="icon danger" aria-label="删除分支 ${n}" title="删除分支" ?disabled=${count <= 1} @click=${() => this.removeBranch(j)}>✕</button>
            </div>`
        }
      </div>
      ${fieldError(at, 'label', id)} ${fieldError(at, 'code', id)}
      ${errors.filter((e) => !/^\/(when|label|code)(\/|$)/.test(e.path)).map((e) => html`<div class="message error small" role="alert">${e.message}</div>`)}
      ${
        last
          ? html`<label class="inline small"><input type="checkbox" .checked=${b.when === undefined} ?disabled=${this.readonly}
            @change=${(e: Event) => this.setBranch(j, { when: (e.target as HTMLInputElement).checked ? undefined : importantCondition(this.scheme) })} />
            其他情况（不设条件，前面的分支都不适用时采用）</label>`
          : nothing
      }
      ${
        last && b.when === undefined
          ? nothing
          : html`<sh-condition-builder
            .value=${b.when}
            .fields=${this.fields}
            .parameters=${this.scheme.parameters ?? []}
            .errors=${errorsUnder(errors, '/when')}
            label="条款 ${item.id} 分支“${b.label}”的条件"
            ?readonly=${this.readonly}
            @condition-change=${(e: CustomEvent<{ logic: unknown }>) => {
              e.stopPropagation();
              this.setBranch(j, { when: e.detail.logic as RetentionBranch['when'] });
            }}
          ></sh-condition-builder>`
      }
    </div>`;
  }

  private renderStart(item: SchemeItem, at: FieldErrors) {
    const start = item.retentionStart;
    const mode = start === undefined ? '' : typeof start === 'string' ? start : 'event';
    const dateFields = this.fields.filter((f) => f.type === 'date' && f.name.startsWith('extra.'));
    return html`<div class="field"><label for="start" class="field-label">保管期限起算</label>
      <select id="start" ?disabled=${this.readonly} aria-invalid=${invalid(at, 'retentionStart')} aria-describedby=${errorId(at, 'retentionStart', 'item-')} @change=${(e: Event) => this.setStart((e.target as HTMLSelectElement).value, dateFields)}>
        <option value="" ?selected=${mode === ''}>按本表统一规定</option>
        <option value="nextYearJan1" ?selected=${mode === 'nextYearJan1'}>形成年度的次年1月1日</option>
        <option value="fiscalYearEndNextDay" ?selected=${mode === 'fiscalYearEndNextDay'}>会计年度终了后的第一天</option>
        <option value="event" ?selected=${mode === 'event'} ?disabled=${!dateFields.length && mode !== 'event'}>某事件之日次日${dateFields.length ? '' : '（需先声明日期型自定义字段）'}</option>
      </select>
      ${
        typeof start === 'object'
          ? html`<div class="row" style="margin-top:4px">
            <label class="visually-hidden" for="event">起算事件</label>
            <input id="event" style="flex:1;width:auto" .value=${start.event} ?readonly=${this.readonly} placeholder="事件，如 固定资产报废清理"
              @change=${(e: Event) => this.patch({ retentionStart: { ...start, event: (e.target as HTMLInputElement).value.trim() || start.event } })} />
            <label class="visually-hidden" for="event-field">事件日期字段</label>
            <select id="event-field" style="flex:1;width:auto" ?disabled=${this.readonly} @change=${(e: Event) => this.patch({ retentionStart: { ...start, dateField: (e.target as HTMLSelectElement).value } })}>
              ${dateFields.map((f) => html`<option value=${f.name} ?selected=${f.name === start.dateField}>${f.label}</option>`)}
            </select>
          </div>`
          : nothing
      }
      ${fieldError(at, 'retentionStart', 'item-')}
    </div>`;
  }

  // ——— edits ———

  private patch(patch: Patch) {
    const items = [...this.scheme.items];
    const next = { ...items[this.index], ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    items[this.index] = next as SchemeItem;
    fire(this, 'scheme-change', { scheme: { ...this.scheme, items } });
  }

  private setWhen(logic: unknown) {
    // A row without a condition is kept valid as “待补充条件” (it matches nothing until one is set).
    if (logic === undefined) this.patch({ when: undefined, needsCondition: true });
    else this.patch({ when: logic as SchemeItem['when'], needsCondition: undefined });
  }

  private branches(): RetentionBranch[] {
    const r = this.scheme.items[this.index].retention;
    return Array.isArray(r) ? [...r] : [];
  }

  private setBranch(j: number, patch: Partial<RetentionBranch>) {
    const list = this.branches();
    const next = { ...list[j], ...patch } as Record<string, unknown>;
    if (next.when === undefined) delete next.when;
    list[j] = next as RetentionBranch;
    this.patch({ retention: list });
  }

  private moveBranch(j: number, d: -1 | 1) {
    const list = this.branches();
    [list[j], list[j + d]] = [list[j + d], list[j]];
    this.patch({ retention: list });
  }

  private removeBranch(j: number) {
    const list = this.branches().filter((_, k) => k !== j);
    this.patch({ retention: list.length === 1 && list[0].when === undefined ? list[0].code : list });
  }

  private addBranch() {
    const list = this.branches();
    const used = new Set(list.map((b) => b.label));
    const label = ['重要的', '一般的', '其他'].find((l) => !used.has(l)) ?? `分支${list.length + 1}`;
    // New branches go before the unconditional “other” branch, which must stay last.
    const fresh: RetentionBranch = { label, code: this.longestCode(), when: importantCondition(this.scheme) };
    const hasDefault = list.length && list[list.length - 1].when === undefined;
    this.patch({ retention: hasDefault ? [...list.slice(0, -1), fresh, list[list.length - 1]] : [...list, fresh] });
  }

  /** The longest period the row gives now (a new branch starts there, never at the shortest). */
  private longestCode(): RetentionCode {
    return this.branches().reduce<RetentionCode>(
      (b, x) => (RETENTIONS[x.code].rank > RETENTIONS[b].rank ? x.code : b),
      this.branches()[0]?.code ?? 'Y',
    );
  }

  private toFixed() {
    const list = this.branches();
    const longest = list.reduce<RetentionCode>(
      (b, x) => (RETENTIONS[x.code].rank > RETENTIONS[b].rank ? x.code : b),
      list[0]?.code ?? 'D10',
    );
    this.patch({ retention: longest, review: undefined });
  }

  private toBranches() {
    const r = this.scheme.items[this.index].retention;
    const code = typeof r === 'string' ? (r as RetentionCode) : 'Y';
    // 重要的 needs a discriminator: the table's own (its 重要程度 field or amount standard), 一般的 is the rest.
    this.patch({
      retention: [
        { label: '重要的', code: code === 'D10' ? 'D30' : code, when: importantCondition(this.scheme) },
        { label: '一般的', code: 'D10' },
      ],
    });
  }

  private setStart(mode: string, dateFields: FieldOption[]) {
    if (mode === '') this.patch({ retentionStart: undefined });
    else if (mode === 'event')
      this.patch({ retentionStart: { event: '固定资产报废清理', dateField: dateFields[0]?.name ?? 'extra.eventDate' } });
    else this.patch({ retentionStart: mode as 'nextYearJan1' | 'fiscalYearEndNextDay' });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-item-editor': ShItemEditor;
  }
}
