import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { KeyedMutex } from '../../service/keyedMutex.js';
import { ensurePrivateDir } from '../../service/lowdb/privateFolder.js';

/** botbuilder's Storage contract, restated so the rest of the bot needs no SDK type here. */
export interface StoreItem {
  eTag?: string;
  [key: string]: unknown;
}
export type StoreItems = Record<string, StoreItem>;

const storedSchema = z.object({ key: z.string(), eTag: z.string(), value: z.record(z.string(), z.unknown()) });
type Stored = z.infer<typeof storedSchema>;

/**
 * Conversation and user state on disk (lowdb JSON documents, one per state key, atomic writes),
 * so a restart in the middle of a flow resumes where the user was. Honours eTags: a write with a
 * stale eTag fails instead of silently overwriting a newer state.
 */
export class FileStorage {
  private readonly mutex = new KeyedMutex();
  private counter = 0;

  constructor(private readonly dir: string) {
    ensurePrivateDir(dir);
  }

  private pathFor(key: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  }

  /**
   * The stored document, or undefined when missing or corrupt (the conversation starts over). A
   * folder that cannot be read throws: the turn fails and says so, and the form the user filled
   * in is still there when the folder is back, instead of being silently forgotten.
   */
  private async load(key: string): Promise<Stored | undefined> {
    let raw: unknown;
    try {
      raw = await new JSONFile<unknown>(this.pathFor(key)).read();
    } catch (error) {
      if (error instanceof SyntaxError) return undefined;
      throw error;
    }
    const parsed = storedSchema.safeParse(raw);
    return parsed.success && parsed.data.key === key ? parsed.data : undefined;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const stored = await this.load(key);
      if (stored) items[key] = { ...stored.value, eTag: stored.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, value] of Object.entries(changes)) {
      await this.mutex.run(key, async () => {
        const current = await this.load(key);
        if (value.eTag && value.eTag !== '*' && current && current.eTag !== value.eTag) {
          throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
        const { eTag: _ignored, ...rest } = value;
        const eTag = `${Date.now().toString(36)}-${(this.counter++).toString(36)}`;
        await new JSONFile<Stored>(this.pathFor(key)).write({ key, eTag, value: rest });
      });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.mutex.run(key, async () => fs.rmSync(this.pathFor(key), { force: true }));
    }
  }
}
