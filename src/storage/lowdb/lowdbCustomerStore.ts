import fs from 'node:fs';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';
import { customerRecordSchema, type CustomerRecord } from '../../domain/customer.js';
import { fail, ok, type Result } from '../../domain/result.js';
import { foldText } from '../../domain/text.js';
import type {
  CustomerPage,
  CustomerQuery,
  CustomerSort,
  CustomerStore,
} from '../ports/customerStore.js';
import {
  byLastChange,
  pageOfMatches,
  searchEntryOf,
  searchMatcher,
  TextIndex,
  type SearchEntry,
} from '../customerSearch.js';
import { KeyedMutex } from '../keyedMutex.js';
import { DataFileError, readDataFile } from './dataFile.js';
import { asDataDirError, lockDataDir } from './dataDirLock.js';
import { ensurePrivateDir, securePrivateTree } from '../privateFolder.js';

export { DataFileError };

interface Entry {
  record: CustomerRecord;
  search: SearchEntry;
  sortKey: string;
}

const byName = (a: Entry, b: Entry): number =>
  a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
const byChange = (a: Entry, b: Entry): number => byLastChange(a.search, b.search);

/**
 * Puts an entry back in its place in a sorted list after it changed (or arrived): a search and
 * a shift, not a sort of 100,000 entries after every write.
 */
function reposition(list: Entry[], entry: Entry, compare: (a: Entry, b: Entry) => number): void {
  const at = list.indexOf(entry);
  if (at >= 0) list.splice(at, 1);
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(list[middle] as Entry, entry) < 0) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, entry);
}

/**
 * The embedded store: one lowdb JSON document per customer under `<dataDir>/customers`, so a
 * write costs the same at 10 or 100,000 customers; lowdb's JSONFile writes a temporary file
 * and renames it, so a crash leaves the old or the new document, never a torn one. Indexes
 * live in memory: built at start-up (the orders on first use), then kept in order write by write.
 */
export class LowdbCustomerStore implements CustomerStore {
  private readonly entries = new Map<string, Entry>();
  private readonly idByDomain = new Map<string, string>();
  /** Domains of inserts whose write is under way: a second insert must see them as taken. */
  private readonly claimedDomains = new Set<string>();
  private readonly mutex = new KeyedMutex();
  private sorted: Entry[] | undefined;
  private byLastChange: Entry[] | undefined;
  /** The name order's texts, for searches with words; rebuilt on the first search after a write. */
  private textIndex: TextIndex<Entry> | undefined;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly unlock: () => void,
  ) {}

  /**
   * Opens the store, creating the directory when missing. Reads are synchronous on purpose:
   * this runs before the server listens, and is ~6× faster than thousands of async reads.
   */
  static open(dataDir: string, onLockLost?: (error: Error) => void): LowdbCustomerStore {
    const dir = path.join(dataDir, 'customers');
    try {
      securePrivateTree(dataDir);
      ensurePrivateDir(dir);
    } catch (error) {
      throw asDataDirError(dataDir, error);
    }
    const unlock = lockDataDir(dataDir, onLockLost);
    const store = new LowdbCustomerStore(dir, unlock);
    try {
      for (const name of fs.readdirSync(dir)) {
        if (name.endsWith('.json') && !name.startsWith('.')) store.load(path.join(dir, name));
      }
    } catch (error) {
      unlock();
      throw error;
    }
    return store;
  }

  private load(file: string): void {
    const record = readDataFile(file, customerRecordSchema, 'customer record');
    if (path.basename(file) !== `${record.id}.json`) {
      throw new DataFileError(file, `its id ${record.id} does not match the file name`);
    }
    const domain = record.companyProfile.domain.toLowerCase();
    const other = this.idByDomain.get(domain);
    if (other)
      throw new DataFileError(file, `its domain ${domain} is also used by customer ${other}`);
    this.commit(record);
  }

  /**
   * Writes through a temporary file and a rename. A writer per write, not one per customer held
   * from start-up: writes of one customer are already one at a time (the mutex).
   */
  private async write(record: CustomerRecord): Promise<void> {
    await new JSONFile<CustomerRecord>(path.join(this.dir, `${record.id}.json`)).write(record);
  }

  private commit(record: CustomerRecord): void {
    const sortKey = `${foldText(record.companyProfile.companyName)}\u0000${record.id}`;
    const search = searchEntryOf(record);
    let entry = this.entries.get(record.id);
    const moved = entry?.sortKey !== sortKey;
    if (entry) Object.assign(entry, { record, search, sortKey });
    else {
      entry = { record, search, sortKey };
      this.entries.set(record.id, entry);
      this.idByDomain.set(record.companyProfile.domain.toLowerCase(), record.id);
    }
    if (this.sorted && moved) reposition(this.sorted, entry, byName);
    if (this.byLastChange) reposition(this.byLastChange, entry, byChange);
    this.textIndex = undefined;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The customer store is closed.');
  }

  async get(id: string): Promise<CustomerRecord | undefined> {
    return this.entries.get(id)?.record;
  }

  async getByDomain(domain: string): Promise<CustomerRecord | undefined> {
    const id = this.idByDomain.get(domain.toLowerCase());
    return id ? this.entries.get(id)?.record : undefined;
  }

  async isDomainTaken(domain: string): Promise<boolean> {
    return this.domainTaken(domain.toLowerCase());
  }

  private domainTaken(domain: string): boolean {
    return this.idByDomain.has(domain) || this.claimedDomains.has(domain);
  }

  private inOrder(sort: CustomerSort): Entry[] {
    if (sort === 'lastChange') {
      this.byLastChange ??= [...this.entries.values()].sort(byChange);
      return this.byLastChange;
    }
    this.sorted ??= [...this.entries.values()].sort(byName);
    return this.sorted;
  }

  async query(query: CustomerQuery): Promise<CustomerPage> {
    const sort = query.sort ?? 'name';
    let found: Entry[];
    if (query.text?.trim()) {
      this.textIndex ??= new TextIndex(this.inOrder('name'), (e) => e.search);
      found = this.textIndex.matching(query);
      if (sort === 'lastChange') found.sort(byChange);
    } else {
      const matches = searchMatcher(query);
      found = this.inOrder(sort).filter((e) => matches(e.search));
    }
    const page = pageOfMatches(found, query);
    return { ...page, items: page.items.map((e) => e.record) };
  }

  async withPendingEvents(): Promise<CustomerRecord[]> {
    return [...this.entries.values()]
      .map((e) => e.record)
      .filter((record) => record.pendingEvents?.length);
  }

  async *scan(partnerTenantId?: string): AsyncIterable<CustomerRecord> {
    for (const { record } of this.entries.values()) {
      if (partnerTenantId === undefined || record.partnerTenantId === partnerTenantId) yield record;
    }
  }

  async insert(record: CustomerRecord): Promise<Result<CustomerRecord, 'domainTaken'>> {
    this.assertOpen();
    const domain = record.companyProfile.domain.toLowerCase();
    // Checked and claimed with no await in between, so a concurrent insert sees the claim.
    if (this.domainTaken(domain)) return fail('domainTaken');
    if (this.entries.has(record.id)) throw new Error(`Customer id ${record.id} already exists.`);
    this.claimedDomains.add(domain);
    try {
      return await this.mutex.run(record.id, async () => {
        await this.write(record);
        this.commit(record);
        return ok(record);
      });
    } finally {
      this.claimedDomains.delete(domain);
    }
  }

  async update<E>(
    id: string,
    change: (current: CustomerRecord) => Result<CustomerRecord, E>,
  ): Promise<Result<{ before: CustomerRecord; after: CustomerRecord }, E | 'notFound'>> {
    this.assertOpen();
    return this.mutex.run(id, async () => {
      const entry = this.entries.get(id);
      if (!entry) return fail('notFound' as const);
      const before = entry.record;
      const changed = change(before);
      if (!changed.ok) return changed;
      if (changed.value !== before) {
        await this.write(changed.value); // memory changes only once the file has
        this.commit(changed.value);
      }
      return ok({ before, after: changed.value });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.mutex.idle();
    this.unlock();
  }
}
