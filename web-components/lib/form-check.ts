// Our own check of a form's constraints (required, maxlength, pattern, min/max …), so that forms carry `novalidate`
// and show a Chinese message next to each field instead of the browser's validation bubble.

/** Field name → message. */
export type FormErrors = Record<string, string>;

/** What the check reads of a control: the parts of an input, select or textarea it needs. */
export interface Constraint {
  name: string;
  type: string;
  value: string;
  required: boolean;
  disabled?: boolean;
  maxLength: number;
  minLength: number;
  min?: string;
  max?: string;
  step?: string;
  title?: string;
  validity: Partial<
    Pick<
      ValidityState,
      'valueMissing' | 'typeMismatch' | 'patternMismatch' | 'rangeUnderflow' | 'rangeOverflow' | 'stepMismatch' | 'badInput' | 'tooShort'
    >
  >;
}

const isDate = (type: string) => type === 'date' || type === 'datetime-local' || type === 'month';

/** The message for one control, or null when it meets its constraints. Text that is only spaces counts as empty. */
export function constraintMessage(c: Constraint): string | null {
  if (c.disabled) return null;
  const v = c.validity;
  const blank = c.value.trim() === '';
  if (c.required && (v.valueMissing || blank)) {
    if (c.type === 'checkbox') return '请勾选';
    if (c.type === 'file') return '请选择文件';
    if (c.type.startsWith('select')) return '请选择';
    return '必填';
  }
  if (blank) return null;
  if (v.badInput) return isDate(c.type) ? '请输入有效的日期' : '请输入有效的数字';
  if (c.maxLength > 0 && [...c.value].length > c.maxLength) return `最多 ${c.maxLength} 个字`;
  if (c.minLength > 0 && ([...c.value].length < c.minLength || v.tooShort)) return `至少 ${c.minLength} 个字`;
  if (v.typeMismatch)
    return c.type === 'email' ? '邮箱地址格式不正确' : c.type === 'url' ? '网址格式不正确（应以 https:// 或 http:// 开头）' : '格式不正确';
  // A pattern's rule is said by the control's title (never the pattern itself).
  if (v.patternMismatch) return c.title ? c.title : '格式不正确';
  if (v.rangeUnderflow) return isDate(c.type) ? `不能早于 ${c.min}` : `不能小于 ${c.min}`;
  if (v.rangeOverflow) return isDate(c.type) ? `不能晚于 ${c.max}` : `不能大于 ${c.max}`;
  if (v.stepMismatch) return !c.step || c.step === '1' ? '应为整数' : `应为 ${c.step} 的整数倍`;
  return null;
}

/** The first message of each named control (in document order). */
export function checkControls(controls: Iterable<Constraint>): FormErrors {
  const errors: FormErrors = {};
  for (const c of controls) {
    if (!c.name || c.name in errors) continue;
    const message = constraintMessage(c);
    if (message) errors[c.name] = message;
  }
  return errors;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The form's input, select and textarea elements (buttons and fieldsets have no value to check). */
function controlsOf(form: HTMLFormElement): Control[] {
  return [...form.elements].filter(
    (e): e is Control => e instanceof HTMLInputElement || e instanceof HTMLSelectElement || e instanceof HTMLTextAreaElement,
  );
}

/** Checks a `novalidate` form's constraints: name → message, empty when it may be sent. */
export function checkForm(form: HTMLFormElement): FormErrors {
  return checkControls(
    controlsOf(form).map((e) => ({
      name: e.name,
      type: e.type,
      value: e.value,
      required: e.required,
      disabled: e.disabled,
      maxLength: 'maxLength' in e ? e.maxLength : -1,
      minLength: 'minLength' in e ? e.minLength : -1,
      min: e instanceof HTMLInputElement ? e.min : undefined,
      max: e instanceof HTMLInputElement ? e.max : undefined,
      step: e instanceof HTMLInputElement ? e.step : undefined,
      title: e.title,
      validity: e.validity,
    })),
  );
}

/** Moves the focus to the first control that has an error (the person starts there). */
export function focusFirstInvalid(form: HTMLFormElement, errors: FormErrors): void {
  controlsOf(form)
    .find((e) => e.name in errors)
    ?.focus();
}
