import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { QueueClient } from '@azure/storage-queue';
import {
  decodeMessage,
  encodeMessage,
  MAX_VISIBILITY_SECONDS,
  NEVER_EXPIRES,
  openQueue,
} from './queues.js';
import { statusCode } from './storageErrors.js';
import { openTable } from './tables.js';
import type { AttemptFailed, DeliveryLease, DeliveryQueue } from '../ports/deliveryQueue.js';
import { deliverySchema, type Delivery } from '../records/delivery.js';
import type { AzureAccount } from '../ports/storageBackend.js';

/**
 * The outbox on Azure Storage, shared by every instance: a queue of deliveries (messages never
 * expire), a poison queue for those parked as failed or dequeued too often (operators list and
 * retry them), and a "sent" marker row per delivered notification. Any instance may receive a
 * delivery; while it works on it the message is invisible to the others, and if it dies the
 * message comes back when the lease ends. The marker makes delivery idempotent: a copy of a
 * notification already delivered (a replayed decision, an instance that died after sending but
 * before deleting) is dropped, never shown twice.
 */

interface QueueLease extends DeliveryLease {
  messageId: string;
  popReceipt: string;
}

export interface AzureDeliverySettings {
  /** How long a received delivery stays hidden from other instances. */
  leaseSeconds: number;
  /** A message received this many times without being settled goes to the poison queue. */
  maxDequeueCount: number;
  /** How often an idle instance looks for work. */
  pollMs: number;
}

const DEFAULT_AZURE_DELIVERY_SETTINGS: AzureDeliverySettings = {
  leaseSeconds: 60,
  maxDequeueCount: 10,
  pollMs: 1000,
};

/** The queue every instance takes deliveries from (a received one is hidden, not gone, until settled). */
export const DELIVERY_QUEUE = 'edu-deliveries';
const MARKERS_PARTITION = 'sent';
const CLAIMS_PARTITION = 'claim';
const PEEK_LIMIT = 32;

export class AzureDeliveryQueue implements DeliveryQueue {
  private lastReceiveFoundWork = false;
  private readonly instanceId = randomUUID();

  private constructor(
    private readonly queue: QueueClient,
    private readonly poison: QueueClient,
    private readonly markers: TableClient,
    private readonly settings: AzureDeliverySettings,
  ) {}

  static async open(
    account: AzureAccount,
    settings: Partial<AzureDeliverySettings> = {},
  ): Promise<AzureDeliveryQueue> {
    const [queue, poison, markers] = await Promise.all([
      openQueue(account, DELIVERY_QUEUE),
      openQueue(account, `${DELIVERY_QUEUE}-poison`),
      openTable(account, 'eduDelivered'),
    ]);
    return new AzureDeliveryQueue(queue, poison, markers, {
      ...DEFAULT_AZURE_DELIVERY_SETTINGS,
      ...settings,
    });
  }

  private markerKey(key: string): string {
    return Buffer.from(key).toString('base64url');
  }

  private async wasDelivered(key: string): Promise<boolean> {
    try {
      await this.markers.getEntity(MARKERS_PARTITION, this.markerKey(key));
      return true;
    } catch (error) {
      if (statusCode(error) === 404) return false;
      throw error;
    }
  }

  /** 0 when this instance now holds the notification's claim; else how long another still holds it (ms). */
  private async claim(key: string): Promise<number> {
    const row = {
      partitionKey: CLAIMS_PARTITION,
      rowKey: this.markerKey(key),
      owner: this.instanceId,
      until: Date.now() + this.settings.leaseSeconds * 1000,
    };
    try {
      await this.markers.createEntity(row);
      return 0;
    } catch (error) {
      if (statusCode(error) !== 409) throw error;
    }
    const held = await this.markers.getEntity<{ until: number; owner: string }>(
      CLAIMS_PARTITION,
      row.rowKey,
    );
    const left = held.until - Date.now();
    if (left > 0 && held.owner !== this.instanceId) return left;
    try {
      // Ours (a retry), or the holder's lease ran out (it died): take it, unless another instance just did.
      await this.markers.updateEntity(row, 'Replace', { etag: held.etag });
      return 0;
    } catch (error) {
      if (statusCode(error) === 412) return this.settings.leaseSeconds * 1000;
      throw error;
    }
  }

  async enqueue(delivery: Delivery): Promise<void> {
    if (await this.wasDelivered(delivery.key)) return;
    await this.queue.sendMessage(encodeMessage(delivery), { messageTimeToLive: NEVER_EXPIRES });
  }

  async receive(max: number): Promise<DeliveryLease[]> {
    const received = await this.queue.receiveMessages({
      numberOfMessages: Math.min(32, Math.max(1, max)),
      visibilityTimeout: this.settings.leaseSeconds,
    });
    const leases: QueueLease[] = [];
    for (const message of received.receivedMessageItems) {
      const parsed = deliverySchema.safeParse(decodeMessage(message.messageText));
      const lease = { messageId: message.messageId, popReceipt: message.popReceipt };
      if (!parsed.success) {
        await this.poison.sendMessage(message.messageText, { messageTimeToLive: NEVER_EXPIRES });
        await this.queue.deleteMessage(lease.messageId, lease.popReceipt);
        continue;
      }
      const delivery = parsed.data;
      if (message.dequeueCount > this.settings.maxDequeueCount) {
        await this.park(
          { ...lease, delivery },
          {
            ...delivery,
            state: 'failed',
            lastError: `received ${message.dequeueCount} times without being settled`,
          },
        );
        continue;
      }
      if (await this.wasDelivered(delivery.key)) {
        await this.queue.deleteMessage(lease.messageId, lease.popReceipt);
        continue;
      }
      // Two copies of one notification (a decision replayed by two instances starting at once)
      // may be received by two instances: only the one holding the claim sends.
      const claimedFor = await this.claim(delivery.key);
      if (claimedFor > 0) {
        await this.hide({ ...lease, delivery }, claimedFor);
        continue;
      }
      leases.push({ ...lease, delivery });
    }
    this.lastReceiveFoundWork = received.receivedMessageItems.length > 0;
    return leases;
  }

  private async hide(lease: QueueLease, delayMs: number, delivery?: Delivery): Promise<void> {
    const seconds = Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
    await this.queue.updateMessage(
      lease.messageId,
      lease.popReceipt,
      delivery ? encodeMessage(delivery) : undefined,
      seconds,
    );
  }

  async postpone(lease: DeliveryLease, delayMs: number): Promise<void> {
    await this.hide(lease as QueueLease, delayMs);
  }

  async failed(lease: DeliveryLease, attempt: AttemptFailed): Promise<void> {
    const delivery: Delivery = {
      ...lease.delivery,
      attempts: attempt.attempts,
      lastError: attempt.lastError,
    };
    if (attempt.park) await this.park(lease as QueueLease, { ...delivery, state: 'failed' });
    else
      await this.hide(lease as QueueLease, attempt.delayMs, {
        ...delivery,
        nextAttemptAt: new Date(Date.now() + attempt.delayMs).toISOString(),
      });
  }

  private async park(lease: QueueLease, delivery: Delivery): Promise<void> {
    await this.poison.sendMessage(encodeMessage(delivery), { messageTimeToLive: NEVER_EXPIRES });
    await this.queue.deleteMessage(lease.messageId, lease.popReceipt);
  }

  async complete(lease: DeliveryLease): Promise<void> {
    try {
      await this.markers.createEntity({
        partitionKey: MARKERS_PARTITION,
        rowKey: this.markerKey(lease.delivery.key),
        at: new Date().toISOString(),
      });
    } catch (error) {
      // 409: another instance recorded it first; the notification is delivered either way.
      if (statusCode(error) !== 409) throw error;
    }
    await this.drop(lease);
  }

  async drop(lease: DeliveryLease): Promise<void> {
    const { messageId, popReceipt } = lease as QueueLease;
    try {
      await this.queue.deleteMessage(messageId, popReceipt);
    } catch (error) {
      // 404: the lease ended and another instance holds (or settled) the message.
      if (statusCode(error) !== 404) throw error;
    }
  }

  /** Another instance may queue work at any time: poll, sooner while there is work. */
  async nextDueInMs(): Promise<number> {
    return this.lastReceiveFoundWork ? 50 : this.settings.pollMs;
  }

  /** What operators see: the first 32 waiting and the first 32 failed (queues can only be peeked so far). */
  async list(): Promise<Delivery[]> {
    const [waiting, failed] = await Promise.all([
      this.queue.peekMessages({ numberOfMessages: PEEK_LIMIT }),
      this.poison.peekMessages({ numberOfMessages: PEEK_LIMIT }),
    ]);
    return [...waiting.peekedMessageItems, ...failed.peekedMessageItems]
      .map((m) => deliverySchema.safeParse(decodeMessage(m.messageText)))
      .filter((p) => p.success)
      .map((p) => p.data)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async retryFailed(): Promise<number> {
    let retried = 0;
    for (;;) {
      const { receivedMessageItems } = await this.poison.receiveMessages({
        numberOfMessages: 32,
        visibilityTimeout: 60,
      });
      if (receivedMessageItems.length === 0) return retried;
      for (const message of receivedMessageItems) {
        const parsed = deliverySchema.safeParse(decodeMessage(message.messageText));
        if (parsed.success) {
          const { lastError: _cleared, ...delivery } = parsed.data;
          await this.queue.sendMessage(
            encodeMessage({
              ...delivery,
              state: 'pending',
              attempts: 0,
              nextAttemptAt: new Date().toISOString(),
            }),
            { messageTimeToLive: NEVER_EXPIRES },
          );
          retried += 1;
        }
        await this.poison.deleteMessage(message.messageId, message.popReceipt);
      }
    }
  }

  async idle(): Promise<void> {}
}
