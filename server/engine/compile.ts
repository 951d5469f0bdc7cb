// compile(scheme) once per version, then classify(record) many times: index lookup, exact evaluation, policy, result.
import type { FieldError } from '../schemas/ajv.js';
import { type FieldDef, STANDARD_FIELDS } from '../schemas/fields.js';
import { RETENTIONS, type RetentionCode } from '../schemas/retention-codes.js';
import type { Scheme, SchemeClass, SchemeExclusion, SchemeItem } from '../schemas/scheme.js';
import { ClassCodes } from './archival-code.js';
import { BoundedCache } from './bounded-cache.js';
import { type ClassEntry, flattenClasses } from './classes.js';
import { yearOf } from './dates.js';
import { Explainer, type Wording } from './explain.js';
import { defaultSelectivity } from './guards.js';
import { contentHash } from './hash.js';
import { compileLogic } from './logic-compile.js';
import { type Fn, truthy } from './operators.js';
import { type StartRule, retentionLabel, retentionTerm, startRuleWords } from './retention.js';
import { RowIndex } from './row-index.js';
import { itemDepth, parentId } from './clause-numbers.js';
import { RecordFields } from './record-fields.js';
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
  /** Shared and frozen for a single match. */
  candidates: readonly Candidate[];
  /** Shared and frozen when it is the usual wording of a single match. */
  reasons: readonly string[];
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
  // Every condition, the index and the explanations read the record through one cache of its fields.
  const recordFields = new RecordFields();
  const dateSlot = recordFields.slot('date');
  const departmentSlot = recordFields.slot('department');
  const explainer = new Explainer(fields, recordFields);
  const departments = new Map((scheme.departments ?? []).map((d) => [d.name, d.code]));
  const segmentBy = scheme.archivalCode?.segment ?? 'class';
  const defaultStart: StartRule = scheme.retentionStart ?? 'nextYearJan1';

  const parents = new Set(scheme.items.map((it) => parentId(it.id)).filter((p): p is string => p !== null));
  const rows: Row[] = [];
  scheme.items.forEach((item, order) => {
    if (parents.has(item.id)) return; // heading rows group clauses; they never match
    const branches = Array.isArray(item.retention)
      ? item.retention.map((b) => ({ label: b.label, when: b.when === undefined ? null : compileLogic(b.when, recordFields), code: b.code }))
      : null;
    const codes = branches ? branches.map((b) => b.code) : [item.retention as RetentionCode];
    rows.push({
      order,
      item,
      depth: itemDepth(item.id),
      // Evaluating the row also records which way its condition held, for the reasons (see Wording.chosen).
      when: item.when === undefined ? NEVER : explainer.evaluator(item.when),
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
  const exclusions = (scheme.exclusions ?? []).map((x) => ({ x, when: explainer.evaluator(x.when), ref: Object.freeze(pick(x)) }));
  // One index over the rows and then the exclusions: entry i < rows.length is a row, the rest are exclusions.
  const index = new RowIndex(
    [...rows.map((r) => (r.item.when === undefined ? false : r.item.when)), ...exclusions.map((e) => e.x.when)],
    defaultSelectivity(enumSizes),
    recordFields,
  );
  const firstExclusion = rows.length;

  // Everything a result takes from a row is built once and frozen, so a caller cannot corrupt the compiled scheme.
  const classCodes = new Map<string, ClassCodes>();
  const codesOf = (klass: ClassEntry) => {
    let codes = classCodes.get(klass.path);
    if (!codes) classCodes.set(klass.path, (codes = new ClassCodes(scheme.fonds, klass)));
    return codes;
  };
  const plans = rows.map((row) => planRow(row, explainer, codesOf(row.klass)));
  const exclusionPlans = exclusions.map(({ x }) => planExclusion(x, explainer));

  /**
   * Evaluates a condition: 1 holds, 0 does not, -1 threw (never for a valid scheme; reported, counts as not holding).
   * No closure or label is built on the hot path; the failure is worded only when it happens.
   */
  let errors: string[] | null = null;
  let thrown: unknown;
  const evaluate = (fn: Fn, record: unknown): 1 | 0 | -1 => {
    try {
      return truthy(fn(record)) ? 1 : 0;
    } catch (e) {
      thrown = e;
      return -1;
    }
  };
  const failed = (what: string) => (errors ??= []).push(`${what} 的条件求值出错：${(thrown as Error)?.message ?? String(thrown)}`);

  /** Which of the row's outcomes applies: its fixed retention, the first branch that holds, or -1 (undecided). */
  const decide = (i: number, record: unknown): number => {
    const branches = rows[i].branches;
    if (!branches) return 0;
    for (let k = 0; k < branches.length; k++) {
      const when = branches[k].when;
      const ok = when === null ? 1 : evaluate(when, record);
      if (ok === -1) failed(`条款 ${rows[i].item.id} 分支“${branches[k].label}”`);
      if (ok === 1) return k;
    }
    return -1;
  };

  // Scratch space for one classification, parallel to the result's candidates: the matched rows, which of their
  // outcomes applies and its rank (-1 when the row's branches could not decide).
  const matched = new Int32Array(rows.length);
  const decided = new Int32Array(rows.length);
  const ranks = new Int8Array(rows.length);

  const classify = (record: unknown): ClassifyResult => {
    recordFields.use(record);
    try {
      return classifyInUse(record);
    } finally {
      recordFields.release();
    }
  };

  const classifyInUse = (record: unknown): ClassifyResult => {
    errors = null;
    const n = index.collect(record);
    const found = index.found;
    let m = 0;
    let excluded = -1;
    for (let f = 0; f < n; f++) {
      const i = found[f];
      if (i < firstExclusion) {
        const ok = evaluate(rows[i].when, record);
        if (ok === -1) failed(`条款 ${rows[i].item.id}`);
        if (ok !== 1) continue;
        const outcome = (decided[m] = decide(i, record));
        matched[m] = i;
        ranks[m++] = (outcome < 0 ? plans[i].open : plans[i].outcomes[outcome]).rank;
      } else {
        // 不归档范围 first: an excluded record is not filed whatever rows it also matches.
        const x = i - firstExclusion;
        const ok = evaluate(exclusions[x].when, record);
        if (ok === -1) failed(`不归档条目 ${exclusions[x].x.id}`);
        if (ok !== 1) continue;
        excluded = x;
        break;
      }
    }
    // A single match shares its row's frozen one-entry list; several get a list of their own.
    let candidates: readonly Candidate[];
    if (m === 1) candidates = entryOf(0).alone;
    else {
      const list: Candidate[] = [];
      for (let k = 0; k < m; k++) list.push(entryOf(k).candidate);
      candidates = list;
    }

    if (excluded >= 0) {
      const xPlan = exclusionPlans[excluded];
      let reasons = xPlan.wording.variants > 0 ? xPlan.reasons(xPlan.wording.chosen()) : xPlan.compose(record);
      if (m > 0) {
        const list = copy(reasons, reasons.length);
        list.push(m === 1 ? plans[matched[0]].alsoExcluded : alsoExcluded(candidates.map((c) => c.id).join('、')));
        reasons = list;
      }
      const result = makeResult('exclude', candidates, reasons);
      result.exclusion = exclusions[excluded].ref;
      return result;
    }

    if (m === 0) {
      // `errors` is filled by `failed` during this call (TypeScript cannot see that through the closures).
      const failures = errors as string[] | null;
      return makeResult('review', candidates, failures ? [NO_ROW, ...failures] : NO_ROW_REASONS);
    }

    // Policy: the longest retention wins (永久 > 30年 > 10年); ties go to the deeper clause, then table order.
    let best = -1;
    for (let k = 0; k < m; k++) {
      if (ranks[k] < 0) continue;
      if (best < 0 || beats(rows[matched[k]], ranks[k], rows[matched[best]], ranks[best])) best = k;
    }
    // A row whose branches could not decide forces review if its longest branch could still win.
    for (let k = 0; k < m; k++) {
      const open = rows[matched[k]];
      if (ranks[k] >= 0 || (best >= 0 && !beats(open, open.maxRank, rows[matched[best]], ranks[best]))) continue;
      const reasons = [plans[matched[k]].needsReview];
      plans[matched[k]].wording.write(record, reasons);
      if (best >= 0) reasons.push(`若不适用该分支，则按条款 ${candidates[best].id} 定为${candidates[best].retention!.label}`);
      const result = makeResult('review', candidates, reasons);
      result.item = plans[matched[k]].ref;
      return result;
    }

    const i = matched[best];
    const row = rows[i];
    const plan = plans[i];
    const c = candidates[best];
    const retention = c.retention!;
    const outcome = decided[best];
    const year = yearOf(recordFields.read(record, dateSlot));
    const term = retentionTerm(retention.code, row.start, record, year);

    // DA/T 22-2015 5.4.2: 全宗号-门类代码·年度-保管期限-机构（问题）代码.
    let archivalCode: string | undefined;
    let noCode: string | undefined;
    if (year < 0) noCode = '缺少形成日期，无法确定档号中的年度';
    else if (segmentBy === 'class') archivalCode = plan.codes.of(year, retention.code, plan.outcomes[outcome].rank);
    else {
      const dept = recordFields.read(record, departmentSlot);
      const deptCode = typeof dept === 'string' ? departments.get(dept) : undefined;
      if (deptCode) archivalCode = plan.codes.byDepartment(year, retention.code, deptCode);
      else noCode = `机构“${String(dept ?? '')}”没有机构代码，无法生成档号`;
    }

    // The reasons of a single match depend only on the row, which way its condition held and its branch: a frozen
    // list per row. The row was evaluated once in this call and held, so its wording knows which way it held.
    const usual = plan.wording.variants > 0 ? plan.reasons(plan.wording.chosen(), outcome) : null;
    let reasons: readonly string[];
    if (m === 1 && term.note === undefined && noCode === undefined && usual !== null) reasons = usual;
    else {
      // The usual list up to the start rule, then why this row among several, the start rule and what is missing.
      const list = usual !== null ? copy(usual, usual.length - 1) : plan.compose(record, outcome);
      if (m > 1) list.push(severalMatched(m, best, candidates));
      list.push(plan.startRule);
      if (term.note) list.push(term.note);
      if (noCode) list.push(noCode);
      reasons = list;
    }

    const result = makeResult('file', candidates, reasons);
    result.classCode = row.klass.path;
    result.classPath = row.klass.names;
    result.retention = retention;
    result.branch = c.branch;
    result.retentionStart = term.retentionStart;
    result.expiresOn = term.expiresOn;
    result.archivalCode = archivalCode;
    result.item = plan.ref;
    return result;
  };

  /**
   * Why the deciding row was chosen among several. It depends only on the rows, their outcomes and the policy, so
   * for two matches (nearly all multiple matches) it is worded once per pair.
   */
  const outcomeKeys = Math.max(1, ...rows.map((r) => r.branches?.length ?? 1)) + 1;
  const pairSentences = new BoundedCache<number, string>(MAX_CACHED_WORDINGS);
  const severalMatched = (m: number, best: number, candidates: readonly Candidate[]): string => {
    if (m !== 2) return chosenAmong(candidates, best);
    const key = ((matched[0] * rows.length + matched[1]) * outcomeKeys + decided[0] + 1) * outcomeKeys + decided[1] + 1;
    return pairSentences.get(key) ?? pairSentences.keep(key, chosenAmong(candidates, best));
  };

  /** The outcome entry of the k-th matched row of the classification in progress. */
  const entryOf = (k: number): RowOutcome => (decided[k] < 0 ? plans[matched[k]].open : plans[matched[k]].outcomes[decided[k]]);

  /** A result with every field present (one shape for every outcome; undefined fields are omitted by JSON). */
  const makeResult = (outcome: Outcome, candidates: readonly Candidate[], reasons: readonly string[]): ClassifyResult => ({
    outcome,
    classCode: undefined,
    classPath: undefined,
    retention: undefined,
    branch: undefined,
    retentionStart: undefined,
    expiresOn: undefined,
    archivalCode: undefined,
    item: undefined,
    exclusion: undefined,
    candidates,
    reasons,
    version,
    hash,
    errors: errors ?? undefined,
  });

  return {
    scheme,
    version,
    hash,
    rows,
    fields,
    classify,
    indexCandidates: (record) => index.candidates(record).filter((i) => i < firstExclusion).map((i) => rows[i].item.id),
    matchAll: (record) => rows.filter((r) => evaluate(r.when, record) === 1),
    stats: { rows: rows.length, indexedRows: rows.length - index.unguarded.filter((i) => i < firstExclusion).length, exclusions: exclusions.length },
  };
}

/** Whether a row of rank `rank` wins over the current best under the multiple-match policy. */
export function beats(row: Row, rank: number, other: Row, otherRank: number): boolean {
  if (rank !== otherRank) return rank > otherRank;
  if (row.depth !== other.depth) return row.depth > other.depth;
  return row.order < other.order;
}

/** Reasons lists kept per row or exclusion, and sentences per pair of rows: plenty for real tables, bounded for odd ones. */
const MAX_CACHED_WORDINGS = 4096;

const NO_ROW = '没有匹配的归档范围条款，需档案员判断是否归档及归入哪一条款';
const NO_ROW_REASONS: readonly string[] = Object.freeze([NO_ROW]);

/** The first `n` entries of a (frozen) list, in a new list: a loop, as `slice` and spreading are slow on frozen arrays. */
function copy(list: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(list[i]);
  return out;
}

/** Why `candidates[best]` decides among several matches. */
function chosenAmong(candidates: readonly Candidate[], best: number): string {
  const listed = candidates.map((x) => `${x.id} ${x.retention?.label ?? '待定'}`).join('、');
  return `共匹配 ${candidates.length} 条条款（${listed}），按“保管期限从长，同等取更具体条款”的规则选定 ${candidates[best].id}`;
}

/** The sentence saying that rows also matched an excluded record (`ids` joined with 、). */
function alsoExcluded(ids: string): string {
  return `（另匹配条款 ${ids}，按“先判断不归档范围”的规则不归档）`;
}

/** One way a row can decide: its candidate entry, the rank it competes with, and the sentence saying why. */
interface RowOutcome {
  candidate: Candidate;
  /** The candidates list of a result where this is the only match. */
  alone: readonly Candidate[];
  /** Retention rank (see RETENTIONS); -1 when undecided. */
  rank: number;
  because?: string;
}

/** What a result takes from a row, built once per compiled scheme and frozen. */
interface RowPlan {
  ref: Readonly<{ id: string; scope: string; basis?: string }>;
  /** The fixed retention (one entry), or one entry per 重要/一般 branch. */
  outcomes: RowOutcome[];
  /** The branches could not decide. */
  open: RowOutcome;
  wording: Wording;
  /** The whole reasons list of a single match, by wording variant and outcome (built on first use, frozen). */
  reasons(variant: number, outcome: number): readonly string[];
  /** The same list composed for `record`, without the start rule (when the variants are too many to number). */
  compose(record: unknown, outcome: number): string[];
  /** Said of an excluded record that matched only this row. */
  alsoExcluded: string;
  needsReview: string;
  startRule: string;
  /** The 档号 prefixes of the row's class (shared by the rows of the class). */
  codes: ClassCodes;
}

function planRow(row: Row, explainer: Explainer, codes: ClassCodes): RowPlan {
  const { item, klass } = row;
  const entry = (code: RetentionCode, branch?: string): RowOutcome => {
    const candidate: Candidate = { id: item.id, scope: item.scope, retention: Object.freeze(retentionLabel(code)) };
    if (branch !== undefined) candidate.branch = branch;
    Object.freeze(candidate);
    const because = branch === undefined ? undefined : `按“${branch}”定为${RETENTIONS[code].label}`;
    return { candidate, alone: Object.freeze([candidate]), rank: RETENTIONS[code].rank, because };
  };
  Object.freeze(klass.names);
  const outcomes = row.branches ? row.branches.map((b) => entry(b.code, b.label)) : [entry(row.code!)];
  const wording = explainer.compile(item.when);
  const matchedBecause = `匹配条款 ${item.id}：${item.scope}`;
  const startRule = `保管期限${startRuleWords(row.start)}`;
  const cache = new BoundedCache<number, readonly string[]>(MAX_CACHED_WORDINGS);
  const because = (outcome: number) => (outcomes[outcome].because ? [outcomes[outcome].because] : []);
  return {
    ref: Object.freeze(itemRef(item)),
    outcomes,
    open: undecided(item),
    wording,
    reasons(variant, outcome) {
      const key = variant * outcomes.length + outcome;
      return cache.get(key) ?? cache.keep(key, Object.freeze([matchedBecause, ...wording.sentences(variant), ...because(outcome), startRule]));
    },
    compose(record, outcome) {
      const list = [matchedBecause];
      wording.write(record, list);
      list.push(...because(outcome));
      return list;
    },
    alsoExcluded: alsoExcluded(item.id),
    needsReview: `条款 ${item.id}“${item.scope}”需人工判断保管期限：${item.review ?? '分支条件均不满足'}`,
    startRule,
    codes,
  };
}

/** What a result takes from an exclusion row, built once per compiled scheme. */
interface ExclusionPlan {
  wording: Wording;
  /** The reasons by wording variant (built on first use, frozen). */
  reasons(variant: number): readonly string[];
  /** The same list composed for `record` (when the variants are too many to number). */
  compose(record: unknown): string[];
}

function planExclusion(x: SchemeExclusion, explainer: Explainer): ExclusionPlan {
  const because = `属于不归档范围 ${x.id}：${x.scope}`;
  const wording = explainer.compile(x.when);
  const reason = x.reason ? [x.reason] : [];
  const cache = new BoundedCache<number, readonly string[]>(MAX_CACHED_WORDINGS);
  return {
    wording,
    reasons: (variant) => cache.get(variant) ?? cache.keep(variant, Object.freeze([because, ...wording.sentences(variant), ...reason])),
    compose(record) {
      const list = [because];
      wording.write(record, list);
      list.push(...reason);
      return list;
    },
  };
}

function undecided(item: SchemeItem): RowOutcome {
  const candidate: Candidate = Object.freeze({ id: item.id, scope: item.scope, retention: null });
  return { candidate, alone: Object.freeze([candidate]), rank: -1 };
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
