import type { TableClient } from '@azure/data-tables';
import type { z } from 'zod';
import type { DocumentStore } from '../ports/documentStore.js';
import { retryWriteConflicts, statusCode } from './storageErrors.js';
import { StorageError } from '../storageError.js';
import { openTable } from './tables.js';
import type { AzureAccount } from '../ports/storageBackend.js';

/** A table string property holds 64 KiB (32 K UTF-16 characters): a document stays below. */
const MAX_DOCUMENT_CHARS = 30_000;

/**
 * Keyed documents in an Azure Table: one row per key (the document as JSON), in the partition
 * its key names. Every change is conditional on the etag read and re-applied on 412, so two
 * instances changing one document both count.
 */
export class TableDocumentStore<T extends { key: string }> implements DocumentStore<T> {
  private constructor(
    private readonly table: TableClient,
    private readonly schema: z.ZodType<T>,
    private readonly partitionOf: (key: string) => string,
  ) {}

  static async open<T extends { key: string }>(
    account: AzureAccount,
    tableName: string,
    schema: z.ZodType<T>,
    partitionOf: (key: string) => string,
  ): Promise<TableDocumentStore<T>> {
    return new TableDocumentStore(await openTable(account, tableName), schema, partitionOf);
  }

  /** Keys hold characters a row key may not (conversation ids have ; : @): base64url is safe. */
  private rowKey(key: string): string {
    return Buffer.from(key).toString('base64url');
  }

  private async read(key: string): Promise<{ doc: T; etag: string } | undefined> {
    try {
      const row = await this.table.getEntity<{ doc: string }>(
        this.partitionOf(key),
        this.rowKey(key),
      );
      return { doc: this.schema.parse(JSON.parse(row.doc)), etag: row.etag };
    } catch (error) {
      if (statusCode(error) === 404) return undefined;
      throw error;
    }
  }

  async get(key: string): Promise<T | undefined> {
    return (await this.read(key))?.doc;
  }

  async update(
    key: string,
    change: (current: T | undefined) => T | undefined,
  ): Promise<T | undefined> {
    return retryWriteConflicts(async () => {
      const current = await this.read(key);
      const next = change(current?.doc);
      if (next === undefined || next === current?.doc) return current?.doc;
      const doc = JSON.stringify(next);
      if (doc.length > MAX_DOCUMENT_CHARS)
        throw new StorageError(
          'tooLarge',
          `The document "${key.slice(0, 100)}" is ${doc.length} characters; a table row holds ${MAX_DOCUMENT_CHARS}.`,
        );
      const row = { partitionKey: this.partitionOf(key), rowKey: this.rowKey(key), doc };
      if (current) await this.table.updateEntity(row, 'Replace', { etag: current.etag });
      else await this.table.createEntity(row);
      return next;
    });
  }

  async delete(key: string): Promise<void> {
    try {
      await this.table.deleteEntity(this.partitionOf(key), this.rowKey(key));
    } catch (error) {
      if (statusCode(error) !== 404) throw error;
    }
  }

  async list(partition?: string): Promise<T[]> {
    const filter =
      partition === undefined ? undefined : `PartitionKey eq '${partition.replace(/'/g, "''")}'`;
    const docs: T[] = [];
    for await (const row of this.table.listEntities<{ doc: string }>(
      filter ? { queryOptions: { filter } } : {},
    )) {
      docs.push(this.schema.parse(JSON.parse(row.doc)));
    }
    return docs;
  }
}
