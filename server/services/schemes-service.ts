// The scheme workflow: drafts, optimistic edits, submit (tests must pass), four-eyes approval with the bureau's
// decision and compliance justification, rejection, superseding, and the reviewer's views (analysis, compliance, diff).
import { type ComplianceReport, checkCompliance } from '../engine/compliance.js';
import { diffSchemes, type SchemeDiff } from '../engine/diff.js';
import { type Analysis, analyse, compileValid, contentHash, runTests, validateScheme } from '../engine/index.js';
import type { FieldError } from '../schemas/ajv.js';
import type { Scheme } from '../schemas/scheme.js';
import type { Db } from '../store/db.js';
import type { Stores } from '../store/index.js';
import type { Org } from '../store/orgs-store.js';
import type { SchemeInfo, StoredVersion, SubmittedEntry, VersionMeta } from '../store/schemes-store.js';
import type { User } from '../store/users-store.js';
import { type Access, type Principal, actorOf } from './access.js';
import type { Baselines } from './baselines.js';
import { type Clock, chinaDate, isoNow } from './clock.js';
import type { CompiledCache } from './compiled-cache.js';
import { AppError, conflict, forbidden, notFound } from './errors.js';

export interface SchemeWithVersions extends SchemeInfo {
  versions: VersionMeta[];
}

export interface NewSchemeInput {
  name: string;
  baseline?: string;
  document?: unknown;
}

export interface ApproveInput {
  approvalNumber: string;
  decidedOn: string;
  effectiveFrom: string;
  comment?: string;
  justification?: string;
}

export interface RejectInput {
  reason: string;
  decidedOn?: string;
  comment?: string;
}

/** Compliance of a stored version with its baseline; `baseline` is null when the scheme names none we ship. */
export type VersionCompliance = Omit<ComplianceReport, 'baseline'> & {
  baseline: { id: string | null; hash: string; title: string; /** The version was copied from another release of the baseline. */ stale: boolean } | null;
};

export interface ReviewQueueEntry {
  schemeId: number;
  schemeName: string;
  unit: { id: number; name: string; fonds: string | null };
  number: number;
  state: 'submitted';
  hash: string;
  submittedBy: string | null;
  /** The submitter's display name (张三). */
  submittedByName: string | null;
  submittedAt: string | null;
}

/** The content hash of a document: the engine's, which leaves out the `version` number. */
export function documentHash(doc: Scheme): string {
  return contentHash({ ...doc, version: undefined });
}

export class SchemesService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly clock: Clock,
    private readonly baselines: Baselines,
    private readonly cache: CompiledCache,
  ) {}

  // ── reading ────────────────────────────────────────────────────────────────

  listForUnit(p: Principal | null, unitId: number): SchemeWithVersions[] {
    const user = this.access.user(p);
    this.access.readableUnit(user, unitId);
    return this.stores.schemes.schemesOfUnit(unitId).map((s) => {
      this.sweep(s.id);
      return { ...s, versions: this.stores.schemes.versions(s.id) };
    });
  }

  get(p: Principal | null, schemeId: number): SchemeWithVersions {
    const { scheme } = this.readable(p, schemeId);
    this.sweep(scheme.id);
    return { ...scheme, versions: this.stores.schemes.versions(scheme.id) };
  }

  version(p: Principal | null, schemeId: number, number: number): StoredVersion {
    this.readable(p, schemeId);
    const v = this.stores.schemes.version(schemeId, number);
    if (!v) throw notFound('方案版本');
    return v;
  }

  /** A version with what its exports print: the scheme (for the file name) and the deciding reviewer's display name. */
  forExport(p: Principal | null, schemeId: number, number: number): { scheme: SchemeInfo; version: StoredVersion; reviewer: string | null } {
    const { scheme } = this.readable(p, schemeId);
    this.sweep(schemeId);
    const version = this.stores.schemes.version(schemeId, number);
    if (!version) throw notFound('方案版本');
    const reviewer = version.decidedBy ? (this.stores.users.byUsername(version.decidedBy)?.displayName ?? version.decidedBy) : null;
    return { scheme, version, reviewer };
  }

  analysis(p: Principal | null, schemeId: number, number: number): { valid: boolean; errors: FieldError[] } & Partial<Analysis> {
    const v = this.version(p, schemeId, number);
    const checked = validateScheme(v.document);
    if (!checked.ok) return { valid: false, errors: checked.errors, findings: [] };
    const a = analyse(this.cache.get(v.hash, v.number, () => checked.scheme).compiled);
    return { valid: true, errors: [], ...a };
  }

  compliance(p: Principal | null, schemeId: number, number: number): VersionCompliance {
    const { scheme } = this.readable(p, schemeId);
    const v = this.stores.schemes.version(schemeId, number);
    if (!v) throw notFound('方案版本');
    return this.complianceOf(scheme, v);
  }

  diff(p: Principal | null, schemeId: number, from: number, to: number): SchemeDiff {
    this.readable(p, schemeId);
    const a = this.stores.schemes.version(schemeId, from);
    const b = this.stores.schemes.version(schemeId, to);
    if (!a) throw new AppError('not_found', `版本 ${from} 不存在`, [{ path: '/query/from', message: '版本不存在' }]);
    if (!b) throw new AppError('not_found', `版本 ${to} 不存在`, [{ path: '/query/to', message: '版本不存在' }]);
    return diffSchemes(a.document, b.document, { from, to });
  }

  reviewQueue(p: Principal | null): ReviewQueueEntry[] {
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

  // ── changing ───────────────────────────────────────────────────────────────

  /** The unit, if the user may create schemes in it (404 if it cannot see it, 403 if it may only read). */
  creatableIn(p: Principal | null, unitId: number): { user: User; unit: Org } {
    const user = this.access.user(p);
    const unit = this.access.readableUnit(user, unitId);
    if (!this.access.canEdit(user, unit)) throw forbidden('只有本单位档案员或系统管理员可以新建方案');
    return { user, unit };
  }

  /** `importedFrom` (the table a document was imported from) is recorded in the audit entry. */
  create(p: Principal | null, unitId: number, input: NewSchemeInput, importedFrom?: Record<string, unknown>): SchemeWithVersions {
    const { user, unit } = this.creatableIn(p, unitId);
    let doc: Scheme;
    let baseline: { id: string; hash: string } | null = null;
    if (input.baseline !== undefined) {
      const b = this.baselines.get(input.baseline);
      if (!b) throw new AppError('invalid_request', `基线“${input.baseline}”不存在`, [{ path: '/baseline', message: '基线不存在' }]);
      baseline = { id: b.id, hash: b.hash };
      doc = fromBaseline(b.compiled.scheme, unit, baseline);
    } else if (input.document !== undefined) {
      doc = this.validDocument(input.document, '/document');
    } else {
      throw new AppError('invalid_request', '请指定基线或提供方案文档', [{ path: '/baseline', message: '需要 baseline 或 document 之一' }]);
    }
    if (!baseline && doc.baseline) {
      const b = this.baselines.get(doc.baseline.id);
      if (b) baseline = { id: b.id, hash: doc.baseline.hash ?? b.hash };
    }
    doc = { ...doc, version: 1 };
    return this.db.transaction(() => {
      const at = isoNow(this.clock);
      const schemeId = this.stores.schemes.createScheme({ unitId, name: input.name, baselineId: baseline?.id ?? null, baselineHash: baseline?.hash ?? null, createdBy: user.id }, at);
      const v = this.stores.schemes.createVersion({ schemeId, number: 1, document: doc, hash: documentHash(doc), copiedFrom: null, createdBy: user.id }, at);
      const scheme = this.stores.schemes.getScheme(schemeId)!;
      this.stores.audit.append({ at, ...actorOf(p!), action: 'scheme.create', unitId, schemeId, version: 1, subject: `scheme:${schemeId}`, after: { scheme, version: v, document: doc, ...(importedFrom ? { importedFrom } : {}) } });
      return { ...scheme, versions: [v] };
    }).immediate();
  }

  /** Replaces a draft's document if `precondition` (If-Match at the edge) accepts its current revision. Returns the new meta. */
  putDocument(p: Principal | null, schemeId: number, number: number, precondition: (current: VersionMeta) => void, body: unknown): VersionMeta {
    const { user, scheme } = this.editable(p, schemeId);
    const v = this.stores.schemes.meta(schemeId, number);
    if (!v) throw notFound('方案版本');
    if (v.state !== 'draft') throw conflict(`版本 ${number} 已${STATE_WORDS[v.state]}，只有草稿可以修改`);
    precondition(v);
    const doc = { ...this.validDocument(body, ''), version: number };
    const hash = documentHash(doc);
    return this.db.transaction(() => {
      const at = isoNow(this.clock);
      if (!this.stores.schemes.updateDocument(v.id, v.rev, doc, hash, at)) {
        throw new AppError('precondition_failed', '草稿已被他人修改，请重新加载后再保存');
      }
      const after = this.stores.schemes.metaById(v.id)!;
      // The before document is the after of the previous entry for this version; keep its hash here.
      this.stores.audit.append({
        at, ...actorOf({ kind: 'user', user }), action: 'version.edit', unitId: scheme.unitId, schemeId, version: number, subject: `scheme_version:${v.id}`,
        before: { rev: v.rev, hash: v.hash }, after: { rev: after.rev, hash, document: doc },
      });
      return after;
    }).immediate();
  }

  /** A new draft copied from version `from` (an approved, superseded or rejected one). */
  newVersion(p: Principal | null, schemeId: number, from: number): VersionMeta {
    const { user, scheme } = this.editable(p, schemeId);
    const source = this.stores.schemes.version(schemeId, from);
    if (!source) throw new AppError('not_found', `版本 ${from} 不存在`, [{ path: '/from', message: '版本不存在' }]);
    const open = this.stores.schemes.openVersion(schemeId);
    if (open) throw conflict(`版本 ${open.number} 仍是${STATE_WORDS[open.state]}，请先完成它再新建版本`);
    return this.db.transaction(() => {
      const at = isoNow(this.clock);
      const number = this.stores.schemes.nextNumber(schemeId);
      const doc = { ...source.document, version: number };
      const v = this.stores.schemes.createVersion({ schemeId, number, document: doc, hash: documentHash(doc), copiedFrom: from, createdBy: user.id }, at);
      this.stores.audit.append({
        at, ...actorOf({ kind: 'user', user }), action: 'version.create', unitId: scheme.unitId, schemeId, version: number, subject: `scheme_version:${v.id}`,
        before: { copiedFrom: from, hash: source.hash }, after: { version: v, document: doc },
      });
      return v;
    }).immediate();
  }

  submit(p: Principal | null, schemeId: number, number: number): VersionMeta & { compliance: VersionCompliance } {
    const { user, scheme } = this.editable(p, schemeId);
    const v = this.stores.schemes.version(schemeId, number);
    if (!v) throw notFound('方案版本');
    if (v.state !== 'draft') throw conflict(`版本 ${number} 已${STATE_WORDS[v.state]}，只有草稿可以提交`);
    const checked = validateScheme(v.document);
    if (!checked.ok) throw new AppError('invalid_document', `方案有 ${checked.errors.length} 处错误，不能提交`, checked.errors);
    const compiled = compileValid(checked.scheme, { version: number });
    const tests = runTests(compiled);
    if (tests.failed > 0) {
      const errors = tests.outcomes.filter((o) => !o.passed).map((o) => ({ path: `/tests/${o.index}`, message: `测试“${o.name}”未通过：${o.failures.join('；')}` }));
      throw new AppError('tests_failed', `${tests.failed} 条测试未通过，不能提交`, errors);
    }
    const floors = this.complianceOf(scheme, v);
    if (floors.blocking) throw belowFloor(floors, '提交');
    const after = this.db.transaction(() => {
      const at = isoNow(this.clock);
      if (!this.stores.schemes.submit(v.id, user.id, at)) throw conflict('版本状态已变化，请刷新');
      const meta = this.stores.schemes.metaById(v.id)!;
      this.stores.audit.append({
        at, ...actorOf({ kind: 'user', user }), action: 'version.submit', unitId: scheme.unitId, schemeId, version: number, subject: `scheme_version:${v.id}`,
        before: { state: 'draft', hash: v.hash }, after: { state: 'submitted', hash: meta.hash, tests: { passed: tests.passed, failed: tests.failed } },
      });
      return meta;
    }).immediate();
    return { ...after, compliance: this.complianceOf(scheme, v) };
  }

  approve(p: Principal | null, schemeId: number, number: number, input: ApproveInput): VersionMeta {
    const { user, scheme, unit } = this.decidable(p, schemeId);
    const v = this.stores.schemes.version(schemeId, number);
    if (!v) throw notFound('方案版本');
    if (v.state !== 'submitted') throw conflict(`版本 ${number} 当前为${STATE_WORDS[v.state]}，只有已提交的版本可以批准`);
    if (this.stores.schemes.submitterOf(v.id) === user.id) throw forbidden('不能批准自己提交的版本（双人审核）');
    const latest = this.stores.schemes.inForce(schemeId).at(-1);
    if (latest && input.effectiveFrom < latest.effectiveFrom) {
      throw conflict(`生效日期不能早于现行版本 ${latest.number} 的生效日期 ${latest.effectiveFrom}`, [{ path: '/effectiveFrom', message: `应不早于 ${latest.effectiveFrom}` }]);
    }
    const report = this.complianceOf(scheme, v);
    // A period proven shorter than the national floor is never approved (10号令 Art. 11, 79号令): no justification.
    if (report.blocking) throw belowFloor(report, '批准');
    const justification = input.justification?.trim() || null;
    if (report.requiresJustification && !justification) {
      const errors = [{ path: '/justification', message: '基线测试记录在本方案中需人工判断，批准时必须说明理由' }];
      throw new AppError('justification_required', '该版本有基线测试记录在本方案中无法自动判断，批准需填写理由', errors, { findings: report.findings.filter((f) => f.severity === 'warning') });
    }
    const meta = this.db.transaction(() => {
      const at = isoNow(this.clock);
      const ok = this.stores.schemes.approve(v.id, {
        by: user.id, approvalNumber: input.approvalNumber, decidedOn: input.decidedOn, effectiveFrom: input.effectiveFrom,
        comment: input.comment ?? null, justification,
      }, at);
      if (!ok) throw conflict('版本状态已变化，请刷新');
      const after = this.stores.schemes.metaById(v.id)!;
      this.stores.audit.append({
        at, ...actorOf({ kind: 'user', user }), action: 'version.approve', unitId: unit.id, schemeId, version: number, subject: `scheme_version:${v.id}`,
        before: { state: 'submitted' },
        after: {
          state: 'approved', hash: after.hash, approvalNumber: after.approvalNumber, decidedOn: after.decidedOn, effectiveFrom: after.effectiveFrom,
          comment: after.comment, justification: after.justification, findings: report.findings.filter((f) => f.severity === 'warning').length,
        },
      });
      this.sweepIn(schemeId, at);
      return this.stores.schemes.metaById(v.id)!;
    }).immediate();
    // Compile now, so the first classification with this version does not wait for it.
    this.cache.get(meta.hash, meta.number, () => v.document);
    return meta;
  }

  reject(p: Principal | null, schemeId: number, number: number, input: RejectInput): VersionMeta {
    const { user, unit } = this.decidable(p, schemeId);
    const v = this.stores.schemes.meta(schemeId, number);
    if (!v) throw notFound('方案版本');
    if (v.state !== 'submitted') throw conflict(`版本 ${number} 当前为${STATE_WORDS[v.state]}，只有已提交的版本可以退回`);
    if (this.stores.schemes.submitterOf(v.id) === user.id) throw forbidden('不能退回自己提交的版本（双人审核）');
    return this.db.transaction(() => {
      const at = isoNow(this.clock);
      if (!this.stores.schemes.reject(v.id, { by: user.id, reason: input.reason, decidedOn: input.decidedOn ?? null, comment: input.comment ?? null }, at)) {
        throw conflict('版本状态已变化，请刷新');
      }
      this.stores.audit.append({
        at, ...actorOf({ kind: 'user', user }), action: 'version.reject', unitId: unit.id, schemeId, version: number, subject: `scheme_version:${v.id}`,
        before: { state: 'submitted' }, after: { state: 'rejected', reason: input.reason, decidedOn: input.decidedOn ?? null, comment: input.comment ?? null },
      });
      return this.stores.schemes.metaById(v.id)!;
    }).immediate();
  }

  /**
   * Marks approved versions `superseded` once a newer approved version of the same scheme has taken effect
   * (its effectiveFrom ≤ today, China time). Run lazily on reads and at start-up; each move is audited.
   */
  sweep(schemeId?: number): void {
    const ids = schemeId === undefined ? this.stores.schemes.schemesWithApproved() : [schemeId];
    for (const id of ids) {
      if (!this.needsSweep(id)) continue;
      this.db.transaction(() => this.sweepIn(id, isoNow(this.clock))).immediate();
    }
  }

  // ── helpers ────────────────────────────────────────────────────────────────

  private needsSweep(schemeId: number): boolean {
    return this.toSupersede(schemeId).length > 0;
  }

  private toSupersede(schemeId: number) {
    const today = chinaDate(this.clock());
    const versions = this.stores.schemes.inForce(schemeId);
    let current = -1;
    versions.forEach((v, i) => {
      if (v.effectiveFrom <= today) current = i;
    });
    return versions.slice(0, Math.max(current, 0)).filter((v) => v.state === 'approved');
  }

  private sweepIn(schemeId: number, at: string): void {
    const scheme = this.stores.schemes.getScheme(schemeId)!;
    const versions = this.stores.schemes.inForce(schemeId);
    for (const v of this.toSupersede(schemeId)) {
      if (!this.stores.schemes.supersede(v.id, at)) continue;
      const by = versions.filter((w) => w.effectiveFrom <= chinaDate(this.clock())).at(-1)!;
      this.stores.audit.append({
        at, actorId: null, actor: 'system', action: 'version.supersede', unitId: scheme.unitId, schemeId, version: v.number, subject: `scheme_version:${v.id}`,
        before: { state: 'approved' }, after: { state: 'superseded', by: by.number, effectiveFrom: by.effectiveFrom },
      });
    }
  }

  private complianceOf(scheme: SchemeInfo, v: StoredVersion): VersionCompliance {
    // The named baseline, else the national baseline of the unit's kind: an imported table is checked too.
    const baselineId = v.document.baseline?.id ?? scheme.baselineId;
    const b = (baselineId ? this.baselines.get(baselineId) : undefined) ?? this.baselines.forKind(v.document.kind);
    if (!b) return { baseline: null, findings: [], blocking: false, requiresJustification: false };
    const recorded = v.document.baseline?.hash ?? scheme.baselineHash;
    const baseline = { id: b.id, hash: b.hash, title: b.title, stale: recorded != null && recorded !== b.hash };
    // Stored versions are valid (checked on every save), so the cache can compile without validating again.
    const report = checkCompliance(this.cache.get(v.hash, v.number, () => v.document).compiled, b.compiled);
    return { findings: report.findings, blocking: report.blocking, requiresJustification: report.requiresJustification, baseline };
  }

  private validDocument(doc: unknown, base: string): Scheme {
    const checked = validateScheme(doc);
    if (!checked.ok) {
      throw new AppError('invalid_document', `方案有 ${checked.errors.length} 处错误`, checked.errors.map((e) => ({ path: base + (e.path === '/' ? '' : e.path) || '/', message: e.message })));
    }
    return checked.scheme;
  }

  /** The scheme, its unit and the user, if the user may read it; otherwise 404. */
  readable(p: Principal | null, schemeId: number): { user: User; scheme: SchemeInfo; unit: Org } {
    const user = this.access.user(p);
    const scheme = this.stores.schemes.getScheme(schemeId);
    const unit = scheme && this.stores.orgs.get(scheme.unitId);
    if (!scheme || !unit || !this.access.canRead(user, unit)) throw notFound('方案');
    return { user, scheme, unit };
  }

  /** As `readable`, and 403 unless the user may edit the unit's drafts. */
  editable(p: Principal | null, schemeId: number) {
    const r = this.readable(p, schemeId);
    if (!this.access.canEdit(r.user, r.unit)) throw forbidden('只有本单位档案员可以修改、提交方案');
    return r;
  }

  /** As `readable`, and 403 unless the user may approve or reject for the unit. */
  decidable(p: Principal | null, schemeId: number) {
    const r = this.readable(p, schemeId);
    if (!this.access.canDecide(r.user, r.unit)) throw forbidden('只有监管该单位的审核员可以批准或退回');
    return r;
  }
}

const STATE_WORDS = { draft: '草稿', submitted: '已提交', approved: '已批准', rejected: '已退回', superseded: '已被替代' } as const;

/**
 * A unit's own copy of a baseline: its name, 全宗号, kind and table title (the 报审 table carries the unit's title,
 * never the baseline's); every row remembers the baseline row it came from.
 */
export function fromBaseline(base: Scheme, unit: Org, baseline: { id: string; hash: string }): Scheme {
  const { id: _id, version: _v, tests, ...rest } = structuredClone(base) as Scheme;
  const doc: Scheme = {
    ...rest,
    title: `${unit.name}档案分类方案、归档范围和保管期限表`,
    unit: unit.name,
    kind: unit.kind ?? rest.kind,
    baseline,
    items: rest.items.map((it) => ({ ...it, derivedFrom: it.id })),
  };
  if (unit.fonds) doc.fonds = unit.fonds;
  if (tests) doc.tests = tests;
  return doc;
}

function queueEntry(v: SubmittedEntry, unit: Org): ReviewQueueEntry {
  return {
    schemeId: v.schemeId, schemeName: v.schemeName, unit: { id: unit.id, name: unit.name, fonds: unit.fonds },
    number: v.number, state: 'submitted', hash: v.hash, submittedBy: v.submittedBy, submittedByName: v.submittedByName,
    submittedAt: v.submittedAt,
  };
}

/** 422: the version keeps records shorter than the national floor; each finding's path says where. */
function belowFloor(report: VersionCompliance, action: '提交' | '批准'): AppError {
  const proofs = report.findings.filter((f) => f.severity === 'error');
  const errors = proofs.map((f) => ({ path: f.in === 'scheme' ? f.path : `/baseline${f.path}`, message: f.message }));
  const detail = `该版本有 ${proofs.length} 处保管期限短于国家基线或不再归档，不能${action}：基线期限是最低期限，只能延长不能缩短${action === '批准' ? '，请退回修改' : ''}`;
  return new AppError('below_floor', detail, errors, { findings: proofs });
}
