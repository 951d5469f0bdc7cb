// The value inputs of one condition row: templates rendered in sh-condition-builder's shadow root and styled there
// (the builder loads sh-chips-input, which lists use).
import { html, nothing, type TemplateResult } from 'lit';
import type { SchemeParameter } from '../../server/schemas/scheme.js';
import { parametersFor } from './condition-check.js';
import { type ConditionRule, type FieldOption, OPERATOR_SHAPE, type Scalar, type Value, isParamRef } from './condition-model.js';
import { suggestionsFor } from './condition-words.js';
import { valueText } from './format.js';

export interface ValueInputOptions {
  /** The row's number as shown (“2-1”), for the inputs' accessible names. */
  n: string;
  invalid: boolean;
  readonly: boolean;
  set: (values: Value[]) => void;
  /** The scheme's parameters (大额资金标准 …), offered in place of a constant where their type fits the field. */
  parameters?: readonly SchemeParameter[];
}

const CONSTANT = '';

/** A parameter as the menu shows it: 参数：大额资金标准（5,000,000 元）. */
function parameterText(p: SchemeParameter): string {
  // An amount with its thousands marked (5,000,000 元).
  const value = typeof p.value === 'number' ? p.value.toLocaleString('zh-CN') : valueText(p.value);
  return `参数：${p.label}（${value}${p.unit ? ` ${p.unit}` : ''}）`;
}

/**
 * Where a value comes from: typed in (`constantText`) or one of the parameters. Returns nothing when no parameter
 * fits and the value is a constant (the row then shows only its input).
 */
function sourceMenu(
  value: Value | undefined,
  candidates: readonly SchemeParameter[],
  all: readonly SchemeParameter[],
  label: string,
  constantText: string,
  onChange: (param: string | null) => void,
  readonly: boolean,
): TemplateResult | typeof nothing {
  const current = isParamRef(value) ? value.param : CONSTANT;
  if (!candidates.length && current === CONSTANT) return nothing;
  const unknown = current !== CONSTANT && !candidates.some((p) => p.name === current);
  return html`<select class="source" aria-label="${label}的来源" ?disabled=${readonly}
    @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value || null)}>
    <option value=${CONSTANT} ?selected=${current === CONSTANT}>${constantText}</option>
    ${candidates.map((p) => html`<option value=${p.name} ?selected=${p.name === current}>${parameterText(p)}</option>`)}
    ${unknown ? html`<option value=${current} selected>参数：${all.find((p) => p.name === current)?.label ?? current}（${all.some((p) => p.name === current) ? '不适用' : '未定义'}）</option>` : nothing}
  </select>`;
}

/** The value part of a row, by the operator's shape (one value, a list, two bounds, none) and the field's type. */
export function valueInputs(rule: ConditionRule, field: FieldOption | undefined, o: ValueInputOptions): TemplateResult | typeof nothing {
  const { n, invalid, readonly, set } = o;
  const shape = OPERATOR_SHAPE[rule.op];
  if (shape === 'none') return nothing;
  const parameters = o.parameters ?? [];
  /** One value slot: its source menu, and the constant's input unless a parameter stands there. */
  const slot = (value: Value | undefined, label: string, put: (x: Value) => void) => {
    // Offered for amounts (大额资金标准); a text or yes/no parameter already in the condition keeps its menu.
    const offered = field?.type === 'number' || isParamRef(value) ? parametersFor(field, false, parameters) : [];
    const menu = sourceMenu(
      value,
      offered,
      parameters,
      label,
      '固定值',
      (param) => put(param ? { param } : field?.type === 'boolean' ? true : ''),
      readonly,
    );
    return html`${menu}${isParamRef(value) ? nothing : scalarInput(value, field, label, put, invalid, readonly)}`;
  };
  if (shape === 'list') {
    if (rule.op === 'in' || rule.op === 'notIn') {
      const listParam = rule.values.length === 1 && isParamRef(rule.values[0]) ? rule.values[0] : undefined;
      const menu = sourceMenu(
        listParam,
        parametersFor(field, true, parameters),
        parameters,
        `第 ${n} 个条件的取值`,
        '逐项列出',
        (param) => set(param ? [{ param }] : []),
        readonly,
      );
      if (listParam) return menu;
      if (menu !== nothing) return html`${menu}${listInputs(rule, field, o)}`;
    }
    return listInputs(rule, field, o);
  }
  if (shape === 'range') {
    return html`${slot(rule.values[0], `第 ${n} 个条件的起始值`, (x) => set([x, rule.values[1]]))}
      <span>至</span>
      ${slot(rule.values[1], `第 ${n} 个条件的结束值`, (x) => set([rule.values[0], x]))}`;
  }
  return slot(rule.values[0], `第 ${n} 个条件的值`, (x) => set([x]));
}

/** A list of constants: checkboxes for an enum, else chips (keywords or values). */
function listInputs(rule: ConditionRule, field: FieldOption | undefined, o: ValueInputOptions): TemplateResult {
  const { n, invalid, readonly, set } = o;
  if (field?.type === 'enum' && field.values) {
    return html`<div class="checks" role="group" aria-label="第 ${n} 个条件的取值">
      ${field.values.map(
        (v) => html`<label><input type="checkbox" ?disabled=${readonly} .checked=${rule.values.includes(v)}
        @change=${(e: Event) => set((e.target as HTMLInputElement).checked ? [...rule.values, v] : rule.values.filter((x) => x !== v))} />
        ${field.valueLabels?.[v] ?? v}</label>`,
      )}
    </div>`;
  }
  const keywords = rule.op === 'containsAny' || rule.op === 'notContains';
  return html`<sh-chips-input
    .values=${rule.values.map(String)}
    label="第 ${n} 个条件的${keywords ? '关键词' : '取值'}"
    .suggestions=${suggestionsFor(rule.field)}
    placeholder=${keywords ? '输入关键词后按回车，可粘贴多个（用顿号或逗号分隔）' : '输入取值后按回车'}
    ?disabled=${readonly}
    ?invalid=${invalid}
    @values-change=${(e: CustomEvent<{ values: string[] }>) => set(e.detail.values)}
  ></sh-chips-input>`;
}

/** One value: 是/否 for a boolean, a menu for an enum, a number or date input, else text. */
function scalarInput(
  value: Value | undefined,
  field: FieldOption | undefined,
  label: string,
  set: (x: Scalar) => void,
  invalid: boolean,
  readonly: boolean,
): TemplateResult {
  const type = field?.type ?? 'string';
  if (type === 'boolean') {
    return html`<select aria-label=${label} ?disabled=${readonly} @change=${(e: Event) => set((e.target as HTMLSelectElement).value === 'true')}>
      <option value="true" ?selected=${value === true}>是</option>
      <option value="false" ?selected=${value === false}>否</option>
    </select>`;
  }
  if (type === 'enum' && field?.values) {
    const known = typeof value === 'string' && field.values.includes(value);
    return html`<select aria-label=${label} aria-invalid=${invalid ? 'true' : 'false'} ?disabled=${readonly} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
      ${known ? nothing : html`<option value="" ?selected=${!value}>${value ? String(value) : '请选择…'}</option>`}
      ${field.values.map((v) => html`<option value=${v} ?selected=${v === value}>${field.valueLabels?.[v] ?? v}</option>`)}
    </select>`;
  }
  const inputType =
    type === 'number'
      ? 'number'
      : type === 'date' && (value === '' || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)))
        ? 'date'
        : 'text';
  return html`<input
    type=${inputType}
    aria-label=${label}
    aria-invalid=${invalid ? 'true' : 'false'}
    .value=${value === undefined ? '' : String(value)}
    ?disabled=${readonly}
    @change=${(e: Event) => {
      const raw = (e.target as HTMLInputElement).value;
      set(type === 'number' && raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw);
    }}
  />`;
}
