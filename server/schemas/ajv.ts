// One ajv instance for the whole program; turns ajv errors into {path, message} pairs in Chinese.
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { type FieldError, escapePointer, pointer } from './pointer.js';

// Both packages are CommonJS with `default` exports; NodeNext sees the module object.
const Ajv = AjvModule as unknown as typeof AjvModule.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const localizeZh = ((localizeZhModule as { default?: unknown }).default ?? localizeZhModule) as (
  errors: ErrorObject[] | null | undefined,
) => void;

export const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);

export { type FieldError, escapePointer, pointer };

export function toFieldErrors(errors: ErrorObject[] | null | undefined, base = ''): FieldError[] {
  if (!errors?.length) return [];
  const copies = errors.map((e) => ({ ...e }));
  localizeZh(copies);
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of copies) {
    let path = base + e.instancePath;
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required') path += '/' + escapePointer(String(params.missingProperty));
    if (e.keyword === 'additionalProperties') path += '/' + escapePointer(String(params.additionalProperty));
    let message = readable(e) ?? e.message ?? '不符合格式';
    if (e.keyword === 'additionalProperties') message = `不允许的字段“${String(params.additionalProperty)}”`;
    if (e.keyword === 'enum') message += `：${(params.allowedValues as unknown[]).join('、')}`;
    const key = path + '\u0000' + message;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: path || '/', message });
  }
  return out;
}

/**
 * Words for the messages that would otherwise quote a regular expression or a property name: what is expected,
 * the same for HTTP clients and the CLI. Undefined keeps ajv's localised message.
 */
function readable(e: ErrorObject): string | undefined {
  if (e.keyword === 'required') return '必须填写';
  if (e.keyword !== 'pattern') return undefined;
  const pattern = String((e.params as { pattern?: unknown }).pattern ?? '');
  if (e.propertyName !== undefined) return `名称“${e.propertyName}”只能由字母、数字和下划线组成，且以字母开头`;
  if (pattern.startsWith('^\\d{4}-')) {
    return pattern.includes('T') ? '日期格式应为 YYYY-MM-DD（或 YYYY-MM-DDThh:mm:ss+08:00）' : '日期格式应为 YYYY-MM-DD';
  }
  return undefined;
}

/** Compiles once and returns a checker giving either the typed value or the errors. */
export function checker<T>(
  schema: object,
): (value: unknown, base?: string) => { ok: true; value: T } | { ok: false; errors: FieldError[] } {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value, base = '') =>
    validate(value) ? { ok: true, value: value as T } : { ok: false, errors: toFieldErrors(validate.errors, base) };
}
