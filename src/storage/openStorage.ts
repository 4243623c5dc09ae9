import type { Clock } from '../domain/clock.js';
import type { Logger } from '../log.js';
import type { AzureTuning } from './azure/azureBackend.js';
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
  // The Azure SDKs load only for the Azure backend: most of a lowdb start-up's import time otherwise.
  if (config.storage.kind === 'azure') {
    const { openAzureBackend } = await import('./azure/azureBackend.js');
    return openAzureBackend(
      config.storage.account,
      config.storage.leaseSeconds,
      log,
      clock,
      tuning,
    );
  }
  return openLowdbBackend(config.dataDir, log, clock);
}
