import type { CustomerRecord } from '../../domain/customer.js';
import type { Logger } from '../../log.js';
import type { EducationCustomers } from '../../service/educationCustomers.js';
import type { DocumentCollection } from '../../service/lowdb/documentCollection.js';
import { qualificationStatus } from '../../service/qualificationStatus.js';
import type { StatusChangeEvent } from '../../service/statusEvents.js';
import { statusCard } from '../cards/customerCards.js';
import { localizer } from '../i18n/index.js';
import type { ConversationDirectory } from './conversations.js';
import { notificationId, type Delivery } from './outbox.js';
import { SlidingWindowLimiter, TEAMS_PER_CONVERSATION, TEAMS_PER_TENANT, type RateRule } from './rateLimiter.js';
import type { NotificationSender, SendOutcome } from './sender.js';

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

export const DEFAULT_NOTIFIER_SETTINGS: NotifierSettings = {
  maxAttempts: 5,
  maxThrottledAttempts: 20,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  concurrency: 8,
  perConversation: TEAMS_PER_CONVERSATION,
  perTenant: TEAMS_PER_TENANT,
};

export interface NotifierDependencies {
  service: EducationCustomers;
  conversations: ConversationDirectory;
  outbox: DocumentCollection<Delivery>;
  sender: NotificationSender;
  log: Logger;
  settings?: Partial<NotifierSettings>;
  now?: () => Date;
}

/** What operators see of the outbox. */
export interface OutboxOperations {
  deliveries(): Delivery[];
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
  private readonly now: () => Date;
  private readonly perConversation: SlidingWindowLimiter;
  private readonly perTenant: SlidingWindowLimiter;
  private readonly inFlight = new Set<string>();
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly deps: NotifierDependencies) {
    this.settings = { ...DEFAULT_NOTIFIER_SETTINGS, ...deps.settings };
    this.now = deps.now ?? (() => new Date());
    this.perConversation = new SlidingWindowLimiter(this.settings.perConversation);
    this.perTenant = new SlidingWindowLimiter(this.settings.perTenant);
  }

  async start(): Promise<void> {
    this.running = true;
    this.unsubscribe = this.deps.service.onStatusChange((event) => this.queue(event));
    // Decisions stored but not yet queued when the process stopped.
    for (const event of await this.deps.service.pendingDecisionEvents()) await this.queue(event);
    this.deps.log.info('notifier started', { pendingDeliveries: this.deps.outbox.size, conversations: this.deps.conversations.all().length });
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    while (this.inFlight.size > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.deps.outbox.idle();
  }

  /** One delivery per interested conversation, then the event is acknowledged. */
  async queue(event: StatusChangeEvent): Promise<void> {
    if (!event.eventId) return;
    const eventId = event.eventId;
    const at = this.now().toISOString();
    for (const conversation of this.deps.conversations.audience(event.customer)) {
      const key = notificationId(eventId, conversation.key);
      if (conversation.delivered.includes(key)) continue;
      await this.deps.outbox.update(key, (current) =>
        current ?? {
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
        },
      );
    }
    await this.deps.service.acknowledgeEvent(event.customer.id, eventId);
    this.schedule(0);
  }

  deliveries(): Delivery[] {
    return [...this.deps.outbox.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async retryFailed(): Promise<number> {
    const failed = this.deliveries().filter((d) => d.state === 'failed');
    const at = this.now().toISOString();
    for (const delivery of failed) {
      await this.deps.outbox.update(delivery.key, (current) => {
        if (!current || current.state !== 'failed') return undefined;
        const { lastError: _kept, ...rest } = current;
        return { ...rest, state: 'pending', attempts: 0, nextAttemptAt: at };
      });
    }
    this.schedule(0);
    return failed.length;
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
    const now = this.now().getTime();
    let nextWake = Number.POSITIVE_INFINITY;
    const due = this.deliveries()
      .filter((d) => d.state === 'pending' && !this.inFlight.has(d.key))
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
    for (const delivery of due) {
      if (this.inFlight.size >= this.settings.concurrency) break;
      const dueAt = Date.parse(delivery.nextAttemptAt);
      const wait = Math.max(dueAt - now, this.perConversation.wait(delivery.conversationKey, now), this.perTenant.wait(delivery.tenantId, now));
      if (wait > 0) {
        nextWake = Math.min(nextWake, wait);
        continue;
      }
      const stamps = [this.perConversation.record(delivery.conversationKey, now), this.perTenant.record(delivery.tenantId, now)];
      this.inFlight.add(delivery.key);
      void this.deliver(delivery)
        // A failed write (disk trouble) leaves the delivery in the outbox for the next pump.
        .catch((error: unknown) => this.deps.log.error('delivery could not be settled; it stays in the outbox', { notificationId: delivery.key, error }))
        .finally(() => {
          const finishedAt = this.now().getTime();
          this.perConversation.finished(stamps[0]!, finishedAt);
          this.perTenant.finished(stamps[1]!, finishedAt);
          this.inFlight.delete(delivery.key);
          if (this.inFlight.size === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
          this.schedule(0);
        });
    }
    if (Number.isFinite(nextWake)) this.schedule(nextWake);
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const conversation = this.deps.conversations.get(delivery.conversationKey);
    const customer = await this.deps.service.operatorGet(delivery.customerId);
    if (!conversation?.active || !customer) {
      await this.deps.outbox.delete(delivery.key);
      return;
    }
    const cardId = conversation.submittedCards[customer.id];
    let outcome: SendOutcome;
    try {
      outcome = await this.deps.sender.deliver(conversation.reference, this.decisionCard(customer, delivery, conversation.locale), cardId);
    } catch (error) {
      outcome = { kind: 'transient', reason: (error as Error).message };
    }
    await this.settle(delivery, outcome);
  }

  private decisionCard(customer: CustomerRecord, delivery: Delivery, locale: string | undefined) {
    const l = localizer(locale);
    const title = delivery.to === 'Approved' ? l.t('notify.approvedTitle') : l.t('notify.deniedTitle');
    return statusCard(l, qualificationStatus(customer), undefined, { title, intro: '', following: true });
  }

  private async settle(delivery: Delivery, outcome: SendOutcome): Promise<void> {
    const log = this.deps.log;
    const fields = { notificationId: delivery.key, customerId: delivery.customerId, conversation: delivery.conversationKey, attempt: delivery.attempts + 1 };
    switch (outcome.kind) {
      case 'sent':
        await this.deps.conversations.markDelivered(delivery.conversationKey, delivery.key);
        await this.deps.outbox.delete(delivery.key);
        log.info('notification delivered', fields);
        return;
      case 'gone':
        await this.deps.conversations.markInactive(delivery.conversationKey, outcome.code);
        await this.deps.outbox.delete(delivery.key);
        log.warn('conversation is gone: marked inactive, notification dropped', { ...fields, code: outcome.code });
        return;
      case 'throttled':
        return this.retryLater(delivery, this.settings.maxThrottledAttempts, 'throttled (429)', outcome.retryAfterMs);
      case 'transient':
        return this.retryLater(delivery, this.settings.maxAttempts, outcome.reason);
    }
  }

  private async retryLater(delivery: Delivery, maxAttempts: number, reason: string, waitMs?: number): Promise<void> {
    const attempts = delivery.attempts + 1;
    const parked = attempts >= maxAttempts;
    const backoff = Math.min(this.settings.maxDelayMs, this.settings.baseDelayMs * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
    const next = new Date(this.now().getTime() + (waitMs ?? backoff)).toISOString();
    await this.deps.outbox.update(delivery.key, (current) =>
      current ? { ...current, attempts, lastError: reason, ...(parked ? { state: 'failed' as const } : { nextAttemptAt: next }) } : undefined,
    );
    const fields = { notificationId: delivery.key, attempts, reason };
    if (parked) this.deps.log.error('notification parked as failed; retry with npm run vet -- outbox --retry', fields);
    else this.deps.log.warn('notification will be retried', { ...fields, at: next });
  }
}
