import type { ActorRef, CustomerRecord, VettingStatus } from '../domain/customer.js';
import type { Logger } from '../log.js';

/** Published after a change of `vettingStatus` is stored. */
export interface StatusChangeEvent {
  /** Set for decisions: the durable event stored with the customer, to acknowledge once handled. */
  eventId?: string;
  customer: CustomerRecord;
  from: VettingStatus;
  to: VettingStatus;
  reason?: string;
  at: string;
  by: ActorRef;
}

export type StatusChangeListener = (event: StatusChangeEvent) => void | Promise<void>;

/** In-process publish/subscribe; a failing subscriber is logged and never affects the others. */
export class StatusEvents {
  private readonly listeners = new Set<StatusChangeListener>();

  constructor(private readonly log: Logger) {}

  subscribe(listener: StatusChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: StatusChangeEvent): void {
    for (const listener of this.listeners) {
      const fields = { customerId: event.customer.id, from: event.from, to: event.to };
      try {
        Promise.resolve(listener(event)).catch((error: unknown) =>
          this.log.error('status-change subscriber failed', { ...fields, error }),
        );
      } catch (error) {
        this.log.error('status-change subscriber failed', { ...fields, error });
      }
    }
  }
}
