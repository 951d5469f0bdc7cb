// Classification for business systems: picks the version in force for each record's date (or a pinned version),
// validates the record against it, and classifies with the cached compiled version. Never guesses a version.
import { datePart } from '../engine/dates.js';
import { noVersionInForce, versionInForce } from '../engine/in-force.js';
import type { ClassifyResult } from '../engine/index.js';
import type { ClassifyOptions } from '../engine/result.js';
import { compileValid, validateScheme } from '../engine/index.js';
import { classifyRecord } from '../engine/prepare-record.js';
import { recordErrors } from '../engine/validate.js';
import type { FieldError } from '../schemas/ajv.js';
import { checkRecord } from '../schemas/record-check.js';
import type { ClassifiableRecord } from '../schemas/record.js';
import type { ChangeCounter } from '../store/changes.js';
import type { Stores } from '../store/index.js';
import type { Org } from '../store/orgs-store.js';
import type { InForce } from '../store/schemes-store.js';
import type { Access, Principal } from './access.js';
import { type Clock, chinaDate } from './clock.js';
import type { ApprovedContent } from './audit-integrity.js';
import type { CompiledCache, CompiledEntry } from './compiled-cache.js';
import type { ClassifyCall, DecisionLogService } from './decision-log/decision-log-service.js';
import { AppError, notFound } from './errors.js';

export const MAX_BATCH = 10_000;
export const MAX_TRY_RECORDS = 1_000;
/** A failed batch names at most this many problems. */
export const MAX_BATCH_ERRORS = 100;
/** Resolved targets kept between database changes; past it the map starts over. */
const MAX_TARGETS = 10_000;

/** What a classification request resolved to: the unit's scheme and its approved versions. */
export interface ClassifyTarget {
  unit: Org;
  schemeId: number;
  versions: InForce[];
  pinned: InForce | null;
}

/** A result as the service returns it: a review recorded in the decision log carries the entry's id. */
export type LoggedResult = ClassifyResult & { reviewId?: number };

interface Logged {
  record: ClassifiableRecord;
  version: number;
  result: LoggedResult;
}

export class ClassifyService {
  /**
   * Targets resolved since the database last changed (ChangeCounter: approval, supersession, a new unit or key; the
   * HTTP edge refreshes it from other connections before each request: over a socket once per turn of the event loop).
   */
  private readonly targets = new Map<string, ClassifyTarget>();
  private epoch = -1;

  constructor(
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly clock: Clock,
    private readonly cache: CompiledCache,
    private readonly changes: ChangeCounter,
    private readonly decisionLog: DecisionLogService,
    private readonly integrity: ApprovedContent,
  ) {}

  /**
   * Resolves the unit's scheme (the only one with approved versions, or `schemeId`) and its approved versions.
   * 409 when there is none, or several and none was named. What it resolves to depends only on the database (the
   * version for a record's date is picked per record), so it is kept until the database changes.
   */
  target(p: Principal | null, unitId: number, opts: { schemeId?: number; version?: number }): ClassifyTarget {
    const epoch = this.changes.epoch();
    if (epoch !== this.epoch) {
      this.targets.clear();
      this.epoch = epoch;
    }
    const key =
      p === null ? null : `${p.kind === 'key' ? `k${p.key.id}` : `u${p.user.id}`}/${unitId}/${opts.schemeId ?? ''}/${opts.version ?? ''}`;
    const hit = key === null ? undefined : this.targets.get(key);
    if (hit) return hit;
    const t = this.resolve(p, unitId, opts);
    if (key !== null) {
      if (this.targets.size >= MAX_TARGETS) this.targets.clear();
      this.targets.set(key, t);
    }
    return t;
  }

  private resolve(p: Principal | null, unitId: number, opts: { schemeId?: number; version?: number }): ClassifyTarget {
    const unit = this.access.classifiableUnit(p, unitId);
    let schemeId = opts.schemeId;
    if (schemeId === undefined) {
      const ids = this.stores.schemes.approvedSchemeIds(unit.id);
      if (ids.length === 0) throw new AppError('no_version_in_force', `单位“${unit.name}”还没有已批准的方案版本，无法分类`);
      if (ids.length > 1) {
        throw new AppError('conflict', `单位“${unit.name}”有多个已批准的方案（${ids.join('、')}），请用 ?scheme= 指定`, [
          { path: '/query/scheme', message: '需要指定方案' },
        ]);
      }
      schemeId = ids[0];
    } else {
      const scheme = this.stores.schemes.getScheme(schemeId);
      if (!scheme || scheme.unitId !== unit.id) throw notFound('方案');
    }
    const versions = this.stores.schemes.inForce(schemeId);
    // After any database change: each version's stored hash still the one the audit log recorded at approval.
    for (const v of versions) this.integrity.recheckRecorded(v.id);
    let pinned: InForce | null = null;
    if (opts.version !== undefined) {
      pinned = versions.find((v) => v.number === opts.version) ?? null;
      if (!pinned) {
        const meta = this.stores.schemes.meta(schemeId, opts.version);
        if (!meta) throw new AppError('not_found', `版本 ${opts.version} 不存在`, [{ path: '/query/version', message: '版本不存在' }]);
        throw new AppError('no_version_in_force', `版本 ${opts.version} 未经批准，不能用于分类`, [
          { path: '/query/version', message: '只能指定已批准或已被替代的版本' },
        ]);
      }
    } else if (!versions.length) {
      throw new AppError('no_version_in_force', `单位“${unit.name}”的方案还没有已批准的版本，无法分类`);
    }
    return { unit, schemeId, versions, pinned };
  }

  /**
   * Classifies one record. `base` is the JSON Pointer of the record in the request, for error paths.
   * Throws AppError (422 invalid record, 409 no version in force for its date).
   */
  classify(t: ClassifyTarget, record: unknown, base = '', options?: ClassifyOptions, call?: ClassifyCall): LoggedResult {
    return this.classifyWith(t, record, base, null, options, call ?? null);
  }

  /**
   * A classifier for many records of one request (a batch, an NDJSON stream): it looks each version up in the
   * compiled cache once, not once per record.
   */
  classifier(
    t: ClassifyTarget,
    options?: ClassifyOptions,
    call?: ClassifyCall,
  ): (record: unknown, base?: string, text?: string) => LoggedResult {
    const entries = new Map<InForce, CompiledEntry>();
    // `text`: the JSON text the record was parsed from, which the log then stores instead of serialising the record.
    return (record, base = '', text) => this.classifyWith(t, record, base, entries, options, call ?? null, undefined, text);
  }

  private classifyWith(
    t: ClassifyTarget,
    record: unknown,
    base: string,
    entries: Map<InForce, CompiledEntry> | null,
    options: ClassifyOptions | undefined,
    call: ClassifyCall | null,
    logged?: Logged[],
    text?: string,
  ): LoggedResult {
    const shape = checkRecord(record, base);
    if (!shape.ok) throw new AppError('invalid_record', '待分类记录不符合格式', shape.errors);
    const v = t.pinned ?? this.inForceOn(t, datePart(shape.value.date) ?? chinaDate(this.clock()), base);
    this.integrity.assertSound(v.id);
    let entry = entries?.get(v);
    if (!entry) {
      // Compiled only from a document that is what the audit log says was approved (503 otherwise).
      entry = this.cache.get(v.hash, v.number, () => this.integrity.approvedDocument(v.id));
      entries?.set(v, entry);
    }
    const errors = recordErrors(shape.value, entry.fields, base, 'ignore');
    if (errors.length) throw new AppError('invalid_record', '待分类记录含无效日期', errors);
    const result: LoggedResult = classifyRecord(entry.compiled, shape.value, entry.fields, options);
    if (logged) logged.push({ record: shape.value, version: v.number, result });
    else if (call) this.log(t, shape.value, v.number, result, call, text);
    return result;
  }

  /** Records a classification in the unit's decision log; a review gets the log entry's id as its `reviewId`. */
  private log(
    t: ClassifyTarget,
    record: ClassifiableRecord,
    version: number,
    result: LoggedResult,
    call: ClassifyCall,
    text?: string,
  ): void {
    const id = this.decisionLog.record(t.unit.id, t.schemeId, version, record as Record<string, unknown>, result, call, text);
    if (id !== null && result.outcome === 'review') result.reviewId = id;
  }

  /** All or nothing: every record is checked; any problem fails the batch, naming each record's path. */
  batch(t: ClassifyTarget, records: unknown[], options?: ClassifyOptions, call?: ClassifyCall): LoggedResult[] {
    const entries = new Map<InForce, CompiledEntry>();
    // Logged only once the whole batch has been classified: a refused batch leaves no trace in the log.
    const logged: Logged[] | undefined = call ? [] : undefined;
    const one = (record: unknown, base: string) => this.classifyWith(t, record, base, entries, options, null, logged);
    const results: LoggedResult[] = [];
    const errors: FieldError[] = [];
    let code: AppError['code'] | undefined;
    for (let i = 0; i < records.length; i++) {
      try {
        results.push(one(records[i], `/records/${i}`));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        if (code === undefined || e.code === 'invalid_record') code = e.code;
        if (errors.length < MAX_BATCH_ERRORS) errors.push(...(e.errors.length ? e.errors : [{ path: `/records/${i}`, message: e.detail }]));
      }
    }
    if (code) throw new AppError(code, `${records.length} 条记录中有记录无法分类，整批未处理`, errors.slice(0, MAX_BATCH_ERRORS));
    if (call && logged) for (const l of logged) this.log(t, l.record, l.version, l.result, call);
    return results;
  }

  /** The approved or superseded version in force on `date` (the rule loadBundle shares: engine/in-force.ts). */
  private inForceOn(t: ClassifyTarget, date: string, base: string): InForce {
    const found = versionInForce(t.versions, date); // sorted by effectiveFrom, number
    if (!found) {
      const why = noVersionInForce(t.versions[0], date, base);
      throw new AppError('no_version_in_force', why.detail, why.errors);
    }
    return found;
  }

  /** Classifies records against an unsaved document (the web tester). Invalid records get `null` and errors. */
  tryDocument(
    p: Principal | null,
    document: unknown,
    records: unknown[],
  ): { valid: boolean; errors: FieldError[]; results: (ClassifyResult | null)[] } {
    this.access.user(p);
    const checked = validateScheme(document);
    if (!checked.ok)
      return {
        valid: false,
        errors: checked.errors.map((e) => ({ path: '/document' + (e.path === '/' ? '' : e.path), message: e.message })),
        results: [],
      };
    const compiled = compileValid(checked.scheme);
    const fields = new Set(compiled.fields.keys());
    const errors: FieldError[] = [];
    const results = records.map((r, i) => {
      const base = `/records/${i}`;
      const shape = checkRecord(r, base);
      const errs = shape.ok ? recordErrors(shape.value, fields, base, 'ignore') : shape.errors;
      if (errs.length || !shape.ok) {
        errors.push(...errs);
        return null;
      }
      return classifyRecord(compiled, shape.value, fields);
    });
    return { valid: true, errors, results };
  }
}
