import type { Logger } from '../../log.js';
import type { DecisionEvents, OperatorCustomers } from '../../service/educationCustomers.js';
import { qualificationStatus } from '../../service/qualificationStatus.js';
import type { StatusChangeEvent } from '../../service/statusEvents.js';
import { isSharedConversation } from '../channel.js';
import { decidedBelowCard, decisionCard } from '../cards/decisionCards.js';
import { localizer } from '../../i18n/localizer.js';
import type { ConversationDirectory } from '../conversations.js';
import type { DeliveryLease, DeliveryQueue } from '../../storage/ports/deliveryQueue.js';
import { notificationId, type Delivery } from '../../storage/records/delivery.js';
import {
  SlidingWindowLimiter,
  TEAMS_PER_CONVERSATION,
  TEAMS_PER_TENANT,
  type RateRule,
} from './rateLimiter.js';
import type { NotificationSender, SendOutcome } from './sender.js';
import { systemClock, type Clock } from '../../domain/clock.js';

export interface NotifierSettings {
  /** Transient failures (5xx, network, no answer) before a delivery is parked as failed. */
  maxAttempts: number;
  /** 429s before a delivery is parked as failed (each waits Retry-After or a backoff). */
  maxThrottledAttempts: number;
  /** First retry delay; doubled at each attempt, with ±20 % jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Sends under way at once. */
  concurrency: number;
  perConversation: readonly RateRule[];
  perTenant: readonly RateRule[];
}

const DEFAULT_NOTIFIER_SETTINGS: NotifierSettings = {
  maxAttempts: 5,
  maxThrottledAttempts: 20,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  concurrency: 8,
  perConversation: TEAMS_PER_CONVERSATION,
  perTenant: TEAMS_PER_TENANT,
};

/** After the outbox could not be read (storage unreachable), the next attempt. */
const OUTBOX_RETRY_MS = 5_000;

export interface NotifierDependencies {
  events: DecisionEvents;
  customers: Pick<OperatorCustomers, 'operatorGet'>;
  conversations: ConversationDirectory;
  outbox: DeliveryQueue;
  sender: NotificationSender;
  log: Logger;
  settings?: Partial<NotifierSettings>;
  now?: Clock;
  /** Teams' per-conversation budget, shared with whatever else writes to chats (import progress). */
  perConversation?: SlidingWindowLimiter;
}

/** What operators see of the outbox. */
export interface OutboxOperations {
  deliveries(): Promise<Delivery[]>;
  retryFailed(): Promise<number>;
}

/**
 * Tells conversations about decisions, never losing one: a decision's event is stored with the
 * customer; here it becomes one durable delivery per interested conversation, and only then is
 * the event acknowledged. Deliveries go out through a rate-limited queue (Teams' per-conversation
 * and per-tenant limits) and stay in the outbox until delivered, parked as failed, or dropped
 * because the bot was removed from the conversation (403).
 */
export class Notifier implements OutboxOperations {
  private readonly settings: NotifierSettings;
  private readonly now: Clock;
  private readonly perConversation: SlidingWindowLimiter;
  private readonly perTenant: SlidingWindowLimiter;
  private readonly inFlight = new Set<string>();
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private pumping = false;
  /** A pump was asked for while one ran: run again when it ends. */
  private pumpAgain = false;
  private idleWaiters: (() => void)[] = [];
  /** Whether the last read of the outbox failed (it is tried again shortly). */
  private outboxFailing = false;

  constructor(private readonly deps: NotifierDependencies) {
    this.settings = { ...DEFAULT_NOTIFIER_SETTINGS, ...deps.settings };
    this.now = deps.now ?? systemClock;
    this.perConversation =
      deps.perConversation ?? new SlidingWindowLimiter(this.settings.perConversation);
    this.perTenant = new SlidingWindowLimiter(this.settings.perTenant);
  }

  async start(): Promise<void> {
    this.running = true;
    this.unsubscribe = this.deps.events.onStatusChange((event) => this.queue(event));
    // Decisions stored but not yet queued when the process stopped.
    for (const event of await this.deps.events.pendingDecisionEvents()) await this.queue(event);
    this.deps.log.info('notifier started', {
      pendingDeliveries: (await this.deps.outbox.list()).length,
      conversations: (await this.deps.conversations.all()).length,
    });
    this.schedule(0);
  }

  /** What /readyz reports: delivering, and able to read its outbox. */
  health(): { running: boolean; outboxReadable: boolean } {
    return { running: this.running, outboxReadable: !this.outboxFailing };
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    while (this.inFlight.size > 0)
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.deps.outbox.idle();
  }

  /** One delivery per interested conversation, then the event is acknowledged. */
  async queue(event: StatusChangeEvent): Promise<void> {
    if (!event.eventId) return;
    const eventId = event.eventId;
    const at = this.now().toISOString();
    for (const conversation of await this.deps.conversations.audience(event.customer)) {
      const key = notificationId(eventId, conversation.key);
      if (conversation.delivered.includes(key)) continue;
      await this.deps.outbox.enqueue({
        key,
        eventId,
        customerId: event.customer.id,
        conversationKey: conversation.key,
        tenantId: conversation.tenantId,
        to: event.to,
        ...(event.reason ? { reason: event.reason } : {}),
        decidedAt: event.at,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: at,
        createdAt: at,
      });
    }
    await this.deps.events.acknowledgeEvent(event.customer.id, eventId);
    this.schedule(0);
  }

  deliveries(): Promise<Delivery[]> {
    return this.deps.outbox.list();
  }

  async retryFailed(): Promise<number> {
    const retried = await this.deps.outbox.retryFailed();
    this.schedule(0);
    return retried;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.pump(), Math.max(0, delayMs));
    this.timer.unref();
  }

  /** Starts every due delivery the limits allow; sleeps until the next one could go. */
  private pump(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    void this.startDue()
      .then(
        (nextMs) => {
          this.outboxFailing = false;
          return nextMs;
        },
        (error: unknown) => {
          this.outboxFailing = true;
          this.deps.log.error('the outbox could not be read; trying again shortly', { error });
          return OUTBOX_RETRY_MS;
        },
      )
      .then((nextMs) => {
        this.pumping = false;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.schedule(0);
        } else if (nextMs !== undefined) this.schedule(nextMs);
      });
  }

  /** Returns how long to sleep before the next pump, or undefined to wait for news. */
  private async startDue(): Promise<number | undefined> {
    const free = this.settings.concurrency - this.inFlight.size;
    const leases = free > 0 ? await this.deps.outbox.receive(free) : [];
    for (const lease of leases) {
      const { delivery } = lease;
      const now = this.now().getTime();
      const wait = Math.max(
        this.perConversation.wait(delivery.conversationKey, now),
        this.perTenant.wait(delivery.tenantId, now),
      );
      if (wait > 0) {
        await this.deps.outbox.postpone(lease, wait);
        continue;
      }
      const conversationStamp = this.perConversation.record(delivery.conversationKey, now);
      const tenantStamp = this.perTenant.record(delivery.tenantId, now);
      this.inFlight.add(delivery.key);
      void this.deliver(lease)
        // A failed write leaves the delivery in the outbox, due again when its lease ends.
        .catch((error: unknown) =>
          this.deps.log.error('delivery could not be settled; it stays in the outbox', {
            notificationId: delivery.key,
            error,
          }),
        )
        .finally(() => {
          const finishedAt = this.now().getTime();
          this.perConversation.finished(conversationStamp, finishedAt);
          this.perTenant.finished(tenantStamp, finishedAt);
          this.inFlight.delete(delivery.key);
          if (this.inFlight.size === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
          this.schedule(0);
        });
    }
    return this.deps.outbox.nextDueInMs();
  }

  private async deliver(lease: DeliveryLease): Promise<void> {
    const { delivery } = lease;
    const conversation = await this.deps.conversations.get(delivery.conversationKey);
    const customer = await this.deps.customers.operatorGet(delivery.customerId);
    if (!conversation?.active || !customer || conversation.delivered.includes(delivery.key)) {
      await this.deps.outbox.drop(lease);
      return;
    }
    const i18n = localizer(conversation).markdown;
    const card = decisionCard(
      i18n,
      qualificationStatus(customer),
      delivery.to,
      isSharedConversation(conversation.reference.conversation),
    );
    let outcome: SendOutcome;
    try {
      outcome = await this.deps.sender.send(conversation.reference, card);
    } catch (error) {
      outcome = { kind: 'transient', reason: (error as Error).message };
    }
    await this.settle(lease, outcome);
    // Only once the delivery is settled as sent: the old "Submitted" card becomes one read-only
    // line that points to the decision, so the decision is one card. Best effort: a failed or
    // slow update is logged by the sender, never a second send.
    const submittedCard = conversation.submittedCards[customer.id];
    if (outcome.kind === 'sent' && submittedCard)
      await this.deps.sender.update(
        conversation.reference,
        submittedCard,
        decidedBelowCard(i18n, customer.companyProfile.companyName, delivery.to),
      );
  }

  private async settle(lease: DeliveryLease, outcome: SendOutcome): Promise<void> {
    const { delivery } = lease;
    const log = this.deps.log;
    const fields = {
      notificationId: delivery.key,
      customerId: delivery.customerId,
      conversation: delivery.conversationKey,
      attempt: delivery.attempts + 1,
    };
    switch (outcome.kind) {
      case 'sent':
        await this.deps.conversations.markDelivered(delivery.conversationKey, delivery.key);
        await this.deps.outbox.complete(lease);
        log.info('notification delivered', fields);
        return;
      case 'gone':
        await this.deps.conversations.markInactive(delivery.conversationKey, outcome.code);
        await this.deps.outbox.drop(lease);
        log.warn('conversation is gone: marked inactive, notification dropped', {
          ...fields,
          code: outcome.code,
        });
        return;
      case 'throttled':
        return this.retryLater(
          lease,
          this.settings.maxThrottledAttempts,
          'throttled (429)',
          outcome.retryAfterMs,
        );
      case 'transient':
        return this.retryLater(lease, this.settings.maxAttempts, outcome.reason);
    }
  }

  private async retryLater(
    lease: DeliveryLease,
    maxAttempts: number,
    reason: string,
    waitMs?: number,
  ): Promise<void> {
    const attempts = lease.delivery.attempts + 1;
    const park = attempts >= maxAttempts;
    const backoff =
      Math.min(this.settings.maxDelayMs, this.settings.baseDelayMs * 2 ** (attempts - 1)) *
      (0.8 + Math.random() * 0.4);
    const delayMs = waitMs ?? backoff;
    await this.deps.outbox.failed(lease, { attempts, lastError: reason, delayMs, park });
    const fields = { notificationId: lease.delivery.key, attempts, reason };
    if (park)
      this.deps.log.error(
        'notification parked as failed; retry with npm run vet -- outbox --retry',
        fields,
      );
    else
      this.deps.log.warn('notification will be retried', {
        ...fields,
        at: new Date(this.now().getTime() + delayMs).toISOString(),
      });
  }
}
