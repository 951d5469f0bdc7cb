// Delivers the webhook outbox: due entries are POSTed signed, each attempt logged; failures are retried with
// exponential backoff until the last attempt. Nothing is lost across restarts: an entry stays pending until a
// receiver answered 2xx, so one interrupted mid-request is sent again with the same Sanheyi-Webhook-Id.
import type { Logger } from '../../log.js';
import type { Db } from '../../store/db.js';
import type { DueDelivery, WebhookStore } from '../../store/webhooks-store.js';
import type { Clock } from '../clock.js';
import { HEADERS, signatureHeader } from './signature.js';

export interface DeliveryOptions {
  /** Delay before the first retry; doubles with each further one (default 10 s). */
  backoffMs?: number;
  /** Longest delay between retries (default 1 h). */
  maxBackoffMs?: number;
  /** Attempts before an entry is given up (default 12: about 4½ hours of retries). */
  maxAttempts?: number;
  /** A receiver that has not answered by then has failed this attempt (default 10 s). */
  timeoutMs?: number;
}

/** Entries sent per pass. */
const BATCH = 20;

export class WebhookDelivery {
  private running: Promise<number> | null = null;
  private readonly inFlight = new Set<AbortController>();
  private stopped = false;
  private readonly o: Required<DeliveryOptions>;

  constructor(
    private readonly db: Db,
    private readonly store: WebhookStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: DeliveryOptions = {},
  ) {
    this.o = { backoffMs: 10_000, maxBackoffMs: 3600_000, maxAttempts: 12, timeoutMs: 10_000, ...options };
  }

  /** Sends every entry that is due now; one pass at a time (a second call waits for the running one). */
  deliverDue(): Promise<number> {
    if (this.stopped || !this.db.open) return Promise.resolve(0);
    this.running ??= this.pass()
      .catch((e: Error) => {
        // A pass never throws to its caller (a timer): what was not recorded stays pending and is sent again.
        if (this.db.open)
          this.log({ time: this.clock().toISOString(), level: 'error', msg: 'webhook delivery pass failed', error: e.message });
        return 0;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Stops sending; requests in flight are aborted and stay pending in the outbox. */
  stop(): void {
    this.stopped = true;
    for (const c of this.inFlight) c.abort();
  }

  private async pass(): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = this.store.due(this.clock().toISOString(), BATCH);
      if (!due.length || this.stopped || !this.db.open) return sent;
      for (const d of due) {
        if (this.stopped) return sent;
        await this.send(d);
        sent++;
      }
    }
  }

  private async send(d: DueDelivery): Promise<void> {
    const started = this.clock();
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(new Error(`超时（${this.o.timeoutMs} ms）`)), this.o.timeoutMs);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'sanheyi-webhooks/1',
          [HEADERS.id]: d.eventId,
          [HEADERS.event]: d.event,
          [HEADERS.timestamp]: String(Math.floor(started.getTime() / 1000)),
          [HEADERS.signature]: signatureHeader(d.secret, d.payload, Math.floor(started.getTime() / 1000)),
        },
        body: d.payload,
      });
      status = res.status;
      await res.body?.cancel();
      if (status < 200 || status > 299) error = `接收方答复 HTTP ${status}`;
    } catch (e) {
      error = (controller.signal.reason as Error | undefined)?.message ?? (e as Error).cause?.toString() ?? (e as Error).message;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
    // Stopped mid-request: leave the entry pending, untouched; the next start sends it again.
    if ((this.stopped && status === null) || !this.db.open) return;
    const at = this.clock();
    const attempt = d.attempts + 1;
    const ok = error === null;
    const delay = Math.min(this.o.backoffMs * 2 ** (attempt - 1), this.o.maxBackoffMs);
    const next = ok || attempt >= this.o.maxAttempts ? null : new Date(at.getTime() + delay).toISOString();
    this.db.transaction(() =>
      this.store.recordAttempt(
        { id: d.id, attempt },
        { at: at.toISOString(), status, error, ms: at.getTime() - started.getTime(), ok, next },
      ),
    )();
    if (!ok) {
      this.log({
        time: at.toISOString(),
        level: 'warn',
        msg: next ? 'webhook delivery failed, will retry' : 'webhook delivery given up',
        webhook: d.webhookId,
        event: d.eventId,
        attempt,
        status,
        error,
      });
    }
  }
}
