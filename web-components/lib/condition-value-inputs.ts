// The value inputs of one condition row: templates rendered in sh-condition-builder's shadow root and styled there
// (the builder loads sh-chips-input, which lists use).
import { html, nothing, type TemplateResult } from 'lit';
import { type ConditionRule, type FieldOption, OPERATOR_SHAPE, type Scalar } from './condition-model.js';
import { suggestionsFor } from './condition-words.js';

export interface ValueInputOptions {
  /** The row's number as shown (“2-1”), for the inputs' accessible names. */
  n: string;
  invalid: boolean;
  readonly: boolean;
  set: (values: Scalar[]) => void;
}

/** The value part of a row, by the operator's shape (one value, a list, two bounds, none) and the field's type. */
export function valueInputs(rule: ConditionRule, field: FieldOption | undefined, o: ValueInputOptions): TemplateResult | typeof nothing {
  const { n, invalid, readonly, set } = o;
  const shape = OPERATOR_SHAPE[rule.op];
  if (shape === 'none') return nothing;
  if (shape === 'list') {
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
  if (shape === 'range') {
    return html`${scalarInput(rule.values[0], field, `第 ${n} 个条件的起始值`, (x) => set([x, rule.values[1]]), invalid, readonly)}
      <span>至</span>
      ${scalarInput(rule.values[1], field, `第 ${n} 个条件的结束值`, (x) => set([rule.values[0], x]), invalid, readonly)}`;
  }
  return scalarInput(rule.values[0], field, `第 ${n} 个条件的值`, (x) => set([x]), invalid, readonly);
}

/** One value: 是/否 for a boolean, a menu for an enum, a number or date input, else text. */
function scalarInput(
  value: Scalar | undefined,
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
