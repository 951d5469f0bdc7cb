// Drafts: a new scheme (from a baseline, a document or an imported table), optimistic edits under If-Match,
// a new draft copied from an earlier version, and submitting a draft whose tests pass.
import { compileValid, runTests, validateScheme } from '../../engine/index.js';
import type { Compliance } from '../../schemas/api/index.js';
import type { Scheme } from '../../schemas/scheme.js';
import type { Db } from '../../store/db.js';
import type { Stores } from '../../store/index.js';
import type { VersionMeta } from '../../store/schemes-store.js';
import { auditEvents } from '../audit-events.js';
import type { Baselines } from '../baselines.js';
import { type Clock, isoNow } from '../clock.js';
import type { CompiledCache } from '../compiled-cache.js';
import { AppError, conflict, notFound } from '../errors.js';
import { belowFloor, checkComplete, complianceOf } from './review.js';
import type { SchemeTarget, UnitTarget } from './scheme-access.js';
import { STATE_WORDS, type NewSchemeInput, type SchemeWithVersions, documentHash, fromBaseline, validDocument } from './schemes-service.js';
import type { ApprovedContent } from '../audit-integrity.js';

export class Drafts {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly baselines: Baselines,
    private readonly cache: CompiledCache,
    private readonly integrity: ApprovedContent,
  ) {}

  /** `importedFrom` (the table a document was imported from) is recorded in the audit entry. */
  create(
    t: UnitTarget,
    input: NewSchemeInput,
    importedFrom?: Record<string, unknown>,
    suggestions?: Record<string, Record<string, unknown>>,
  ): SchemeWithVersions {
    const { user, unit } = t;
    let doc: Scheme;
    let baseline: { id: string; hash: string } | null = null;
    if (input.baseline !== undefined) {
      const b = this.baselines.get(input.baseline);
      if (!b) throw new AppError('invalid_request', `基线“${input.baseline}”不存在`, [{ path: '/baseline', message: '基线不存在' }]);
      baseline = { id: b.id, hash: b.hash };
      doc = fromBaseline(b.compiled.source, unit, baseline);
    } else if (input.document !== undefined) {
      doc = validDocument(input.document, '/document');
    } else {
      throw new AppError('invalid_request', '请指定基线或提供方案文档', [{ path: '/baseline', message: '需要 baseline 或 document 之一' }]);
    }
    if (!baseline && doc.baseline) {
      const b = this.baselines.get(doc.baseline.id);
      if (b) baseline = { id: b.id, hash: doc.baseline.hash ?? b.hash };
    }
    doc = { ...doc, version: 1 };
    return this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const schemes = this.stores.schemes;
        const schemeId = schemes.createScheme(
          { unitId: unit.id, name: input.name, baselineId: baseline?.id ?? null, baselineHash: baseline?.hash ?? null, createdBy: user.id },
          at,
        );
        const v = schemes.createVersion(
          { schemeId, number: 1, document: doc, hash: documentHash(doc), copiedFrom: null, createdBy: user.id },
          at,
        );
        const scheme = schemes.getScheme(schemeId)!;
        this.stores.audit.append(auditEvents.schemeCreated(at, { user, scheme }, scheme, v, doc, importedFrom));
        if (suggestions) this.stores.suggestions.put(schemeId, suggestions, at);
        return { ...scheme, versions: [v] };
      })
      .immediate();
  }

  /** Replaces a draft's document if `precondition` (If-Match at the edge) accepts its current revision. */
  putDocument(t: SchemeTarget, number: number, precondition: (current: VersionMeta) => void, body: unknown): VersionMeta {
    const v = this.stores.schemes.meta(t.scheme.id, number);
    if (!v) throw notFound('方案版本');
    if (v.state !== 'draft') throw conflict(`版本 ${number} 当前为${STATE_WORDS[v.state]}，只有草稿可以修改`);
    precondition(v);
    const doc = { ...validDocument(body, ''), version: number };
    const hash = documentHash(doc);
    return this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        if (!this.stores.schemes.updateDocument(v.id, v.rev, doc, hash, t.user.id, at)) {
          throw new AppError('precondition_failed', '草稿已被他人修改，请重新加载后再保存');
        }
        const after = this.stores.schemes.metaById(v.id)!;
        this.stores.audit.append(auditEvents.versionEdited(at, t, v, after, doc));
        return after;
      })
      .immediate();
  }

  /** A new draft copied from version `from` (an approved, superseded or rejected one). */
  newVersion(t: SchemeTarget, from: number): VersionMeta {
    const schemeId = t.scheme.id;
    const stored = this.stores.schemes.version(schemeId, from);
    if (!stored) throw new AppError('not_found', `版本 ${from} 不存在`, [{ path: '/from', message: '版本不存在' }]);
    // A new draft starts from the content that was submitted or approved, never from a changed copy of it.
    const source = this.integrity.verified(stored);
    const open = this.stores.schemes.openVersion(schemeId);
    if (open) throw conflict(`版本 ${open.number} 仍是${STATE_WORDS[open.state]}，请先完成它再新建版本`);
    return this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const number = this.stores.schemes.nextNumber(schemeId);
        const doc = { ...source.document, version: number };
        const v = this.stores.schemes.createVersion(
          { schemeId, number, document: doc, hash: documentHash(doc), copiedFrom: from, createdBy: t.user.id },
          at,
        );
        this.stores.audit.append(auditEvents.versionCreated(at, t, v, { number: from, hash: source.hash }, doc));
        return v;
      })
      .immediate();
  }

  /** Submits a valid draft whose tests all pass; the answer carries its compliance with the baseline. */
  submit(t: SchemeTarget, number: number): VersionMeta & { compliance: Compliance } {
    const v = this.stores.schemes.version(t.scheme.id, number);
    if (!v) throw notFound('方案版本');
    if (v.state !== 'draft') throw conflict(`版本 ${number} 当前为${STATE_WORDS[v.state]}，只有草稿可以提交`);
    const checked = validateScheme(v.document);
    if (!checked.ok) throw new AppError('invalid_document', `方案有 ${checked.errors.length} 处错误，不能提交`, checked.errors);
    checkComplete(this.baselines, t.scheme, v);
    const tests = runTests(compileValid(checked.scheme, { version: number }));
    if (tests.failed > 0) {
      const errors = tests.outcomes
        .filter((o) => !o.passed)
        .map((o) => ({ path: `/tests/${o.index}`, message: `测试“${o.name}”未通过：${o.failures.join('；')}` }));
      throw new AppError('tests_failed', `${tests.failed} 条测试未通过，不能提交`, errors);
    }
    const floors = complianceOf(this.baselines, this.cache, t.scheme, v);
    if (floors.blocking) throw belowFloor(floors, '提交');
    const after = this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        if (!this.stores.schemes.submit(v.id, t.user.id, at)) throw conflict('版本状态已变化，请刷新');
        const meta = this.stores.schemes.metaById(v.id)!;
        this.stores.audit.append(auditEvents.versionSubmitted(at, t, v, meta, { passed: tests.passed, failed: tests.failed }));
        return meta;
      })
      .immediate();
    return { ...after, compliance: complianceOf(this.baselines, this.cache, t.scheme, v) };
  }
}
