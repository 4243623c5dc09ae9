import fs from 'node:fs';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';
import type { z } from 'zod';
import { KeyedMutex } from '../keyedMutex.js';
import { readDataFile } from './dataFile.js';
import { documentFile } from './documentFiles.js';
import { ensurePrivateDir } from '../privateFolder.js';
import type { DocumentStore } from '../ports/documentStore.js';

/**
 * Keyed documents, one file each (atomic temp-and-rename writes), every one loaded and validated
 * at start and all held in memory (unlike CachedDocumentFolder, which reads a document when first
 * asked for): for the small collections read whole (conversations, the outbox, secrets). Changes
 * to one key are serialized and reach memory only once they are on disk.
 */
export class PreloadedDocumentFolder<T extends { key: string }> implements DocumentStore<T> {
  private readonly docs = new Map<string, T>();
  private readonly mutex = new KeyedMutex();

  private constructor(
    private readonly dir: string,
    /** The partition a key belongs to, for `list(partition)`. */
    private readonly partitionOf: (key: string) => string = () => '',
  ) {}

  /** Loads every document; a corrupt one stops the start with its name and is left as it is. */
  static open<T extends { key: string }>(
    dir: string,
    schema: z.ZodType<T>,
    partitionOf?: (key: string) => string,
  ): PreloadedDocumentFolder<T> {
    ensurePrivateDir(dir);
    const collection = new PreloadedDocumentFolder<T>(dir, partitionOf);
    for (const name of fs.readdirSync(dir)) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const doc = readDataFile(path.join(dir, name), schema, 'document');
      collection.docs.set(doc.key, doc);
    }
    return collection;
  }

  private fileOf(key: string): string {
    return documentFile(this.dir, key);
  }

  async get(key: string): Promise<T | undefined> {
    return this.docs.get(key);
  }

  async list(partition?: string): Promise<T[]> {
    const all = [...this.docs.values()];
    return partition === undefined
      ? all
      : all.filter((doc) => this.partitionOf(doc.key) === partition);
  }

  values(): IterableIterator<T> {
    return this.docs.values();
  }

  get size(): number {
    return this.docs.size;
  }

  /** Read-modify-write of one document; `change` returns undefined to leave it as it is. */
  async update(
    key: string,
    change: (current: T | undefined) => T | undefined,
  ): Promise<T | undefined> {
    return this.mutex.run(key, async () => {
      const current = this.docs.get(key);
      const next = change(current);
      if (next === undefined || next === current) return current;
      await new JSONFile<T>(this.fileOf(key)).write(next);
      this.docs.set(key, next);
      return next;
    });
  }

  async delete(key: string): Promise<void> {
    await this.mutex.run(key, async () => {
      fs.rmSync(this.fileOf(key), { force: true });
      this.docs.delete(key);
    });
  }

  /** Resolves when every change queued so far is written. */
  idle(): Promise<void> {
    return this.mutex.idle();
  }
}
