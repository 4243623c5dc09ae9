import type { Logger } from '../../log.js';
import type { DecisionEvents, OperatorCustomers } from '../../service/educationCustomers.js';
import { qualificationStatus } from '../../service/qualificationStatus.js';
import type { StatusChangeEvent } from '../../service/statusEvents.js';
import { isSharedConversation } from '../channel.js';
import { decidedBelowCard, decisionCard, decisionDigestCard } from '../cards/decisionCards.js';
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
import type { AdaptiveCard } from '../cards/templates.js';
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
  /**
   * A conversation's decisions that come within this window go out as one digest card (40 schools
   * approved the same morning are one card, not 40); 0 sends each as it comes.
   */
  digestWindowMs: number;
}

const DEFAULT_NOTIFIER_SETTINGS: NotifierSettings = {
  maxAttempts: 5,
  maxThrottledAttempts: 20,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  concurrency: 8,
  perConversation: TEAMS_PER_CONVERSATION,
  perTenant: TEAMS_PER_TENANT,
  digestWindowMs: 2_000,
};

/** Deliveries held for digests at once, over every conversation (each is a lease on the outbox). */
const MAX_HELD = 500;

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
  /** Deliveries waiting for their conversation's digest window to close, by conversation. */
  private readonly held = new Map<string, { leases: DeliveryLease[]; timer: NodeJS.Timeout }>();
  /** Conversations whose window has closed, waiting for a free send. */
  private readonly ready: DeliveryLease[][] = [];
  /** Deliveries held or ready: each is a lease on the outbox. */
  private heldCount = 0;
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
    // Held deliveries stay in the outbox: their leases end and the next start sends them.
    for (const { timer } of this.held.values()) clearTimeout(timer);
    this.held.clear();
    this.ready.length = 0;
    this.heldCount = 0;
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

  /**
   * Starts what may go: the conversations whose digest window has closed, as many as the
   * concurrency allows; then takes the due deliveries, each held with its conversation's others
   * (or, without digests, sent at once). Returns how long to sleep before the next pump, or
   * undefined to wait for news.
   */
  private async startDue(): Promise<number | undefined> {
    while (this.inFlight.size < this.settings.concurrency) {
      const group = this.ready.shift();
      if (!group) break;
      this.heldCount -= group.length;
      await this.send(group);
    }
    const digesting = this.settings.digestWindowMs > 0;
    const free = digesting
      ? MAX_HELD - this.heldCount
      : this.settings.concurrency - this.inFlight.size;
    const leases = free > 0 ? await this.deps.outbox.receive(free) : [];
    for (const lease of leases) {
      if (digesting) this.hold(lease);
      else await this.send([lease]);
    }
    if (this.ready.length > 0) return 50;
    return this.deps.outbox.nextDueInMs();
  }

  /** Keeps a delivery with its conversation's others until the digest window closes. */
  private hold(lease: DeliveryLease): void {
    const key = lease.delivery.conversationKey;
    const held = this.held.get(key);
    this.heldCount++;
    if (held) {
      held.leases.push(lease);
      return;
    }
    const timer = setTimeout(() => {
      const group = this.held.get(key);
      this.held.delete(key);
      if (!group) return;
      this.ready.push(group.leases);
      this.schedule(0);
    }, this.settings.digestWindowMs);
    timer.unref();
    this.held.set(key, { leases: [lease], timer });
  }

  /** One conversation's deliveries, as one card, within Teams' limits; postponed when over them. */
  private async send(leases: DeliveryLease[]): Promise<void> {
    const first = leases[0];
    if (!first) return;
    const { conversationKey, tenantId } = first.delivery;
    const now = this.now().getTime();
    const wait = Math.max(
      this.perConversation.wait(conversationKey, now),
      this.perTenant.wait(tenantId, now),
    );
    if (wait > 0) {
      for (const lease of leases) await this.deps.outbox.postpone(lease, wait);
      return;
    }
    const conversationStamp = this.perConversation.record(conversationKey, now);
    const tenantStamp = this.perTenant.record(tenantId, now);
    for (const lease of leases) this.inFlight.add(lease.delivery.key);
    const delivered = leases.length === 1 ? this.deliver(first) : this.deliverDigest(leases);
    void delivered
      // A failed write leaves the delivery in the outbox, due again when its lease ends.
      .catch((error: unknown) =>
        this.deps.log.error('delivery could not be settled; it stays in the outbox', {
          notificationId: first.delivery.key,
          deliveries: leases.length,
          error,
        }),
      )
      .finally(() => {
        const finishedAt = this.now().getTime();
        this.perConversation.finished(conversationStamp, finishedAt);
        this.perTenant.finished(tenantStamp, finishedAt);
        for (const lease of leases) this.inFlight.delete(lease.delivery.key);
        if (this.inFlight.size === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
        this.schedule(0);
      });
  }

  /** Several decisions for one conversation: one card that lists them, each settled by its send. */
  private async deliverDigest(leases: DeliveryLease[]): Promise<void> {
    const conversation = await this.deps.conversations.get(
      leases[0]?.delivery.conversationKey ?? '',
    );
    const decided: { lease: DeliveryLease; company: string }[] = [];
    for (const lease of leases) {
      const customer = await this.deps.customers.operatorGet(lease.delivery.customerId);
      if (!conversation?.active || !customer || conversation.delivered.includes(lease.delivery.key))
        await this.deps.outbox.drop(lease);
      else decided.push({ lease, company: customer.companyProfile.companyName });
    }
    if (!conversation || decided.length === 0) return;
    const only = decided[0];
    if (decided.length === 1 && only) return this.deliver(only.lease);
    const i18n = localizer(conversation).markdown;
    const card = decisionDigestCard(
      i18n,
      decided.map(({ lease, company }) => ({
        company,
        to: lease.delivery.to,
        ...(lease.delivery.reason ? { reason: lease.delivery.reason } : {}),
      })),
    );
    const outcome = await this.sendCard(conversation.reference, card);
    for (const { lease } of decided) await this.settle(lease, outcome);
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
    const outcome = await this.sendCard(conversation.reference, card);
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

  /** One send; a throw (not an answer) counts as a transient failure. */
  private async sendCard(
    reference: Record<string, unknown>,
    card: AdaptiveCard,
  ): Promise<SendOutcome> {
    try {
      return await this.deps.sender.send(reference, card);
    } catch (error) {
      return { kind: 'transient', reason: (error as Error).message };
    }
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
