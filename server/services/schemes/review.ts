// What a reviewer reads about versions: the queue of submitted versions, the analysis, compliance with the
// baseline, and the difference between two versions.
import { checkCompliance } from '../../engine/compliance.js';
import { incompleteParts } from '../../engine/completeness.js';
import { diffSchemes, type SchemeDiff } from '../../engine/diff.js';
import { analyse, validateScheme } from '../../engine/index.js';
import type { Analysis, Compliance, ReviewQueueEntry } from '../../schemas/api/index.js';
import type { Stores } from '../../store/index.js';
import type { Org } from '../../store/orgs-store.js';
import type { SchemeInfo, StoredVersion, SubmittedEntry } from '../../store/schemes-store.js';
import type { Access, Principal } from '../access.js';
import type { Baselines } from '../baselines.js';
import type { CompiledCache } from '../compiled-cache.js';
import { AppError, forbidden, notFound } from '../errors.js';
import type { SchemeTarget } from './scheme-access.js';

export class SchemeReview {
  constructor(
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly baselines: Baselines,
    private readonly cache: CompiledCache,
  ) {}

  analysis(t: SchemeTarget, number: number): Analysis {
    const v = this.stored(t, number);
    const checked = validateScheme(v.document);
    if (!checked.ok) return { valid: false, errors: checked.errors, findings: [] };
    const a = analyse(this.cache.get(v.hash, v.number, () => checked.scheme).compiled);
    return { valid: true, errors: [], ...a };
  }

  compliance(t: SchemeTarget, number: number): Compliance {
    return complianceOf(this.baselines, this.cache, t.scheme, this.stored(t, number));
  }

  diff(t: SchemeTarget, from: number, to: number): SchemeDiff {
    const a = this.stores.schemes.version(t.scheme.id, from);
    const b = this.stores.schemes.version(t.scheme.id, to);
    if (!a) throw new AppError('not_found', `版本 ${from} 不存在`, [{ path: '/query/from', message: '版本不存在' }]);
    if (!b) throw new AppError('not_found', `版本 ${to} 不存在`, [{ path: '/query/to', message: '版本不存在' }]);
    return diffSchemes(a.document, b.document, { from, to });
  }

  /** Submitted versions of the units the caller decides for. */
  queue(p: Principal | null): ReviewQueueEntry[] {
    const user = this.access.user(p);
    if (user.role === 'archivist') throw forbidden('只有审核员和系统管理员可以查看待审队列');
    const out: ReviewQueueEntry[] = [];
    const units = new Map<number, Org | undefined>();
    for (const v of this.stores.schemes.submitted()) {
      if (!units.has(v.unitId)) units.set(v.unitId, this.stores.orgs.get(v.unitId));
      const unit = units.get(v.unitId);
      if (!unit || !this.access.canDecide(user, unit)) continue;
      out.push(queueEntry(v, unit));
    }
    return out;
  }

  private stored(t: SchemeTarget, number: number): StoredVersion {
    const v = this.stores.schemes.version(t.scheme.id, number);
    if (!v) throw notFound('方案版本');
    return v;
  }
}

/** Compliance of a stored version with its baseline; `baseline` is null when the scheme names none we ship. */
export function complianceOf(baselines: Baselines, cache: CompiledCache, scheme: SchemeInfo, v: StoredVersion): Compliance {
  const b = baselineOf(baselines, scheme, v);
  if (!b) return { baseline: null, findings: [], blocking: false, requiresJustification: false };
  const recorded = v.document.baseline?.hash ?? scheme.baselineHash;
  const baseline = { id: b.id, hash: b.hash, title: b.title, stale: recorded != null && recorded !== b.hash };
  // Stored versions are valid (checked on every save), so the cache can compile without validating again.
  const report = checkCompliance(cache.get(v.hash, v.number, () => v.document).compiled, b.compiled);
  return { findings: report.findings, blocking: report.blocking, requiresJustification: report.requiresJustification, baseline };
}

/** The baseline a version is held to: the one it names, else the national baseline of the unit's kind. */
function baselineOf(baselines: Baselines, scheme: SchemeInfo, v: StoredVersion) {
  // An imported table names none and is checked against its kind's baseline too.
  const baselineId = v.document.baseline?.id ?? scheme.baselineId;
  return (baselineId ? baselines.get(baselineId) : undefined) ?? baselines.forKind(v.document.kind);
}

/** 422 incomplete-table when a version lacks conditions or tests, or files accounting rows under 文书; else nothing. */
export function checkComplete(baselines: Baselines, scheme: SchemeInfo, v: StoredVersion): void {
  const errors = incompleteParts(v.document, baselineOf(baselines, scheme, v)?.compiled.source ?? null);
  if (errors.length) throw new AppError('incomplete_table', `三合一表还不完整，以下 ${errors.length} 处须先补齐才能提交`, errors);
}

/** 422: the version keeps records shorter than the national floor; each finding's path says where. */
export function belowFloor(report: Compliance, action: '提交' | '批准'): AppError {
  const proofs = report.findings.filter((f) => f.severity === 'error');
  const errors = proofs.map((f) => ({ path: f.in === 'scheme' ? f.path : `/baseline${f.path}`, message: f.message }));
  const detail = `该版本有 ${proofs.length} 处保管期限短于国家基线或不再归档，不能${action}：基线期限是最低期限，只能延长不能缩短${action === '批准' ? '，请退回修改' : ''}`;
  return new AppError('below_floor', detail, errors, { findings: proofs });
}

function queueEntry(v: SubmittedEntry, unit: Org): ReviewQueueEntry {
  return {
    schemeId: v.schemeId,
    schemeName: v.schemeName,
    unit: { id: unit.id, name: unit.name, fonds: unit.fonds },
    number: v.number,
    state: 'submitted',
    hash: v.hash,
    submittedBy: v.submittedBy,
    submittedByName: v.submittedByName,
    submittedAt: v.submittedAt,
  };
}
