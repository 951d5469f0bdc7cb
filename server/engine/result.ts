// What classify returns: the outcome, and for a filed record its class, retention, dates, 档号 prefix and why.
import type { FieldError } from '../schemas/ajv.js';
import type { FieldDef } from '../schemas/fields.js';
import type { RetentionCode } from '../schemas/retention-codes.js';
import type { Scheme } from '../schemas/scheme.js';
import type { Row } from './row-plan.js';

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
  /** `default`: no branch condition held and the row's default (从长, or a named branch) decided: sample-check it. */
  decidedBy?: 'default';
  retentionStart?: string | null;
  expiresOn?: string;
  /** `pendingMatters`: kept until the 未了事项 are settled (79号令), so there is no `expiresOn`. */
  hold?: 'pendingMatters';
  archivalCode?: string;
  item?: { id: string; scope: string; basis?: string };
  exclusion?: { id: string; scope: string; reason?: string; basis?: string };
  /** Field paths whose values would decide (a review, or a decision by default). */
  needs?: readonly string[];
  /** Guidance for the person who decides a review. */
  guidance?: string;
  /** Shared and frozen for a single match; empty with `detail: 'minimal'`. */
  candidates: readonly Candidate[];
  /** Shared and frozen when it is the usual wording of a single match; empty with `detail: 'minimal'`. */
  reasons: readonly string[];
  version: number | null;
  hash: string;
  /** Rows whose condition failed to evaluate (never expected for a validated scheme). */
  errors?: string[];
  /** Fields the record carried that the scheme does not read (set by the service and the CLI). */
  ignoredFields?: string[];
}

export interface ClassifyOptions {
  /** `minimal`: no reasons and no candidates (callers that only file). Default `full`. */
  detail?: 'full' | 'minimal';
}

export class SchemeInvalidError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(
      `方案无效：${errors
        .slice(0, 3)
        .map((e) => `${e.path} ${e.message}`)
        .join('；')}${errors.length > 3 ? ` 等 ${errors.length} 处` : ''}`,
    );
    this.name = 'SchemeInvalidError';
  }
}

export interface CompileOptions {
  version?: number | null;
  /**
   * Where the document can be had again. When given, the compiled version does not keep it (a service holding many
   * versions keeps a third less), and `scheme` and `source` call this on every read.
   */
  document?: () => Scheme;
}

export interface CompiledScheme {
  /** The document as evaluated: the stored one with its parameters resolved. */
  readonly scheme: Scheme;
  /** The document as stored (parameter references kept); the same object as `scheme` when it has no parameters. */
  readonly source: Scheme;
  readonly version: number | null;
  readonly hash: string;
  readonly rows: readonly Row[];
  readonly fields: ReadonlyMap<string, FieldDef>;
  classify(record: unknown, options?: ClassifyOptions): ClassifyResult;
  /** Rows whose condition holds, in table order, evaluating all rows (for analysis and tests). */
  matchAll(record: unknown): Row[];
  /** Ids of the rows the index leaves to evaluate for `record` (diagnostics, the bench). */
  indexCandidates(record: unknown): string[];
  readonly stats: { rows: number; indexedRows: number; exclusions: number };
  /**
   * Estimated bytes of the explanations built so far (row plans, wordings, reasons lists: built on first use with
   * full detail, then kept), so a cache can charge the version for what it has served. 0 until reasons are given.
   */
  readonly explanationBytes: number;
}

/** A result with every field present (one shape for every outcome, so results stay monomorphic; undefined fields are
 * omitted by JSON). */
export function blankResult(
  outcome: Outcome,
  candidates: readonly Candidate[],
  reasons: readonly string[],
  version: number | null,
  hash: string,
  errors: string[] | undefined,
): ClassifyResult {
  return {
    outcome,
    classCode: undefined,
    classPath: undefined,
    retention: undefined,
    branch: undefined,
    decidedBy: undefined,
    retentionStart: undefined,
    expiresOn: undefined,
    hold: undefined,
    archivalCode: undefined,
    item: undefined,
    exclusion: undefined,
    needs: undefined,
    guidance: undefined,
    candidates,
    reasons,
    version,
    hash,
    errors,
  };
}
