import type { CustomerRecord } from '../domain/customer.js';
import { makeIssue, validateNewCustomer, validateSections } from '../domain/customerInput.js';
import { buildCustomerRecord, fullDomain } from '../domain/customerRecord.js';
import { prefixCandidates, prefixFromCompanyName } from '../domain/domainPrefix.js';
import { customerFieldSchemas, type CustomerSection } from '../domain/fields.js';
import type { Issue } from '../domain/issues.js';
import { summarizeCustomers, type CustomerOverview } from '../domain/overview.js';
import { eligibility, sellableSegments, type PurchaseAction } from '../domain/purchase.js';
import { OFFER_CATALOG } from '../domain/reference/offerCatalog.js';
import { fail, ok } from '../domain/result.js';
import { authorize, type PartnerUser } from '../domain/roles.js';
import { foldText } from '../domain/text.js';
import type {
  ListOptions,
  OperatorCustomers,
  PartnerCustomers,
  PurchaseOptions,
  QualificationStatus,
  ServiceResult,
} from './educationCustomers.js';
import type { Clock } from '../domain/clock.js';
import { searchEntryOf, searchMatcher } from '../storage/customerSearch.js';
import type { CustomerPage, CustomerStore } from '../storage/ports/customerStore.js';
import { actorOf, ServicePart, validationError, type CustomerLookup } from './customerLookup.js';
import type { DecisionEventLog } from './decisionEvents.js';
import type { QualificationGateway } from './qualificationGateway.js';
import { qualificationStatus } from './qualificationStatus.js';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const MAX_SEARCH_RESULTS = 25;
/** Customers found in Partner Center are each read whole (three calls): a short list. */
const MAX_REMOTE_RESULTS = 5;
/** Candidates tried for a free domain prefix before giving up on a suggestion. */
const MAX_PREFIX_TRIES = 1000;

/** The partner's customers: adding them (the domain must be free), finding them, what can be sold. */
export class CustomerService extends ServicePart implements PartnerCustomers, OperatorCustomers {
  constructor(
    store: CustomerStore,
    lookup: CustomerLookup,
    events: DecisionEventLog,
    now: Clock,
    newId: () => string,
    gateway?: QualificationGateway,
    /** Reads a customer in review from Partner Center (api mode): its status card shows the truth. */
    private readonly readFirst?: (customerId: string) => Promise<unknown>,
  ) {
    super(store, lookup, events, now, newId, gateway);
  }

  async createCustomer(
    user: PartnerUser,
    input: unknown,
    submission?: { key: string },
  ): ServiceResult<{ customer: CustomerRecord; warnings: Issue[] }> {
    const refusal = authorize(user, 'addCustomer');
    if (refusal) return fail(refusal);
    const report = validateNewCustomer(input, { now: this.now() });
    const issues = [...report.issues, ...(await this.domainIssues(input))];
    if (issues.length > 0 || !report.value) return fail(validationError(issues, report.warnings));

    const at = this.now().toISOString();
    const built = buildCustomerRecord(
      report.value,
      { id: this.newId(), partnerTenantId: user.tenantId },
      at,
      actorOf(user),
    );
    let record = built;
    if (this.gateway) {
      const remote = await this.gateway.createEducationCustomer(built, submission?.key ?? built.id);
      if (!remote.ok)
        return fail(
          remote.error.code === 'domainTaken'
            ? validationError(await this.domainIssues(input, { taken: true }), report.warnings)
            : remote.error,
        );
      // Submitted again after the first answer was lost: Partner Center answered with the same customer.
      const kept = await this.store.get(remote.value.customerId);
      if (kept) return ok({ customer: kept, warnings: report.warnings });
      const { customerId, vettingStatus, vettingCreateDate } = remote.value;
      record = {
        ...built,
        id: customerId,
        qualification: {
          ...built.qualification,
          vettingStatus,
          vettingCreateDate: vettingCreateDate ?? at,
        },
      };
    }
    const inserted = await this.store.insert(record);
    if (!inserted.ok) return fail(validationError(await this.domainIssues(input), report.warnings));
    this.events.publish({ customer: record, from: 'None', to: 'InReview', at, by: actorOf(user) });
    return ok({ customer: record, warnings: report.warnings });
  }

  async validateDraft(
    input: unknown,
    sections: readonly CustomerSection[],
    options: { correcting?: boolean } = {},
  ) {
    const report = validateSections(input, sections, { now: this.now() });
    if (!sections.includes('organisation') || options.correcting) return report;
    const taken = await this.domainIssues(input);
    return taken.length > 0
      ? { ...report, value: undefined, issues: [...report.issues, ...taken] }
      : report;
  }

  /**
   * A `domainTaken` issue (with a free suggestion) when the draft's valid domain is taken here,
   * or, with `taken`, because Partner Center said so.
   */
  private async domainIssues(input: unknown, known: { taken?: boolean } = {}): Promise<Issue[]> {
    const raw =
      input && typeof input === 'object' ? (input as Record<string, unknown>).domain : undefined;
    const prefix = customerFieldSchemas.domain.safeParse(raw);
    if (!prefix.success) return [];
    const domain = fullDomain(prefix.data);
    if (!known.taken && !(await this.store.isDomainTaken(domain))) return [];
    const suggestion = await this.firstFreePrefix(prefix.data);
    return [makeIssue('domain', 'domainTaken', { domain, ...(suggestion ? { suggestion } : {}) })];
  }

  async suggestDomainPrefix(companyName: string): Promise<string | undefined> {
    const base = prefixFromCompanyName(companyName);
    return base ? this.firstFreePrefix(base) : undefined;
  }

  private async firstFreePrefix(base: string): Promise<string | undefined> {
    let tries = 0;
    for (const candidate of prefixCandidates(base)) {
      if (!(await this.store.isDomainTaken(fullDomain(candidate)))) return candidate;
      if (++tries >= MAX_PREFIX_TRIES) return undefined;
    }
    return undefined;
  }

  getCustomer(user: PartnerUser, idOrDomain: string): ServiceResult<CustomerRecord> {
    return this.lookup.authorized(user, 'checkStatus', idOrDomain);
  }

  async findCustomers(user: PartnerUser, text: string): ServiceResult<CustomerRecord[]> {
    const refusal = authorize(user, 'checkStatus');
    if (refusal) return fail(refusal);
    const exact = await this.lookup.resolve(text, user.tenantId);
    if (exact) return ok([exact]);
    const folded = foldText(text.trim());
    if (!folded) return ok([]);
    const page = await this.store.query({
      partnerTenantId: user.tenantId,
      text: folded,
      limit: MAX_SEARCH_RESULTS,
    });
    if (page.items.length > 0 || !this.lookup.remote) return ok(page.items);
    // None here: perhaps made outside the bot (api mode).
    return ok(
      await this.lookup.remote.find(text.trim(), user.tenantId, actorOf(user), MAX_REMOTE_RESULTS),
    );
  }

  async listCustomers(user: PartnerUser, options: ListOptions = {}) {
    const refusal = authorize(user, 'checkStatus');
    if (refusal) return fail(refusal);
    return ok(await this.store.query({ ...pageQuery(options), partnerTenantId: user.tenantId }));
  }

  async searchCustomers(user: PartnerUser, options: ListOptions): ServiceResult<CustomerPage> {
    const refusal = authorize(user, 'checkStatus');
    if (refusal) return fail(refusal);
    const query = { ...pageQuery(options), partnerTenantId: user.tenantId };
    const named =
      options.text && !options.cursor
        ? await this.lookup.resolve(options.text, user.tenantId)
        : undefined;
    const page = await this.store.query(query);
    if (!named || page.items.some((c) => c.id === named.id)) return ok(page);
    // Named by id or domain, it still has to fit the status and the request date asked for.
    if (!searchMatcher({ ...query, text: undefined })(searchEntryOf(named))) return ok(page);
    return ok({
      ...page,
      items: [named, ...page.items].slice(0, query.limit),
      total: page.total + 1,
    });
  }

  async keptStatus(user: PartnerUser, idOrDomain: string): ServiceResult<QualificationStatus> {
    const refusal = authorize(user, 'checkStatus');
    if (refusal) return fail(refusal);
    const record = await this.lookup.resolve(idOrDomain, user.tenantId);
    return record
      ? ok(qualificationStatus(record))
      : fail({ code: 'notFound', customer: idOrDomain });
  }

  async overview(user: PartnerUser): ServiceResult<CustomerOverview> {
    const refusal = authorize(user, 'checkStatus');
    if (refusal) return fail(refusal);
    const records: CustomerRecord[] = [];
    for await (const record of this.store.scan(user.tenantId)) records.push(record);
    return ok(summarizeCustomers(records, this.now()));
  }

  async getQualificationStatus(
    user: PartnerUser,
    idOrDomain: string,
  ): ServiceResult<QualificationStatus> {
    const found = await this.lookup.authorized(user, 'checkStatus', idOrDomain);
    if (!found.ok) return found;
    if (this.readFirst && found.value.qualification.vettingStatus === 'InReview') {
      await this.readFirst(found.value.id);
      const read = await this.store.get(found.value.id);
      if (read) return ok(qualificationStatus(read));
    }
    return ok(qualificationStatus(found.value));
  }

  async purchaseOptions(
    user: PartnerUser,
    idOrDomain: string,
    action: PurchaseAction = 'newPurchase',
  ): ServiceResult<PurchaseOptions> {
    const found = await this.lookup.authorized(user, 'checkStatus', idOrDomain);
    if (!found.ok) return found;
    const status = found.value.qualification.vettingStatus;
    const customer = { customerType: 'Education' as const, educationStatus: status };
    return ok({
      customerId: found.value.id,
      vettingStatus: status,
      sellableSegments: status === 'Approved' ? sellableSegments('Education') : [],
      offers: OFFER_CATALOG.map((offer) => ({
        offer,
        eligibility: eligibility(customer, offer, action),
      })),
    });
  }

  operatorGet(idOrDomain: string): Promise<CustomerRecord | undefined> {
    return this.lookup.resolve(idOrDomain);
  }

  operatorList(options: ListOptions = {}) {
    return this.store.query(pageQuery(options));
  }
}

function pageQuery(options: ListOptions) {
  const limit = Math.min(
    Math.max(1, Math.trunc(options.limit ?? DEFAULT_PAGE_SIZE)),
    MAX_PAGE_SIZE,
  );
  return {
    limit,
    ...(options.status ? { status: options.status } : {}),
    ...(options.text?.trim() ? { text: foldText(options.text.trim()) } : {}),
    ...(options.requestedBefore ? { requestedBefore: options.requestedBefore } : {}),
    ...(options.sort ? { sort: options.sort } : {}),
    ...(options.cursor ? { cursor: options.cursor } : {}),
  };
}
