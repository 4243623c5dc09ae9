import type { QueueClient } from '@azure/storage-queue';
import { z } from 'zod';
import { systemClock, type Clock } from '../../domain/clock.js';
import type { Logger } from '../../log.js';
import type { ReviewQueue, ScheduledReview } from '../ports/reviewQueue.js';
import {
  decodeMessage,
  encodeMessage,
  MAX_VISIBILITY_SECONDS,
  NEVER_EXPIRES,
  openQueue,
} from './queues.js';
import type { AzureAccount } from '../ports/storageBackend.js';

/**
 * Reviews due later as messages on an Azure Storage queue, invisible until due (re-hidden when
 * the delay is longer than the service's seven days), never expiring. Whichever instance receives
 * a due message decides the review; one that dies meanwhile lets the message come back. A message
 * that keeps failing goes to a poison queue for operators.
 */

/** The queue of scheduled reviews, each message hidden until its review is due. */
export const REVIEW_QUEUE = 'edu-reviews';

const reviewSchema = z.object({
  customerId: z.string().min(1),
  reviewStartedAt: z.string().min(1),
  dueAt: z.string().min(1),
});

export interface QueueReviewSettings {
  pollMs: number;
  /** How long a received review stays hidden while it is decided. */
  leaseSeconds: number;
  maxDequeueCount: number;
}

export class QueueReviewQueue implements ReviewQueue {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  private constructor(
    private readonly queue: QueueClient,
    private readonly poison: QueueClient,
    private readonly log: Logger,
    private readonly settings: QueueReviewSettings,
    private readonly now: Clock,
  ) {}

  static async open(
    account: AzureAccount,
    log: Logger,
    settings: Partial<QueueReviewSettings> = {},
    now: Clock = systemClock,
  ): Promise<QueueReviewQueue> {
    const [queue, poison] = await Promise.all([
      openQueue(account, REVIEW_QUEUE),
      openQueue(account, `${REVIEW_QUEUE}-poison`),
    ]);
    return new QueueReviewQueue(
      queue,
      poison,
      log,
      { pollMs: 1000, leaseSeconds: 60, maxDequeueCount: 10, ...settings },
      now,
    );
  }

  private hiddenFor(review: ScheduledReview): number {
    return Math.min(
      MAX_VISIBILITY_SECONDS,
      Math.max(0, Math.ceil((Date.parse(review.dueAt) - this.now().getTime()) / 1000)),
    );
  }

  async schedule(review: ScheduledReview): Promise<void> {
    await this.queue.sendMessage(encodeMessage(review), {
      visibilityTimeout: this.hiddenFor(review),
      messageTimeToLive: NEVER_EXPIRES,
    });
  }

  async start(onDue: (review: ScheduledReview) => Promise<void>): Promise<void> {
    this.stopped = false;
    const poll = () => {
      if (this.stopped) return;
      this.running = this.receive(onDue)
        .catch((error: unknown) =>
          this.log.error('review queue could not be read; trying again', { error }),
        )
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(poll, this.settings.pollMs);
        });
    };
    poll();
  }

  private async receive(onDue: (review: ScheduledReview) => Promise<void>): Promise<void> {
    const { receivedMessageItems } = await this.queue.receiveMessages({
      numberOfMessages: 32,
      visibilityTimeout: this.settings.leaseSeconds,
    });
    for (const message of receivedMessageItems) {
      const parsed = reviewSchema.safeParse(decodeMessage(message.messageText));
      if (!parsed.success || message.dequeueCount > this.settings.maxDequeueCount) {
        await this.poison.sendMessage(message.messageText, { messageTimeToLive: NEVER_EXPIRES });
        await this.queue.deleteMessage(message.messageId, message.popReceipt);
        continue;
      }
      const review = parsed.data;
      const hidden = this.hiddenFor(review);
      if (hidden > 0) {
        // Due beyond the queue's longest delay: hide it again for the rest.
        await this.queue.updateMessage(message.messageId, message.popReceipt, undefined, hidden);
        continue;
      }
      try {
        await onDue(review);
        await this.queue.deleteMessage(message.messageId, message.popReceipt);
      } catch {
        // Left on the queue: it comes back when its lease ends.
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
