// A draft's impact: the unit's logged records of a window (or an uploaded sample) replayed through the version in
// force and through the draft (replay.ts), with the changed records' rows and, for the unit's archivists, records.
import { SchemeInvalidError } from '../../engine/result.js';
import { classifyRecord } from '../../engine/prepare-record.js';
import { recordErrors } from '../../engine/validate.js';
import { checkRecord } from '../../schemas/record-check.js';
import type { Stores } from '../../store/index.js';
import type { LogFilter } from '../../store/decision-log-store.js';
import type { InForce } from '../../store/schemes-store.js';
import type { Access, Principal } from '../access.js';
import { type Clock, chinaDate } from '../clock.js';
import type { CompiledCache, CompiledEntry } from '../compiled-cache.js';
import { AppError, conflict, forbidden, notFound } from '../errors.js';
import type { SchemeAccess } from '../schemes/scheme-access.js';
import type { DecisionLogService } from './decision-log-service.js';
import { type ChangedRecord, changedCsv, changedHeaders, changedXlsx } from './impact-export.js';
import { type Classifier, type Impact, type ReplayRecord, replay } from './replay.js';
import { XLSX_TYPE } from '../../print/render-export.js';

const MINIMAL = { detail: 'minimal' } as const;
/** Examples per transition shown with their record (to the unit's archivists). */
const EXAMPLES = 5;

export interface ImpactReport extends Impact {
  version: number;
  against: { number: number; effectiveFrom: string } | null;
  source: 'log' | 'sample';
  window: { from: string | null; to: string | null };
  /** Records of the first ids of each transition (log entries or sample records); empty for reviewers. */
  examples: Record<string, Record<string, unknown>>;
  ms: number;
}

export class ImpactService {
  constructor(
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly clock: Clock,
    private readonly cache: CompiledCache,
    private readonly schemeAccess: SchemeAccess,
    private readonly log: DecisionLogService,
  ) {}

  /** The unit's logged records of this scheme in the window. */
  ofLog(p: Principal | null, schemeId: number, n: number, window: Omit<LogFilter, 'limit' | 'before'>): ImpactReport {
    const started = performance.now();
    const t = this.schemeAccess.readable(p, schemeId);
    this.log.writer.flush();
    const { draft, inForce } = this.versions(schemeId, n);
    const records = this.stores.decisionLog.iterateRecords(t.unit.id, schemeId, window);
    const impact = replay(records, this.classifier(inForce.entry), this.classifier(draft));
    const examples = this.access.canEdit(t.user, t.unit) ? this.logExamples(t.unit.id, impact) : {};
    return this.report(n, inForce.meta, 'log', window, impact, examples, started);
  }

  /**
   * Every logged record of the window the version would decide differently, as a file: the drill-down beyond the
   * report's first ids. Records are the unit's, so only its archivists (and admins) get them.
   */
  async changesFile(
    p: Principal | null,
    schemeId: number,
    n: number,
    window: Omit<LogFilter, 'limit' | 'before'>,
    format: 'xlsx' | 'csv',
  ): Promise<{ name: string; type: string; body: string | Buffer }> {
    const t = this.schemeAccess.readable(p, schemeId);
    if (!this.access.canEdit(t.user, t.unit)) throw forbidden('只有本单位档案员或系统管理员可以导出分类记录');
    this.log.writer.flush();
    const { draft, inForce } = this.versions(schemeId, n);
    const changed: ChangedRecord[] = [];
    const records = this.stores.decisionLog.iterateRecords(t.unit.id, schemeId, window);
    replay(records, this.classifier(inForce.entry), this.classifier(draft), {
      onChange: (r, kind, before, after) => changed.push({ id: r.id, kind, before, after, record: r.record }),
    });
    const headers = changedHeaders(inForce.meta.number, n);
    const name = `${t.unit.name}第${n}版结论会改变的记录.${format}`;
    if (format === 'csv') return { name, type: 'text/csv; charset=utf-8', body: changedCsv(changed, headers) };
    const title = `${t.unit.name}：第 ${n} 版与现行第 ${inForce.meta.number} 版结论不同的分类记录（${changed.length} 条）`;
    return { name, type: XLSX_TYPE, body: await changedXlsx(changed, headers, title) };
  }

  /** An uploaded sample of records (validated as classify validates them). */
  ofSample(p: Principal | null, schemeId: number, n: number, records: unknown[]): ImpactReport {
    const started = performance.now();
    this.schemeAccess.readable(p, schemeId);
    const { draft, inForce } = this.versions(schemeId, n);
    const sample: ReplayRecord[] = records.map((r, i) => {
      const shape = checkRecord(r, `/records/${i}`);
      if (!shape.ok) throw new AppError('invalid_record', '样本记录不符合格式', shape.errors);
      const errors = recordErrors(shape.value, draft.fields, `/records/${i}`, 'ignore');
      if (errors.length) throw new AppError('invalid_record', '样本记录含无效日期', errors);
      return { id: i, record: shape.value as Record<string, unknown> };
    });
    // Every changed sample record's index: the caller holds the sample and shows them all.
    const impact = replay(sample, this.classifier(inForce.entry), this.classifier(draft), { maxIds: Number.POSITIVE_INFINITY });
    const examples: Record<string, Record<string, unknown>> = {};
    for (const tr of impact.transitions) for (const id of tr.ids.slice(0, EXAMPLES)) examples[id] = sample[id].record;
    return this.report(n, inForce.meta, 'sample', {}, impact, examples, started);
  }

  private report(
    n: number,
    against: { number: number; effectiveFrom: string },
    source: 'log' | 'sample',
    window: { from?: string; to?: string },
    impact: Impact,
    examples: Record<string, Record<string, unknown>>,
    started: number,
  ): ImpactReport {
    return {
      version: n,
      against: { number: against.number, effectiveFrom: against.effectiveFrom },
      source,
      window: { from: window.from ?? null, to: window.to ?? null },
      ...impact,
      examples,
      ms: Math.round(performance.now() - started),
    };
  }

  /** The version to assess and the version in force today (409 when the scheme has none). */
  private versions(schemeId: number, n: number) {
    const v = this.stores.schemes.meta(schemeId, n);
    if (!v) throw notFound('方案版本');
    const today = chinaDate(this.clock());
    let meta: InForce | undefined;
    for (const x of this.stores.schemes.inForce(schemeId)) if (x.effectiveFrom <= today) meta = x;
    if (!meta) throw conflict('方案还没有生效的版本，无从比较');
    const draft = this.compiled(v.hash, v.number, v.id);
    return { draft, inForce: { meta, entry: this.compiled(meta.hash, meta.number, meta.id) } };
  }

  private compiled(hash: string, number: number, versionId: number): CompiledEntry {
    try {
      return this.cache.get(hash, number, () => this.stores.schemes.document(versionId));
    } catch (e) {
      if (e instanceof SchemeInvalidError) throw new AppError('invalid_document', `第 ${number} 版无效，无法评估影响`, e.errors);
      throw e;
    }
  }

  private classifier(entry: CompiledEntry): Classifier {
    return (record) => {
      try {
        return classifyRecord(entry.compiled, record, entry.fields, MINIMAL);
      } catch {
        return null;
      }
    };
  }

  private logExamples(unitId: number, impact: Impact): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const tr of impact.transitions)
      for (const id of tr.ids.slice(0, EXAMPLES)) {
        const e = this.stores.decisionLog.get(unitId, id);
        if (e) out[id] = e.record;
      }
    return out;
  }
}
