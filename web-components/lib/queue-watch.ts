// Watches the 待审批 queue while the page is open (reviewers and admins): the nav shows the count, the queue page
// refreshes when a submission arrives or leaves, without a reload.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { api } from './session.js';
import { listReviewQueue } from './api-review.js';

/** How often the queue is asked again while the tab is visible (ms). */
export const QUEUE_POLL_MS = 4000;

export class QueueWatch implements ReactiveController {
  /** Number of versions waiting; null before the first answer (or for an archivist). */
  count: number | null = null;
  /** Changes whenever the queue's content changes (which versions wait). */
  signature = '';
  private timer: ReturnType<typeof setInterval> | undefined;
  private active = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Starts (or stops) watching; the shell calls it when the signed-in role changes. */
  watch(on: boolean): void {
    if (on === this.active) return;
    this.active = on;
    clearInterval(this.timer);
    if (!on) {
      this.count = null;
      this.signature = '';
      return;
    }
    void this.poll();
    this.timer = setInterval(() => void this.poll(), QUEUE_POLL_MS);
  }

  /** Asks now (after a decision, on navigation). */
  async poll(): Promise<void> {
    if (!this.active || document.visibilityState === 'hidden') return;
    try {
      const list = await listReviewQueue(api);
      const signature = list
        .map((q) => `${q.schemeId}/${q.number}`)
        .sort()
        .join(',');
      if (signature !== this.signature || this.count !== list.length) {
        this.signature = signature;
        this.count = list.length;
        this.host.requestUpdate();
      }
    } catch {
      // A failed poll leaves the last count; the next one tries again.
    }
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    this.active = false;
  }
}
