import type { ActorRef, CustomerRecord } from '../domain/customer.js';
import { simulatedReview } from '../domain/reviewRules.js';
import type { Logger } from '../log.js';
import type { DecisionEvents, OperatorCustomers, VettingWorkflow } from './educationCustomers.js';
import type { ReviewQueue, ScheduledReview } from '../storage/ports/reviewQueue.js';

export const REVIEWER: ActorRef = {
  kind: 'reviewer',
  id: 'simulated-reviewer',
  name: 'Microsoft (simulated review)',
};

/**
 * Stands in for Microsoft: decides each review `delaySeconds` after it started, by the rules in
 * domain/reviewRules.ts. The schedule is derived from the stored `vettingCreateDate`, so a
 * review pending when the process stopped is decided after start-up, on time (or at once if due).
 * A decision names the review it is for, so a review scheduled twice is decided once.
 */
export class SimulatedReviewer {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly services: {
      customers: OperatorCustomers;
      vetting: Pick<VettingWorkflow, 'decide'>;
      events: Pick<DecisionEvents, 'onStatusChange'>;
    },
    private readonly delaySeconds: number,
    private readonly log: Logger,
    private readonly queue: ReviewQueue,
  ) {}

  async start(): Promise<void> {
    await this.queue.start((review) => this.review(review));
    this.unsubscribe = this.services.events.onStatusChange((event) =>
      event.to === 'InReview' ? this.schedule(event.customer) : undefined,
    );
    let cursor: string | undefined;
    let pending = 0;
    do {
      const page = await this.services.customers.operatorList({
        status: 'InReview',
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const record of page.items) await this.schedule(record);
      pending += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    this.log.info('simulated reviewer started', {
      delaySeconds: this.delaySeconds,
      pendingReviews: pending,
    });
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.queue.stop();
  }

  private async schedule(record: CustomerRecord): Promise<void> {
    const reviewStartedAt = record.qualification.vettingCreateDate;
    if (!reviewStartedAt) return;
    const dueAt = new Date(Date.parse(reviewStartedAt) + this.delaySeconds * 1000).toISOString();
    await this.queue.schedule({ customerId: record.id, reviewStartedAt, dueAt });
  }

  private async review({ customerId, reviewStartedAt }: ScheduledReview): Promise<void> {
    try {
      const record = await this.services.customers.operatorGet(customerId);
      if (!record) return;
      const outcome = simulatedReview(record);
      const result = await this.services.vetting.decide(REVIEWER, customerId, outcome, {
        reviewStartedAt,
      });
      if (result.ok)
        this.log.info('simulated review decided', { customerId, status: outcome.status });
      else this.log.debug('simulated review skipped', { customerId, reason: result.error.code });
    } catch (error) {
      this.log.error('simulated review failed; it will be tried again', { customerId, error });
      throw error;
    }
  }
}
