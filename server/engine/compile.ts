// compile(scheme) once per version, then classify(record) many times: index lookup, exact evaluation, policy, result.
import { type FieldDef, STANDARD_FIELDS } from '../schemas/fields.js';
import { RETENTIONS } from '../schemas/retention-codes.js';
import type { Scheme } from '../schemas/scheme.js';
import { ClassCodes } from './archival-code.js';
import type { ClassEntry } from './classes.js';
import { BoundedCache } from './bounded-cache.js';
import { yearOf } from './dates.js';
import { Explainer } from './explain.js';
import { contentHash } from './hash.js';
import { type Fn, truthy } from './operators.js';
import { resolveParameters } from './parameters.js';
import { LONG_RANK, beats, exclusionPolicy, isClassified, isMissing } from './policy.js';
import { RecordFields } from './record-fields.js';
import {
  type Candidate,
  type ClassifyOptions,
  type ClassifyResult,
  type CompiledScheme,
  type CompileOptions,
  type Outcome,
  blankResult,
} from './result.js';
import { classifiedReview, unsureReview } from './exclusion-review.js';
import { type CompiledExclusion, buildExclusions, buildIndex, buildRows } from './scheme-parts.js';
import { retentionTerm, type StartRule } from './retention.js';
import {
  MAX_CACHED_WORDINGS,
  NO_ROW,
  NO_ROW_REASONS,
  PENDING,
  type ExclusionPlan,
  type RowOutcome,
  type RowPlan,
  alsoExcluded,
  chosenAmong,
  copy,
  exclusionPlanBytes,
  labelOf,
  maxCode,
  outcomeBranch,
  outcomeCode,
  planExclusion,
  planRow,
  rowPlanBytes,
} from './row-plan.js';
import { validateScheme } from './validate.js';

export type { Candidate, ClassifyOptions, ClassifyResult, CompiledScheme, CompileOptions, Outcome, RetentionValue } from './result.js';
export { SchemeInvalidError } from './result.js';
export type { Row } from './row-plan.js';
export { beats } from './policy.js';
import { SchemeInvalidError } from './result.js';

const NONE: readonly never[] = Object.freeze([]);

/** Validates and compiles a scheme document. Throws SchemeInvalidError listing every problem. */
export function compile(doc: unknown, options: CompileOptions = {}): CompiledScheme {
  const checked = validateScheme(doc);
  if (!checked.ok) throw new SchemeInvalidError(checked.errors);
  return compileValid(checked.scheme, options);
}

export function compileValid(stored: Scheme, options: CompileOptions = {}): CompiledScheme {
  const hash = contentHash(stored);
  const scheme = resolveParameters(stored);
  const version = options.version ?? scheme.version ?? null;
  const fields = new Map<string, FieldDef>(STANDARD_FIELDS.map((f) => [f.name, f]));
  for (const f of scheme.fields ?? []) fields.set(f.name, { ...f, type: f.type });
  // Every condition, the index and the explanations read the record through one cache of its fields.
  const recordFields = new RecordFields();
  const dateSlot = recordFields.slot('date');
  const departmentSlot = recordFields.slot('department');
  const securitySlot = recordFields.slot('securityLevel');
  const pendingSlot = recordFields.slot('accounting.pendingMatters');
  const explainer = new Explainer(fields, recordFields);
  const departments = new Map((scheme.departments ?? []).map((d) => [d.name, d.code]));
  const segmentBy = scheme.archivalCode?.segment ?? 'class';
  const defaultStart: StartRule = scheme.retentionStart ?? 'nextYearJan1';
  const established = exclusionPolicy(scheme) === 'whenEstablished';
  const label = (path: string) => fields.get(path)?.label ?? path;

  const { rows, branchSlots, conditions } = buildRows(scheme, recordFields, explainer, defaultStart);
  const exclusions = buildExclusions(scheme, recordFields, explainer);
  // One index over the rows and then the exclusions: entry i < rows.length is a row, the rest are exclusions.
  const index = buildIndex(scheme, rows, exclusions, fields, recordFields);
  const firstExclusion = rows.length;

  // The 档号 prefixes of a class (shared by its rows), made on its first filing.
  const fonds = scheme.fonds;
  const classCodes = new Map<string, ClassCodes>();
  const codesOf = (klass: ClassEntry): ClassCodes => {
    let codes = classCodes.get(klass.path);
    if (!codes) classCodes.set(klass.path, (codes = new ClassCodes(fonds, klass)));
    return codes;
  };
  // Row plans (frozen candidates, reason wordings) are built on a row's first match with full detail: a version holds
  // only those of the rows its records reach, not all of them (they are half of a compiled version's memory).
  // What they hold is estimated as they are built (`explanationBytes`), so a cache can charge a version for the
  // detail it has served.
  const plans: (RowPlan | undefined)[] = new Array(rows.length);
  let explained = 0;
  const newPlan = (i: number): RowPlan => {
    explained += rowPlanBytes(rows[i], conditions);
    return (plans[i] = planRow(rows[i], explainer, conditions));
  };
  const planOf = (i: number): RowPlan => plans[i] ?? newPlan(i);
  const exclusionPlans = exclusions.map(({ x }) => planExclusion(x, explainer));
  const exclusionExplained = new Uint8Array(exclusions.length);
  const exclusionPlanOf = (x: number): ExclusionPlan => {
    if (exclusionExplained[x] === 0) {
      exclusionExplained[x] = 1;
      explained += exclusionPlanBytes(exclusions[x].x);
    }
    return exclusionPlans[x];
  };

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

  /** Which of the row's outcomes applies: its fixed retention, the first branch that holds, its default, or -1. */
  const decide = (i: number, record: unknown): number => {
    const branches = rows[i].branches;
    if (!branches) return 0;
    for (let k = 0; k < branches.length; k++) {
      const when = branches[k].when;
      const ok = when === null ? 1 : evaluate(when, record);
      if (ok === -1) failed(`条款 ${rows[i].item.id} 分支“${branches[k].label}”`);
      if (ok === 1) return k;
    }
    return rows[i].defaultOutcome;
  };

  /** The paths among `slots` whose values the record lacks. */
  const missing = (record: unknown, slots: readonly number[], paths: readonly string[]): string[] => {
    const out: string[] = [];
    for (let k = 0; k < slots.length; k++) if (isMissing(recordFields.read(record, slots[k]))) out.push(paths[k]);
    return out;
  };
  const labels = (paths: readonly string[]) => paths.map(label).join('、');

  // Scratch space for one classification, parallel to the result's candidates: the matched rows, which of their
  // outcomes applies and its rank (-1 when the row's branches could not decide).
  const matched = new Int32Array(rows.length);
  const decided = new Int32Array(rows.length);
  const ranks = new Int8Array(rows.length);

  let minimal = false;
  const classify = (record: unknown, options?: ClassifyOptions): ClassifyResult => {
    recordFields.use(record);
    minimal = options?.detail === 'minimal';
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
    // The qualifier of `excluded` is unknown (whenEstablished): it may still not apply.
    let unsure = false;
    for (let f = 0; f < n; f++) {
      const i = found[f];
      if (i < firstExclusion) {
        const ok = evaluate(rows[i].when, record);
        if (ok === -1) failed(`条款 ${rows[i].item.id}`);
        if (ok !== 1) continue;
        const outcome = (decided[m] = decide(i, record));
        matched[m] = i;
        ranks[m++] = outcome < 0 ? -1 : RETENTIONS[outcomeCode(rows[i], outcome)].rank;
      } else {
        // Rows come first in `found`: every matched row is known before the exclusions are weighed.
        const x = i - firstExclusion;
        const e = exclusions[x];
        const ok = evaluate(e.when, record);
        if (ok === -1) failed(`不归档条目 ${e.x.id}`);
        if (ok !== 1) continue;
        if (!established || e.established === null || evaluate(e.established, record) === 1) {
          excluded = x;
          unsure = false;
          break;
        }
        // Not established: known not to apply when every fact that would establish it is there.
        if (e.needSlots.length > 0 && missing(record, e.needSlots, e.needs).length === 0) continue;
        if (excluded < 0) {
          excluded = x;
          unsure = true;
        }
      }
    }
    const candidates = minimal ? NONE : candidatesOf(m);

    // Policy: the longest retention wins (永久 > 30年 > 10年); ties go to the deeper clause, then table order.
    let best = -1;
    for (let k = 0; k < m; k++) {
      if (ranks[k] < 0) continue;
      if (best < 0 || beats(rows[matched[k]], ranks[k], rows[matched[best]], ranks[best])) best = k;
    }

    if (excluded >= 0) {
      const e = exclusions[excluded];
      if (established && isClassified(recordFields.read(record, securitySlot)))
        return exclusionReview(record, e, m, best, candidates, true);
      if (unsure && m > 0 && keptRank(longest(m, best)) >= LONG_RANK) return exclusionReview(record, e, m, best, candidates, false);
      return excludedResult(record, excluded, m, candidates, unsure);
    }

    if (m === 0) {
      // `errors` is filled by `failed` during this call (TypeScript cannot see that through the closures).
      const failures = errors as string[] | null;
      return makeResult('review', candidates, minimal ? NONE : failures ? [NO_ROW, ...failures] : NO_ROW_REASONS);
    }

    // A row whose branches could not decide forces review if its longest branch could still win.
    for (let k = 0; k < m; k++) {
      const open = rows[matched[k]];
      if (ranks[k] >= 0 || (best >= 0 && !beats(open, open.maxRank, rows[matched[best]], ranks[best]))) continue;
      let reasons: readonly string[] = NONE;
      if (!minimal) {
        const list = [planOf(matched[k]).needsReview];
        planOf(matched[k]).wording.write(record, list);
        if (best >= 0) list.push(`若不适用该分支，则按条款 ${candidates[best].id} 定为${candidates[best].retention!.label}`);
        reasons = list;
      }
      const result = makeResult('review', candidates, reasons);
      result.item = open.item;
      result.needs = missing(record, branchSlots[matched[k]], open.branchFields);
      if (open.review) result.guidance = open.review;
      return result;
    }
    return filedResult(record, m, best, candidates);
  };

  const filedResult = (record: unknown, m: number, best: number, candidates: readonly Candidate[]): ClassifyResult => {
    const i = matched[best];
    const row = rows[i];
    const outcome = decided[best];
    const retention = labelOf(outcomeCode(row, outcome));
    const codes = codesOf(row.klass);
    const year = yearOf(recordFields.read(record, dateSlot));
    const term = retentionTerm(retention.code, row.start, record, year);
    const pending = recordFields.read(record, pendingSlot) === true;
    const byDefault = outcome === row.defaultOutcome;
    const needs = byDefault ? missing(record, branchSlots[i], row.branchFields) : null;

    // DA/T 22-2015 5.4.2: 全宗号-门类代码·年度-保管期限-机构（问题）代码.
    let archivalCode: string | undefined;
    let noCode: string | undefined;
    if (year < 0) noCode = '缺少形成日期，无法确定档号中的年度';
    else if (segmentBy === 'class') archivalCode = codes.of(year, retention.code, ranks[best]);
    else {
      const dept = recordFields.read(record, departmentSlot);
      const deptCode = typeof dept === 'string' ? departments.get(dept) : undefined;
      if (deptCode) archivalCode = codes.byDepartment(year, retention.code, deptCode);
      else noCode = `机构“${String(dept ?? '')}”没有机构代码，无法生成档号`;
    }

    let reasons: readonly string[] = NONE;
    if (!minimal) {
      const plan = planOf(i);
      // The reasons of a single match depend only on the row, which way its condition held and its outcome: a
      // frozen list per row. The row was evaluated once in this call and held, so its wording knows which way.
      const usual = plan.wording.variants > 0 ? plan.reasons(plan.wording.chosen(), outcome) : null;
      if (m === 1 && term.note === undefined && noCode === undefined && usual !== null && !pending && !needs?.length) reasons = usual;
      else {
        // The usual list up to the start rule, then why this row among several, the start rule and what is missing.
        const list = usual !== null ? copy(usual, usual.length - 1) : plan.compose(record, outcome);
        if (needs?.length) list.push(`可据以判断的信息缺失：${labels(needs)}`);
        if (m > 1) list.push(severalMatched(m, best, candidates));
        list.push(plan.startRule);
        if (term.note) list.push(term.note);
        if (pending) list.push(PENDING);
        if (noCode) list.push(noCode);
        reasons = list;
      }
    }

    const result = makeResult('file', candidates, reasons);
    result.classCode = row.klass.path;
    result.classPath = row.klass.names;
    result.retention = retention;
    result.branch = outcomeBranch(row, outcome);
    result.retentionStart = term.retentionStart;
    result.expiresOn = pending ? undefined : term.expiresOn;
    if (pending) result.hold = 'pendingMatters';
    result.archivalCode = archivalCode;
    result.item = row.item;
    if (byDefault) {
      result.decidedBy = 'default';
      result.needs = needs!;
      if (row.review) result.guidance = row.review;
    }
    return result;
  };

  /** The rank the k-th matched row keeps: its decided one, or its longest branch when undecided. */
  const keptRank = (k: number) => (ranks[k] >= 0 ? ranks[k] : rows[matched[k]].maxRank);
  /** The longest-keeping matched row (decided or not), for a review that an exclusion could not settle. */
  const longest = (m: number, best: number): number => {
    let top = best;
    for (let k = 0; k < m; k++) if (top < 0 || keptRank(k) > keptRank(top)) top = k;
    return top;
  };

  const excludedResult = (record: unknown, x: number, m: number, candidates: readonly Candidate[], unsure: boolean): ClassifyResult => {
    const e = exclusions[x];
    let reasons: readonly string[] = NONE;
    if (!minimal) {
      const plan = exclusionPlanOf(x);
      reasons = plan.wording.variants > 0 ? plan.reasons(plan.wording.chosen()) : plan.compose(record);
      if (m > 0 || unsure) {
        const list = copy(reasons, reasons.length);
        if (unsure) {
          const lacking = missing(record, e.needSlots, e.needs);
          list.push(`不归档条件“${e.x.scope}”所需的${labels(lacking)}未提供；所匹配的条款均不超过定期10年，按不归档处理`);
        }
        if (m > 0) list.push(m === 1 ? planOf(matched[0]).alsoExcluded : alsoExcluded(candidates.map((c) => c.id).join('、')));
        reasons = list;
      }
    }
    const result = makeResult('exclude', candidates, reasons);
    result.exclusion = e.ref;
    return result;
  };

  /** A review an exclusion could not settle: the longest-keeping matched row, what is unknown, or 涉密. */
  const exclusionReview = (
    record: unknown,
    e: CompiledExclusion,
    m: number,
    best: number,
    candidates: readonly Candidate[],
    classified: boolean,
  ) => {
    const top = m > 0 ? longest(m, best) : -1;
    const row = top >= 0 ? rows[matched[top]] : null;
    const kept =
      top < 0 || minimal ? '' : ranks[top] >= 0 ? labelOf(outcomeCode(row!, decided[top])).label : RETENTIONS[maxCode(row!)].label;
    const lacking = classified ? [] : missing(record, e.needSlots, e.needs);
    const review = classified ? classifiedReview(e, minimal) : unsureReview(e, row!, kept, lacking, labels(lacking), minimal);
    const result = makeResult('review', candidates, review.reasons);
    if (top >= 0) result.item = row!.item;
    result.exclusion = e.ref;
    result.needs = lacking;
    result.guidance = review.guidance;
    return result;
  };

  /**
   * Why the deciding row was chosen among several. It depends only on the rows, their outcomes and the policy, so
   * for two matches (nearly all multiple matches) it is worded once per pair.
   */
  const outcomeKeys = Math.max(1, ...rows.map((r) => (r.branches ? r.branches.length + (r.defaultOutcome >= 0 ? 1 : 0) : 1))) + 1;
  const pairSentences = new BoundedCache<number, string>(MAX_CACHED_WORDINGS);
  const severalMatched = (m: number, best: number, candidates: readonly Candidate[]): string => {
    if (m !== 2) return chosenAmong(candidates, best);
    const key = ((matched[0] * rows.length + matched[1]) * outcomeKeys + decided[0] + 1) * outcomeKeys + decided[1] + 1;
    return pairSentences.get(key) ?? pairSentences.keep(key, chosenAmong(candidates, best));
  };

  /** The outcome entry of the k-th matched row of the classification in progress. */
  const entryOf = (k: number): RowOutcome => (decided[k] < 0 ? planOf(matched[k]).open : planOf(matched[k]).outcomes[decided[k]]);

  /** A single match shares its row's frozen one-entry list; several get a list of their own. */
  const candidatesOf = (m: number): readonly Candidate[] => {
    if (m === 1) return entryOf(0).alone;
    const list: Candidate[] = [];
    for (let k = 0; k < m; k++) list.push(entryOf(k).candidate);
    return list;
  };

  /** A result with every field present (one shape for every outcome; undefined fields are omitted by JSON). */
  const makeResult = (outcome: Outcome, candidates: readonly Candidate[], reasons: readonly string[]): ClassifyResult =>
    blankResult(outcome, candidates, reasons, version, hash, errors ?? undefined);

  // With a loader, the document is not kept: it is loaded again (and its parameters resolved) when asked for.
  const load = options.document;
  const documents = load ? null : { scheme, source: stored };
  return {
    get scheme() {
      return documents?.scheme ?? resolveParameters(load!());
    },
    get source() {
      return documents?.source ?? load!();
    },
    version,
    hash,
    rows,
    fields,
    classify,
    get explanationBytes() {
      return explained;
    },
    indexCandidates: (record) =>
      index
        .candidates(record)
        .filter((i) => i < firstExclusion)
        .map((i) => rows[i].item.id),
    matchAll: (record) => rows.filter((r) => evaluate(r.when, record) === 1),
    stats: {
      rows: rows.length,
      indexedRows: rows.length - index.unguarded.filter((i) => i < firstExclusion).length,
      exclusions: exclusions.length,
    },
  };
}
