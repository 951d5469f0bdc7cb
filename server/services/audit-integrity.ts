// Approved content is verified where it is used: at start-up, on /audit/verify, and whenever classification loads a
// version to compile it. A version whose stored content is not what the audit log says was approved is never
// served: classification answers 503 naming it, /readyz reports it and the log names it.
import type { Logger } from '../log.js';
import type { Scheme } from '../schemas/scheme.js';
import type { ChainCheck } from '../store/audit-store.js';
import type { Stores } from '../store/index.js';
import { type VersionCheck, type VersionProblem, describeProblem } from '../store/version-check.js';
import { AppError } from './errors.js';

export interface IntegrityReport {
  chain: ChainCheck;
  versions: { checked: number; problems: VersionProblem[] };
}

export class ApprovedContent {
  /** Versions found not to verify, by row id, until a full check finds them sound again. */
  private readonly bad = new Map<number, VersionProblem>();
  private chainProblem: string | null = null;
  private cursor = 0;

  constructor(
    private readonly stores: Stores,
    private readonly check: VersionCheck,
    private readonly log: Logger,
  ) {}

  /** Checks the audit chain and every version past draft; remembers and logs what fails. */
  verifyAll(): IntegrityReport {
    const chain = this.stores.audit.verify();
    this.chainProblem = chain.ok ? null : `审计日志哈希链在第 ${chain.brokenAt} 条断开：${chain.reason}`;
    if (!chain.ok) this.log({ level: 'error', msg: 'audit_chain_broken', brokenAt: chain.brokenAt, reason: chain.reason });
    const versions = this.check.checkAll();
    this.bad.clear();
    for (const p of versions.problems) this.remember(p);
    return { chain, versions };
  }

  /** The document of an approved (or superseded) version for compiling, verified; 503 if it does not verify. */
  approvedDocument(versionId: number): Scheme {
    const loaded = this.check.load(versionId);
    if (loaded.problem) {
      this.remember(loaded.problem);
      throw refusal(loaded.problem);
    }
    this.bad.delete(versionId);
    return loaded.document as Scheme;
  }

  /**
   * A stored version as it may be served (read, exported, bundled, registered): past draft, its document is the one
   * re-read and verified against the audit log, or the 503 naming it is thrown (and remembered, for /readyz) — so
   * content changed behind the service's back is never handed out, whatever the content watch has seen.
   */
  verified<V extends { id: number; state: string; document: Scheme }>(v: V): V {
    if (v.state === 'draft') return v;
    return { ...v, document: this.approvedDocument(v.id) };
  }

  /** Throws the 503 if the version was found not to verify (cheap: a lookup in what checks found). */
  assertSound(versionId: number): void {
    if (this.bad.size === 0) return;
    const p = this.bad.get(versionId);
    if (p) throw refusal(p);
  }

  /**
   * The cheap check when a unit's versions are looked up again after a database change: the stored hash must still
   * be the one the audit log recorded at approval (the document itself is hashed when it is next compiled and by
   * the sweep).
   */
  recheckRecorded(versionId: number): void {
    const p = this.check.recordedMismatch(versionId);
    if (p) this.remember(p);
  }

  /** Checks the next `count` versions past draft (round robin): bounded work for a periodic timer. */
  sweep(count: number): void {
    this.cursor = this.checkFrom(this.cursor, count);
  }

  /**
   * Re-hashes up to `count` versions past draft with a row id above `after` and remembers what fails; returns where
   * to go on (0: past the last one). ContentWatch walks every version with it after another connection wrote.
   */
  checkFrom(after: number, count: number): number {
    const { problems, next } = this.check.checkSome(after, count);
    for (const p of problems) this.remember(p);
    return next;
  }

  /** What readiness reports: versions that failed a check, and a broken chain. */
  problems(): { versions: VersionProblem[]; chain: string | null } {
    return { versions: [...this.bad.values()], chain: this.chainProblem };
  }

  /** The 503 /readyz answers while a check has failed (null: none has). */
  notReady(): AppError | null {
    const { versions, chain } = this.problems();
    if (!versions.length && !chain) return null;
    return new AppError('not_ready', [chain, ...versions.map(describeProblem)].filter(Boolean).join('；'), [
      ...(chain ? [{ path: '/audit', message: chain }] : []),
      ...versions.map((p) => ({ path: `/schemes/${p.schemeId}/versions/${p.number}`, message: describeProblem(p) })),
    ]);
  }

  private remember(p: VersionProblem): void {
    if (!this.bad.has(p.versionId)) {
      this.log({ level: 'error', msg: 'version_integrity', schemeId: p.schemeId, unitId: p.unitId, version: p.number, reason: p.reason });
    }
    this.bad.set(p.versionId, p);
  }
}

function refusal(p: VersionProblem): AppError {
  return new AppError(
    'version_integrity',
    `方案 ${p.schemeId} 第 ${p.number} 版的存储内容未通过校验，暂停使用该版本分类：${p.reason}。请管理员核查数据库并从备份恢复`,
    [{ path: `/schemes/${p.schemeId}/versions/${p.number}`, message: describeProblem(p) }],
  );
}
