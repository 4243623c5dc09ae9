import { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import type { AzureAccount } from '../ports/storageBackend.js';
import { credentialFor } from './credential.js';

/** A queue of the configured storage account, created when missing. */
export async function openQueue(account: AzureAccount, name: string): Promise<QueueClient> {
  const service =
    'connectionString' in account
      ? QueueServiceClient.fromConnectionString(account.connectionString)
      : new QueueServiceClient(account.queueUrl, credentialFor(account.clientId));
  const queue = service.getQueueClient(name);
  await queue.createIfNotExists();
  return queue;
}

/** Messages are JSON in base64: the queue service wants XML-safe text. */
export const encodeMessage = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64');
/** undefined for text that is not one of ours: the caller's schema then refuses it. */
export function decodeMessage(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The longest a message may stay invisible (the service's limit is 7 days). */
export const MAX_VISIBILITY_SECONDS = 7 * 24 * 60 * 60 - 60;
/** Messages that never expire. */
export const NEVER_EXPIRES = -1;
