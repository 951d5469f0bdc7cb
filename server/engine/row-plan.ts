// What a result takes from a row or an exclusion (references, candidate entries, sentences), built once per compiled
// scheme and frozen, so a classification shares them and a caller cannot corrupt the compiled scheme.
import { RETENTIONS, type RetentionCode } from '../schemas/retention-codes.js';
import type { SchemeExclusion } from '../schemas/scheme.js';
import { BoundedCache } from './bounded-cache.js';
import type { ClassEntry } from './classes.js';
import type { ConditionTexts } from './condition-texts.js';
import type { Explainer, Wording } from './explain.js';
import type { Fn } from './operators.js';
import { LONGEST } from './policy.js';
import type { Candidate, ClassifyResult } from './result.js';
import { type StartRule, retentionLabel, startRuleWords } from './retention.js';

export interface Branch {
  label: string;
  when: Fn | null;
  code: RetentionCode;
}

/** The result's `item` for a row (frozen, shared by every result the row decides). */
export type RowItem = Readonly<{ id: string; scope: string; basis?: string }>;

/** A 归档范围 row ready to evaluate. */
export interface Row {
  /** The row's index in the document's `items`. */
  order: number;
  item: RowItem;
  /** The table row's 人工判断 guidance (`review`) and its `default` rule, if any. */
  review: string | undefined;
  defaultRule: string | undefined;
  /** Its condition's index in the compiled version's ConditionTexts, -1 without a condition. */
  condition: number;
  /** The first `or` slot its evaluator took (see Explainer.wordingOf). */
  firstSlot: number;
  depth: number;
  when: Fn;
  code: RetentionCode | null;
  branches: Branch[] | null;
  /** The outcome index its `default` gives when no branch holds (after the branches); -1 without a default. */
  defaultOutcome: number;
  /** The branch that default names (-1 without a default). */
  defaultBranch: number;
  /** Field paths the branch conditions read (what would decide an undecided or defaulted row). */
  branchFields: readonly string[];
  /** Longest retention the row can give (for the policy when its branches cannot decide). */
  maxRank: number;
  start: StartRule;
  klass: ClassEntry;
}

export const NO_ROW = '没有匹配的归档范围条款，需档案员判断是否归档及归入哪一条款';
export const NO_ROW_REASONS: readonly string[] = Object.freeze([NO_ROW]);
export const PENDING =
  '涉及未结清的债权债务或其他未了事项：保管期满也不得销毁，单独抽出立卷，保管到未了事项完结时为止（《会计档案管理办法》）';

/** Reasons lists kept per row or exclusion, and sentences per pair of rows: plenty for real tables, bounded for odd ones. */
export const MAX_CACHED_WORDINGS = 4096;

/** One way a row can decide, as a result's candidates show it (its code and rank: outcomeCode). */
export interface RowOutcome {
  candidate: Candidate;
  /** The candidates list of a result where this is the only match. */
  alone: readonly Candidate[];
}

/** What a result with full detail takes from a row (the decision itself reads the row: see outcomeCode). */
export interface RowPlan {
  /** The fixed retention (one entry), or one entry per 重要/一般 branch, then the default's entry if any. */
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
}

/** The outcome index a row's `default` names: after its branches, so it has a sentence of its own. */
export function defaultOutcomeOf(rule: string | undefined, branches: readonly Branch[] | null): { index: number; branch: number } | null {
  if (!branches || rule === undefined) return null;
  let branch = -1;
  if (rule === LONGEST) {
    for (let k = 0; k < branches.length; k++)
      if (branch < 0 || RETENTIONS[branches[k].code].rank > RETENTIONS[branches[branch].code].rank) branch = k;
  } else branch = branches.findIndex((b) => b.label === rule);
  return branch < 0 ? null : { index: branches.length, branch };
}

/** A retention label per code, frozen and shared by every candidate that names it. */
const LABELS = new Map<RetentionCode, Candidate['retention']>();
export const labelOf = (code: RetentionCode): NonNullable<Candidate['retention']> => {
  let label = LABELS.get(code);
  if (!label) LABELS.set(code, (label = Object.freeze(retentionLabel(code))));
  return label!;
};

/**
 * The retention code of a row's outcome (a branch, or its default after the branches): what a decision needs, read
 * from the row itself, so `detail: 'minimal'` builds no plan.
 */
export function outcomeCode(row: Row, outcome: number): RetentionCode {
  if (!row.branches) return row.code!;
  return row.branches[outcome < row.branches.length ? outcome : row.defaultBranch].code;
}

/** The branch label of a row's outcome (undefined for a row with one fixed retention). */
export function outcomeBranch(row: Row, outcome: number): string | undefined {
  if (!row.branches) return undefined;
  return row.branches[outcome < row.branches.length ? outcome : row.defaultBranch].label;
}

function outcomeEntry(item: RowItem, code: RetentionCode, branch: string | undefined): RowOutcome {
  const candidate: Candidate = { id: item.id, scope: item.scope, retention: labelOf(code) };
  if (branch !== undefined) candidate.branch = branch;
  Object.freeze(candidate);
  return { candidate, alone: Object.freeze([candidate]) };
}

/**
 * A row's plan, built on the row's first match with full detail: its candidate entries with it, what only reasons
 * need (the condition's wording, the sentences, the cache of reasons lists) on first use.
 */
class PlanOfRow implements RowPlan {
  readonly outcomes: RowOutcome[];
  readonly open: RowOutcome;
  private words: Wording | undefined;
  private lists: BoundedCache<number, readonly string[]> | undefined;
  private texts: { matched: string; start: string; also?: string; review?: string; because: (string | undefined)[] } | undefined;

  constructor(
    private readonly row: Row,
    private readonly explainer: Explainer,
    private readonly conditions: ConditionTexts,
  ) {
    const { item } = row;
    const count = row.branches ? row.branches.length + (row.defaultOutcome >= 0 ? 1 : 0) : 1;
    this.outcomes = Array.from({ length: count }, (_, o) => outcomeEntry(item, outcomeCode(row, o), outcomeBranch(row, o)));
    this.open = undecided(item);
  }

  get wording(): Wording {
    const { condition, firstSlot } = this.row;
    return (this.words ??= this.explainer.wordingOf(condition < 0 ? undefined : this.conditions.get(condition), firstSlot));
  }

  private get text() {
    if (this.texts) return this.texts;
    const { item, branches, defaultRule, defaultBranch } = this.row;
    const because: (string | undefined)[] = branches ? branches.map((b) => `按“${b.label}”定为${RETENTIONS[b.code].label}`) : [undefined];
    if (branches && defaultBranch >= 0) {
      const b = branches[defaultBranch];
      const rule = defaultRule === LONGEST ? '从长' : `取“${b.label}”`;
      because.push(`各分支条件均无法据现有信息判断，按默认规则${rule}定为${RETENTIONS[b.code].label}（“${b.label}”），请抽检`);
    }
    return (this.texts = { matched: `匹配条款 ${item.id}：${item.scope}`, start: `保管期限${startRuleWords(this.row.start)}`, because });
  }

  private because(outcome: number): string[] {
    const b = this.text.because[outcome];
    return b ? [b] : [];
  }

  reasons(variant: number, outcome: number): readonly string[] {
    const key = variant * this.outcomes.length + outcome;
    const lists = (this.lists ??= new BoundedCache<number, readonly string[]>(MAX_CACHED_WORDINGS));
    return (
      lists.get(key) ??
      lists.keep(
        key,
        Object.freeze([this.text.matched, ...this.wording.sentences(variant), ...this.because(outcome), this.text.start].slice()),
      )
    );
  }

  compose(record: unknown, outcome: number): string[] {
    const list = [this.text.matched];
    this.wording.write(record, list);
    list.push(...this.because(outcome));
    return list;
  }

  get alsoExcluded(): string {
    return (this.text.also ??= alsoExcluded(this.row.item.id));
  }

  get needsReview(): string {
    const { item, review } = this.row;
    return (this.text.review ??= `条款 ${item.id}“${item.scope}”需人工判断保管期限：${review ?? '分支条件均不满足'}`);
  }

  get startRule(): string {
    return this.text.start;
  }
}

/**
 * Estimated bytes a row's plan holds once its reasons have been given (its condition parsed again and worded, the
 * sentences, the frozen candidates and reasons lists), from `npm run bench:size`: about this much per byte of the
 * condition's JSON, plus a fixed part.
 */
export const PLAN_BYTES = { fixed: 640, perConditionByte: 12 };

export function rowPlanBytes(row: Row, conditions: ConditionTexts): number {
  return PLAN_BYTES.fixed + PLAN_BYTES.perConditionByte * (row.condition < 0 ? 0 : conditions.size(row.condition));
}

/** The same estimate for an exclusion's wording and reasons lists (its condition is kept parsed: not counted). */
export function exclusionPlanBytes(x: SchemeExclusion): number {
  return PLAN_BYTES.fixed + PLAN_BYTES.perConditionByte * JSON.stringify(x.when).length;
}

export function planRow(row: Row, explainer: Explainer, conditions: ConditionTexts): RowPlan {
  return new PlanOfRow(row, explainer, conditions);
}

/** What a result takes from an exclusion row. */
export interface ExclusionPlan {
  wording: Wording;
  /** The reasons by wording variant (built on first use, frozen). */
  reasons(variant: number): readonly string[];
  /** The same list composed for `record` (when the variants are too many to number). */
  compose(record: unknown): string[];
}

class PlanOfExclusion implements ExclusionPlan {
  private words: Wording | undefined;
  private lists: BoundedCache<number, readonly string[]> | undefined;

  constructor(
    private readonly x: SchemeExclusion,
    private readonly explainer: Explainer,
  ) {}

  get wording(): Wording {
    return (this.words ??= this.explainer.compile(this.x.when));
  }

  private sentence: string | undefined;

  /** Built once, on first use (compose runs per record when the wording has too many variants to cache). */
  private get because(): string {
    return (this.sentence ??= `属于不归档范围 ${this.x.id}：${this.x.scope}`);
  }

  reasons(variant: number): readonly string[] {
    const lists = (this.lists ??= new BoundedCache<number, readonly string[]>(MAX_CACHED_WORDINGS));
    const hit = lists.get(variant);
    if (hit) return hit;
    const reason = this.x.reason ? [this.x.reason] : [];
    return lists.keep(variant, Object.freeze([this.because, ...this.wording.sentences(variant), ...reason].slice()));
  }

  compose(record: unknown): string[] {
    const list = [this.because];
    this.wording.write(record, list);
    if (this.x.reason) list.push(this.x.reason);
    return list;
  }
}

export function planExclusion(x: SchemeExclusion, explainer: Explainer): ExclusionPlan {
  return new PlanOfExclusion(x, explainer);
}

function undecided(item: RowItem): RowOutcome {
  const candidate: Candidate = Object.freeze({ id: item.id, scope: item.scope, retention: null });
  return { candidate, alone: Object.freeze([candidate]) };
}

export function exclusionRef(x: SchemeExclusion): NonNullable<ClassifyResult['exclusion']> {
  const out: NonNullable<ClassifyResult['exclusion']> = { id: x.id, scope: x.scope };
  if (x.reason) out.reason = x.reason;
  if (x.basis) out.basis = x.basis;
  return out;
}

/** The first `n` entries of a (frozen) list, in a new list: a loop, as `slice` and spreading are slow on frozen arrays. */
export function copy(list: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(list[i]);
  return out;
}

/** Why `candidates[best]` decides among several matches. */
export function chosenAmong(candidates: readonly Candidate[], best: number): string {
  const listed = candidates.map((x) => `${x.id} ${x.retention?.label ?? '待定'}`).join('、');
  return `共匹配 ${candidates.length} 条条款（${listed}），按“保管期限从长，同等取更具体条款”的规则选定 ${candidates[best].id}`;
}

/** The sentence saying that rows also matched an excluded record (`ids` joined with 、). */
export function alsoExcluded(ids: string): string {
  return `（另匹配条款 ${ids}，按不归档范围的规则不归档）`;
}

/** The longest code a row can give. */
export function maxCode(row: Row): RetentionCode {
  const codes = row.branches ? row.branches.map((b) => b.code) : [row.code!];
  return codes.reduce((a, b) => (RETENTIONS[b].rank > RETENTIONS[a].rank ? b : a));
}
