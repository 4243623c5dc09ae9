import fs from 'node:fs';
import { JSONFile } from 'lowdb/node';
import type { z } from 'zod';
import { KeyedMutex } from '../keyedMutex.js';
import type { DocumentStore } from '../ports/documentStore.js';
import { documentFile } from './documentFiles.js';
import { ensurePrivateDir } from '../privateFolder.js';

/**
 * Keyed documents on lowdb read from disk at every read, not held in memory: for bot state, one
 * document per conversation, most of them idle. A corrupt document reads as missing (that
 * conversation starts over); a folder that cannot be read throws, so the turn fails and says so,
 * and what the user entered is still there when the folder is back.
 */
export class DocumentFolder<T extends { key: string }> implements DocumentStore<T> {
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly dir: string,
    private readonly schema: z.ZodType<T>,
  ) {
    ensurePrivateDir(dir);
  }

  private async load(key: string): Promise<T | undefined> {
    let raw: unknown;
    try {
      raw = await new JSONFile<unknown>(documentFile(this.dir, key)).read();
    } catch (error) {
      if (error instanceof SyntaxError) return undefined;
      throw error;
    }
    const parsed = this.schema.safeParse(raw);
    return parsed.success && parsed.data.key === key ? parsed.data : undefined;
  }

  get(key: string): Promise<T | undefined> {
    return this.load(key);
  }

  update(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    return this.mutex.run(key, async () => {
      const current = await this.load(key);
      const next = change(current);
      if (next === undefined || next === current) return current;
      await new JSONFile<T>(documentFile(this.dir, key)).write(next);
      return next;
    });
  }

  async delete(key: string): Promise<void> {
    await this.mutex.run(key, async () => fs.rmSync(documentFile(this.dir, key), { force: true }));
  }

  async list(): Promise<T[]> {
    const docs: T[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const parsed = this.schema.safeParse(
        JSON.parse(fs.readFileSync(`${this.dir}/${name}`, 'utf8')),
      );
      if (parsed.success) docs.push(parsed.data);
    }
    return docs;
  }
}
