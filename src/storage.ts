import path from 'node:path';
import type { Storage } from 'botbuilder';
import { BlobServiceClient } from '@azure/storage-blob';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { AzureDeliveryQueue, type AzureDeliverySettings } from './bot/notifications/azureDeliveryQueue.js';
import { conversationPartition, conversationRecordSchema, type ConversationRecord } from './bot/notifications/conversations.js';
import type { DeliveryQueue } from './bot/notifications/deliveryQueue.js';
import { LowdbDeliveryQueue } from './bot/notifications/lowdbDeliveryQueue.js';
import { deliverySchema } from './bot/notifications/outbox.js';
import { blobPlaceholders, ETagGuardedStorage } from './bot/state/etagGuardedStorage.js';
import { FileStorage } from './bot/state/fileStorage.js';
import type { Config } from './config.js';
import type { Clock } from './domain/clock.js';
import type { Logger } from './log.js';
import { QueueReviewQueue, type QueueReviewSettings } from './service/azure/queueReviewQueue.js';
import { TableCustomerStore } from './service/azure/tableCustomerStore.js';
import { TableDocumentStore } from './service/azure/tableDocumentStore.js';
import type { CustomerStore } from './service/customerStore.js';
import { DocumentCollection, type DocumentStore } from './service/lowdb/documentCollection.js';
import { DataDirInUseError, STALE_MS } from './service/lowdb/dataDirLock.js';
import { LowdbCustomerStore } from './service/lowdb/lowdbCustomerStore.js';
import { TimerReviewQueue, type ReviewQueue } from './service/reviewQueue.js';

/**
 * Every place the bot keeps something, on the backend the configuration names: lowdb files for
 * one process (the default), or Azure Storage for several instances. The service, the bot and
 * the notifier see only these ports.
 */
export interface StorageBackend {
  customers: CustomerStore;
  conversations: DocumentStore<ConversationRecord>;
  deliveries: DeliveryQueue;
  reviews: ReviewQueue;
  botState: Storage;
  close(): Promise<void>;
}

const BOT_STATE_CONTAINER = 'edu-bot-state';

/** Tests shorten the Azure queues' polling and leases. */
export interface StorageTuning {
  azureDeliveries?: Partial<AzureDeliverySettings>;
  azureReviews?: Partial<QueueReviewSettings>;
}

/**
 * Opens the lowdb store, waiting while DATA_DIR's lock is held but may be a dead process's that
 * has not gone stale yet (a restart right after a crash); a lock kept fresh still stops the start.
 */
async function openWhenFree(dataDir: string, log: Logger): Promise<LowdbCustomerStore> {
  const lost = (error: Error) => {
    // Another process may now write the same files: stop before losing anyone's updates.
    log.error('lost the DATA_DIR lock; stopping', { dataDir, error: error.message });
    process.kill(process.pid, 'SIGTERM');
  };
  const giveUpAt = Date.now() + STALE_MS + 2_000;
  for (let waited = false; ; waited = true) {
    try {
      return LowdbCustomerStore.open(dataDir, lost);
    } catch (error) {
      if (!(error instanceof DataDirInUseError) || Date.now() > giveUpAt) throw error;
      if (!waited) log.warn('DATA_DIR is locked; waiting in case it is the lock of a process that just died', { owner: error.owner });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export async function openStorage(config: Config, log: Logger, clock: Clock, tuning: StorageTuning = {}): Promise<StorageBackend> {
  if (config.storage.kind === 'azure') {
    const { connectionString: connection, leaseSeconds } = config.storage;
    const [customers, conversations, deliveries, reviews] = await Promise.all([
      TableCustomerStore.open(connection),
      TableDocumentStore.open(connection, 'eduConversations', conversationRecordSchema, conversationPartition),
      AzureDeliveryQueue.open(connection, { leaseSeconds, ...tuning.azureDeliveries }),
      QueueReviewQueue.open(connection, log, { leaseSeconds, ...tuning.azureReviews }, clock),
    ]);
    const stateContainer = BlobServiceClient.fromConnectionString(connection).getContainerClient(BOT_STATE_CONTAINER);
    await stateContainer.createIfNotExists();
    log.info('storage: Azure Storage (tables, queues and blobs); any number of instances may share it');
    return {
      customers,
      conversations,
      deliveries,
      reviews,
      botState: new ETagGuardedStorage(new BlobsStorage(connection, BOT_STATE_CONTAINER), blobPlaceholders(stateContainer)),
      close: () => customers.close(),
    };
  }
  const customers = await openWhenFree(config.dataDir, log);
  try {
    const outbox = DocumentCollection.open(path.join(config.dataDir, 'outbox'), deliverySchema);
    return {
      customers,
      conversations: DocumentCollection.open(path.join(config.dataDir, 'conversations'), conversationRecordSchema, conversationPartition),
      deliveries: new LowdbDeliveryQueue(outbox, clock),
      reviews: new TimerReviewQueue(clock),
      botState: new FileStorage(path.join(config.dataDir, 'bot-state')),
      close: () => customers.close(),
    };
  } catch (error) {
    await customers.close();
    throw error;
  }
}
