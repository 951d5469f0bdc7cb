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
  const copies = withoutAlternatives(errors).map((e) => ({ ...e }));
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
 * One message per place for a value that may take several shapes (anyOf/oneOf, such as a period code or a list of
 * branches): ajv reports every alternative's complaint and then that none matched, which reads as three contradicting
 * clauses. Kept: the complaints of the alternative whose type fitted (deeper or not about the type); when no type fitted,
 * a single “should be A or B”.
 */
function withoutAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const drop = new Set<ErrorObject>();
  const extra = new Map<ErrorObject, ErrorObject>();
  for (const alt of errors) {
    if (alt.keyword !== 'anyOf' && alt.keyword !== 'oneOf') continue;
    const inner = errors.filter((e) => e !== alt && e.schemaPath.startsWith(`${alt.schemaPath}/`));
    if (!inner.length) continue;
    const fitting = inner.filter((e) => e.keyword !== 'type' || e.instancePath !== alt.instancePath);
    drop.add(alt);
    for (const e of inner) if (e.keyword === 'type' && e.instancePath === alt.instancePath) drop.add(e);
    if (!fitting.length) {
      const types = inner.flatMap((e) => String((e.params as { type?: unknown }).type ?? '').split(','));
      extra.set(alt, { ...alt, keyword: 'type', params: { type: [...new Set(types)].join(',') } });
    }
  }
  return errors.flatMap((e) => (extra.has(e) ? [extra.get(e)!] : drop.has(e) ? [] : [e]));
}

const TYPE_WORDS: Record<string, string> = {
  string: '文字',
  number: '数字',
  integer: '整数',
  boolean: '是或否（true/false）',
  array: '列表',
  object: '对象',
  null: '空值',
};

/** What a value of each pattern in our schemas looks like, in words (the pattern itself is never shown). */
const PATTERN_WORDS: Record<string, string> = {
  '^(Y|D[1-9][0-9]?)$': '保管期限应为永久（Y）或定期若干年（如 D10、D30）',
  '^D[1-9][0-9]?$': '定期期限应写为 D 加年数，如 D10',
  '^[1-9][0-9]{0,2}(\\.[1-9][0-9]{0,2}){0,3}$': '条款号应为 1 至 4 级数字，以点分隔，如 1.2.3（不以 0 开头）',
  '^[A-Za-z0-9]{1,16}$': '只能由 1–16 位字母或数字组成',
  '^[A-Za-z0-9][A-Za-z0-9.-]{0,15}$': '编号只能由字母、数字、点和连字符组成，以字母或数字开头，至多 16 位',
  '^extra\\.[A-Za-z][A-Za-z0-9_]{0,39}$': '自定义字段应写为 extra. 加以字母开头的字母、数字或下划线，如 extra.scrappedOn',
  '^[A-Za-z][A-Za-z0-9_]{0,39}(\\.[A-Za-z][A-Za-z0-9_]{0,39})?$':
    '字段名只能由字母、数字和下划线组成，以字母开头（自定义字段如 extra.amount）',
  '^[A-Za-z][A-Za-z0-9_]{0,39}$': '名称只能由字母、数字和下划线组成，以字母开头，至多 40 位',
  '^[a-z0-9][a-z0-9-]{0,63}$': '标识只能由小写字母、数字和连字符组成，以字母或数字开头',
  '^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$': '用户名用 2–64 位字母、数字、点、下划线或连字符，以字母或数字开头',
  '^[1-9][0-9]{0,9}$': '应为正整数编号',
};

/**
 * Words for the messages that would otherwise quote a regular expression or a property name: what is expected,
 * the same for HTTP clients and the CLI. Undefined keeps ajv's localised message.
 */
function readable(e: ErrorObject): string | undefined {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return '必须填写';
  if (e.keyword === 'minLength' && params.limit === 1) return '必须填写';
  if (e.keyword === 'maxLength') return `最多 ${String(params.limit)} 个字`;
  if (e.keyword === 'type') {
    const words = String(params.type)
      .split(',')
      .map((t) => TYPE_WORDS[t] ?? t);
    return `应当是${words.join('或')}`;
  }
  if (e.keyword !== 'pattern') return undefined;
  const pattern = String(params.pattern ?? '');
  if (e.propertyName !== undefined) return `名称“${e.propertyName}”只能由字母、数字和下划线组成，且以字母开头`;
  if (pattern.startsWith('^\\d{4}-')) {
    return pattern.includes('T') ? '日期格式应为 YYYY-MM-DD（或 YYYY-MM-DDThh:mm:ss+08:00）' : '日期格式应为 YYYY-MM-DD';
  }
  if (PATTERN_WORDS[pattern]) return PATTERN_WORDS[pattern];
  // A pattern without words of its own: say that the format is wrong rather than quote the expression.
  return '格式不正确';
}

/** Compiles once and returns a checker giving either the typed value or the errors. */
export function checker<T>(
  schema: object,
): (value: unknown, base?: string) => { ok: true; value: T } | { ok: false; errors: FieldError[] } {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value, base = '') =>
    validate(value) ? { ok: true, value: value as T } : { ok: false, errors: toFieldErrors(validate.errors, base) };
}
