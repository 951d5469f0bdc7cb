// A unit's webhooks: registered, changed (url, events, disabled/enabled, secret rotated) and deleted by its archivists
// and admins, and the events they receive — written to the outbox
// in the transaction of the change that caused them (version.approved, review.decided), or by the in-force scheduler on a version's effective date (version.in-force); each
// exactly once per hook.
import type { Db } from '../../store/db.js';
import type { Stores } from '../../store/index.js';
import type { SchemeInfo, VersionMeta } from '../../store/schemes-store.js';
import type { Webhook, WebhookEvent, WebhookWithSecret } from '../../store/webhooks-store.js';
import type { Access, Principal } from '../access.js';
import { auditEvents } from '../audit-events.js';
import { type Clock, chinaDate, isoNow } from '../clock.js';
import { AppError, forbidden, notFound } from '../errors.js';
import type { ReviewDecided } from '../decision-log/review-inbox.js';
import { newSecret } from './signature.js';

export const WEBHOOK_EVENTS: readonly WebhookEvent[] = ['version.approved', 'version.in-force', 'review.decided'];
/** Deliveries listed per hook. */
const LOG_LIMIT = 100;

const publicHook = ({ secret: _s, ...h }: WebhookWithSecret): Webhook => h;

/** HTTPS only; plain http only to this machine (127.0.0.1, ::1, localhost), for tests and local relays. */
export function webhookUrlError(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '不是有效的网址';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname)) return null;
  return '只接受 https:// 地址（http:// 仅限本机 127.0.0.1 / localhost）';
}

export class WebhooksService {
  /** Called after an event's transaction committed, to deliver without waiting for the next poll. */
  onQueued: () => void = () => {};

  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly clock: Clock,
  ) {}

  private managed(p: Principal | null, unitId: number) {
    const user = this.access.user(p);
    const unit = this.access.readableUnit(user, unitId);
    if (!this.access.canEdit(user, unit)) throw forbidden('只有本单位档案员或系统管理员可以管理 Webhook');
    return { user, unit };
  }

  private hookOf(unitId: number, id: number): WebhookWithSecret {
    const hook = this.stores.webhooks.get(id);
    if (!hook || hook.unitId !== unitId) throw notFound('Webhook');
    return hook;
  }

  list(p: Principal | null, unitId: number): Webhook[] {
    this.managed(p, unitId);
    return this.stores.webhooks.ofUnit(unitId).map(publicHook);
  }

  get(p: Principal | null, unitId: number, id: number): Webhook {
    this.managed(p, unitId);
    return publicHook(this.hookOf(unitId, id));
  }

  /** Registers a hook; the returned `secret` is the only time it is shown. */
  create(p: Principal | null, unitId: number, input: { url: string; events: WebhookEvent[] }): Webhook & { secret: string } {
    const { user } = this.managed(p, unitId);
    const problem = webhookUrlError(input.url);
    if (problem) throw new AppError('invalid_request', `Webhook 地址无效：${problem}`, [{ path: '/url', message: problem }]);
    const events = WEBHOOK_EVENTS.filter((e) => input.events.includes(e));
    return this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const hook = this.stores.webhooks.create({ unitId, url: input.url, events, secret: newSecret(), by: user.id }, at);
        this.stores.audit.append(auditEvents.webhookCreated(at, user, hook));
        return hook;
      })
      .immediate();
  }

  /**
   * Changes a hook's url, events or active state, and with `rotateSecret` gives it a new signing secret (returned
   * this once; deliveries still pending are signed with it). A disabled hook gets no new events and its pending
   * deliveries wait until it is enabled again.
   */
  update(
    p: Principal | null,
    unitId: number,
    id: number,
    input: { url?: string; events?: WebhookEvent[]; active?: boolean; rotateSecret?: boolean },
  ): Webhook & { secret?: string } {
    const { user } = this.managed(p, unitId);
    if (input.url !== undefined) {
      const problem = webhookUrlError(input.url);
      if (problem) throw new AppError('invalid_request', `Webhook 地址无效：${problem}`, [{ path: '/url', message: problem }]);
    }
    return this.db
      .transaction(() => {
        const before = this.hookOf(unitId, id);
        const at = isoNow(this.clock);
        const events = input.events ? WEBHOOK_EVENTS.filter((e) => input.events!.includes(e)) : before.events;
        const disabledAt = input.active === undefined ? before.disabledAt : input.active ? null : (before.disabledAt ?? at);
        const secret = input.rotateSecret ? newSecret() : before.secret;
        this.stores.webhooks.update(id, { url: input.url ?? before.url, events, disabledAt, secret });
        const after = this.stores.webhooks.get(id)!;
        this.stores.audit.append(auditEvents.webhookUpdated(at, user, before, after, input.rotateSecret === true));
        return input.rotateSecret ? { ...publicHook(after), secret } : publicHook(after);
      })
      .immediate();
  }

  /** Deletes a hook; events not yet delivered to it are given up. */
  remove(p: Principal | null, unitId: number, id: number): void {
    const { user } = this.managed(p, unitId);
    const hook = this.hookOf(unitId, id);
    this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        if (this.stores.webhooks.remove(id, at)) this.stores.audit.append(auditEvents.webhookDeleted(at, user, hook));
      })
      .immediate();
  }

  /** The hook's newest deliveries, each with its attempts (the delivery log). */
  deliveries(p: Principal | null, unitId: number, id: number) {
    this.managed(p, unitId);
    this.hookOf(unitId, id);
    return this.stores.webhooks.deliveries(id, LOG_LIMIT);
  }

  /**
   * Queues `event` for every hook of the unit that subscribed to it. Call inside the transaction of the change; the
   * id is the dedupe key (one event, one delivery per hook, however often it is queued).
   */
  enqueue(unitId: number, event: WebhookEvent, eventId: string, data: Record<string, unknown>): void {
    if (!this.db.inTransaction) throw new Error('webhook events are queued in the transaction of the change');
    const at = isoNow(this.clock);
    const unit = this.stores.orgs.get(unitId);
    const payload = JSON.stringify({ id: eventId, type: event, createdAt: at, unit: { id: unitId, name: unit?.name ?? null }, data });
    let queued = false;
    for (const hook of this.stores.webhooks.ofUnit(unitId)) {
      if (!hook.active || !hook.events.includes(event)) continue;
      this.stores.webhooks.enqueue({ webhookId: hook.id, eventId, event, payload }, at);
      queued = true;
    }
    // After the transaction: deliver now rather than at the next poll (a rolled-back event finds nothing).
    if (queued) setImmediate(() => this.onQueued());
  }

  /** version.approved, in the approval's transaction. */
  versionApproved(scheme: Pick<SchemeInfo, 'id' | 'unitId' | 'name'>, v: VersionMeta): void {
    this.enqueue(scheme.unitId, 'version.approved', `version.approved.${v.id}`, versionData(scheme, v));
  }

  /**
   * review.decided, told by the review inbox inside the decision's transaction (ReviewInbox.onDecided): queued
   * with it (a savepoint here), with the reviewId the business system got from classify.
   */
  reviewDecided(e: ReviewDecided): void {
    const d = e.decision;
    this.db.transaction(() =>
      this.enqueue(e.unitId, 'review.decided', `review.decided.${e.reviewId}`, {
        reviewId: e.reviewId,
        requestId: e.requestId,
        apiKeyId: e.apiKeyId,
        decision: {
          outcome: d.outcome,
          itemId: d.itemId,
          retention: d.retention,
          reason: d.reason,
          decidedBy: d.decidedByName,
          decidedAt: d.decidedAt,
        },
        status: `/api/v1/units/${e.unitId}/decisions/${e.reviewId}`,
      }),
    )();
  }

  /**
   * version.in-force for every approved version whose effective date (China time) has come and that was not
   * announced yet: once each, however often this runs (the scheduler calls it every minute and at start).
   */
  announceInForce(): number {
    let announced = 0;
    for (const due of this.stores.webhooks.notAnnounced(chinaDate(this.clock()))) {
      this.db
        .transaction(() => {
          if (!this.stores.webhooks.announce(due.versionId, isoNow(this.clock))) return;
          const v = this.stores.schemes.metaById(due.versionId)!;
          const scheme = this.stores.schemes.getScheme(due.schemeId)!;
          this.enqueue(due.unitId, 'version.in-force', `version.in-force.${v.id}`, versionData(scheme, v));
          announced++;
        })
        .immediate();
    }
    return announced;
  }
}

function versionData(scheme: Pick<SchemeInfo, 'id' | 'unitId' | 'name'>, v: VersionMeta): Record<string, unknown> {
  return {
    scheme: { id: scheme.id, name: scheme.name },
    version: {
      number: v.number,
      state: v.state,
      hash: v.hash,
      approvalNumber: v.approvalNumber,
      decidedOn: v.decidedOn,
      effectiveFrom: v.effectiveFrom,
    },
    bundle: `/api/v1/units/${scheme.unitId}/bundle`,
  };
}
