import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DocumentStore } from './ports/documentStore.js';
import { StateConflictError } from './storageError.js';

/**
 * Bot state (the dialog stack with the form, the recent submissions) as keyed documents, on
 * either backend's document store: botbuilder's Storage contract, restated so no SDK type is
 * needed here. Each document carries our own eTag, changed at every write.
 *
 * botbuilder's BotState writes back the object it read with `eTag: '*'`. With `guardWildcard`
 * (several instances share the state) such a write is held to the eTag the object had when it
 * was read, and an object that was absent when read must still be absent: the turn that lost a
 * race fails with StateConflictError instead of erasing the other turn's state, and the bot
 * asks the user to repeat. Measured: without it, two instances serving one conversation lose
 * updates. In one process the wildcard overwrites, as botbuilder's own storages do.
 */

interface StoreItem {
  eTag?: string;
  [key: string]: unknown;
}
export type StoreItems = Record<string, StoreItem>;

export const storedStateSchema = z.object({
  key: z.string(),
  eTag: z.string(),
  value: z.record(z.string(), z.unknown()),
});
export type StoredState = z.infer<typeof storedStateSchema>;

export class DocumentBotState {
  private readonly eTagsRead = new WeakMap<object, string>();

  constructor(
    private readonly docs: DocumentStore<StoredState>,
    private readonly options: { guardWildcard: boolean },
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const doc = await this.docs.get(key);
      if (!doc) continue;
      const item: StoreItem = { ...doc.value, eTag: doc.eTag };
      this.eTagsRead.set(item, doc.eTag);
      items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag: given, ...value } = item;
      const expected =
        given && given !== '*'
          ? given
          : this.options.guardWildcard
            ? (this.eTagsRead.get(item) ?? null)
            : undefined;
      const eTag = randomUUID();
      if (expected === undefined && this.docs.replace)
        // Unconditional (one process, botbuilder's wildcard): nothing stored needs reading.
        await this.docs.replace(key, { key, eTag, value });
      else
        await this.docs.update(key, (current) => {
          // undefined: unconditional; null: must not exist yet; a string: must still be that eTag.
          if (
            expected === null
              ? current !== undefined
              : expected !== undefined && current?.eTag !== expected
          )
            throw new StateConflictError(key);
          return { key, eTag, value };
        });
      // A second write of the same object in this turn is held to what this one stored.
      this.eTagsRead.set(item, eTag);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.docs.delete(key);
  }
}
