import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../domain/clock.js';
import type { Logger } from '../../log.js';
import { DocumentBotState, storedStateSchema } from '../botState.js';
import type { StorageBackend } from '../ports/storageBackend.js';
import { keptSecretSchema } from '../records/keptSecret.js';
import { openImportFolders } from './importFolders.js';
import { conversationPartition, conversationRecordSchema } from '../records/conversation.js';
import { deliverySchema } from '../records/delivery.js';
import { DataDirInUseError, STALE_MS } from './dataDirLock.js';
import { PreloadedDocumentFolder } from './preloadedDocumentFolder.js';
import { CachedDocumentFolder } from './cachedDocumentFolder.js';
import { LowdbCustomerStore } from './lowdbCustomerStore.js';
import { LowdbDeliveryQueue } from './lowdbDeliveryQueue.js';
import { TimerReviewQueue } from '../timerReviewQueue.js';

/**
 * The embedded backend: lowdb files under DATA_DIR for one process (customers/, conversations/,
 * outbox/, bot-state/, imports/, import-rows/), and a timer per review. DATA_DIR is locked while the process runs.
 */

/**
 * Opens the customer store, waiting while DATA_DIR's lock is held but may be a dead process's that
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
      if (!waited)
        log.warn('DATA_DIR is locked; waiting in case it is the lock of a process that just died', {
          owner: error.owner,
        });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export async function openLowdbBackend(
  dataDir: string,
  log: Logger,
  clock: Clock,
): Promise<StorageBackend> {
  const customers = await openWhenFree(dataDir, log);
  try {
    const outbox = PreloadedDocumentFolder.open(path.join(dataDir, 'outbox'), deliverySchema);
    return {
      customers,
      conversations: PreloadedDocumentFolder.open(
        path.join(dataDir, 'conversations'),
        conversationRecordSchema,
        conversationPartition,
      ),
      deliveries: new LowdbDeliveryQueue(outbox, clock),
      reviews: new TimerReviewQueue(clock),
      secrets: PreloadedDocumentFolder.open(path.join(dataDir, 'secrets'), keptSecretSchema),
      ...openImportFolders(dataDir),
      // One process: a wildcard write overwrites, as botbuilder's own storages do.
      botState: new DocumentBotState(
        new CachedDocumentFolder(path.join(dataDir, 'bot-state'), storedStateSchema),
        { guardWildcard: false },
      ),
      // The files are the storage: the folder must still be a folder this process can write.
      probe: async () => {
        await fs.promises.access(dataDir, fs.constants.W_OK);
        if (!(await fs.promises.stat(dataDir)).isDirectory())
          throw new Error(`${dataDir} is not a folder`);
      },
      close: () => customers.close(),
    };
  } catch (error) {
    await customers.close();
    throw error;
  }
}
