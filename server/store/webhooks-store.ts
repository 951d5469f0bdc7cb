// Webhooks of a unit (changed by PATCH, disabled and enabled), their outbox (one row per event and hook, written in
// the event's transaction; deliveries of disabled hooks wait), the delivery attempts, and the versions whose coming
// into force was announced.
import type { Db } from './db.js';

export type WebhookEvent = 'version.approved' | 'version.in-force' | 'review.decided';

export interface Webhook {
  id: number;
  unitId: number;
  url: string;
  events: WebhookEvent[];
  createdBy: string | null;
  createdAt: string;
  /** False while disabled: no event is queued for it and its pending deliveries wait. */
  active: boolean;
  disabledAt: string | null;
}

/** What PATCH may change (the secret only by rotation). */
export interface WebhookChange {
  url: string;
  events: WebhookEvent[];
  disabledAt: string | null;
  secret: string;
}

/** A webhook with the secret its payloads are signed with (only the delivery reads it). */
export interface WebhookWithSecret extends Webhook {
  secret: string;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface OutboxEntry {
  id: number;
  webhookId: number;
  eventId: string;
  event: WebhookEvent;
  createdAt: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
}

export interface DueDelivery {
  id: number;
  webhookId: number;
  eventId: string;
  event: WebhookEvent;
  payload: string;
  attempts: number;
  url: string;
  secret: string;
}

export interface Attempt {
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  ms: number;
}

interface HookRow {
  id: number;
  unit_id: number;
  url: string;
  events: string;
  secret: string;
  created_by_name: string | null;
  created_at: string;
  disabled_at: string | null;
}

interface OutboxRow {
  id: number;
  webhook_id: number;
  event_id: string;
  event: WebhookEvent;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  delivered_at: string | null;
  failed_at: string | null;
  last_status: number | null;
  last_error: string | null;
}

const HOOK_SELECT =
  'SELECT h.id, h.unit_id, h.url, h.events, h.secret, u.username AS created_by_name, h.created_at, h.disabled_at FROM webhooks h LEFT JOIN users u ON u.id = h.created_by';
const toHook = (r: HookRow): WebhookWithSecret => ({
  id: r.id,
  unitId: r.unit_id,
  url: r.url,
  events: JSON.parse(r.events) as WebhookEvent[],
  createdBy: r.created_by_name,
  createdAt: r.created_at,
  active: r.disabled_at === null,
  disabledAt: r.disabled_at,
  secret: r.secret,
});
const toOutbox = (r: OutboxRow): OutboxEntry => ({
  id: r.id,
  webhookId: r.webhook_id,
  eventId: r.event_id,
  event: r.event,
  createdAt: r.created_at,
  state: r.delivered_at ? 'delivered' : r.failed_at ? 'failed' : 'pending',
  attempts: r.attempts,
  nextAttemptAt: r.delivered_at || r.failed_at ? null : r.next_attempt_at,
  deliveredAt: r.delivered_at,
  failedAt: r.failed_at,
  lastStatus: r.last_status,
  lastError: r.last_error,
});

export class WebhookStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare<{ unitId: number; url: string; events: string; secret: string; by: number | null; at: string }, { id: number }>(
        'INSERT INTO webhooks (unit_id, url, events, secret, created_by, created_at) VALUES (@unitId, @url, @events, @secret, @by, @at) RETURNING id',
      ),
      get: db.prepare<[number], HookRow>(`${HOOK_SELECT} WHERE h.id = ? AND h.deleted_at IS NULL`),
      ofUnit: db.prepare<[number], HookRow>(`${HOOK_SELECT} WHERE h.unit_id = ? AND h.deleted_at IS NULL ORDER BY h.id`),
      remove: db.prepare<[string, number]>('UPDATE webhooks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL'),
      update: db.prepare<{ id: number; url: string; events: string; disabledAt: string | null; secret: string }>(
        'UPDATE webhooks SET url = @url, events = @events, disabled_at = @disabledAt, secret = @secret WHERE id = @id AND deleted_at IS NULL',
      ),
      dropPending: db.prepare<[string, number]>(
        "UPDATE webhook_outbox SET failed_at = ?, last_error = 'webhook deleted' WHERE webhook_id = ? AND delivered_at IS NULL AND failed_at IS NULL",
      ),
      enqueue: db.prepare<{ webhookId: number; eventId: string; event: string; payload: string; at: string }>(
        `INSERT INTO webhook_outbox (webhook_id, event_id, event, payload, created_at, next_attempt_at)
         VALUES (@webhookId, @eventId, @event, @payload, @at, @at) ON CONFLICT (webhook_id, event_id) DO NOTHING`,
      ),
      due: db.prepare<{ now: string; limit: number }, DueDelivery>(
        `SELECT o.id, o.webhook_id AS webhookId, o.event_id AS eventId, o.event, o.payload, o.attempts, h.url, h.secret
         FROM webhook_outbox o JOIN webhooks h ON h.id = o.webhook_id
         WHERE o.delivered_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= @now AND h.disabled_at IS NULL
         ORDER BY o.next_attempt_at, o.id LIMIT @limit`,
      ),
      nextDue: db.prepare<[], { at: string }>(
        `SELECT min(o.next_attempt_at) AS at FROM webhook_outbox o JOIN webhooks h ON h.id = o.webhook_id
         WHERE o.delivered_at IS NULL AND o.failed_at IS NULL AND h.disabled_at IS NULL`,
      ),
      attempt: db.prepare<{ outboxId: number; attempt: number; at: string; status: number | null; error: string | null; ms: number }>(
        'INSERT INTO webhook_attempts (outbox_id, attempt, at, status, error, ms) VALUES (@outboxId, @attempt, @at, @status, @error, @ms)',
      ),
      delivered: db.prepare<{ id: number; at: string; status: number }>(
        'UPDATE webhook_outbox SET attempts = attempts + 1, delivered_at = @at, last_status = @status, last_error = NULL WHERE id = @id',
      ),
      retry: db.prepare<{ id: number; next: string | null; at: string; status: number | null; error: string | null }>(
        `UPDATE webhook_outbox SET attempts = attempts + 1, last_status = @status, last_error = @error,
           next_attempt_at = coalesce(@next, next_attempt_at), failed_at = CASE WHEN @next IS NULL THEN @at END WHERE id = @id`,
      ),
      outboxOf: db.prepare<[number, number], OutboxRow>(
        'SELECT id, webhook_id, event_id, event, created_at, attempts, next_attempt_at, delivered_at, failed_at, last_status, last_error FROM webhook_outbox WHERE webhook_id = ? ORDER BY id DESC LIMIT ?',
      ),
      attemptsOf: db.prepare<[number], Attempt>(
        'SELECT attempt, at, status, error, ms FROM webhook_attempts WHERE outbox_id = ? ORDER BY id',
      ),
      notAnnounced: db.prepare<[string], { versionId: number; unitId: number; schemeId: number }>(
        `SELECT v.id AS versionId, s.unit_id AS unitId, s.id AS schemeId FROM scheme_versions v JOIN schemes s ON s.id = v.scheme_id
         WHERE v.state IN ('approved', 'superseded') AND v.effective_from <= ?
           AND NOT EXISTS (SELECT 1 FROM version_in_force_events e WHERE e.version_id = v.id) ORDER BY v.effective_from, v.id`,
      ),
      announce: db.prepare<[number, string]>('INSERT INTO version_in_force_events (version_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    };
  }

  create(h: { unitId: number; url: string; events: WebhookEvent[]; secret: string; by: number | null }, at: string): WebhookWithSecret {
    const { id } = this.s.insert.get({ ...h, events: JSON.stringify(h.events), at })!;
    return this.get(id)!;
  }

  get(id: number): WebhookWithSecret | undefined {
    const r = this.s.get.get(id);
    return r && toHook(r);
  }

  ofUnit(unitId: number): WebhookWithSecret[] {
    return this.s.ofUnit.all(unitId).map(toHook);
  }

  /** Deletes a hook; its undelivered events are given up. */
  remove(id: number, at: string): boolean {
    if (!this.s.remove.run(at, id).changes) return false;
    this.s.dropPending.run(at, id);
    return true;
  }

  /** Changes a hook's url, events, active state or secret; false if it no longer exists. */
  update(id: number, change: WebhookChange): boolean {
    return this.s.update.run({ id, ...change, events: JSON.stringify(change.events) }).changes === 1;
  }

  /** Adds a delivery to the outbox (once per hook and event id). Call in the event's transaction. */
  enqueue(d: { webhookId: number; eventId: string; event: WebhookEvent; payload: string }, at: string): void {
    this.s.enqueue.run({ ...d, at });
  }

  due(now: string, limit: number): DueDelivery[] {
    return this.s.due.all({ now, limit });
  }

  /** When the next pending delivery of an active hook is due, if any. */
  nextDue(): string | null {
    return this.s.nextDue.get()?.at ?? null;
  }

  /** Records one attempt and its outcome: delivered, retry at `next`, or given up (`next` null). */
  recordAttempt(
    d: { id: number; attempt: number },
    r: { at: string; status: number | null; error: string | null; ms: number; ok: boolean; next: string | null },
  ): void {
    this.s.attempt.run({ outboxId: d.id, attempt: d.attempt, at: r.at, status: r.status, error: r.error, ms: r.ms });
    if (r.ok) this.s.delivered.run({ id: d.id, at: r.at, status: r.status! });
    else this.s.retry.run({ id: d.id, next: r.next, at: r.at, status: r.status, error: r.error });
  }

  /** The newest deliveries of a hook, each with its attempts. */
  deliveries(webhookId: number, limit: number): (OutboxEntry & { attemptLog: Attempt[] })[] {
    return this.s.outboxOf.all(webhookId, limit).map((r) => ({ ...toOutbox(r), attemptLog: this.s.attemptsOf.all(r.id) }));
  }

  /** Approved versions whose effective date has come (≤ today) and that were not announced yet. */
  notAnnounced(today: string): { versionId: number; unitId: number; schemeId: number }[] {
    return this.s.notAnnounced.all(today);
  }

  /** Marks a version's coming into force as announced; false if it already was. */
  announce(versionId: number, at: string): boolean {
    return this.s.announce.run(versionId, at).changes > 0;
  }
}
