// Validates a scheme document: its JSON Schema first, then the references and rules a schema cannot express.
import { type FieldError, checker, pointer } from '../schemas/ajv.js';
import { EVENT_DATE_FIELDS, RELATION_LIST, STANDARD_FIELD_NAMES, STANDARD_FIELDS } from '../schemas/fields.js';
import { DOCUMENT_CODES, RETENTIONS, UNDECLARED_CODES } from '../schemas/retention-codes.js';
import { type Scheme, type SchemeClass, schemeSchema } from '../schemas/scheme.js';
import { documentClass, flattenClasses } from './classes.js';
import { isRealDate } from './dates.js';
import { parentId } from './clause-numbers.js';
import { checkLogic } from './logic-check.js';
import { LONGEST } from './policy.js';
import { getPath } from './operators.js';

export type SchemeValidation = { ok: true; scheme: Scheme; errors: [] } | { ok: false; errors: FieldError[] };

const checkSchema = checker<Scheme>(schemeSchema);

export const MAX_TOTAL_LOGIC_BYTES = 2_000_000;

export function validateScheme(doc: unknown): SchemeValidation {
  const shape = checkSchema(doc);
  if (!shape.ok) return { ok: false, errors: shape.errors };
  const scheme = shape.value;
  const errors = semanticErrors(scheme);
  return errors.length ? { ok: false, errors } : { ok: true, scheme, errors: [] };
}

/** The field paths a condition may use: the standard record fields plus the scheme's declared `extra.*` fields. */
export function fieldNames(scheme: Pick<Scheme, 'fields'>): Set<string> {
  const names = new Set(STANDARD_FIELD_NAMES);
  names.add(RELATION_LIST);
  for (const f of scheme.fields ?? []) names.add(f.name);
  return names;
}

function semanticErrors(scheme: Scheme): FieldError[] {
  const errors: FieldError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });

  // Declared fields
  const declared = new Set<string>();
  (scheme.fields ?? []).forEach((f, i) => {
    if (declared.has(f.name)) err(pointer('fields', i, 'name'), `字段“${f.name}”重复声明`);
    declared.add(f.name);
    if (f.type === 'enum' && !f.values?.length) err(pointer('fields', i, 'values'), '枚举字段必须列出可选值');
    if (f.type !== 'enum' && f.values) err(pointer('fields', i, 'values'), '只有枚举字段可以列出可选值');
  });
  const fields = fieldNames(scheme);

  // Parameters: the unit's own settings (大额资金标准 …), referred to as {"param": name}
  const parameters = new Map<string, NonNullable<Scheme['parameters']>[number]>();
  (scheme.parameters ?? []).forEach((p, i) => {
    if (parameters.has(p.name)) err(pointer('parameters', i, 'name'), `参数“${p.name}”重复声明`);
    parameters.set(p.name, p);
    const v = p.value;
    const fits =
      p.type === 'stringArray' ? Array.isArray(v) : p.type === 'number' ? typeof v === 'number' && Number.isFinite(v) : typeof v === p.type;
    if (!fits) err(pointer('parameters', i, 'value'), `参数“${p.label}”的值与类型不符`);
  });
  const ctx = { fields, parameters };

  // Periods beyond the 文书 codes, and which rows may use them
  const declaredPeriods = new Set<string>(scheme.periods ?? []);
  (scheme.periods ?? []).forEach((code, i) => {
    if ((DOCUMENT_CODES as readonly string[]).includes(code)) err(pointer('periods', i), `“${code}”是文书保管期限代码，无需声明`);
  });

  // Departments
  const deptCodes = new Set<string>();
  const deptNames = new Set<string>();
  (scheme.departments ?? []).forEach((d, i) => {
    if (deptCodes.has(d.code)) err(pointer('departments', i, 'code'), `机构代码“${d.code}”重复`);
    if (deptNames.has(d.name)) err(pointer('departments', i, 'name'), `机构名称“${d.name}”重复`);
    deptCodes.add(d.code);
    deptNames.add(d.name);
  });

  // Classes: sibling codes unique (paths therefore unique)
  const checkSiblings = (nodes: readonly SchemeClass[], at: (string | number)[]) => {
    const seen = new Set<string>();
    nodes.forEach((n, i) => {
      if (seen.has(n.code)) err(pointer(...at, i, 'code'), `同级类目代码“${n.code}”重复`);
      seen.add(n.code);
      if (n.children) checkSiblings(n.children, [...at, i, 'children']);
    });
  };
  checkSiblings(scheme.classes as SchemeClass[], ['classes']);
  const classPaths = new Set(flattenClasses(scheme.classes as SchemeClass[]).map((c) => c.path));

  // Items: ids unique, parents present and earlier, headings vs rows
  const seenIds = new Map<string, number>();
  const hasChildren = new Set<string>();
  scheme.items.forEach((item) => {
    const p = parentId(item.id);
    if (p) hasChildren.add(p);
  });
  let logicBytes = 0;
  scheme.items.forEach((item, i) => {
    const at = (...rest: (string | number)[]) => pointer('items', i, ...rest);
    if (seenIds.has(item.id)) err(at('id'), `条款号“${item.id}”重复（第 ${seenIds.get(item.id)! + 1} 行已使用）`);
    else seenIds.set(item.id, i);
    const p = parentId(item.id);
    if (p !== null && !seenIds.has(p)) err(at('id'), `条款“${item.id}”的上级条款“${p}”不存在或排在其后`);
    if (item.class !== undefined && !classPaths.has(item.class)) err(at('class'), `未定义的类目“${item.class}”`);
    const heading = hasChildren.has(item.id);
    if (heading) {
      if (item.when !== undefined) err(at('when'), '有下级条款的条款是标题行，不能有条件');
      if (item.retention !== undefined) err(at('retention'), '有下级条款的条款是标题行，保管期限写在下级条款上');
    } else {
      if (item.retention === undefined) err(at('retention'), '条款缺少保管期限');
      if (item.class === undefined) err(at('class'), '条款缺少所属类目');
      if (item.when === undefined && !item.needsCondition) err(at('when'), '条款缺少条件（导入的条款请标记 needsCondition）');
    }
    if (item.when !== undefined) {
      errors.push(...checkLogic(item.when, at('when'), ctx));
      logicBytes += JSON.stringify(item.when).length;
    }
    const eventStart = typeof item.retentionStart === 'object';
    if (eventStart) {
      const dateField = (item.retentionStart as { dateField: string }).dateField;
      const declaredExtra = dateField.startsWith('extra.') && fields.has(dateField);
      if (!declaredExtra && !EVENT_DATE_FIELDS.has(dateField))
        err(at('retentionStart', 'dateField'), `未声明的字段“${dateField}”（起算事件须为日期字段）`);
    }
    const codes = Array.isArray(item.retention) ? item.retention.map((b) => b.code) : item.retention ? [item.retention] : [];
    const inDocuments = item.class !== undefined && documentClass(scheme, item.class);
    codes.forEach((code, j) => {
      const where = Array.isArray(item.retention) ? at('retention', j, 'code') : at('retention');
      if (inDocuments && !(DOCUMENT_CODES as readonly string[]).includes(code)) {
        err(where, `文书档案的保管期限只能是永久、定期30年或定期10年（DA/T 22-2015 5.4.3），不能是${RETENTIONS[code as 'Y'].label}`);
      } else if (!declaredPeriods.has(code) && !UNDECLARED_CODES.has(code)) {
        err(where, `保管期限代码“${code}”未在方案的 periods 中声明`);
      }
    });
    if (codes.includes('D5') && !declaredPeriods.has('D5') && !eventStart)
      err(at('retention'), '定期5年只用于以事件起算的条款（如固定资产报废清理后保管5年），或在方案的 periods 中声明');
    if (item.default !== undefined) {
      if (!Array.isArray(item.retention)) err(at('default'), '只有分“重要/一般”等分支的条款可以设默认分支');
      else if (item.default !== LONGEST && !item.retention.some((b) => b.label === item.default)) {
        err(at('default'), `默认分支“${item.default}”不存在（可填“${LONGEST}”或一个分支名称）`);
      }
    }
    if (Array.isArray(item.retention)) {
      const labels = new Set<string>();
      item.retention.forEach((b, j) => {
        if (labels.has(b.label)) err(at('retention', j, 'label'), `分支“${b.label}”重复`);
        labels.add(b.label);
        if (b.when === undefined && j !== item.retention!.length - 1)
          err(at('retention', j, 'when'), '只有最后一个分支可以没有条件（“其他”）');
        if (b.when !== undefined) {
          errors.push(...checkLogic(b.when, at('retention', j, 'when'), ctx));
          logicBytes += JSON.stringify(b.when).length;
        }
      });
      const hasDefault = item.retention[item.retention.length - 1].when === undefined || item.default !== undefined;
      if (!hasDefault && !item.review)
        err(at('review'), '分支都有条件时，必须说明都不满足时为何需要人工判断（review），或设默认分支（default）');
    }
  });

  // Exclusions
  const exclusionIds = new Set<string>();
  (scheme.exclusions ?? []).forEach((x, i) => {
    if (exclusionIds.has(x.id)) err(pointer('exclusions', i, 'id'), `不归档条目编号“${x.id}”重复`);
    exclusionIds.add(x.id);
    errors.push(...checkLogic(x.when, pointer('exclusions', i, 'when'), ctx));
    logicBytes += JSON.stringify(x.when).length;
    if (x.established !== undefined) {
      errors.push(...checkLogic(x.established, pointer('exclusions', i, 'established'), ctx));
      logicBytes += JSON.stringify(x.established).length;
    }
    (x.needs ?? []).forEach((name, j) => {
      if (!fields.has(name)) err(pointer('exclusions', i, 'needs', j), `未声明的字段“${name}”`);
    });
  });
  scheme.items.forEach((item, i) => {
    (item.intendedOverlaps ?? []).forEach((id, j) => {
      if (!seenIds.has(id)) err(pointer('items', i, 'intendedOverlaps', j), `条款“${id}”不存在`);
    });
  });
  if (logicBytes > MAX_TOTAL_LOGIC_BYTES) err('/items', `条件总量过大（${logicBytes} 字节，上限 ${MAX_TOTAL_LOGIC_BYTES}）`);

  // Tests
  const leafIds = new Set(scheme.items.filter((it) => !hasChildren.has(it.id)).map((it) => it.id));
  (scheme.tests ?? []).forEach((t, i) => {
    const at = (...rest: (string | number)[]) => pointer('tests', i, ...rest);
    errors.push(...recordErrors(t.record, fields, at('record')));
    if (t.expect.item !== undefined && !leafIds.has(t.expect.item)) err(at('expect', 'item'), `条款“${t.expect.item}”不存在或是标题行`);
    if (t.expect.exclusion !== undefined && !exclusionIds.has(t.expect.exclusion))
      err(at('expect', 'exclusion'), `不归档条目“${t.expect.exclusion}”不存在`);
    if (t.expect.retention !== undefined && !declaredPeriods.has(t.expect.retention) && !UNDECLARED_CODES.has(t.expect.retention)) {
      err(at('expect', 'retention'), `保管期限代码“${t.expect.retention}”未在方案的 periods 中声明`);
    }
    if (t.expect.classCode !== undefined && !classPaths.has(t.expect.classCode))
      err(at('expect', 'classCode'), `未定义的类目“${t.expect.classCode}”`);
  });
  return errors;
}

/** Whether a class path lies in the 文书 门类 (top-level code WS, or a name with 文书): DA/T 22 codes only. */
const DATE_FIELDS = STANDARD_FIELDS.filter((f) => f.type === 'date').map((f) => ({ name: f.name, parts: f.name.split('.') }));

/**
 * Checks what the record schema cannot: real calendar dates in every date field, and — for a scheme's own test
 * records (`undeclaredExtra: 'error'`) — `extra` fields the scheme declares. Records sent for classification may carry
 * undeclared fields: they are listed by `ignoredFields`, not refused.
 */
export function recordErrors(
  record: { extra?: Record<string, unknown> },
  fields: ReadonlySet<string>,
  base: string,
  undeclaredExtra: 'error' | 'ignore' = 'error',
): FieldError[] {
  const errors: FieldError[] = [];
  for (const f of DATE_FIELDS) {
    const value = getPath(record, f.parts, undefined);
    if (typeof value === 'string' && !isRealDate(value.slice(0, 10))) {
      errors.push({ path: `${base}/${f.parts.join('/')}`, message: `不存在的日期“${value}”` });
    }
  }
  if (undeclaredExtra === 'error') {
    for (const key of Object.keys(record.extra ?? {})) {
      if (!fields.has(`extra.${key}`)) errors.push({ path: `${base}/extra/${key}`, message: `未声明的自定义字段“${key}”` });
    }
  }
  return errors;
}
