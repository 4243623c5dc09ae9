import type {
  TableClient,
  TableEntity,
  TableEntityResult,
  TransactionAction,
} from '@azure/data-tables';
import {
  customerRecordSchema,
  historyEntrySchema,
  type CustomerRecord,
  type HistoryEntry,
  type VettingStatus,
} from '../../domain/customer.js';
import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result.js';
import { foldText } from '../../domain/text.js';
import { VETTING_STATUSES } from '../../domain/customer.js';
import type { CustomerPage, CustomerQuery, CustomerStore } from '../ports/customerStore.js';
import { tokenCursor, tokenOf } from '../cursors.js';
import { byLastChange, pageOfMatches, searchMatcher, type SearchEntry } from '../customerSearch.js';
import { retryWriteConflicts, statusCode } from './storageErrors.js';
import { openTable } from './tables.js';
import { afterPrefix, keyRange, odata, partitionRange } from './rowRanges.js';
import { SearchSnapshot } from './searchSnapshot.js';
import type { AzureAccount } from '../ports/storageBackend.js';

/**
 * Customers in an Azure Table, for several instances at once. Each partner tenant is a partition;
 * one transaction per change writes, in that partition: the customer row (its record as JSON,
 * status and requests as columns, its history while short), the new history rows, the index rows lists read (by name, by
 * status, by last change), and the partner's counters. Every write carries the etags it read, so
 * a change made meanwhile by another instance fails the transaction with 412 and is re-applied to
 * the fresh record: the state machine and the three-request limit hold across instances.
 *
 * Two partitions span tenants: `domains` (a claim row per primary domain, created before the
 * customer, so a domain is taken once across instances) and `ids` (customer id → tenant).
 */

const DOMAINS = '~domains';
const IDS = '~ids';
const STATS = 'stats';
/** A claim whose customer never appeared (its writer died) is free again after this long. */
const ABANDONED_CLAIM_MS = 5 * 60_000;

type Entity = TableEntity;
type Stored = TableEntityResult<Record<string, unknown>>;

const CUSTOMER_PREFIX = 'customer|';
const customerKey = (id: string) => `${CUSTOMER_PREFIX}${id}`;
const historyPrefix = (id: string) => `history|${id}|`;
const historyKey = (id: string, index: number) =>
  `${historyPrefix(id)}${String(index).padStart(4, '0')}`;
/** Row keys may not hold / \ # ? or control characters. */
// Row keys may not hold / \\ # ? or control characters.
// eslint-disable-next-line no-control-regex -- the control characters are what is replaced
const keyPart = (text: string) => text.replace(/[/\\#?\u0000-\u001f\u007f-\u009f]/g, '_');
const nameKey = (record: CustomerRecord) =>
  `${keyPart(foldText(record.companyProfile.companyName))}|${record.id}`;
const invertedMs = (ms: number) => String(9_999_999_999_999 - ms).padStart(13, '0');
const invertedTime = (iso: string) => invertedMs(Date.parse(iso));

/** The index rows a record has: one per way a partner's list can be read. */
function indexRows(record: CustomerRecord): Entity[] {
  const status = record.qualification.vettingStatus;
  // Every change rewrites these columns on every index row, so searches sort without reading records.
  const common = {
    partitionKey: record.partnerTenantId,
    customerId: record.id,
    status,
    name: foldText(record.companyProfile.companyName),
    domain: record.companyProfile.domain.toLowerCase(),
    updatedAt: record.updatedAt,
    ...(record.qualification.vettingCreateDate
      ? { requestedAt: record.qualification.vettingCreateDate }
      : {}),
  };
  return [
    { ...common, rowKey: `name|${nameKey(record)}` },
    { ...common, rowKey: `status|${status}|${nameKey(record)}` },
    { ...common, rowKey: `changed|${invertedTime(record.updatedAt)}|${record.id}` },
    ...(record.pendingEvents?.length ? [{ ...common, rowKey: `pending|${record.id}` }] : []),
  ];
}

/**
 * The history also rides on the customer row while it is short, so reading a customer is one
 * point read, not a point read and a range query. Every write of the row writes it, in the same
 * transaction as the history rows, so the two never disagree. A longer history (a string column
 * holds 64 KiB), or a row written before the column, is read from its history rows.
 */
const HISTORY_ON_ROW_MAX_CHARS = 30_000;
const historyListSchema = z.array(historyEntrySchema);

function customerRow(record: CustomerRecord): Entity {
  const { qualification, ...rest } = record;
  const { history, ...withoutHistory } = qualification;
  const historyJson = JSON.stringify(history);
  return {
    partitionKey: record.partnerTenantId,
    rowKey: customerKey(record.id),
    status: qualification.vettingStatus,
    requests: qualification.verificationRequests,
    domain: record.companyProfile.domain.toLowerCase(),
    updatedAt: record.updatedAt,
    record: JSON.stringify({ ...rest, qualification: withoutHistory }),
    ...(historyJson.length <= HISTORY_ON_ROW_MAX_CHARS ? { history: historyJson } : {}),
  };
}

/** Whether the customer row carries its whole history (else it is in the history rows). */
const historyOnRow = (row: Stored): boolean => typeof row.history === 'string';

/** A customer from its row and, when the row does not carry it, its history rows. */
function assemble(row: Stored, historyRows: Stored[]): CustomerRecord {
  const partial = JSON.parse(String(row.record)) as CustomerRecord;
  const entries: HistoryEntry[] = historyOnRow(row)
    ? historyListSchema.parse(JSON.parse(String(row.history)))
    : historyRows
        .sort((a, b) => ((a.rowKey ?? '') < (b.rowKey ?? '') ? -1 : 1))
        .map((h) => historyEntrySchema.parse(JSON.parse(String(h.entry))));
  return customerRecordSchema.parse({
    ...partial,
    qualification: { ...partial.qualification, history: entries },
  });
}

export class TableCustomerStore implements CustomerStore {
  private readonly tenantOfId = new Map<string, string>();
  private readonly snapshot: SearchSnapshot;

  private constructor(private readonly table: TableClient) {
    this.snapshot = new SearchSnapshot(table, {
      namePrefix: 'name|',
      changedPrefix: 'changed|',
      changedKey: (time) => `changed|${invertedMs(time)}`,
    });
  }

  static async open(
    account: AzureAccount,
    tableName = 'eduCustomers',
  ): Promise<TableCustomerStore> {
    return new TableCustomerStore(await openTable(account, tableName));
  }

  // --- Reading ------------------------------------------------------------------------------

  private async tenantOf(id: string): Promise<string | undefined> {
    const cached = this.tenantOfId.get(id);
    if (cached) return cached;
    const row = await this.pointRead(IDS, keyPart(id));
    const tenant = typeof row?.tenantId === 'string' ? row.tenantId : undefined;
    if (tenant) this.tenantOfId.set(id, tenant);
    return tenant;
  }

  private async pointRead(partitionKey: string, rowKey: string): Promise<Stored | undefined> {
    try {
      return await this.table.getEntity(partitionKey, rowKey);
    } catch (error) {
      if (statusCode(error) === 404) return undefined;
      throw error;
    }
  }

  private async rows(filter: string): Promise<Stored[]> {
    const rows: Stored[] = [];
    for await (const row of this.table.listEntities({ queryOptions: { filter } })) rows.push(row);
    return rows;
  }

  private historyOf(tenant: string, id: string): Promise<Stored[]> {
    return this.rows(rangeFilter(tenant, historyPrefix(id)));
  }

  private async readWithEtag(
    tenant: string,
    id: string,
  ): Promise<{ record: CustomerRecord; etag: string } | undefined> {
    const row = await this.pointRead(tenant, customerKey(id));
    return row ? { record: await this.wholeRecord(row), etag: row.etag } : undefined;
  }

  /** The customer a row holds, with its history rows read only when the row does not carry them. */
  private async wholeRecord(row: Stored): Promise<CustomerRecord> {
    if (historyOnRow(row)) return assemble(row, []);
    const id = String(row.rowKey).slice(CUSTOMER_PREFIX.length);
    return assemble(row, await this.historyOf(row.partitionKey ?? '', id));
  }

  async get(id: string): Promise<CustomerRecord | undefined> {
    const tenant = await this.tenantOf(id);
    return tenant ? (await this.readWithEtag(tenant, id))?.record : undefined;
  }

  async getByDomain(domain: string): Promise<CustomerRecord | undefined> {
    const claim = await this.pointRead(DOMAINS, keyPart(domain.toLowerCase()));
    return typeof claim?.customerId === 'string' ? this.get(claim.customerId) : undefined;
  }

  async isDomainTaken(domain: string): Promise<boolean> {
    const claim = await this.pointRead(DOMAINS, keyPart(domain.toLowerCase()));
    return claim !== undefined && !(await this.abandoned(claim));
  }

  /**
   * Whole customers of one partner (or of all, for operators) from one range query: customer rows
   * and history rows sort next to each other ('customer|' < 'history|'), index rows after them.
   */
  async *scan(partnerTenantId?: string): AsyncIterable<CustomerRecord> {
    const range = `RowKey ge '${CUSTOMER_PREFIX}' and RowKey lt 'history}'`;
    const filter =
      partnerTenantId === undefined
        ? range
        : `PartitionKey eq '${odata(partnerTenantId)}' and ${range}`;
    const customers: Stored[] = [];
    const histories = new Map<string, Stored[]>();
    for (const row of await this.rows(filter)) {
      const key = String(row.rowKey);
      if (key.startsWith(CUSTOMER_PREFIX)) customers.push(row);
      else {
        const id = `${row.partitionKey}|${key.split('|')[1]}`;
        histories.set(id, [...(histories.get(id) ?? []), row]);
      }
    }
    for (const row of customers)
      yield assemble(
        row,
        histories.get(`${row.partitionKey}|${String(row.rowKey).slice(CUSTOMER_PREFIX.length)}`) ??
          [],
      );
  }

  /** The `pending|` index rows, across partners: no customer without pending events is read. */
  async withPendingEvents(): Promise<CustomerRecord[]> {
    const rows = await this.rows(rowRange('pending|'));
    const found = await Promise.all(
      rows.map((row) => this.readWithEtag(row.partitionKey ?? '', String(row.customerId))),
    );
    return found.filter((f) => f !== undefined).map((f) => f.record);
  }

  async query(query: CustomerQuery): Promise<CustomerPage> {
    if (query.partnerTenantId === undefined) return this.operatorQuery(query);
    const tenant = query.partnerTenantId;
    if (query.text !== undefined || query.requestedBefore !== undefined)
      return this.search(tenant, query);
    const sort = query.sort ?? 'name';
    const prefix =
      sort === 'lastChange' ? 'changed|' : query.status ? `status|${query.status}|` : 'name|';
    const statusFilter =
      sort === 'lastChange' && query.status ? ` and status eq '${query.status}'` : '';
    const { rows, next } = await this.page(
      rangeFilter(tenant, prefix) + statusFilter,
      query.limit,
      query.cursor,
    );
    const [items, total] = await Promise.all([
      this.records(tenant, rows),
      this.count(tenant, query.status),
    ]);
    return next ? { items, total, nextCursor: next } : { items, total };
  }

  /** One page of index rows, following Table continuation tokens until `limit` rows are in. */
  private async page(
    filter: string,
    limit: number,
    cursor: string | undefined,
  ): Promise<{ rows: Stored[]; next?: string }> {
    const rows: Stored[] = [];
    let token = tokenOf(cursor);
    do {
      const pages = this.table.listEntities({ queryOptions: { filter } }).byPage({
        maxPageSize: limit - rows.length,
        ...(token ? { continuationToken: token } : {}),
      });
      const next = await pages.next();
      // The SDK types a page loosely; a page is an array of rows with a continuation token.
      const value = next.value as (Stored[] & { continuationToken?: string }) | undefined;
      if (next.done === true || !value) {
        token = undefined;
        break;
      }
      rows.push(...value);
      token = value.continuationToken;
    } while (token && rows.length < limit);
    return token ? { rows, next: tokenCursor(token) } : { rows };
  }

  private records(tenant: string, indexRowsRead: Stored[]): Promise<CustomerRecord[]> {
    return Promise.all(
      indexRowsRead.map(async (row) => {
        const found = await this.readWithEtag(tenant, String(row.customerId));
        if (!found) throw new Error(`index row ${row.rowKey} names a missing customer`);
        return found.record;
      }),
    );
  }

  private async count(tenant: string, status: VettingStatus | undefined): Promise<number> {
    const stats = await this.pointRead(tenant, STATS);
    return stats ? counted(stats, status) : 0;
  }

  /** Text and request dates are matched in memory (searchSnapshot.ts): the Table service has no "contains". */
  private async search(tenant: string, query: CustomerQuery): Promise<CustomerPage> {
    const matches = searchMatcher(query);
    const found: SearchEntry[] = [];
    for (const entry of await this.snapshot.entriesOf(tenant))
      if (matches(entry)) found.push(entry);
    found.sort(query.sort === 'lastChange' ? byLastChange : byNameAndId);
    const page = pageOfMatches(found, query);
    const items = await Promise.all(
      page.items.map(async (entry) => {
        const read = await this.readWithEtag(tenant, entry.id);
        if (!read) throw new Error(`the search index names a missing customer ${entry.id}`);
        return read.record;
      }),
    );
    return { ...page, items };
  }

  /** Across partners: a filtered scan of customer rows (operators and start-up replays only). */
  private async operatorQuery(query: CustomerQuery): Promise<CustomerPage> {
    const status = query.status ? ` and status eq '${query.status}'` : '';
    const { rows, next } = await this.page(
      rowRange('customer|') + status,
      query.limit,
      query.cursor,
    );
    const items = await Promise.all(rows.map((row) => this.wholeRecord(row)));
    // Totals from each partner's counters row: one row per partner, not one per customer.
    const counters = await this.rows(`RowKey eq '${STATS}'`);
    const total = counters.reduce((sum, row) => sum + counted(row, query.status), 0);
    return next ? { items, total, nextCursor: next } : { items, total };
  }

  // --- Writing -----------------------------------------------------------------------------

  /** Customers whose claim row exists without a customer after a while: its writer died. */
  private async abandoned(claim: Stored): Promise<boolean> {
    if (Date.now() - Date.parse(String(claim.claimedAt)) < ABANDONED_CLAIM_MS) return false;
    const tenant = String(claim.tenantId);
    return (await this.pointRead(tenant, customerKey(String(claim.customerId)))) === undefined;
  }

  async insert(record: CustomerRecord): Promise<Result<CustomerRecord, 'domainTaken'>> {
    const domain = keyPart(record.companyProfile.domain.toLowerCase());
    const claim = {
      partitionKey: DOMAINS,
      rowKey: domain,
      customerId: record.id,
      tenantId: record.partnerTenantId,
      claimedAt: new Date().toISOString(),
    };
    try {
      await this.table.createEntity(claim);
    } catch (error) {
      if (statusCode(error) !== 409) throw error;
      const existing = await this.pointRead(DOMAINS, domain);
      if (!existing || !(await this.abandoned(existing))) return fail('domainTaken');
      try {
        await this.table.updateEntity(claim, 'Replace', { etag: existing.etag });
      } catch (takeOver) {
        if (statusCode(takeOver) === 412) return fail('domainTaken'); // another instance took it first
        throw takeOver;
      }
    }
    try {
      await this.table.upsertEntity({
        partitionKey: IDS,
        rowKey: keyPart(record.id),
        tenantId: record.partnerTenantId,
      });
      // Only the counters can race here (the rows are new): redo with fresh counters.
      await retryWriteConflicts(() =>
        this.writeWithCounters(record.partnerTenantId, (counts) => {
          counts[record.qualification.vettingStatus] += 1;
          return [
            ['create', customerRow(record)],
            ...record.qualification.history.map((entry, index): TransactionAction => [
              'create',
              historyRow(record, entry, index),
            ]),
            ...indexRows(record).map((row): TransactionAction => ['create', row]),
          ];
        }),
      );
    } catch (error) {
      await this.table.deleteEntity(DOMAINS, domain).catch(() => {});
      throw error;
    }
    this.tenantOfId.set(record.id, record.partnerTenantId);
    return ok(record);
  }

  async update<E>(
    id: string,
    change: (current: CustomerRecord) => Result<CustomerRecord, E>,
  ): Promise<Result<{ before: CustomerRecord; after: CustomerRecord }, E | 'notFound'>> {
    const tenant = await this.tenantOf(id);
    if (!tenant) return fail('notFound' as const);
    // Another instance may change this customer (or the partner's counters) between our read and
    // our write: the transaction then fails on an etag, and the change is redone on fresh data.
    return retryWriteConflicts(async () => {
      const current = await this.readWithEtag(tenant, id);
      if (!current) return fail('notFound' as const);
      const before = current.record;
      const changed = change(before);
      if (!changed.ok) return changed;
      const after = changed.value;
      if (after !== before) {
        await this.writeWithCounters(tenant, (counts) => {
          counts[before.qualification.vettingStatus] -= 1;
          counts[after.qualification.vettingStatus] += 1;
          return changeActions(before, after, current.etag);
        });
      }
      return ok({ before, after });
    });
  }

  /** One transaction: `actions` and the partner's counters, each conditional on the etag read. */
  private async writeWithCounters(
    tenant: string,
    actions: (counts: Record<VettingStatus, number>) => TransactionAction[],
  ): Promise<void> {
    const stats = await this.pointRead(tenant, STATS);
    const counts = Object.fromEntries(
      VETTING_STATUSES.map((s) => [s, Number(stats?.[s] ?? 0)]),
    ) as Record<VettingStatus, number>;
    const writes = actions(counts);
    const statsRow = { partitionKey: tenant, rowKey: STATS, ...counts };
    const statsAction: TransactionAction = stats
      ? ['update', statsRow, 'Replace', { etag: stats.etag }]
      : ['create', statsRow];
    await this.table.submitTransaction([...writes, statsAction]);
  }

  async close(): Promise<void> {}
}

/** A→Z by folded name (an entry's text begins with it), then by id. */
const byNameAndId = (a: SearchEntry, b: SearchEntry): number =>
  a.text < b.text ? -1 : a.text > b.text ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** A counters row's count for one status, or for all. */
function counted(row: Record<string, unknown>, status: VettingStatus | undefined): number {
  return status
    ? Number(row[status] ?? 0)
    : VETTING_STATUSES.reduce((sum, s) => sum + Number(row[s] ?? 0), 0);
}

function historyRow(record: CustomerRecord, entry: HistoryEntry, index: number): Entity {
  return {
    partitionKey: record.partnerTenantId,
    rowKey: historyKey(record.id, index),
    entry: JSON.stringify(entry),
  };
}

/**
 * Every row new customers are stored as, by partition, with their partners' counters: the
 * same rows insert() writes, for a bulk load into an empty table (npm run bench:search seeds
 * 100,000 customers with it). Never for a table in use: nothing here is conditional.
 */
export function rowsOfNewCustomers(records: CustomerRecord[]): Map<string, Entity[]> {
  const partitions = new Map<string, Entity[]>();
  const add = (row: Entity) => {
    const rows = partitions.get(row.partitionKey) ?? [];
    rows.push(row);
    partitions.set(row.partitionKey, rows);
  };
  const counts = new Map<string, Record<VettingStatus, number>>();
  for (const record of records) {
    const tenant = record.partnerTenantId;
    add(customerRow(record));
    record.qualification.history.forEach((entry, i) => add(historyRow(record, entry, i)));
    indexRows(record).forEach(add);
    add({
      partitionKey: DOMAINS,
      rowKey: keyPart(record.companyProfile.domain.toLowerCase()),
      customerId: record.id,
      tenantId: tenant,
      claimedAt: record.createdAt,
    });
    add({ partitionKey: IDS, rowKey: keyPart(record.id), tenantId: tenant });
    const count =
      counts.get(tenant) ??
      (Object.fromEntries(VETTING_STATUSES.map((s) => [s, 0])) as Record<VettingStatus, number>);
    count[record.qualification.vettingStatus] += 1;
    counts.set(tenant, count);
  }
  for (const [tenant, count] of counts) add({ partitionKey: tenant, rowKey: STATS, ...count });
  return partitions;
}

/** The transaction for one change: the customer row (conditional), new history rows, moved index rows. */
function changeActions(
  before: CustomerRecord,
  after: CustomerRecord,
  etag: string,
): TransactionAction[] {
  const oldIndex = new Map(indexRows(before).map((row) => [row.rowKey, row]));
  const newIndex = new Map(indexRows(after).map((row) => [row.rowKey, row]));
  return [
    ['update', customerRow(after), 'Replace', { etag }],
    ...after.qualification.history
      .slice(before.qualification.history.length)
      .map((entry, i): TransactionAction => [
        'create',
        historyRow(after, entry, before.qualification.history.length + i),
      ]),
    ...[...oldIndex.values()]
      .filter((row) => !newIndex.has(row.rowKey))
      .map((row): TransactionAction => ['delete', row]),
    ...[...newIndex.values()].map((row): TransactionAction =>
      oldIndex.has(row.rowKey) ? ['upsert', row, 'Replace'] : ['create', row],
    ),
  ];
}

/** Rows of one partition whose row key starts with `prefix`. */
function rangeFilter(partition: string, prefix: string): string {
  return partitionRange(partition, prefix, afterPrefix(prefix));
}

const rowRange = (prefix: string): string => keyRange(prefix, afterPrefix(prefix));
