import type { Clock } from '../domain/clock.js';
import type { Logger } from '../log.js';
import { openAzureBackend, type AzureTuning } from './azure/azureBackend.js';
import { openLowdbBackend } from './lowdb/lowdbBackend.js';
import type { StorageBackend, StorageSettings } from './ports/storageBackend.js';

export type { StorageBackend } from './ports/storageBackend.js';
export type StorageTuning = AzureTuning;
/** New files private to the bot's user (customer data): called once, before anything is written. */
export { keepNewFilesPrivate } from './privateFolder.js';

/**
 * Every place the bot keeps something, on the backend the configuration names: lowdb files for
 * one process (the default), or Azure Storage for several instances.
 */
export async function openStorage(
  config: { storage: StorageSettings; dataDir: string },
  log: Logger,
  clock: Clock,
  tuning: StorageTuning = {},
): Promise<StorageBackend> {
  if (config.storage.kind === 'azure')
    return openAzureBackend(
      config.storage.connectionString,
      config.storage.leaseSeconds,
      log,
      clock,
      tuning,
    );
  return openLowdbBackend(config.dataDir, log, clock);
}
