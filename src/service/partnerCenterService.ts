import { randomUUID } from 'node:crypto';
import type { ActorRef, CustomerRecord, PendingEvent } from '../domain/customer.js';
import {
  fieldIssues,
  makeIssue,
  validateNewCustomer,
  validateSections,
  type CustomerSection,
} from '../domain/customerInput.js';
import {
  buildCustomerRecord,
  correctedRecord,
  customerFormValues,
  domainPrefixOf,
  fullDomain,
} from '../domain/customerRecord.js';
import { prefixCandidates, prefixFromCompanyName } from '../domain/domainPrefix.js';
import { normaliseDomainPrefix } from '../domain/fieldRules.js';
import { customerFieldSchemas } from '../domain/fields.js';
import type { Issue } from '../domain/issues.js';
import { summarizeCustomers, type CustomerOverview } from '../domain/overview.js';
import { eligibility, sellableSegments, type PurchaseAction } from '../domain/purchase.js';
import { OFFER_CATALOG } from '../domain/reference/offerCatalog.js';
import { fail, ok, type Result } from '../domain/result.js';
import { authorize, type Capability, type PartnerUser } from '../domain/roles.js';
import { foldText } from '../domain/text.js';
import { decision, resubmission, type Decision } from '../domain/vetting.js';
import type { Logger } from '../log.js';
import type { CustomerStore } from './customerStore.js';
import type {
  DomainAvailability,
  EducationCustomers,
  ListOptions,
  QualificationStatus,
  ServiceError,
  ServiceResult,
} from './educationCustomers.js';
import { qualificationStatus } from './qualificationStatus.js';
import { StatusEvents, type StatusChangeEvent, type StatusChangeListener } from './statusEvents.js';
import { systemClock, type Clock } from '../domain/clock.js';

export interface ServiceDependencies {
  store: CustomerStore;
  log: Logger;
  now?: Clock;
  newId?: () => string;
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const MAX_SEARCH_RESULTS = 25;
const MAX_REASON_LENGTH = 500;

const actorOf = (user: PartnerUser): ActorRef => ({ kind: 'partnerUser', id: user.id, name: user.name });
const validationError = (issues: Issue[], warnings: Issue[] = []): ServiceError => ({ code: 'validation', issues, warnings });

/** The workflow of the local Partner Center over a CustomerStore. */
export class PartnerCenterService implements EducationCustomers {
  private readonly store: CustomerStore;
  private readonly events: StatusEvents;
  private readonly now: Clock;
  private readonly newId: () => string;

  constructor(deps: ServiceDependencies) {
    this.store = deps.store;
    this.events = new StatusEvents(deps.log);
    this.now = deps.now ?? systemClock;
    this.newId = deps.newId ?? randomUUID;
  }

  onStatusChange(listener: StatusChangeListener): () => void {
    return this.events.subscribe(listener);
  }

  // --- Adding customers ---------------------------------------------------------------------

  async createCustomer(user: PartnerUser, input: unknown): ServiceResult<{ customer: CustomerRecord; warnings: Issue[] }> {
    const refusal = authorize(user, 'addCustomer');
    if (refusal) return fail(refusal);
    const report = validateNewCustomer(input, { now: this.now() });
    const issues = [...report.issues, ...(await this.domainIssues(input))];
    if (issues.length > 0 || !report.value) return fail(validationError(issues, report.warnings));

    const at = this.now().toISOString();
    const record = buildCustomerRecord(report.value, { id: this.newId(), partnerTenantId: user.tenantId }, at, actorOf(user));
    const inserted = await this.store.insert(record);
    if (!inserted.ok) return fail(validationError(await this.domainIssues(input), report.warnings));
    this.events.publish({ customer: record, from: 'None', to: 'InReview', at, by: actorOf(user) });
    return ok({ customer: record, warnings: report.warnings });
  }

  async validateDraft(input: unknown, sections: readonly CustomerSection[], options: { correcting?: boolean } = {}) {
    const report = validateSections(input, sections, { now: this.now() });
    if (!sections.includes('organisation') || options.correcting) return report;
    const taken = await this.domainIssues(input);
    return taken.length > 0 ? { ...report, value: undefined, issues: [...report.issues, ...taken] } : report;
  }

  /** A `domainTaken` issue (with a free suggestion) when the draft's valid domain is taken. */
  private async domainIssues(input: unknown): Promise<Issue[]> {
    const raw = input && typeof input === 'object' ? (input as Record<string, unknown>).domain : undefined;
    const prefix = customerFieldSchemas.domain.safeParse(raw);
    if (!prefix.success) return [];
    const availability = await this.availability(prefix.data);
    if (availability.available) return [];
    return [
      makeIssue('domain', 'domainTaken', {
        domain: availability.domain,
        ...(availability.suggestion ? { suggestion: availability.suggestion } : {}),
      }),
    ];
  }

  async checkDomain(prefixOrDomain: string): Promise<Result<DomainAvailability, ServiceError>> {
    const prefix = customerFieldSchemas.domain.safeParse(prefixOrDomain);
    if (!prefix.success) return fail(validationError(fieldIssues('domain', prefixOrDomain)));
    return ok(await this.availability(prefix.data));
  }

  private async availability(prefix: string): Promise<DomainAvailability> {
    const domain = fullDomain(prefix);
    if (!(await this.store.isDomainTaken(domain))) return { domain, available: true };
    const suggestion = await this.firstFreePrefix(prefix);
    return suggestion ? { domain, available: false, suggestion } : { domain, available: false };
  }

  async suggestDomainPrefix(companyName: string): Promise<string | undefined> {
    const base = prefixFromCompanyName(companyName);
    return base ? this.firstFreePrefix(base) : undefined;
  }

  private async firstFreePrefix(base: string): Promise<string | undefined> {
    let tries = 0;
    for (const candidate of prefixCandidates(base)) {
      if (!(await this.store.isDomainTaken(fullDomain(candidate)))) return candidate;
      if (++tries >= 1000) return undefined;
    }
    return undefined;
  }

  // --- Finding customers --------------------------------------------------------------------

  /** The customer named by id or domain, when the user's partner may see it. */
  private async resolve(idOrDomain: string, tenantId?: string): Promise<CustomerRecord | undefined> {
    const text = idOrDomain.trim();
    if (!text) return undefined;
    const record = (await this.store.get(text)) ?? (await this.store.getByDomain(fullDomain(normaliseDomainPrefix(text))));
    return record && (tenantId === undefined || record.partnerTenantId === tenantId) ? record : undefined;
  }

  private async authorized(user: PartnerUser, capability: Capability, idOrDomain: string): ServiceResult<CustomerRecord> {
    const refusal = authorize(user, capability);
    if (refusal) return fail(refusal);
    const record = await this.resolve(idOrDomain, user.tenantId);
    return record ? ok(record) : fail({ code: 'notFound', customer: idOrDomain });
  }

  getCustomer(user: PartnerUser, idOrDomain: string): ServiceResult<CustomerRecord> {
    return this.authorized(user, 'checkStatus', idOrDomain);
  }

  async findCustomers(user: PartnerUser, text: string): ServiceResult<CustomerRecord[]> {
    const refusal = authorize(user, 'checkStatus');
    if (refusal) return fail(refusal);
    const exact = await this.resolve(text, user.tenantId);
    if (exact) return ok([exact]);
    const folded = foldText(text.trim());
    if (!folded) return ok([]);
    const page = await this.store.query({ partnerTenantId: user.tenantId, text: folded, limit: MAX_SEARCH_RESULTS });
    return ok(page.items);
  }

  async listCustomers(user: PartnerUser, options: ListOptions = {}) {
    const refusal = authorize(user, 'checkStatus');
    if (refusal) return fail(refusal);
    return ok(await this.store.query({ ...pageQuery(options), partnerTenantId: user.tenantId }));
  }

  async overview(user: PartnerUser): ServiceResult<CustomerOverview> {
    const refusal = authorize(user, 'checkStatus');
    if (refusal) return fail(refusal);
    const records: CustomerRecord[] = [];
    for await (const record of this.store.scan(user.tenantId)) records.push(record);
    return ok(summarizeCustomers(records, this.now()));
  }

  async getQualificationStatus(user: PartnerUser, idOrDomain: string): ServiceResult<QualificationStatus> {
    const found = await this.authorized(user, 'checkStatus', idOrDomain);
    return found.ok ? ok(qualificationStatus(found.value)) : found;
  }

  // --- Correcting and resubmitting ----------------------------------------------------------

  /** The stored values with the corrections laid over them, validated as a whole. */
  private corrected(current: CustomerRecord, input: unknown, by: ActorRef): Result<CustomerRecord, ServiceError> {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      return fail(validationError([makeIssue('body', 'invalidFormat')]));
    }
    const corrections = input as Record<string, unknown>;
    const issues: Issue[] = [];
    if (corrections.domain !== undefined && normaliseDomainPrefix(String(corrections.domain)) !== domainPrefixOf(current)) {
      issues.push(makeIssue('domain', 'domainImmutable'));
    }
    const report = validateNewCustomer(
      { ...customerFormValues(current), ...corrections, domain: domainPrefixOf(current) },
      { now: this.now() },
    );
    issues.push(...report.issues);
    if (issues.length > 0 || !report.value) return fail(validationError(issues, report.warnings));
    const next = correctedRecord(current, report.value, this.now().toISOString(), by);
    return next.ok ? next : fail(next.error);
  }

  async correctCustomer(user: PartnerUser, idOrDomain: string, input: unknown): ServiceResult<CustomerRecord> {
    const found = await this.authorized(user, 'correctAndResubmit', idOrDomain);
    if (!found.ok) return found;
    const updated = await this.store.update(found.value.id, (current) => this.corrected(current, input, actorOf(user)));
    return updated.ok ? ok(updated.value.after) : fail(storeError(updated.error, idOrDomain));
  }

  async resubmit(user: PartnerUser, idOrDomain: string, corrections?: unknown): ServiceResult<QualificationStatus> {
    const found = await this.authorized(user, 'correctAndResubmit', idOrDomain);
    if (!found.ok) return found;
    const by = actorOf(user);
    const updated = await this.store.update<ServiceError>(found.value.id, (current) => {
      // The request limit is checked before anything else, so a refused request changes nothing.
      const at = this.now().toISOString();
      const allowed = resubmission(current.qualification, at, by);
      if (!allowed.ok) return allowed;
      const base = corrections === undefined ? ok(current) : this.corrected(current, corrections, by);
      if (!base.ok) return base;
      const next = resubmission(base.value.qualification, at, by);
      return next.ok ? ok({ ...base.value, updatedAt: at, qualification: next.value }) : next;
    });
    if (!updated.ok) return fail(storeError(updated.error, idOrDomain));
    const { after } = updated.value;
    this.events.publish({ customer: after, from: 'Denied', to: 'InReview', at: after.updatedAt, by });
    return ok(qualificationStatus(after));
  }

  // --- Selling ------------------------------------------------------------------------------

  async purchaseOptions(user: PartnerUser, idOrDomain: string, action: PurchaseAction = 'newPurchase') {
    const found = await this.authorized(user, 'checkStatus', idOrDomain);
    if (!found.ok) return found;
    const status = found.value.qualification.vettingStatus;
    const customer = { customerType: 'Education' as const, educationStatus: status };
    return ok({
      customerId: found.value.id,
      vettingStatus: status,
      sellableSegments: status === 'Approved' ? sellableSegments('Education') : [],
      offers: OFFER_CATALOG.map((offer) => ({ offer, eligibility: eligibility(customer, offer, action) })),
    });
  }

  async canSell(user: PartnerUser, idOrDomain: string, offerId: string, action: PurchaseAction = 'newPurchase') {
    const options = await this.purchaseOptions(user, idOrDomain, action);
    if (!options.ok) return options;
    const match = options.value.offers.find((o) => o.offer.id === offerId);
    return match ? ok(match.eligibility) : fail<ServiceError>({ code: 'unknownOffer', offerId });
  }

  // --- Microsoft's side ---------------------------------------------------------------------

  async decide(by: ActorRef, idOrDomain: string, outcome: Decision, guard: { reviewStartedAt?: string } = {}): ServiceResult<QualificationStatus> {
    if (outcome.status === 'Denied') {
      const reason = outcome.reason.trim();
      if (!reason) return fail(validationError([makeIssue('reason', 'required')]));
      if (reason.length > MAX_REASON_LENGTH) return fail(validationError([makeIssue('reason', 'tooLong', { max: MAX_REASON_LENGTH })]));
      outcome = { status: 'Denied', reason };
    }
    const record = await this.resolve(idOrDomain);
    if (!record) return fail({ code: 'notFound', customer: idOrDomain });
    const at = this.now().toISOString();
    const event: PendingEvent = { id: this.newId(), from: 'InReview', to: outcome.status, ...(outcome.status === 'Denied' ? { reason: outcome.reason } : {}), at, by };
    const updated = await this.store.update<ServiceError>(record.id, (current) => {
      const q = current.qualification;
      if (guard.reviewStartedAt !== undefined && q.vettingStatus === 'InReview' && q.vettingCreateDate !== guard.reviewStartedAt) {
        return fail({ code: 'notInReview', status: q.vettingStatus }); // a newer review than the one scheduled
      }
      const next = decision(q, outcome, at, by);
      // The event is stored in the same write as the decision: a crash cannot lose it.
      return next.ok ? ok({ ...current, updatedAt: at, qualification: next.value, pendingEvents: [...(current.pendingEvents ?? []), event] }) : next;
    });
    if (!updated.ok) return fail(storeError(updated.error, idOrDomain));
    this.events.publish(eventOf(updated.value.after, event));
    return ok(qualificationStatus(updated.value.after));
  }

  async pendingDecisionEvents(): Promise<StatusChangeEvent[]> {
    const records = await this.store.withPendingEvents();
    return records.flatMap((record) => (record.pendingEvents ?? []).map((event) => eventOf(record, event)));
  }

  async acknowledgeEvent(customerId: string, eventId: string): Promise<void> {
    await this.store.update(customerId, (current) => {
      const remaining = (current.pendingEvents ?? []).filter((e) => e.id !== eventId);
      if (remaining.length === (current.pendingEvents ?? []).length) return ok(current);
      const { pendingEvents: _all, ...rest } = current;
      return ok(remaining.length > 0 ? { ...rest, pendingEvents: remaining } : rest);
    });
  }

  operatorGet(idOrDomain: string): Promise<CustomerRecord | undefined> {
    return this.resolve(idOrDomain);
  }

  operatorList(options: ListOptions = {}) {
    return this.store.query(pageQuery(options));
  }
}

function pageQuery(options: ListOptions) {
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
  return {
    limit,
    ...(options.status ? { status: options.status } : {}),
    ...(options.text?.trim() ? { text: foldText(options.text.trim()) } : {}),
    ...(options.sort ? { sort: options.sort } : {}),
    ...(options.cursor ? { cursor: options.cursor } : {}),
  };
}

function eventOf(customer: CustomerRecord, event: PendingEvent): StatusChangeEvent {
  return { eventId: event.id, customer, from: event.from, to: event.to, ...(event.reason ? { reason: event.reason } : {}), at: event.at, by: event.by };
}

function storeError(error: ServiceError | 'notFound', customer: string): ServiceError {
  return error === 'notFound' ? { code: 'notFound', customer } : error;
}
