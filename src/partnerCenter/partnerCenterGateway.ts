import { createHash } from 'node:crypto';
import { VETTING_STATUSES, type CustomerRecord, type VettingStatus } from '../domain/customer.js';
import type { CustomerField } from '../domain/fields.js';
import { EDUCATION_SEGMENTS, prefixOfDomain } from '../domain/fieldRules.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { Logger } from '../log.js';
import type {
  ConfirmedSteps,
  GatewayRefusal,
  QualificationGateway,
  RemoteCustomer,
  RemoteCustomerSummary,
  RemoteQualification,
  RemoteReading,
} from '../service/qualificationGateway.js';
import type {
  BillingProfile,
  CustomerAgreement,
  PartnerCenterCustomer,
  Qualification,
} from './contract.js';
import type { AgreementSigner, NewCustomerProfiles, PartnerCenterApi } from './partnerCenterApi.js';
import { PartnerCenterError } from './partnerCenterError.js';

/**
 * A new education customer in the real Partner Center, in the documented order (§3): the
 * customer, the Microsoft Customer Agreement, the Education qualification. Each step's
 * MS-RequestId is derived from the submission's key and the step, so submitting the same form
 * again (after a timeout, a dropped connection or a crash) makes the same three requests, which
 * Partner Center answers with what the first ones made.
 */
export class PartnerCenterGateway implements QualificationGateway {
  constructor(
    private readonly api: PartnerCenterApi,
    private readonly log: Logger,
  ) {}

  async createEducationCustomer(
    record: CustomerRecord,
    key: string,
  ): Promise<Result<RemoteQualification, GatewayRefusal>> {
    const correlationId = requestIdFor(key, 'correlation');
    let done: ConfirmedSteps = 'nothing';
    try {
      const customer = await this.api.createCustomer(profilesOf(record), {
        requestId: requestIdFor(key, 'customer'),
        correlationId,
      });
      done = 'customer';
      const { signerName, signerEmail, dateAgreed } = submitted(record).mcaAcceptance;
      await this.api.confirmAgreement(customer.id, signerOf(signerName, signerEmail), dateAgreed, {
        requestId: requestIdFor(key, 'agreement'),
        correlationId,
      });
      done = 'agreement';
      const { educationSegment, website } = submitted(record).qualification;
      const qualification = await this.api.requestEducation(
        customer.id,
        { educationSegment, ...(website ? { website } : {}) },
        { requestId: requestIdFor(key, 'qualification-1'), correlationId },
      );
      return ok(this.remoteQualification(customer.id, qualification));
    } catch (error) {
      const refusal = this.refusal(error, done, { correlationId });
      // No source names the answer for a taken domain; the SDK maps 409 to AlreadyExists (§3.4).
      const taken = refusal.code === 'partnerCenterRefused' && refusal.status === 409;
      return fail(taken && done === 'nothing' ? { code: 'domainTaken' } : refusal);
    }
  }

  async resubmitEducation(
    before: CustomerRecord,
    corrected: CustomerRecord,
    request: number,
    key: string,
  ): Promise<Result<RemoteQualification, GatewayRefusal>> {
    const correlationId = requestIdFor(key, 'correlation');
    const customerId = before.id;
    try {
      const changes = billingChanges(before, corrected);
      if (changes) {
        // The whole profile as read, with the corrections, guarded by its etag (§11.2).
        const read = await this.api.billingProfile(customerId, correlationId);
        try {
          await this.api.updateBillingProfile(customerId, changes(read), {
            requestId: requestIdFor(key, 'billing'),
            correlationId,
          });
        } catch (error) {
          if (error instanceof PartnerCenterError && error.status === 412)
            return fail({ code: 'partnerCenterProfileChanged' });
          throw error;
        }
      }
      const { educationSegment, website } = submitted(corrected).qualification;
      const qualification = await this.api.requestEducation(
        customerId,
        { educationSegment, ...(website ? { website } : {}) },
        { requestId: requestIdFor(key, `qualification-${request}`), correlationId },
      );
      return ok(this.remoteQualification(customerId, qualification));
    } catch (error) {
      return fail(this.refusal(error, 'nothing', { customerId, correlationId }));
    }
  }

  async readQualification(customerId: string): Promise<Result<RemoteReading, GatewayRefusal>> {
    try {
      const education = await this.api.educationQualification(customerId);
      return ok(education ? this.readingOf(education) : { vettingStatus: undefined });
    } catch (error) {
      return fail(this.refusal(error, 'nothing', { customerId }));
    }
  }

  async searchCustomers(
    text: string,
    limit: number,
  ): Promise<Result<RemoteCustomerSummary[], GatewayRefusal>> {
    const value = text.trim();
    try {
      // A word without spaces may be a domain (with or without its suffix) as well as a name.
      const byDomain = /^[^\s]+$/.test(value)
        ? await this.api.searchCustomers('Domain', value)
        : [];
      const found = new Map<string, RemoteCustomerSummary>();
      for (const customer of [
        ...byDomain,
        ...(await this.api.searchCustomers('CompanyName', value)),
      ])
        found.set(customer.id, summaryOf(customer));
      return ok([...found.values()].slice(0, limit));
    } catch (error) {
      return fail(this.refusal(error, 'nothing', {}));
    }
  }

  async readCustomer(
    customerId: string,
  ): Promise<Result<RemoteCustomer | undefined, GatewayRefusal>> {
    try {
      const customer = await this.api.customer(customerId);
      if (!customer) return ok(undefined);
      const [billing, education, agreement] = await Promise.all([
        customer.billingProfile ?? this.api.billingProfile(customerId),
        this.api.educationQualification(customerId),
        this.api.customerAgreement(customerId),
      ]);
      return ok({
        ...summaryOf(customer),
        values: formValuesOf(customer, billing, education, agreement),
        qualification: education ? this.readingOf(education) : { vettingStatus: undefined },
      });
    } catch (error) {
      return fail(this.refusal(error, 'nothing', { customerId }));
    }
  }

  private readingOf(education: Qualification): RemoteReading {
    const sent = education.vettingStatus;
    return {
      vettingStatus: knownStatus(sent, this.log),
      ...(sent && !isKnown(sent) ? { unknownStatus: sent } : {}),
      ...(education.vettingReason ? { vettingReason: education.vettingReason } : {}),
      ...(education.vettingCreateDate ? { vettingCreateDate: education.vettingCreateDate } : {}),
    };
  }

  private remoteQualification(
    customerId: string,
    qualification: { vettingStatus?: string | undefined; vettingCreateDate?: string },
  ): RemoteQualification {
    return {
      customerId,
      vettingStatus: knownStatus(qualification.vettingStatus, this.log),
      ...(qualification.vettingCreateDate
        ? { vettingCreateDate: qualification.vettingCreateDate }
        : {}),
    };
  }

  /** A failed call as the service reads it (a refusal, or no answer after `done`), logged once. */
  private refusal(
    error: unknown,
    done: ConfirmedSteps,
    context: Record<string, string>,
  ): GatewayRefusal {
    if (!(error instanceof PartnerCenterError)) throw error;
    this.log.warn('a Partner Center call did not succeed', {
      kind: error.kind,
      status: error.status,
      partnerCenterCode: error.code,
      done,
      ...context,
    });
    if (
      error.kind === 'refused' &&
      done === 'nothing' &&
      error.status === 409 &&
      !context.customerId
    )
      return { code: 'domainTaken' };
    if (error.kind === 'refused')
      return {
        code: 'partnerCenterRefused',
        ...(error.status === undefined ? {} : { status: error.status }),
        ...(error.code === undefined ? {} : { partnerCenterCode: error.code }),
      };
    return { code: 'partnerCenterUnavailable', done };
  }
}

function summaryOf(customer: PartnerCenterCustomer): RemoteCustomerSummary {
  const { domain, companyName } = customer.companyProfile;
  return {
    customerId: customer.id,
    domain,
    companyName: companyName ?? customer.billingProfile?.companyName ?? domain,
  };
}

/**
 * What Partner Center holds of a customer, as the form's values: the profiles (§11.2), the
 * agreement's primary contact (§3.5) and, when the read echoes them, the segment and website.
 */
function formValuesOf(
  customer: PartnerCenterCustomer,
  billing: BillingProfile,
  education: Qualification | undefined,
  agreement: CustomerAgreement | undefined,
): Partial<Record<CustomerField, string>> {
  const address = billing.defaultAddress;
  const contact = agreement?.primaryContact;
  const signer = [contact?.firstName, contact?.lastName].filter(Boolean).join(' ');
  const segment = EDUCATION_SEGMENTS.find((s) => s === education?.educationSegment);
  const entries: [CustomerField, unknown][] = [
    ['companyName', customer.companyProfile.companyName ?? billing.companyName],
    ['domain', prefixOfDomain(customer.companyProfile.domain)],
    ['organizationRegistrationNumber', customer.companyProfile.organizationRegistrationNumber],
    ['email', billing.email],
    ['culture', billing.culture],
    ['language', billing.language],
    ['firstName', billing.firstName ?? address.firstName],
    ['lastName', billing.lastName ?? address.lastName],
    ['phoneNumber', address.phoneNumber],
    ['addressLine1', address.addressLine1],
    ['addressLine2', address.addressLine2],
    ['city', address.city],
    ['state', address.state],
    ['postalCode', address.postalCode],
    ['country', address.country],
    ['educationSegment', segment],
    ['website', education?.website],
    ['mcaSignerName', signer],
    ['mcaSignerEmail', contact?.email],
    ['mcaDateAgreed', agreement?.dateAgreed?.slice(0, 10)],
  ];
  return Object.fromEntries(
    entries.filter(
      (entry): entry is [CustomerField, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
}

/** A record made from the form: it has the agreement's signer and the segment (the form asks both). */
function submitted(record: CustomerRecord) {
  const { mcaAcceptance, qualification } = record;
  const { educationSegment } = qualification;
  if (!mcaAcceptance || !educationSegment)
    throw new Error('A customer is submitted from the form, with its agreement and segment');
  return { mcaAcceptance, qualification: { ...qualification, educationSegment } };
}

/** A request id (a UUID's shape) that is the same for the same submission and step. */
function requestIdFor(key: string, step: string): string {
  const hex = createHash('sha256').update(`${key}\u0000${step}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The record's profiles as Partner Center's `POST /v1/customers` takes them (§3.4). */
function profilesOf(record: CustomerRecord): NewCustomerProfiles {
  const { companyProfile, billingProfile } = record;
  const { defaultAddress, firstName, lastName, phoneNumber } = billingProfile;
  return {
    companyProfile: {
      domain: companyProfile.domain,
      companyName: companyProfile.companyName,
      ...(companyProfile.organizationRegistrationNumber
        ? { organizationRegistrationNumber: companyProfile.organizationRegistrationNumber }
        : {}),
    },
    billingProfile: {
      email: billingProfile.email,
      culture: billingProfile.culture,
      language: billingProfile.language,
      companyName: companyProfile.companyName,
      defaultAddress: {
        ...defaultAddress,
        firstName,
        lastName,
        ...(phoneNumber ? { phoneNumber } : {}),
      },
    },
  };
}

/**
 * How to lay a correction over the billing profile as read, or undefined when none of its fields
 * changed (the segment and website live on the qualification, the domain never changes).
 */
function billingChanges(
  before: CustomerRecord,
  corrected: CustomerRecord,
): ((read: BillingProfile) => BillingProfile) | undefined {
  const was = profilesOf(before).billingProfile;
  const now = profilesOf(corrected).billingProfile;
  if (JSON.stringify(was) === JSON.stringify(now)) return undefined;
  return (read) => ({
    ...read,
    companyName: now.companyName,
    email: now.email,
    culture: now.culture,
    language: now.language,
    defaultAddress: { ...read.defaultAddress, ...now.defaultAddress },
  });
}

/** The signer as the agreement's primary contact: the last word is the last name. */
function signerOf(name: string, email: string): AgreementSigner {
  const words = name.trim().split(/\s+/);
  const lastName = words.at(-1) ?? name;
  const firstName = words.slice(0, -1).join(' ') || lastName;
  return { firstName, lastName, email };
}

const isKnown = (status: string): status is VettingStatus =>
  (VETTING_STATUSES as readonly string[]).includes(status);

/** Partner Center's status as the domain knows it; an unknown one reads as still in review (and is logged). */
function knownStatus(status: string | undefined, log: Logger): VettingStatus {
  if (status !== undefined && isKnown(status)) return status;
  log.warn('Partner Center answered a vetting status this bot does not know', { status });
  return 'InReview';
}
