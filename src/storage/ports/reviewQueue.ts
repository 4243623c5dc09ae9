/**
 * When reviews fall due: the simulated reviewer's port. In one process a timer per review does;
 * with several instances, an Azure Storage queue whose messages stay invisible until due.
 */

export interface ScheduledReview {
  customerId: string;
  /** The review this decision is for: a resubmission starts a new one. */
  reviewStartedAt: string;
  /** ISO timestamp. */
  dueAt: string;
}

export interface ReviewQueue {
  /** Starts calling `onDue` for reviews as they fall due; a call that throws is tried again later. */
  start(onDue: (review: ScheduledReview) => Promise<void>): Promise<void>;
  schedule(review: ScheduledReview): Promise<void>;
  stop(): Promise<void>;
}
