import type { CustomerRecord, VettingStatus } from '../domain/customer.js';
import type { CustomerField } from '../domain/fields.js';
import type { Result } from '../domain/result.js';

/**
 * Where a new education customer is made and its Education qualification requested, when that
 * is not the local simulation: Partner Center (partnerCenter/partnerCenterGateway.ts). The
 * service validates, then asks the gateway, then keeps what it answered.
 */
export interface QualificationGateway {
  /**
   * Creates the customer, confirms the Microsoft Customer Agreement with the signer and requests
   * the Education qualification. `key` names the submission (the form's id): the same key makes
   * the same requests, so a retry after any failure, even a crash, creates nothing twice.
   */
  createEducationCustomer(
    record: CustomerRecord,
    key: string,
  ): Promise<Result<RemoteQualification, GatewayRefusal>>;

  /**
   * A corrected, denied customer asks again: the billing profile takes the corrections (when any
   * of its fields changed), then the Education qualification is requested once more, as request
   * `request` of three. `key` names the submission, as for a new customer.
   */
  resubmitEducation(
    before: CustomerRecord,
    corrected: CustomerRecord,
    request: number,
    key: string,
  ): Promise<Result<RemoteQualification, GatewayRefusal>>;

  /** The customer's Education qualification as Partner Center has it now. */
  readQualification(customerId: string): Promise<Result<RemoteReading, GatewayRefusal>>;

  /**
   * Customers Partner Center has, made anywhere (the portal, a colleague, another tool), whose
   * domain or company name starts with the text; at most `limit`.
   */
  searchCustomers(
    text: string,
    limit: number,
  ): Promise<Result<RemoteCustomerSummary[], GatewayRefusal>>;

  /** One customer as Partner Center holds it, or undefined when it has none with this id. */
  readCustomer(customerId: string): Promise<Result<RemoteCustomer | undefined, GatewayRefusal>>;
}

/** A customer as a search lists it (the domain is the full primary domain). */
export interface RemoteCustomerSummary {
  customerId: string;
  companyName: string;
  domain: string;
}

/**
 * A customer read whole: its profiles, its agreement's signer and its segment as the form's
 * values (only those Partner Center gave), and its Education qualification.
 */
export interface RemoteCustomer extends RemoteCustomerSummary {
  values: Partial<Record<CustomerField, string>>;
  qualification: RemoteReading;
}

/** A read of Partner Center's qualification: its status (undefined: none), reason and date. */
export interface RemoteReading {
  vettingStatus: VettingStatus | undefined;
  /** A status this code does not know, as sent (`vettingStatus` then reads it as InReview). */
  unknownStatus?: string;
  vettingReason?: string;
  vettingCreateDate?: string;
}

/** What Partner Center holds after the submission: its customer id and the qualification's state. */
export interface RemoteQualification {
  customerId: string;
  vettingStatus: VettingStatus;
  vettingCreateDate?: string;
}

/**
 * Why the gateway did not finish:
 * - `domainTaken`: Partner Center has a customer with this domain already;
 * - `partnerCenterRefused`: it refused the request (its HTTP status and error code, when it gave one);
 * - `partnerCenterUnavailable`: no answer in time; `done` says which steps it confirmed (none,
 *   the customer, or the customer and the agreement). Submitting again finishes the rest.
 */
export type GatewayRefusal =
  | { code: 'domainTaken' }
  /** The billing profile changed in Partner Center meanwhile (412): it was read again; nothing was requested. */
  | { code: 'partnerCenterProfileChanged' }
  | { code: 'partnerCenterRefused'; status?: number; partnerCenterCode?: string }
  | { code: 'partnerCenterUnavailable'; done: ConfirmedSteps };

/** How far a new customer got in Partner Center: nothing confirmed, the customer, or it and the agreement. */
export const CONFIRMED_STEPS = ['nothing', 'customer', 'agreement'] as const;
export type ConfirmedSteps = (typeof CONFIRMED_STEPS)[number];
