import { createHash } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';
import type { Logger } from '../../log.js';
import { DocumentBotState, storedStateSchema } from '../botState.js';
import type { AzureAccount, StorageBackend } from '../ports/storageBackend.js';
import { conversationPartition, conversationRecordSchema } from '../records/conversation.js';
import { keptSecretSchema, secretPartition } from '../records/keptSecret.js';
import {
  importJobPartition,
  importJobSchema,
  importRowPartition,
  importRowSchema,
} from '../records/importJob.js';
import { AzureDeliveryQueue, type AzureDeliverySettings } from './azureDeliveryQueue.js';
import { QueueReviewQueue, type QueueReviewSettings } from './queueReviewQueue.js';
import { TableCustomerStore } from './tableCustomerStore.js';
import { TableDocumentStore } from './tableDocumentStore.js';

/** Tests shorten the Azure queues' polling and leases. */
export interface AzureTuning {
  azureDeliveries?: Partial<AzureDeliverySettings>;
  azureReviews?: Partial<QueueReviewSettings>;
}

/** Bot state rows spread over 256 partitions, by a hash of the state key. */
const statePartition = (key: string): string =>
  createHash('sha256').update(key).digest('hex').slice(0, 2);

/** Azure Storage (tables and queues): any number of instances may share it. */
export async function openAzureBackend(
  connection: AzureAccount,
  leaseSeconds: number,
  log: Logger,
  clock: Clock,
  tuning: AzureTuning = {},
): Promise<StorageBackend> {
  const [customers, conversations, deliveries, reviews, state, secrets, importJobs, importRows] =
    await Promise.all([
      TableCustomerStore.open(connection),
      TableDocumentStore.open(
        connection,
        'eduConversations',
        conversationRecordSchema,
        conversationPartition,
      ),
      AzureDeliveryQueue.open(connection, { leaseSeconds, ...tuning.azureDeliveries }),
      QueueReviewQueue.open(connection, log, { leaseSeconds, ...tuning.azureReviews }, clock),
      TableDocumentStore.open(connection, 'eduBotState', storedStateSchema, statePartition),
      TableDocumentStore.open(connection, 'eduSecrets', keptSecretSchema, secretPartition),
      TableDocumentStore.open(connection, 'eduImportJobs', importJobSchema, importJobPartition),
      TableDocumentStore.open(connection, 'eduImportRows', importRowSchema, importRowPartition),
    ]);
  log.info('storage: Azure Storage (tables and queues); any number of instances may share it');
  return {
    customers,
    conversations,
    deliveries,
    reviews,
    secrets,
    importJobs,
    importRows,
    // Instances race on one conversation's state: the loser is refused, never silently overwritten.
    botState: new DocumentBotState(state, { guardWildcard: true }),
    // One point read of a row that does not exist: a round trip to the customers table.
    probe: async () => {
      await customers.get('readiness-probe');
    },
    close: () => customers.close(),
  };
}
