import { systemClock, type Clock } from '../domain/clock.js';
import type { ReviewQueue, ScheduledReview } from './ports/reviewQueue.js';

/** How long a review whose decision failed (a storage error) waits before it is tried again. */
const RETRY_MS = 30_000;

/** One timer per customer, in this process: a restart rebuilds them from the stored reviews. */
export class TimerReviewQueue implements ReviewQueue {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private onDue: ((review: ScheduledReview) => Promise<void>) | undefined;

  constructor(private readonly now: Clock = systemClock) {}

  async start(onDue: (review: ScheduledReview) => Promise<void>): Promise<void> {
    this.onDue = onDue;
  }

  async schedule(review: ScheduledReview): Promise<void> {
    clearTimeout(this.timers.get(review.customerId));
    const wait = Math.max(0, Date.parse(review.dueAt) - this.now().getTime());
    const timer = setTimeout(() => {
      this.timers.delete(review.customerId);
      void this.onDue?.(review).catch(() => {
        if (this.onDue)
          void this.schedule({
            ...review,
            dueAt: new Date(this.now().getTime() + RETRY_MS).toISOString(),
          });
      });
    }, wait);
    timer.unref(); // never the reason a process stays alive
    this.timers.set(review.customerId, timer);
  }

  async stop(): Promise<void> {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.onDue = undefined;
  }
}
