// compile(scheme) once per version, then classify(record) many times: index lookup, exact evaluation, policy, result.
import type { FieldError } from '../schemas/ajv.js';
import { type FieldDef, STANDARD_FIELDS } from '../schemas/fields.js';
import { RETENTIONS, type RetentionCode } from '../schemas/retention-codes.js';
import type { Scheme, SchemeClass, SchemeExclusion, SchemeItem } from '../schemas/scheme.js';
import { type ClassEntry, flattenClasses } from './classes.js';
import { datePart } from './dates.js';
import { Explainer } from './explain.js';
import { defaultSelectivity } from './guards.js';
import { contentHash } from './hash.js';
import { compileLogic, holds } from './logic-compile.js';
import type { Fn } from './operators.js';
import { type StartRule, retentionLabel, retentionTerm } from './retention.js';
import { RowIndex } from './row-index.js';
import { itemDepth, parentId } from './clause-numbers.js';
import { validateScheme } from './validate.js';

export type Outcome = 'file' | 'exclude' | 'review';

export interface RetentionValue {
  code: RetentionCode;
  label: string;
}

export interface Candidate {
  id: string;
  scope: string;
  /** null when the row's 重要/一般 branches could not decide. */
  retention: RetentionValue | null;
  branch?: string;
}

export interface ClassifyResult {
  outcome: Outcome;
  classCode?: string;
  classPath?: string[];
  retention?: RetentionValue;
  /** Which 重要/一般 branch decided, if the row has branches. */
  branch?: string;
  retentionStart?: string | null;
  expiresOn?: string;
  archivalCode?: string;
  item?: { id: string; scope: string; basis?: string };
  exclusion?: { id: string; scope: string; reason?: string; basis?: string };
  candidates: Candidate[];
  reasons: string[];
  version: number | null;
  hash: string;
  /** Rows whose condition failed to evaluate (never expected for a validated scheme). */
  errors?: string[];
}

export class SchemeInvalidError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`方案无效：${errors.slice(0, 3).map((e) => `${e.path} ${e.message}`).join('；')}${errors.length > 3 ? ` 等 ${errors.length} 处` : ''}`);
    this.name = 'SchemeInvalidError';
  }
}

interface Branch {
  label: string;
  when: Fn | null;
  code: RetentionCode;
}

/** A 归档范围 row ready to evaluate. */
export interface Row {
  order: number;
  item: SchemeItem;
  depth: number;
  when: Fn;
  code: RetentionCode | null;
  branches: Branch[] | null;
  /** Longest retention the row can give (for the policy when its branches cannot decide). */
  maxRank: number;
  start: StartRule;
  klass: ClassEntry;
}

export interface CompileOptions {
  version?: number | null;
}

export interface CompiledScheme {
  readonly scheme: Scheme;
  readonly version: number | null;
  readonly hash: string;
  readonly rows: readonly Row[];
  readonly fields: ReadonlyMap<string, FieldDef>;
  classify(record: unknown): ClassifyResult;
  /** Rows whose condition holds, in table order, evaluating all rows (for analysis and tests). */
  matchAll(record: unknown): Row[];
  /** Ids of the rows the index leaves to evaluate for `record` (diagnostics, the bench). */
  indexCandidates(record: unknown): string[];
  readonly stats: { rows: number; indexedRows: number; exclusions: number };
}

const NEVER: Fn = () => false;

/** Validates and compiles a scheme document. Throws SchemeInvalidError listing every problem. */
export function compile(doc: unknown, options: CompileOptions = {}): CompiledScheme {
  const checked = validateScheme(doc);
  if (!checked.ok) throw new SchemeInvalidError(checked.errors);
  return compileValid(checked.scheme, options);
}

export function compileValid(scheme: Scheme, options: CompileOptions = {}): CompiledScheme {
  const { version: _ignored, ...content } = scheme;
  const hash = contentHash(content);
  const version = options.version ?? scheme.version ?? null;
  const classes = new Map(flattenClasses(scheme.classes as SchemeClass[]).map((c) => [c.path, c]));
  const fields = new Map<string, FieldDef>(STANDARD_FIELDS.map((f) => [f.name, f]));
  for (const f of scheme.fields ?? []) fields.set(f.name, { ...f, type: f.type });
  const explainer = new Explainer(fields);
  const departments = new Map((scheme.departments ?? []).map((d) => [d.name, d.code]));
  const segmentBy = scheme.archivalCode?.segment ?? 'class';
  const defaultStart: StartRule = scheme.retentionStart ?? 'nextYearJan1';

  const parents = new Set(scheme.items.map((it) => parentId(it.id)).filter((p): p is string => p !== null));
  const rows: Row[] = [];
  scheme.items.forEach((item, order) => {
    if (parents.has(item.id)) return; // heading rows group clauses; they never match
    const branches = Array.isArray(item.retention)
      ? item.retention.map((b) => ({ label: b.label, when: b.when === undefined ? null : compileLogic(b.when), code: b.code }))
      : null;
    const codes = branches ? branches.map((b) => b.code) : [item.retention as RetentionCode];
    rows.push({
      order,
      item,
      depth: itemDepth(item.id),
      when: item.when === undefined ? NEVER : compileLogic(item.when),
      code: branches ? null : (item.retention as RetentionCode),
      branches,
      maxRank: Math.max(...codes.map((c) => RETENTIONS[c].rank)),
      start: item.retentionStart ?? defaultStart,
      klass: classes.get(item.class!)!,
    });
  });
  // Small enumerations and flags select few rows: the index prefers keywords and free-text values over them.
  const enumSizes = new Map<string, number>();
  for (const f of fields.values()) {
    if (f.type === 'boolean') enumSizes.set(f.name, 2);
    else if (f.values?.length) enumSizes.set(f.name, f.values.length);
  }
  const selectivity = defaultSelectivity(enumSizes);
  const rowIndex = new RowIndex(rows.map((r) => (r.item.when === undefined ? false : r.item.when)), selectivity);
  const exclusions = (scheme.exclusions ?? []).map((x) => ({ x, when: compileLogic(x.when) }));
  const exclusionIndex = new RowIndex(exclusions.map((e) => e.x.when), selectivity);

  // Values shared by every result are built once and frozen, so a caller cannot corrupt the compiled scheme.
  const refs = rows.map((r) => Object.freeze(itemRef(r.item)));
  const fixed = rows.map((r) => (r.code ? Object.freeze(retentionLabel(r.code)) : null));
  const branchValues = rows.map((r) => r.branches?.map((b) => Object.freeze(retentionLabel(b.code))) ?? null);
  for (const r of rows) Object.freeze(r.klass.names);

  /**
   * Evaluates a condition: 1 holds, 0 does not, -1 threw (never for a valid scheme; reported, counts as not holding).
   * No closure or label is built on the hot path; the caller names the row only when it threw.
   */
  let thrown: unknown;
  const evaluate = (fn: Fn, record: unknown): 1 | 0 | -1 => {
    try {
      return holds(fn, record) ? 1 : 0;
    } catch (e) {
      thrown = e;
      return -1;
    }
  };
  const failure = (what: string) => `${what} 的条件求值出错：${(thrown as Error)?.message ?? String(thrown)}`;

  const decide = (i: number, record: unknown, errors: string[]): Candidate => {
    const row = rows[i];
    if (!row.branches) return { id: row.item.id, scope: row.item.scope, retention: fixed[i] };
    const branches = row.branches;
    for (let k = 0; k < branches.length; k++) {
      const b = branches[k];
      const ok = b.when === null ? 1 : evaluate(b.when, record);
      if (ok === -1) errors.push(failure(`条款 ${row.item.id} 分支“${b.label}”`));
      if (ok === 1) return { id: row.item.id, scope: row.item.scope, retention: branchValues[i]![k], branch: b.label };
    }
    return { id: row.item.id, scope: row.item.scope, retention: null };
  };

  const classify = (record: unknown): ClassifyResult => {
    const errors: string[] = [];
    const finish = (out: ResultFields, why: () => string[]): ClassifyResult => {
      if (errors.length) out.errors = errors;
      return makeResult(out, why, version, hash);
    };

    const matched: number[] = [];
    const candidates: Candidate[] = [];
    for (const i of rowIndex.candidates(record)) {
      const ok = evaluate(rows[i].when, record);
      if (ok === -1) errors.push(failure(`条款 ${rows[i].item.id}`));
      if (ok === 1) {
        matched.push(i);
        candidates.push(decide(i, record, errors));
      }
    }

    // 不归档范围 first: an excluded record is not filed whatever rows it also matches.
    let excluded: SchemeExclusion | undefined;
    for (const i of exclusionIndex.candidates(record)) {
      const ok = evaluate(exclusions[i].when, record);
      if (ok === -1) errors.push(failure(`不归档条目 ${exclusions[i].x.id}`));
      if (ok === 1) {
        excluded = exclusions[i].x;
        break;
      }
    }
    if (excluded) {
      const x = excluded;
      return finish({ outcome: 'exclude', exclusion: pick(x), candidates }, () => {
        const reasons = [`属于不归档范围 ${x.id}：${x.scope}`, ...explainer.explain(x.when, record)];
        if (x.reason) reasons.push(x.reason);
        if (candidates.length) reasons.push(`（另匹配条款 ${candidates.map((c) => c.id).join('、')}，按“先判断不归档范围”的规则不归档）`);
        return reasons;
      });
    }

    if (matched.length === 0) {
      return finish({ outcome: 'review', candidates }, () => ['没有匹配的归档范围条款，需档案员判断是否归档及归入哪一条款', ...errors]);
    }

    // Policy: the longest retention wins (永久 > 30年 > 10年); ties go to the deeper clause, then table order.
    let best = -1;
    let bestRank = 0;
    for (let k = 0; k < matched.length; k++) {
      const retention = candidates[k].retention;
      if (!retention) continue;
      const rank = RETENTIONS[retention.code].rank;
      if (best < 0 || beats(rows[matched[k]], rank, rows[matched[best]], bestRank)) {
        best = k;
        bestRank = rank;
      }
    }
    // A row whose branches could not decide forces review if its longest branch could still win.
    for (let k = 0; k < matched.length; k++) {
      const open = rows[matched[k]];
      if (candidates[k].retention || (best >= 0 && !beats(open, open.maxRank, rows[matched[best]], bestRank))) continue;
      const fallback = best >= 0 ? candidates[best] : null;
      return finish({ outcome: 'review', item: refs[matched[k]], candidates }, () => {
        const reasons = [`条款 ${open.item.id}“${open.item.scope}”需人工判断保管期限：${open.item.review ?? '分支条件均不满足'}`, ...explainer.explain(open.item.when, record)];
        if (fallback) reasons.push(`若不适用该分支，则按条款 ${fallback.id} 定为${fallback.retention!.label}`);
        return reasons;
      });
    }

    const row = rows[matched[best]];
    const c = candidates[best];
    const retention = c.retention!;
    const term = retentionTerm(retention.code, row.start, record);
    const code = archivalCode(row, retention.code, record);
    const out: ResultFields = {
      outcome: 'file',
      classCode: row.klass.path,
      classPath: row.klass.names,
      retention,
      branch: c.branch,
      retentionStart: term.retentionStart,
      expiresOn: term.expiresOn,
      archivalCode: code.value,
      item: refs[matched[best]],
      candidates,
    };
    return finish(out, () => {
      const reasons = [`匹配条款 ${row.item.id}：${row.item.scope}`, ...explainer.explain(row.item.when, record)];
      if (c.branch) reasons.push(`按“${c.branch}”定为${retention.label}`);
      if (matched.length > 1) {
        reasons.push(`共匹配 ${matched.length} 条条款（${candidates.map((x) => `${x.id} ${x.retention?.label ?? '待定'}`).join('、')}），按“保管期限从长，同等取更具体条款”的规则选定 ${row.item.id}`);
      }
      reasons.push(`保管期限${term.rule}`);
      if (term.note) reasons.push(term.note);
      if (code.why) reasons.push(code.why);
      return reasons;
    });
  };

  // DA/T 22-2015 5.4.2: 全宗号-门类代码·年度-保管期限-机构（问题）代码. The parts around the year are fixed per row.
  const codeHead = rows.map((r) => (scheme.fonds ? `${scheme.fonds}-` : '') + `${r.klass.codes[0]}·`);
  const classSegment = rows.map((r) => (r.klass.codes.length > 1 ? '-' + r.klass.codes.slice(1).join('·') : ''));
  const rowOf = new Map(rows.map((r, i) => [r, i]));

  const archivalCode = (row: Row, code: RetentionCode, record: unknown): { value?: string; why?: string } => {
    const date = datePart((record as { date?: unknown } | null)?.date);
    if (!date) return { why: '缺少形成日期，无法确定档号中的年度' };
    const i = rowOf.get(row)!;
    let segment = classSegment[i];
    if (segmentBy === 'department') {
      const dept = (record as { department?: unknown }).department;
      const deptCode = typeof dept === 'string' ? departments.get(dept) : undefined;
      if (!deptCode) return { why: `机构“${String(dept ?? '')}”没有机构代码，无法生成档号` };
      segment = '-' + deptCode;
    }
    return { value: `${codeHead[i]}${date.slice(0, 4)}-${code}${segment}` };
  };

  return {
    scheme,
    version,
    hash,
    rows,
    fields,
    classify,
    indexCandidates: (record) => rowIndex.candidates(record).map((i) => rows[i].item.id),
    matchAll: (record) => rows.filter((r) => evaluate(r.when, record) === 1),
    stats: { rows: rows.length, indexedRows: rowIndex.indexed, exclusions: exclusions.length },
  };
}

/** Whether a row of rank `rank` wins over the current best under the multiple-match policy. */
export function beats(row: Row, rank: number, other: Row, otherRank: number): boolean {
  if (rank !== otherRank) return rank > otherRank;
  if (row.depth !== other.depth) return row.depth > other.depth;
  return row.order < other.order;
}

type ResultFields = Omit<ClassifyResult, 'reasons' | 'version' | 'hash'>;

/** Builds a result with one shape for every outcome (absent fields are undefined, which JSON omits). */
function makeResult(f: ResultFields, why: () => string[], version: number | null, hash: string): ClassifyResult {
  return {
    outcome: f.outcome,
    classCode: f.classCode,
    classPath: f.classPath,
    retention: f.retention,
    branch: f.branch,
    retentionStart: f.retentionStart,
    expiresOn: f.expiresOn,
    archivalCode: f.archivalCode,
    item: f.item,
    exclusion: f.exclusion,
    candidates: f.candidates,
    reasons: why(),
    version,
    hash,
    errors: f.errors,
  };
}

function itemRef(item: SchemeItem): { id: string; scope: string; basis?: string } {
  const ref: { id: string; scope: string; basis?: string } = { id: item.id, scope: item.scope };
  if (item.basis) ref.basis = item.basis;
  return ref;
}

function pick(x: SchemeExclusion): NonNullable<ClassifyResult['exclusion']> {
  const out: NonNullable<ClassifyResult['exclusion']> = { id: x.id, scope: x.scope };
  if (x.reason) out.reason = x.reason;
  if (x.basis) out.basis = x.basis;
  return out;
}
