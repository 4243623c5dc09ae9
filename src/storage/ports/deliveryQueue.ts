import type { Delivery } from '../records/delivery.js';

/**
 * Where notifications wait to be delivered: the notifier's port. The embedded adapter keeps them
 * in lowdb documents for one process; the Azure adapter on a Storage queue, for any number of
 * instances. A lease hides a delivery from other consumers while one works on it.
 */

export interface DeliveryLease {
  readonly delivery: Delivery;
}

export interface AttemptFailed {
  attempts: number;
  lastError: string;
  /** When to try again; ignored when parked. */
  delayMs: number;
  /** Too many attempts: kept aside for operators (failed / poison), never retried on its own. */
  park: boolean;
}

export interface DeliveryQueue {
  /** Queues a delivery; one whose key is already queued or delivered is not shown twice. */
  enqueue(delivery: Delivery): Promise<void>;
  /** Up to `max` deliveries that are due, leased to this consumer. */
  receive(max: number): Promise<DeliveryLease[]>;
  /** Not now (a rate limit): due again after `delayMs`, no attempt counted. */
  postpone(lease: DeliveryLease, delayMs: number): Promise<void>;
  failed(lease: DeliveryLease, attempt: AttemptFailed): Promise<void>;
  /** Delivered: recorded so that a copy of it is never delivered again, then removed. */
  complete(lease: DeliveryLease): Promise<void>;
  /** Removed without delivery (the conversation or the customer is gone). */
  drop(lease: DeliveryLease): Promise<void>;
  /** How long until `receive` may find something; undefined: nothing until the next enqueue. */
  nextDueInMs(): Promise<number | undefined>;
  /** Waiting and failed deliveries, for operators. */
  list(): Promise<Delivery[]>;
  /** Failed deliveries back in the queue with fresh attempts; how many. */
  retryFailed(): Promise<number>;
  /** Resolves when writes under way are done. */
  idle(): Promise<void>;
}
