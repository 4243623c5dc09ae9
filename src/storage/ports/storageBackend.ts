import type { StoreItems } from '../botState.js';
import type { ConversationRecord } from '../records/conversation.js';
import type { ImportJob, ImportRow } from '../records/importJob.js';
import type { KeptSecret } from '../records/keptSecret.js';
import type { CustomerStore } from './customerStore.js';
import type { DeliveryQueue } from './deliveryQueue.js';
import type { DocumentStore } from './documentStore.js';
import type { ReviewQueue } from './reviewQueue.js';

/**
 * An Azure Storage account: by connection string (a secret: Azurite, or a key), or by its table
 * and queue endpoints with a Microsoft Entra identity (a managed identity in Azure, named by its
 * client id; otherwise whatever DefaultAzureCredential finds, such as `az login`).
 */
export type AzureAccount =
  { connectionString: string } | { tableUrl: string; queueUrl: string; clientId?: string };

/** Where the configuration says to keep things (config.ts parses it from the environment). */
export type StorageSettings =
  { kind: 'lowdb' } | { kind: 'azure'; account: AzureAccount; leaseSeconds: number };

/** botbuilder's Storage, as the bot's ConversationState uses it. */
interface BotStateStorage {
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/**
 * Every place the bot keeps something, on one backend: the service, the bot and the notifier
 * see only these ports.
 */
export interface StorageBackend {
  customers: CustomerStore;
  conversations: DocumentStore<ConversationRecord>;
  deliveries: DeliveryQueue;
  reviews: ReviewQueue;
  botState: BotStateStorage;
  /** Secrets that change while the bot runs (Partner Center's refresh token). */
  secrets: DocumentStore<KeptSecret>;
  /** Imports of many customers from a file, by partner, and their rows, by job. */
  importJobs: DocumentStore<ImportJob>;
  importRows: DocumentStore<ImportRow>;
  /** Resolves when the storage can be reached and written now; throws why not (for /readyz). */
  probe(): Promise<void>;
  close(): Promise<void>;
}
