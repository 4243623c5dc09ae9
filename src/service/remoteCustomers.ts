import type { Clock } from '../domain/clock.js';
import type { ActorRef, CustomerRecord } from '../domain/customer.js';
import { fullDomain, recordFromPartnerCenter } from '../domain/customerRecord.js';
import { normaliseDomainPrefix } from '../domain/fieldRules.js';
import type { Logger } from '../log.js';
import type { CustomerStore } from '../storage/ports/customerStore.js';
import type { DecisionEventLog } from './decisionEvents.js';
import type { QualificationGateway } from './qualificationGateway.js';

/** Partner Center's customer ids are GUIDs: such a text is read by id, not searched. */
const CUSTOMER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Api mode: customers made outside the bot (in the portal, by a colleague, by another tool),
 * found through Partner Center's customer search when the store has none by that id, domain or
 * name. Each one found is read whole and kept here, so that it can be followed, and polled while
 * in review, like the bot's own. Partner Center stays the truth; a failed search finds nothing
 * (and is logged), it never fails the user's command.
 */
export class RemoteCustomers {
  constructor(
    private readonly deps: {
      store: CustomerStore;
      gateway: QualificationGateway;
      events: DecisionEventLog;
      now: Clock;
      log: Logger;
    },
  ) {}

  /** The customer whose id or domain is exactly the text, kept here for the user's partner. */
  async resolve(
    text: string,
    partnerTenantId: string,
    by: ActorRef,
  ): Promise<CustomerRecord | undefined> {
    if (CUSTOMER_ID.test(text)) return this.keep(text, partnerTenantId, by);
    const domain = fullDomain(normaliseDomainPrefix(text));
    const found = await this.deps.gateway.searchCustomers(domain, 2);
    if (!found.ok) return undefined;
    const exact = found.value.find((c) => c.domain.toLowerCase() === domain);
    return exact ? this.keep(exact.customerId, partnerTenantId, by) : undefined;
  }

  /** Customers whose domain or company name starts with the text, at most `limit`, each kept. */
  async find(
    text: string,
    partnerTenantId: string,
    by: ActorRef,
    limit: number,
  ): Promise<CustomerRecord[]> {
    const found = await this.deps.gateway.searchCustomers(text, limit);
    if (!found.ok) return [];
    const kept = await Promise.all(
      found.value.map((c) => this.keep(c.customerId, partnerTenantId, by)),
    );
    return kept.filter((record): record is CustomerRecord => record !== undefined);
  }

  /** The store's copy when there is one (another user or instance kept it first), else Partner Center's. */
  private async keep(
    customerId: string,
    partnerTenantId: string,
    by: ActorRef,
  ): Promise<CustomerRecord | undefined> {
    const known = await this.deps.store.get(customerId);
    if (known) return known.partnerTenantId === partnerTenantId ? known : undefined;
    const read = await this.deps.gateway.readCustomer(customerId);
    if (!read.ok || !read.value) return undefined;
    const { qualification, values } = read.value;
    const at = this.deps.now().toISOString();
    const record = recordFromPartnerCenter(
      {
        id: read.value.customerId,
        values,
        vettingStatus: qualification.vettingStatus ?? 'None',
        ...(qualification.vettingReason ? { vettingReason: qualification.vettingReason } : {}),
        ...(qualification.vettingCreateDate
          ? { vettingCreateDate: qualification.vettingCreateDate }
          : {}),
      },
      partnerTenantId,
      at,
      by,
    );
    if (!record.ok) {
      this.deps.log.warn('a Partner Center customer lacks what every customer has; not kept', {
        customerId,
        missing: record.error,
      });
      return undefined;
    }
    const inserted = await this.deps.store.insert(record.value);
    if (!inserted.ok) {
      const raced = await this.deps.store.get(customerId);
      return raced?.partnerTenantId === partnerTenantId ? raced : undefined;
    }
    // In review: the poller hears of it as of any new customer, and reads it on its schedule.
    if (record.value.qualification.vettingStatus === 'InReview')
      this.deps.events.publish({ customer: record.value, from: 'None', to: 'InReview', at, by });
    return record.value;
  }
}
