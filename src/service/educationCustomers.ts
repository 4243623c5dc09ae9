import type { ActorRef, CustomerRecord, HistoryEntry, VettingStatus } from '../domain/customer.js';
import type { CustomerField, CustomerSection } from '../domain/fields.js';
import type { Issue, ValidationReport } from '../domain/issues.js';
import type { Eligibility, Offer, PurchaseAction, Segment } from '../domain/purchase.js';
import type { Result } from '../domain/result.js';
import type { AuthorizationRefusal, PartnerUser } from '../domain/roles.js';
import type {
  CorrectionRefusal,
  Decision,
  DecisionRefusal,
  ResubmitRefusal,
} from '../domain/vetting.js';
import type { NewCustomerInput } from '../domain/customerInput.js';
import type { CustomerPage, CustomerSort } from '../storage/ports/customerStore.js';
import type { CustomerOverview } from '../domain/overview.js';
import type { GatewayRefusal } from './qualificationGateway.js';
import type { StatusChangeEvent, StatusChangeListener } from './statusEvents.js';

/** Every way a call can be refused; the bot turns each code into a localised message. */
export type ServiceError =
  | AuthorizationRefusal
  | { code: 'validation'; issues: Issue[]; warnings: Issue[] }
  | { code: 'notFound'; customer: string }
  | ResubmitRefusal
  | DecisionRefusal
  | CorrectionRefusal
  | Exclude<GatewayRefusal, { code: 'domainTaken' }>;

export type ServiceResult<T> = Promise<Result<T, ServiceError>>;

/** The customer's Education qualification as the status card shows it. */
export interface QualificationStatus {
  customerId: string;
  companyName: string;
  domain: string;
  /** Unknown for a customer made outside the bot when Partner Center does not say. */
  educationSegment?: NewCustomerInput['educationSegment'];
  website?: string;
  /** The values of the fields shown with the status (fields.ts), as the form has them. */
  shown: Partial<Record<CustomerField, string>>;
  vettingStatus: VettingStatus;
  vettingReason?: string;
  vettingCreateDate?: string;
  requestsUsed: number;
  requestsLeft: number;
  /** Api mode, in review: when Partner Center was last read, and a status it sent that is not known here. */
  partnerCenterRead?: { at: string; unknownStatus?: string };
  maxRequests: number;
  history: HistoryEntry[];
}

export interface PurchaseOptions {
  customerId: string;
  vettingStatus: VettingStatus;
  sellableSegments: Segment[];
  offers: { offer: Offer; eligibility: Eligibility }[];
}

export interface ListOptions {
  status?: VettingStatus;
  /** Words found in the company name or domain (each a part of either); case and accents ignored. */
  text?: string;
  /** Only customers whose current verification request was made before this ISO time. */
  requestedBefore?: string;
  sort?: CustomerSort;
  cursor?: string;
  limit?: number;
}

/**
 * The local Partner Center, in three concerns behind small interfaces: the partner's customers
 * (adding, finding, what can be sold; operators see across partners), the vetting workflow
 * (resubmission, Microsoft's decisions), and the decision events. Every partner-facing call
 * takes the user, whose role and partner type are checked against domain.md; customers are
 * scoped to their tenant. Each caller depends on the interfaces it uses.
 */
export interface PartnerCustomers {
  /**
   * Adds a customer. `submission.key` names the submission (the form's id): submitted again with
   * the same key, Partner Center is asked the same requests, so nothing is made twice there.
   */
  createCustomer(
    user: PartnerUser,
    input: unknown,
    submission?: { key: string },
  ): ServiceResult<{ customer: CustomerRecord; warnings: Issue[] }>;
  /**
   * Checks some steps of the form, with the domain's availability when the organisation step is
   * among them, except when correcting an existing customer (the domain is its own and fixed).
   */
  validateDraft(
    input: unknown,
    sections: readonly CustomerSection[],
    options?: { correcting?: boolean },
  ): Promise<ValidationReport<Partial<NewCustomerInput>>>;
  /** A free domain prefix made from a company name, or undefined when the name gives none. */
  suggestDomainPrefix(companyName: string): Promise<string | undefined>;

  getCustomer(user: PartnerUser, idOrDomain: string): ServiceResult<CustomerRecord>;
  /** By id, by domain (with or without the suffix), or by part of the name (case and accents ignored). */
  findCustomers(user: PartnerUser, text: string): ServiceResult<CustomerRecord[]>;
  listCustomers(user: PartnerUser, options?: ListOptions): ServiceResult<CustomerPage>;
  /**
   * For a search box: the customer an id or domain names first, then those whose name or domain
   * holds every word. From the local copy only, never waiting on Partner Center.
   */
  searchCustomers(user: PartnerUser, options: ListOptions): ServiceResult<CustomerPage>;
  /** The status as kept here, for answers that cannot wait on Partner Center (a 5-second invoke). */
  keptStatus(user: PartnerUser, idOrDomain: string): ServiceResult<QualificationStatus>;
  getQualificationStatus(user: PartnerUser, idOrDomain: string): ServiceResult<QualificationStatus>;
  /** How many of the partner's customers are in each status, and how long their reviews took. */
  overview(user: PartnerUser): ServiceResult<CustomerOverview>;
  purchaseOptions(
    user: PartnerUser,
    idOrDomain: string,
    action?: PurchaseAction,
  ): ServiceResult<PurchaseOptions>;
}

/** Microsoft's side and operators: every partner's customers. */
export interface OperatorCustomers {
  operatorGet(idOrDomain: string): Promise<CustomerRecord | undefined>;
  operatorList(options?: ListOptions): Promise<CustomerPage>;
}

export interface VettingWorkflow {
  /**
   * Global admin only; from Denied, at most three requests in all; corrections applied in the
   * same write. `submission.key` makes a retry the same request at Partner Center.
   */
  resubmit(
    user: PartnerUser,
    idOrDomain: string,
    corrections?: unknown,
    submission?: { key: string },
  ): ServiceResult<QualificationStatus>;
  /** Microsoft's side: the simulated reviewer and operators. Not scoped to a partner. */
  decide(
    by: ActorRef,
    idOrDomain: string,
    decision: Decision,
    guard?: { reviewStartedAt?: string },
  ): ServiceResult<QualificationStatus>;
}

export interface DecisionEvents {
  /** Called after every stored change of `vettingStatus`. Returns an unsubscribe function. */
  onStatusChange(listener: StatusChangeListener): () => void;
  /** Decisions whose notifications were not yet queued (after a crash or restart). */
  pendingDecisionEvents(): Promise<StatusChangeEvent[]>;
  /** The notifier has queued a decision's deliveries: forget the event. */
  acknowledgeEvent(customerId: string, eventId: string): Promise<void>;
}

/** The service's three parts, as the application hands them out: each caller takes the ones it needs. */
export interface EducationServices {
  customers: PartnerCustomers & OperatorCustomers;
  vetting: VettingWorkflow;
  events: DecisionEvents;
}
