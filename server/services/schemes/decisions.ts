// The bureau's decision on a submitted version: approval (four eyes — four-eyes.ts —, the 批复文号 and dates —
// decision-checks.ts —, a justification where the version falls short of its baseline) or rejection with a reason.
import type { ApproveBody, RejectBody } from '../../schemas/api/index.js';
import type { Db } from '../../store/db.js';
import type { Stores } from '../../store/index.js';
import type { VersionMeta } from '../../store/schemes-store.js';
import { auditEvents } from '../audit-events.js';
import type { Baselines } from '../baselines.js';
import { type Clock, isoNow } from '../clock.js';
import type { CompiledCache } from '../compiled-cache.js';
import { AppError, conflict, notFound } from '../errors.js';
import { checkApproval, checkRejection } from './decision-checks.js';
import { fourEyes } from './four-eyes.js';
import { belowFloor, complianceOf } from './review.js';
import type { SchemeTarget } from './scheme-access.js';
import { STATE_WORDS } from './schemes-service.js';
import type { Supersede } from './supersede.js';

export type ApproveInput = ApproveBody;
export type RejectInput = RejectBody;

export class Decisions {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly baselines: Baselines,
    private readonly cache: CompiledCache,
    private readonly supersede: Supersede,
    /** Called in the approval's transaction with the approved version (webhooks queue version.approved). */
    private readonly onApproved: (scheme: SchemeTarget['scheme'], v: VersionMeta) => void = () => {},
  ) {}

  approve(t: SchemeTarget, number: number, input: ApproveInput): VersionMeta {
    const schemeId = t.scheme.id;
    const v = this.stores.schemes.version(schemeId, number);
    if (!v) throw notFound('方案版本');
    if (v.state !== 'submitted') throw conflict(`版本 ${number} 当前为${STATE_WORDS[v.state]}，只有已提交的版本可以批准`);
    fourEyes(this.stores, t, v, '批准');
    const latest = this.stores.schemes.inForce(schemeId).at(-1);
    if (latest && input.effectiveFrom < latest.effectiveFrom) {
      throw conflict(`生效日期不能早于现行版本 ${latest.number} 的生效日期 ${latest.effectiveFrom}`, [
        { path: '/effectiveFrom', message: `应不早于 ${latest.effectiveFrom}` },
      ]);
    }
    const backdateReason = checkApproval(input, v.submittedAt, this.clock());
    const report = complianceOf(this.baselines, this.cache, t.scheme, v);
    // A period proven shorter than the national floor is never approved (10号令 Art. 11, 79号令): no justification.
    if (report.blocking) throw belowFloor(report, '批准');
    const justification = input.justification?.trim() || null;
    const warnings = report.findings.filter((f) => f.severity === 'warning');
    if (report.requiresJustification && !justification) {
      const errors = [{ path: '/justification', message: '基线测试记录在本方案中需人工判断，批准时必须说明理由' }];
      throw new AppError('justification_required', '该版本有基线测试记录在本方案中无法自动判断，批准需填写理由', errors, {
        findings: warnings,
      });
    }
    const meta = this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const ok = this.stores.schemes.approve(
          v.id,
          {
            by: t.user.id,
            approvalNumber: input.approvalNumber,
            decidedOn: input.decidedOn,
            effectiveFrom: input.effectiveFrom,
            comment: input.comment ?? null,
            justification,
            backdateReason,
          },
          at,
        );
        if (!ok) throw conflict('版本状态已变化，请刷新');
        const approved = this.stores.schemes.metaById(v.id)!;
        this.stores.audit.append(auditEvents.versionApproved(at, t, approved, warnings.length));
        this.onApproved(t.scheme, approved);
        this.supersede.sweepIn(schemeId, at);
        return this.stores.schemes.metaById(v.id)!;
      })
      .immediate();
    // Compile now, so the first classification with this version does not wait for it.
    this.cache.get(meta.hash, meta.number, () => v.document);
    return meta;
  }

  reject(t: SchemeTarget, number: number, input: RejectInput): VersionMeta {
    const v = this.stores.schemes.meta(t.scheme.id, number);
    if (!v) throw notFound('方案版本');
    if (v.state !== 'submitted') throw conflict(`版本 ${number} 当前为${STATE_WORDS[v.state]}，只有已提交的版本可以退回`);
    fourEyes(this.stores, t, v, '退回');
    checkRejection(input, v.submittedAt, this.clock());
    return this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const decision = { reason: input.reason, decidedOn: input.decidedOn ?? null, comment: input.comment ?? null };
        if (!this.stores.schemes.reject(v.id, { by: t.user.id, ...decision }, at)) throw conflict('版本状态已变化，请刷新');
        this.stores.audit.append(auditEvents.versionRejected(at, t, v, decision));
        return this.stores.schemes.metaById(v.id)!;
      })
      .immediate();
  }
}
