import type { TableClient, TableEntityResult } from '@azure/data-tables';
import { VETTING_STATUSES, type VettingStatus } from '../../domain/customer.js';
import type { SearchEntry } from '../customerSearch.js';
import { afterPrefix, partitionRange } from './rowRanges.js';

/**
 * The Table service cannot search inside text, so each instance keeps, per partner, what a
 * search reads of every customer (SearchEntry) in memory. The first search of a partner reads
 * its name index in parallel ranges; every later one first reads only the last-change index rows
 * of changes at or after the newest it holds (usually a few: one round trip), at most once a
 * second (Teams sends a search per keystroke), so a change made on another instance is found
 * within a second. Which changes to read is told by the records' own times (the business clock);
 * this machine's clock only spaces the reads. Customers are never deleted: nothing has to leave.
 */

/** Re-read this far behind the newest change held: covers instances whose clocks disagree. */
const OVERLAP_MS = 2 * 60_000;
/** Searches within this long of the last read use what it read. */
const FRESH_MS = 1000;
/** Partners kept at once; the least recently searched one goes first. */
const MAX_PARTNERS = 16;
/**
 * Where the name index is cut for the parallel first read: by the folded name's first character
 * (digits, then pairs of letters, then everything after "z").
 */
const NAME_CUTS = ['', '0', 'a', 'c', 'e', 'g', 'i', 'k', 'm', 'o', 'q', 's', 'u', 'w', 'y', '{'];
const COLUMNS = ['customerId', 'name', 'domain', 'status', 'updatedAt', 'requestedAt'];

type Row = TableEntityResult<Record<string, unknown>>;

interface PartnerEntries {
  entries: Map<string, SearchEntry>;
  /** The newest change held (ms): later ones, and those a little before, are read next. */
  newest: number;
  /** When the last read ended, by this machine's monotonic clock. */
  readAt: number;
  /** The read under way, which a concurrent search waits for instead of starting its own. */
  reading?: Promise<void>;
}

export interface SearchIndexKeys {
  /** Row key of the name index at and after which a partner's names begin. */
  namePrefix: string;
  /** Row key of the last-change index row of a change at `time` (newer changes sort first). */
  changedKey(time: number): string;
  changedPrefix: string;
}

export class SearchSnapshot {
  private readonly partners = new Map<string, PartnerEntries>();

  constructor(
    private readonly table: TableClient,
    private readonly keys: SearchIndexKeys,
  ) {}

  /** Every customer of the partner as a search sees it, read up to date. */
  async entriesOf(tenant: string): Promise<Iterable<SearchEntry>> {
    let partner = this.partners.get(tenant);
    if (partner) {
      // Most recently searched last: the first in the map is the one to drop.
      this.partners.delete(tenant);
      this.partners.set(tenant, partner);
      const known = partner;
      if (performance.now() - known.readAt >= FRESH_MS)
        known.reading ??= this.readChanges(tenant, known).finally(() => {
          known.readAt = performance.now();
          delete known.reading;
        });
    } else {
      if (this.partners.size >= MAX_PARTNERS) {
        const oldest = this.partners.keys().next();
        if (!oldest.done) this.partners.delete(oldest.value);
      }
      partner = { entries: new Map(), newest: 0, readAt: 0 };
      const fresh = partner;
      fresh.reading = this.readAll(tenant, fresh).then(
        () => {
          fresh.readAt = performance.now();
          delete fresh.reading;
        },
        (error: unknown) => {
          // A failed first read leaves nothing half kept: the next search starts again.
          if (this.partners.get(tenant) === fresh) this.partners.delete(tenant);
          throw error;
        },
      );
      this.partners.set(tenant, partner);
    }
    await partner.reading;
    return partner.entries.values();
  }

  private async readAll(tenant: string, partner: PartnerEntries): Promise<void> {
    const ranges = NAME_CUTS.map((cut, i) => ({
      from: `${this.keys.namePrefix}${cut}`,
      to:
        i + 1 < NAME_CUTS.length
          ? `${this.keys.namePrefix}${NAME_CUTS[i + 1]}`
          : afterPrefix(this.keys.namePrefix),
    }));
    const parts = await Promise.all(ranges.map(({ from, to }) => this.rows(tenant, from, to)));
    for (const rows of parts) for (const row of rows) keep(partner, tenant, row);
  }

  private async readChanges(tenant: string, partner: PartnerEntries): Promise<void> {
    const rows = await this.rows(
      tenant,
      this.keys.changedPrefix,
      this.keys.changedKey(Math.max(0, partner.newest - OVERLAP_MS)),
    );
    for (const row of rows) keep(partner, tenant, row);
  }

  private async rows(tenant: string, from: string, to: string): Promise<Row[]> {
    const filter = partitionRange(tenant, from, to);
    const rows: Row[] = [];
    for await (const row of this.table.listEntities({ queryOptions: { filter, select: COLUMNS } }))
      rows.push(row);
    return rows;
  }
}

/** An index row as a search entry; a row another version wrote oddly is skipped, not trusted. */
function keep(partner: PartnerEntries, tenant: string, row: Row): void {
  const { customerId, name, domain, status, updatedAt, requestedAt } = row;
  if (
    typeof customerId !== 'string' ||
    typeof name !== 'string' ||
    typeof domain !== 'string' ||
    typeof updatedAt !== 'string' ||
    !VETTING_STATUSES.includes(status as VettingStatus)
  )
    return;
  const known = partner.entries.get(customerId);
  // Rows read in overlapping windows may be older than what is kept.
  if (known && known.updatedAt > updatedAt) return;
  partner.newest = Math.max(partner.newest, Date.parse(updatedAt) || 0);
  partner.entries.set(customerId, {
    id: customerId,
    tenantId: tenant,
    text: `${name}\n${domain}`,
    status: status as VettingStatus,
    updatedAt,
    requestedAt: typeof requestedAt === 'string' ? requestedAt : undefined,
  });
}
