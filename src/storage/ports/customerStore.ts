import type { CustomerRecord, VettingStatus } from '../../domain/customer.js';
import type { Result } from '../../domain/result.js';

/**
 * Where customers are kept. The workflow only sees this port, so a distributed backend can
 * stand beside the embedded lowdb one without touching the service or the bot.
 */
export interface CustomerStore {
  get(id: string): Promise<CustomerRecord | undefined>;
  /** By full domain (`prefix.onmicrosoft.com`), case-insensitive. */
  getByDomain(domain: string): Promise<CustomerRecord | undefined>;
  isDomainTaken(domain: string): Promise<boolean>;
  query(query: CustomerQuery): Promise<CustomerPage>;
  /** Customers holding decision events the notifier has not queued yet (a start-up replay). */
  withPendingEvents(): Promise<CustomerRecord[]>;
  /** Every customer of one partner (or all, for operators), in no particular order. */
  scan(partnerTenantId?: string): AsyncIterable<CustomerRecord>;
  /** Stores a new customer unless its domain is taken; atomic: all or nothing. */
  insert(record: CustomerRecord): Promise<Result<CustomerRecord, 'domainTaken'>>;
  /**
   * Read-modify-write of one customer, serialized with every other change to it: `change` sees
   * the latest stored record, and what it returns is stored in one atomic write.
   */
  update<E>(
    id: string,
    change: (current: CustomerRecord) => Result<CustomerRecord, E>,
  ): Promise<Result<{ before: CustomerRecord; after: CustomerRecord }, E | 'notFound'>>;
  /** Waits for writes under way, then releases the data. */
  close(): Promise<void>;
}

/** `name`: A→Z by folded company name; `lastChange`: most recently changed first. */
export const CUSTOMER_SORTS = ['name', 'lastChange'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export interface CustomerQuery {
  /** Only this partner's customers; operators query across partners. */
  partnerTenantId?: string;
  status?: VettingStatus;
  /** Folded (lower-case, accent-free) words, each of which the name or domain must contain. */
  text?: string;
  /** Only customers whose current verification request was made before this ISO time. */
  requestedBefore?: string;
  /** Default `name`. */
  sort?: CustomerSort;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
  limit: number;
}

export interface CustomerPage {
  items: CustomerRecord[];
  total: number;
  nextCursor?: string;
}
