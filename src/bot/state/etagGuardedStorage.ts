import type { Storage, StoreItems } from 'botbuilder';

/**
 * Bot state that is never silently overwritten by another instance. botbuilder's BotState writes
 * back the object it read with `eTag: '*'` (measured: two instances serving one conversation lose
 * updates). This wrapper remembers the eTag each object had when it was read and writes with it,
 * so a turn that lost the race fails with StateConflictError instead of erasing the other turn's
 * state; the bot then asks the user to repeat.
 *
 * Not covered: the very first write of a conversation's state (nothing was read, so there is no
 * eTag to hold; BlobsStorage has no create-only write).
 */

export class StateConflictError extends Error {
  constructor(key: string) {
    super(`The state "${key}" changed in another turn since this turn read it.`);
    this.name = 'StateConflictError';
  }
}

export class ETagGuardedStorage implements Storage {
  private readonly eTagsRead = new WeakMap<object, string>();

  constructor(private readonly inner: Storage) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
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
      if (/eTag conflict|precondition/i.test((error as Error).message) || (error as { statusCode?: number }).statusCode === 412) throw new StateConflictError(key);
      throw error;
    }
    // The stored eTag is new now and unknown here: a second write of the same object is unconditional.
    for (const item of Object.values(changes)) if (item && typeof item === 'object') this.eTagsRead.delete(item);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}
