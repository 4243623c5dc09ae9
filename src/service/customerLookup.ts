import type { ActorRef, CustomerRecord } from '../domain/customer.js';
import { fullDomain } from '../domain/customerRecord.js';
import { normaliseDomainPrefix } from '../domain/fieldRules.js';
import type { Issue } from '../domain/issues.js';
import { fail, ok } from '../domain/result.js';
import { authorize, type Capability, type PartnerUser } from '../domain/roles.js';
import type { CustomerStore } from '../storage/ports/customerStore.js';
import type { Clock } from '../domain/clock.js';
import type { DecisionEventLog } from './decisionEvents.js';
import type { ServiceError, ServiceResult } from './educationCustomers.js';
import type { QualificationGateway } from './qualificationGateway.js';
import type { RemoteCustomers } from './remoteCustomers.js';

/** What the customer and vetting services share: finding the customer a call names, and who made it. */

export const actorOf = (user: PartnerUser): ActorRef => ({
  kind: 'partnerUser',
  id: user.id,
  name: user.name,
});
export const validationError = (issues: Issue[], warnings: Issue[] = []): ServiceError => ({
  code: 'validation',
  issues,
  warnings,
});

export class CustomerLookup {
  constructor(
    private readonly store: CustomerStore,
    /** Api mode: customers made outside the bot, found in Partner Center when the store has none. */
    readonly remote?: RemoteCustomers,
  ) {}

  /** The customer named by id or domain; with a tenant, only when that partner may see it. */
  async resolve(idOrDomain: string, tenantId?: string): Promise<CustomerRecord | undefined> {
    const text = idOrDomain.trim();
    if (!text) return undefined;
    const record =
      (await this.store.get(text)) ??
      (await this.store.getByDomain(fullDomain(normaliseDomainPrefix(text))));
    return record && (tenantId === undefined || record.partnerTenantId === tenantId)
      ? record
      : undefined;
  }

  /** The user's role allows the capability, and the customer is the user's partner's. */
  async authorized(
    user: PartnerUser,
    capability: Capability,
    idOrDomain: string,
  ): ServiceResult<CustomerRecord> {
    const refusal = authorize(user, capability);
    if (refusal) return fail(refusal);
    const record =
      (await this.resolve(idOrDomain, user.tenantId)) ??
      (await this.remote?.resolve(idOrDomain.trim(), user.tenantId, actorOf(user)));
    return record ? ok(record) : fail({ code: 'notFound', customer: idOrDomain });
  }
}

export function storeError(error: ServiceError | 'notFound', customer: string): ServiceError {
  return error === 'notFound' ? { code: 'notFound', customer } : error;
}

/**
 * What each of the services works on: the one store, the lookup, the event log, the clock, ids,
 * and in api mode Partner Center (without it, customers are made and decided here).
 */
export abstract class ServicePart {
  constructor(
    protected readonly store: CustomerStore,
    protected readonly lookup: CustomerLookup,
    protected readonly events: DecisionEventLog,
    protected readonly now: Clock,
    protected readonly newId: () => string,
    protected readonly gateway?: QualificationGateway,
  ) {}
}
