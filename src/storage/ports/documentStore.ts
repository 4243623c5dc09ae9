/** Keyed documents as the bot's stores use them; `partition` narrows a listing where keys have one. */
export interface DocumentStore<T extends { key: string }> {
  get(key: string): Promise<T | undefined>;
  /** Read-modify-write of one document, serialized with other changes to it; undefined leaves it. */
  update(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined>;
  /**
   * Writes the document whatever is stored, without reading it first: for a store that can (the
   * lowdb bot state); a caller without it uses `update`.
   */
  replace?(key: string, doc: T): Promise<void>;
  delete(key: string): Promise<void>;
  list(partition?: string): Promise<T[]>;
}
