import fs from 'node:fs';
import { TextFileSync } from 'lowdb/node';
import type { z } from 'zod';
import type { DocumentStore } from '../ports/documentStore.js';
import { documentFile } from './documentFiles.js';
import { ensurePrivateDir } from '../privateFolder.js';
import { RecentTexts } from './recentTexts.js';

/** Enough for the state of some thousands of recent conversations (a form's is 2–5 KB). */
const HELD_CHARS = 32 * 1024 * 1024;

/**
 * Keyed documents, one file each, read when first asked for and the recent ones' texts kept in
 * memory (unlike PreloadedDocumentFolder, which loads all at start): for bot state, one document
 * per conversation, most of them idle. The process owns DATA_DIR (its lock), so what it last read
 * or wrote is what the file holds. A changed document is written once, through a temporary file
 * and a rename, before the memory copy changes (so what the memory says is always on disk).
 *
 * A turn parses its document once: `get` parses the held text into the caller's own copy (the
 * caller may change it), and `replace` writes without reading (`update` parses only for a write
 * that depends on what is stored). A corrupt document reads as missing (that conversation starts
 * over). The folder itself is looked at only when a write fails, to say what is wrong with it;
 * what the user entered is still there when the folder is back.
 *
 * Files are read and written synchronously (lowdb's TextFileSync: a temporary file, then a
 * rename), so no two operations on a document interleave and none needs a lock. A document is a
 * few KB: its write blocks the event loop for tens of µs, where the promise-based writer cost
 * each form step about a sixth of its CPU (file handles, the thread pool's round trips; measured
 * in bench:turn). Compact JSON: the bot alone reads these files.
 */
export class CachedDocumentFolder<T extends { key: string }> implements DocumentStore<T> {
  private readonly held = new RecentTexts(HELD_CHARS);

  constructor(
    private readonly dir: string,
    private readonly schema: z.ZodType<T>,
  ) {
    ensurePrivateDir(dir);
  }

  private load(key: string): T | undefined {
    const held = this.held.get(key);
    if (held !== undefined) return held === null ? undefined : (JSON.parse(held) as T);
    const text = new TextFileSync(documentFile(this.dir, key)).read();
    const doc = text === null ? undefined : this.parse(key, text);
    this.held.set(key, doc ? text : null);
    return doc;
  }

  private parse(key: string, text: string): T | undefined {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return undefined;
    }
    const parsed = this.schema.safeParse(raw);
    return parsed.success && parsed.data.key === key ? parsed.data : undefined;
  }

  /** The caller's own copy: parsed from the held text (checked when it was read or written). */
  async get(key: string): Promise<T | undefined> {
    return this.load(key);
  }

  async update(
    key: string,
    change: (current: T | undefined) => T | undefined,
  ): Promise<T | undefined> {
    const current = this.load(key);
    const next = change(current);
    if (next === undefined || next === current) return current;
    this.write(key, next);
    return next;
  }

  async replace(key: string, doc: T): Promise<void> {
    this.write(key, doc);
  }

  private write(key: string, doc: T): void {
    const text = JSON.stringify(doc);
    try {
      new TextFileSync(documentFile(this.dir, key)).write(text);
    } catch (error) {
      // The file may or may not have changed: ask the disk next time.
      this.held.forget(key);
      throw this.folderProblem() ?? error;
    }
    this.held.set(key, text);
  }

  /** What is wrong with the folder itself, when that is why a write failed. */
  private folderProblem(): Error | undefined {
    try {
      if (fs.statSync(this.dir).isDirectory()) return undefined;
      return new Error(`${this.dir} is not a folder`);
    } catch (error) {
      return error as Error;
    }
  }

  async delete(key: string): Promise<void> {
    this.held.forget(key);
    fs.rmSync(documentFile(this.dir, key), { force: true });
    this.held.set(key, null);
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
