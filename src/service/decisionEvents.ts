import type { CustomerRecord, PendingEvent } from '../domain/customer.js';
import { ok } from '../domain/result.js';
import type { Logger } from '../log.js';
import type { CustomerStore } from '../storage/ports/customerStore.js';
import type { DecisionEvents } from './educationCustomers.js';
import { StatusEvents, type StatusChangeEvent, type StatusChangeListener } from './statusEvents.js';

/**
 * Changes of a customer's status, as they are stored: published in this process at once, and
 * decisions also kept with the customer until the notifier has queued them (so a crash loses none).
 */
export class DecisionEventLog implements DecisionEvents {
  private readonly events: StatusEvents;

  constructor(
    private readonly store: CustomerStore,
    log: Logger,
  ) {
    this.events = new StatusEvents(log);
  }

  onStatusChange(listener: StatusChangeListener): () => void {
    return this.events.subscribe(listener);
  }

  publish(event: StatusChangeEvent): void {
    this.events.publish(event);
  }

  async pendingDecisionEvents(): Promise<StatusChangeEvent[]> {
    const records = await this.store.withPendingEvents();
    return records.flatMap((record) =>
      (record.pendingEvents ?? []).map((event) => decisionEvent(record, event)),
    );
  }

  async acknowledgeEvent(customerId: string, eventId: string): Promise<void> {
    await this.store.update(customerId, (current) => {
      const remaining = (current.pendingEvents ?? []).filter((e) => e.id !== eventId);
      if (remaining.length === (current.pendingEvents ?? []).length) return ok(current);
      const { pendingEvents: _all, ...rest } = current;
      return ok(remaining.length > 0 ? { ...rest, pendingEvents: remaining } : rest);
    });
  }
}

/** The status-change event of a decision stored with the customer. */
export function decisionEvent(customer: CustomerRecord, event: PendingEvent): StatusChangeEvent {
  return {
    eventId: event.id,
    customer,
    from: event.from,
    to: event.to,
    ...(event.reason ? { reason: event.reason } : {}),
    at: event.at,
    by: event.by,
  };
}
