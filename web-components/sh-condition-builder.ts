// Low-code condition builder: field · operator · value rows in nested 全部/任一 groups; the JSON-Logic advanced view
// is sh-condition-json.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { FieldError } from './lib/api.js';
import {
  type ConditionGroup,
  type ConditionNode,
  type ConditionRule,
  type FieldOption,
  type OperatorId,
  OPERATORS_BY_TYPE,
  OPERATOR_SHAPE,
  newRule,
  updateAt,
  withOperator,
} from './lib/condition-model.js';
import type { SchemeParameter } from '../server/schemas/scheme.js';
import { type ConditionProblem, validateCondition } from './lib/condition-check.js';
import { operatorLabel } from './lib/condition-describe.js';
import { parseCondition } from './lib/condition-parse.js';
import { toJsonLogic } from './lib/condition-to-logic.js';
import { type ConditionChangeDetail, fire } from './lib/events.js';
import { valueInputs } from './lib/condition-value-inputs.js';
import { builderStyles } from './styles/condition-builder.js';
import { shared } from './styles/shared.js';
import './sh-chips-input.js';
import './sh-condition-json.js';

const MAX_GROUP_DEPTH = 4;

/** How a group combines its rows: the two plain ways and their negations. */
type Mode = 'and' | 'or' | 'nor' | 'nand';
const MODES: [Mode, string][] = [
  ['and', '满足以下全部条件'],
  ['or', '满足以下任一条件'],
  ['nor', '以下条件都不满足'],
  ['nand', '不同时满足以下条件'],
];
const modeOf = (g: ConditionGroup): Mode => (g.negate ? (g.combinator === 'or' ? 'nor' : 'nand') : g.combinator);

/**
 * Edits one JSON-Logic condition without JSON. What the rows cannot show exactly opens as JSON text, never rewritten.
 *
 * @fires condition-change - `{ logic }` whenever the rows (or the JSON text) form a complete condition.
 */
@customElement('sh-condition-builder')
export class ShConditionBuilder extends LitElement {
  static override styles = [shared, builderStyles];

  /** The JSON-Logic condition (undefined: none yet). */
  @property({ attribute: false }) value: unknown = undefined;
  @property({ attribute: false }) fields: FieldOption[] = [];
  /** The scheme's parameters, offered in place of a constant (大额资金标准 …). */
  @property({ attribute: false }) parameters: readonly SchemeParameter[] = [];
  /** The service's validation errors for this condition, paths relative to it ("" = the condition itself). */
  @property({ attribute: false }) errors: FieldError[] = [];
  /** Accessible name of the whole condition, e.g. “条款 1.2 的条件”. */
  @property() label = '条件';
  @property({ type: Boolean }) readonly = false;

  @state() private root: ConditionNode | null = null;
  @state() private advanced = false;
  @state() private advancedReason = '';
  /** The text the JSON view opens with, and how many times it was opened (each time a fresh view). */
  @state() private text = '';
  @state() private opened = 0;
  @state() private problems: ConditionProblem[] = [];
  /** A condition just started and not yet touched: its blanks are not errors until the user acts. */
  @state() private fresh = false;
  /** JSON of the last value this element emitted or loaded, to tell our own echo from a new value. */
  private known: string | undefined = '\u0000';

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('value') && JSON.stringify(this.value) !== this.known) this.load();
  }

  private load() {
    this.known = JSON.stringify(this.value);
    this.problems = [];
    if (this.value === undefined) {
      this.root = null;
      this.advanced = false;
      return;
    }
    const parsed = parseCondition(this.value);
    if (parsed.ok) {
      this.root = parsed.node;
      this.advanced = false;
    } else {
      this.root = null;
      this.openText(JSON.stringify(this.value, null, 2), parsed.reason);
    }
  }

  override render() {
    return this.advanced ? this.renderAdvanced() : this.renderRows();
  }

  // ——— rows ———

  private renderRows() {
    const serverErrors = this.errors.length
      ? html`<div class="message error" role="alert">条件未通过校验：<ul>${this.errors.map((e) => html`<li>${e.message}</li>`)}</ul></div>`
      : nothing;
    if (this.root === null) {
      return html`
        ${serverErrors}
        <div class="empty" role="group" aria-label=${this.label}>
          <strong>尚未设置条件</strong>
          ${
            this.readonly
              ? html`没有条件的条款不会匹配任何文件。`
              : html`添加条件后，符合条件的文件才会归入此条款。
            <div class="foot" style="justify-content:center;margin-top:10px">
              <button type="button" class="primary" @click=${this.startRows}>＋ 添加条件</button>
              <button type="button" @click=${this.startAdvanced}>编写高级条件（JSON）</button>
            </div>`
          }
        </div>
      `;
    }
    const group: ConditionGroup = this.root.kind === 'group' ? this.root : { kind: 'group', combinator: 'and', children: [this.root] };
    const pending = this.problems.length > 0;
    return html`
      ${serverErrors}
      <div role="group" aria-label=${this.label}>${this.renderGroup(group, [], 0, this.root.kind === 'rule')}</div>
      <div class="toolbar" style="margin-top:6px">
        ${pending && !this.fresh ? html`<span class="pending" role="status">⚠ 条件未填写完整，修改尚未生效</span>` : nothing}
        ${pending && this.fresh ? html`<span class="muted small" role="status">填写后条件生效</span>` : nothing}
        <span class="spacer"></span>
        ${this.readonly ? nothing : html`<button type="button" class="link small" @click=${this.toAdvanced}>以 JSON 查看/编辑</button>`}
      </div>
    `;
  }

  /** `virtual`: a lone row shown as a one-row group; editing the group turns it into a real one. */
  private renderGroup(group: ConditionGroup, at: number[], depth: number, virtual = false): TemplateResult {
    const nested = at.length > 0;
    const many = group.children.length > 1;
    const name = nested ? `第 ${at.map((i) => i + 1).join('-')} 组` : '';
    return html`
      <div class="group">
        <div class="group-head">
          <select
            aria-label="${name}条件的组合方式"
            ?disabled=${this.readonly}
            @change=${(e: Event) => this.setCombinator(at, (e.target as HTMLSelectElement).value as Mode, virtual)}
          >
            ${MODES.map(([mode, label]) => html`<option value=${mode} ?selected=${mode === modeOf(group)}>${label}</option>`)}
          </select>
          ${many ? nothing : html`<span class="muted small">（可添加更多条件）</span>`}
          <span class="spacer"></span>
          ${nested && !this.readonly ? html`<button type="button" class="link danger small" @click=${() => this.edit(at, () => null)}>删除此组</button>` : nothing}
        </div>
        ${group.children.map((child, i) => {
          const here = virtual ? [] : [...at, i];
          // Under “以下条件都不满足” the rows are a plain list; elsewhere 且/或 says how they combine.
          const joiner = i === 0 || modeOf(group) === 'nor' ? '' : group.combinator === 'and' ? '且' : '或';
          return child.kind === 'group'
            ? html`<div class="row" style="align-items:flex-start"><span class="joiner">${joiner}</span><div style="flex:1; min-width:0">${this.renderGroup(child, here, depth + 1)}</div></div>`
            : this.renderRule(child, here, joiner, virtual);
        })}
        ${
          this.readonly
            ? nothing
            : html`<div class="foot">
              <button type="button" @click=${() => this.addRule(at, virtual)}>＋ 条件</button>
              ${depth + 1 < MAX_GROUP_DEPTH ? html`<button type="button" @click=${() => this.addGroup(at, virtual)}>＋ 条件组</button>` : nothing}
            </div>`
        }
      </div>
    `;
  }

  private renderRule(rule: ConditionRule, at: number[], joiner: string, lone: boolean): TemplateResult {
    const field = this.fields.find((f) => f.name === rule.field);
    const n = at.length ? at.map((i) => i + 1).join('-') : '1';
    const ops = field ? OPERATORS_BY_TYPE[field.type] : (Object.keys(OPERATOR_SHAPE) as OperatorId[]);
    const shownOps = ops.includes(rule.op) ? ops : [...ops, rule.op];
    const standard = this.fields.filter((f) => !f.name.startsWith('extra.'));
    const extra = this.fields.filter((f) => f.name.startsWith('extra.'));
    const key = at.join('.');
    const problems = this.fresh ? [] : this.problems.filter((p) => p.at.join('.') === key);
    return html`
      <div class="rule" data-rule=${n}>
        <span class="joiner">${joiner}</span>
        <select
          class="field"
          aria-label="第 ${n} 个条件的字段"
          ?disabled=${this.readonly}
          @change=${(e: Event) => this.setField(at, (e.target as HTMLSelectElement).value)}
        >
          ${rule.field ? nothing : html`<option value="" selected>选择字段…</option>`}
          <optgroup label="标准字段">${standard.map((f) => html`<option value=${f.name} ?selected=${f.name === rule.field}>${f.label}</option>`)}</optgroup>
          ${extra.length ? html`<optgroup label="本表自定义字段">${extra.map((f) => html`<option value=${f.name} ?selected=${f.name === rule.field}>${f.label}</option>`)}</optgroup>` : nothing}
          ${rule.field && !field ? html`<option value=${rule.field} selected>${rule.field}（未声明）</option>` : nothing}
        </select>
        <select
          class="op"
          aria-label="第 ${n} 个条件的比较方式"
          ?disabled=${this.readonly || !rule.field}
          @change=${(e: Event) => this.edit(at, (r) => withOperator(r as ConditionRule, (e.target as HTMLSelectElement).value as OperatorId, field))}
        >
          ${shownOps.map((op) => html`<option value=${op} ?selected=${op === rule.op}>${operatorLabel(op, field?.type)}</option>`)}
        </select>
        <div class="value">${valueInputs(rule, field, {
          n,
          invalid: problems.length > 0,
          readonly: this.readonly,
          parameters: this.parameters,
          set: (values) => this.edit(at, (r) => ({ ...(r as ConditionRule), values })),
        })}</div>
        ${this.readonly ? nothing : html`<button type="button" class="icon danger" aria-label="删除第 ${n} 个条件" title="删除此条件" @click=${() => (lone ? this.clearAll() : this.edit(at, () => null))}>✕</button>`}
        ${problems.map((p) => html`<div class="problem" role="alert">${p.message}</div>`)}
      </div>
    `;
  }

  // ——— edits ———

  private startRows() {
    this.commit(newRule(this.fields.find((f) => f.name === 'title')), true);
  }

  private clearAll() {
    this.commit(null);
  }

  private setCombinator(at: number[], mode: Mode, virtual: boolean) {
    const combinator = mode === 'and' || mode === 'nand' ? 'and' : 'or';
    const shape = (g: ConditionGroup): ConditionGroup => {
      const { negate: _, ...rest } = g;
      return mode === 'nor' || mode === 'nand' ? { ...rest, combinator, negate: true } : { ...rest, combinator };
    };
    if (virtual && this.root) this.commit(shape({ kind: 'group', combinator, children: [this.root] }));
    else this.edit(at, (g) => shape(g as ConditionGroup));
  }

  private setField(at: number[], name: string) {
    const field = this.fields.find((f) => f.name === name);
    this.edit(at, (r) => {
      const rule = r as ConditionRule;
      const previous = this.fields.find((f) => f.name === rule.field);
      // Keep the operator and values when the new field is of the same kind (题名 → 文号 keeps the keywords).
      if (previous && field && previous.type === field.type && OPERATORS_BY_TYPE[field.type].includes(rule.op))
        return { ...rule, field: name };
      return newRule(field);
    });
  }

  private addRule(at: number[], virtual: boolean) {
    const rule = newRule(this.fields.find((f) => f.name === 'title'));
    if (virtual && this.root) this.commit({ kind: 'group', combinator: 'and', children: [this.root, rule] }, true);
    else this.edit(at, (g) => ({ ...(g as ConditionGroup), children: [...(g as ConditionGroup).children, rule] }), true);
  }

  private addGroup(at: number[], virtual: boolean) {
    const group: ConditionGroup = { kind: 'group', combinator: 'or', children: [newRule(this.fields.find((f) => f.name === 'title'))] };
    if (virtual && this.root) this.commit({ kind: 'group', combinator: 'and', children: [this.root, group] }, true);
    else this.edit(at, (g) => ({ ...(g as ConditionGroup), children: [...(g as ConditionGroup).children, group] }), true);
  }

  private edit(at: number[], f: (node: ConditionNode) => ConditionNode | null, fresh = false) {
    if (!this.root) return;
    let next = updateAt(this.root, at, f);
    // A group left with one row reads better as that row; an empty root means no condition.
    if (next && next.kind === 'group' && next.children.length === 0) next = null;
    this.commit(next, fresh);
  }

  /** `fresh`: a new, untouched condition (its blanks are shown as blanks, not errors). */
  private commit(root: ConditionNode | null, fresh = false) {
    this.root = root;
    this.fresh = fresh;
    this.problems = root ? validateCondition(root, this.fields, [], this.parameters) : [];
    if (this.problems.length) return;
    const logic = root ? toJsonLogic(root) : undefined;
    this.known = JSON.stringify(logic);
    fire(this, 'condition-change', { logic });
  }

  // ——— advanced (JSON text, sh-condition-json) ———

  /** Opens the text view on `text`; a new sh-condition-json each time, so it starts from that text. */
  private openText(text: string, reason = '') {
    this.advanced = true;
    this.advancedReason = reason;
    this.text = text;
    this.opened++;
  }

  private startAdvanced() {
    this.openText('');
  }

  private toAdvanced() {
    this.openText(this.root ? JSON.stringify(toJsonLogic(this.root), null, 2) : '');
  }

  private renderAdvanced() {
    return keyed(
      this.opened,
      html`<sh-condition-json
        .text=${this.text}
        reason=${this.advancedReason}
        .fields=${this.fields}
        .errors=${this.errors}
        label=${this.label}
        ?readonly=${this.readonly}
        @condition-change=${(e: CustomEvent<ConditionChangeDetail>) => (this.known = JSON.stringify(e.detail.logic))}
        @condition-rows=${this.toRows}
      ></sh-condition-json>`,
    );
  }

  private toRows = (e: CustomEvent<ConditionChangeDetail>) => {
    e.stopPropagation();
    const logic = e.detail.logic;
    this.advanced = false;
    this.root = logic === undefined ? null : (parseCondition(logic) as { node: ConditionNode }).node;
    this.problems = [];
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-condition-builder': ShConditionBuilder;
  }
}
