import type { ActorRef, CustomerRecord } from '../domain/customer.js';
import { simulatedReview } from '../domain/reviewRules.js';
import type { Logger } from '../log.js';
import type { EducationCustomers } from './educationCustomers.js';

export const REVIEWER: ActorRef = { kind: 'reviewer', id: 'simulated-reviewer', name: 'Microsoft (simulated review)' };

/**
 * Stands in for Microsoft: decides each review `delaySeconds` after it started, by the rules in
 * domain/reviewRules.ts. The schedule is derived from the stored `vettingCreateDate`, so a
 * review pending when the process stopped is decided after start-up, on time (or at once if due).
 */
export class SimulatedReviewer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly service: EducationCustomers,
    private readonly delaySeconds: number,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = this.service.onStatusChange((event) => {
      if (event.to === 'InReview') this.schedule(event.customer);
    });
    let cursor: string | undefined;
    let pending = 0;
    do {
      const page = await this.service.operatorList({ status: 'InReview', limit: 100, ...(cursor ? { cursor } : {}) });
      page.items.forEach((record) => this.schedule(record));
      pending += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    this.log.info('simulated reviewer started', { delaySeconds: this.delaySeconds, pendingReviews: pending });
  }

  stop(): void {
    this.unsubscribe?.();
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }

  private schedule(record: CustomerRecord): void {
    const startedAt = record.qualification.vettingCreateDate;
    if (!startedAt) return;
    const due = Date.parse(startedAt) + this.delaySeconds * 1000;
    clearTimeout(this.timers.get(record.id));
    const timer = setTimeout(() => void this.review(record.id, startedAt), Math.max(0, due - this.now().getTime()));
    timer.unref(); // never the reason a process stays alive
    this.timers.set(record.id, timer);
  }

  private async review(customerId: string, reviewStartedAt: string): Promise<void> {
    this.timers.delete(customerId);
    try {
      const record = await this.service.operatorGet(customerId);
      if (!record) return;
      const outcome = simulatedReview(record);
      const result = await this.service.decide(REVIEWER, customerId, outcome, { reviewStartedAt });
      if (result.ok) this.log.info('simulated review decided', { customerId, status: outcome.status });
      else this.log.debug('simulated review skipped', { customerId, reason: result.error.code });
    } catch (error) {
      this.log.error('simulated review failed', { customerId, error });
    }
  }
}
