// The review inbox of a unit: records classify sent to review, grouped by row and missing field; the archivist's
// decisions on one or many (file under a row with a period, or exclude with a reason), audited, readable by the
// business system by the reviewId it got, announced to `onDecided` listeners (the review.decided webhook).
import type { Db } from '../../store/db.js';
import type { LogEntry } from '../../store/decision-log-store.js';
import type { Stores } from '../../store/index.js';
import type { DecidedEntry, InboxGroup, ReviewDecision } from '../../store/review-inbox-store.js';
import type { Access, Principal } from '../access.js';
import { auditEvents } from '../audit-events.js';
import { type Clock, isoNow } from '../clock.js';
import { AppError, conflict, notFound } from '../errors.js';
import type { DecisionLogService } from './decision-log-service.js';

export type DecideInput =
  | { ids: number[]; outcome: 'file'; row: string; retention: string }
  | { ids: number[]; outcome: 'exclude'; reason: string };

/** What a `review.decided` listener is told, after the decision has been committed. */
export interface ReviewDecided {
  unitId: number;
  reviewId: number;
  /** The classify request that sent the record to review, and the API key that made it (null: a user). */
  requestId: string | null;
  apiKeyId: number | null;
  decision: ReviewDecision;
}

export type DecidedListener = (e: ReviewDecided) => void;

export interface Inbox {
  pending: number;
  /** Pending reviews by row and missing field, largest first (“38 条合同缺少 amount”). */
  groups: (InboxGroup & { scope: string | null })[];
  entries: LogEntry[];
  next: number | null;
}

/** What the business system reads at GET /units/{unit}/decisions/{reviewId}. */
export interface ReviewStatus {
  id: number;
  unitId: number;
  status: 'pending' | 'decided';
  classifiedAt: string;
  version: number | null;
  itemId: string | null;
  needs: string[] | null;
  decision: ReviewDecision | null;
}

export const MAX_DECIDE = 1000;

export class ReviewInbox {
  private readonly listeners: DecidedListener[] = [];

  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly clock: Clock,
    private readonly log: DecisionLogService,
    private readonly onError: (e: Error) => void,
  ) {}

  /**
   * The one place a decision is announced: each listener is called inside the decision's transaction, once per
   * record, so what it writes (the review.decided outbox entry) commits with the decision or not at all; a listener
   * that throws is reported and does not stop the others or the decision. Returns the function that removes it.
   */
  onDecided(listener: DecidedListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  inbox(p: Principal | null, unitId: number, f: { row?: string | null; field?: string; before?: number; limit: number }): Inbox {
    this.log.ownUnit(p, unitId);
    this.log.writer.flush();
    const store = this.stores.reviewInbox;
    const entries = store.entries(unitId, f);
    const scopes = this.scopes(unitId);
    return {
      pending: store.pending(unitId),
      groups: store.groups(unitId).map((g) => ({ ...g, scope: g.row === null ? null : (scopes.get(g.row) ?? null) })),
      entries,
      next: entries.length === f.limit ? entries[entries.length - 1].id : null,
    };
  }

  /** Row scopes of the unit's schemes' newest approved versions, for the groups' headings. */
  private scopes(unitId: number): Map<string, string> {
    const out = new Map<string, string>();
    for (const schemeId of this.stores.schemes.approvedSchemeIds(unitId)) {
      const inForce = this.stores.schemes.inForce(schemeId);
      const latest = inForce[inForce.length - 1];
      if (!latest) continue;
      for (const item of this.stores.schemes.document(latest.id).items) if (!out.has(item.id)) out.set(item.id, item.scope);
    }
    return out;
  }

  /** Decided reviews of the unit for its archivists, newest record first: any of them can become a test. */
  decisions(
    p: Principal | null,
    unitId: number,
    before: number | undefined,
    limit: number,
  ): { entries: DecidedEntry[]; next: number | null } {
    this.log.ownUnit(p, unitId);
    const entries = this.stores.reviewInbox.decided(unitId, before, limit);
    return { entries, next: entries.length === limit ? entries[entries.length - 1].logId : null };
  }

  /** Decides one or many pending reviews, all or nothing; one audit entry per record. */
  decide(p: Principal | null, unitId: number, input: DecideInput): ReviewDecision[] {
    const { user } = this.log.ownUnit(p, unitId);
    this.log.writer.flush();
    const ids = [...new Set(input.ids)];
    const entries = ids.map((id, i) => {
      const e = this.stores.decisionLog.get(unitId, id);
      if (e?.outcome !== 'review')
        throw new AppError('not_found', `待判断记录 ${id} 不存在`, [{ path: `/ids/${i}`, message: '不是本单位待判断的记录' }]);
      if (this.stores.reviewInbox.decision(unitId, id))
        throw conflict(`记录 ${id} 已有判断结论`, [{ path: `/ids/${i}`, message: '已判断' }]);
      if (input.outcome === 'file') this.checkRow(e, input.row);
      return e;
    });
    const decided = this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const rows = entries.map((e) => {
          const d = {
            logId: e.id,
            unitId,
            outcome: input.outcome,
            itemId: input.outcome === 'file' ? input.row : null,
            retention: input.outcome === 'file' ? input.retention : null,
            reason: input.outcome === 'exclude' ? input.reason : null,
            decidedBy: user.id,
            decidedAt: at,
          };
          this.stores.reviewInbox.add(d);
          this.stores.audit.append(auditEvents.reviewDecided(at, user, e, d));
          return { ...d, decidedByName: user.displayName };
        });
        this.announce(entries, rows);
        return rows;
      })
      .immediate();
    return decided;
  }

  /** The row must be a leaf row of the version that classified the record. */
  private checkRow(e: LogEntry, row: string): void {
    const v = e.version === null ? undefined : this.stores.schemes.meta(e.schemeId, e.version);
    const doc = v && this.stores.schemes.document(v.id);
    const item = doc?.items.find((i) => i.id === row);
    if (!item || item.retention === undefined)
      throw new AppError('invalid_request', `条款 ${row} 不是第 ${e.version} 版中可归档的条款`, [{ path: '/row', message: '条款不存在' }]);
  }

  private announce(entries: LogEntry[], decided: ReviewDecision[]): void {
    decided.forEach((decision, i) => {
      const e = entries[i];
      const event: ReviewDecided = { unitId: e.unitId, reviewId: e.id, requestId: e.requestId, apiKeyId: e.apiKeyId, decision };
      for (const l of this.listeners) {
        try {
          l(event);
        } catch (err) {
          this.onError(err as Error);
        }
      }
    });
  }

  /** For the business system (its unit's API key) and anyone who may read the unit. */
  status(p: Principal | null, unitId: number, id: number): ReviewStatus {
    if (!p) throw new AppError('unauthenticated', '请提供 API 密钥或登录令牌');
    if (p.kind === 'key') {
      if (p.key.unitId !== unitId) throw notFound('单位');
    } else this.access.readableUnit(p.user, unitId);
    this.log.writer.flush();
    const e = this.stores.decisionLog.get(unitId, id);
    if (e?.outcome !== 'review') throw notFound('待判断记录');
    const decision = this.stores.reviewInbox.decision(unitId, id) ?? null;
    return {
      id: e.id,
      unitId,
      status: decision ? 'decided' : 'pending',
      classifiedAt: e.at,
      version: e.version,
      itemId: e.itemId,
      needs: e.needs,
      decision,
    };
  }
}
