import type { ContainerClient } from '@azure/storage-blob';
import type { Storage, StoreItems } from 'botbuilder';
import { statusCode } from '../../service/azure/storageErrors.js';
// BlobsStorage's own key → blob name mapping: the placeholder must land where it reads.
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey.js';

/**
 * Bot state that is never silently overwritten by another instance. botbuilder's BotState writes
 * back the object it read with `eTag: '*'` (measured: two instances serving one conversation lose
 * updates). This wrapper remembers the eTag each object had when it was read and writes with it,
 * so a turn that lost the race fails with StateConflictError instead of erasing the other turn's
 * state; the bot then asks the user to repeat.
 *
 * A state read for the first time does not exist yet, so it has no eTag to hold: `createIfAbsent`
 * stores an empty one (create-only, so it never overwrites another's), and it is read again.
 */

export class StateConflictError extends Error {
  constructor(key: string) {
    super(`The state "${key}" changed in another turn since this turn read it.`);
    this.name = 'StateConflictError';
  }
}

export class ETagGuardedStorage implements Storage {
  private readonly eTagsRead = new WeakMap<object, string>();

  constructor(
    private readonly inner: Storage,
    private readonly createIfAbsent: (key: string) => Promise<void>,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    let items = await this.inner.read(keys);
    const missing = keys.filter((key) => !items[key]);
    if (missing.length > 0) {
      await Promise.all(missing.map((key) => this.createIfAbsent(key)));
      items = { ...items, ...(await this.inner.read(missing)) };
    }
    for (const item of Object.values(items)) {
      if (item && typeof item === 'object' && typeof item.eTag === 'string' && item.eTag !== '*') this.eTagsRead.set(item, item.eTag);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const guarded: StoreItems = {};
    for (const [key, item] of Object.entries(changes)) {
      const eTag = item && typeof item === 'object' ? this.eTagsRead.get(item) : undefined;
      guarded[key] = eTag && item.eTag === '*' ? { ...item, eTag } : item;
    }
    try {
      await this.inner.write(guarded);
    } catch (error) {
      const key = Object.keys(changes)[0] ?? '';
      if (/eTag conflict|precondition/i.test((error as Error).message) || statusCode(error) === 412) throw new StateConflictError(key);
      throw error;
    }
    // The stored eTag is new now and unknown here: a second write of the same object is unconditional.
    for (const item of Object.values(changes)) if (item && typeof item === 'object') this.eTagsRead.delete(item);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

/** Create-only: an empty state blob, unless one exists (409/412: another turn made it first). */
export function blobPlaceholders(container: ContainerClient): (key: string) => Promise<void> {
  return async (key) => {
    try {
      await container.getBlockBlobClient(sanitizeBlobKey(key)).upload('{}', 2, {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
    } catch (error) {
      const code = statusCode(error);
      if (code !== 409 && code !== 412) throw error;
    }
  };
}
