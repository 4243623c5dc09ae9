import type { PreloadedDocumentFolder } from './preloadedDocumentFolder.js';
import type { AttemptFailed, DeliveryLease, DeliveryQueue } from '../ports/deliveryQueue.js';
import type { Delivery } from '../records/delivery.js';
import { systemClock, type Clock } from '../../domain/clock.js';

/** How long a lease holds when its holder never settles it (it cannot crash without the process). */
const LEASE_MS = 5 * 60_000;

/**
 * The embedded outbox: one lowdb document per delivery, for one process. Leases live in memory:
 * a restart starts with none, and every document not delivered is due again.
 */
export class LowdbDeliveryQueue implements DeliveryQueue {
  /** delivery key → leased until (ms since the epoch). */
  private readonly leases = new Map<string, number>();

  constructor(
    private readonly docs: PreloadedDocumentFolder<Delivery>,
    private readonly now: Clock = systemClock,
  ) {}

  async enqueue(delivery: Delivery): Promise<void> {
    await this.docs.update(delivery.key, (current) => current ?? delivery);
  }

  /** When a pending delivery may go: its next attempt, or later while leased. */
  private dueAt(delivery: Delivery): number {
    return Math.max(Date.parse(delivery.nextAttemptAt), this.leases.get(delivery.key) ?? 0);
  }

  async receive(max: number): Promise<DeliveryLease[]> {
    const now = this.now().getTime();
    const due = [...this.docs.values()]
      .filter((d) => d.state === 'pending' && this.dueAt(d) <= now)
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt))
      .slice(0, max);
    for (const delivery of due) this.leases.set(delivery.key, now + LEASE_MS);
    return due.map((delivery) => ({ delivery }));
  }

  async postpone({ delivery }: DeliveryLease, delayMs: number): Promise<void> {
    this.leases.set(delivery.key, this.now().getTime() + delayMs);
  }

  async failed({ delivery }: DeliveryLease, attempt: AttemptFailed): Promise<void> {
    const next = new Date(this.now().getTime() + attempt.delayMs).toISOString();
    await this.docs.update(delivery.key, (current) =>
      current
        ? {
            ...current,
            attempts: attempt.attempts,
            lastError: attempt.lastError,
            ...(attempt.park ? { state: 'failed' as const } : { nextAttemptAt: next }),
          }
        : undefined,
    );
    this.leases.delete(delivery.key);
  }

  async complete(lease: DeliveryLease): Promise<void> {
    await this.drop(lease);
  }

  async drop({ delivery }: DeliveryLease): Promise<void> {
    await this.docs.delete(delivery.key);
    this.leases.delete(delivery.key);
  }

  async nextDueInMs(): Promise<number | undefined> {
    const now = this.now().getTime();
    let next: number | undefined;
    for (const delivery of this.docs.values()) {
      if (delivery.state !== 'pending') continue;
      const wait = Math.max(0, this.dueAt(delivery) - now);
      next = next === undefined ? wait : Math.min(next, wait);
    }
    return next;
  }

  async list(): Promise<Delivery[]> {
    return [...this.docs.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async retryFailed(): Promise<number> {
    const failed = [...this.docs.values()].filter((d) => d.state === 'failed');
    const at = this.now().toISOString();
    for (const delivery of failed) {
      await this.docs.update(delivery.key, (current) => {
        if (!current || current.state !== 'failed') return undefined;
        const { lastError: _kept, ...rest } = current;
        return { ...rest, state: 'pending', attempts: 0, nextAttemptAt: at };
      });
    }
    return failed.length;
  }

  idle(): Promise<void> {
    return this.docs.idle();
  }
}
