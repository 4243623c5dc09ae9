import { createHash } from 'node:crypto';
import { VETTING_STATUSES, type CustomerRecord, type VettingStatus } from '../domain/customer.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { Logger } from '../log.js';
import type {
  ConfirmedSteps,
  GatewayRefusal,
  QualificationGateway,
  RemoteQualification,
  RemoteReading,
} from '../service/qualificationGateway.js';
import type { BillingProfile } from './contract.js';
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
      const { signerName, signerEmail, dateAgreed } = record.mcaAcceptance;
      await this.api.confirmAgreement(customer.id, signerOf(signerName, signerEmail), dateAgreed, {
        requestId: requestIdFor(key, 'agreement'),
        correlationId,
      });
      done = 'agreement';
      const { educationSegment, website } = record.qualification;
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
      const { educationSegment, website } = corrected.qualification;
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
      if (!education) return ok({ vettingStatus: undefined });
      return ok({
        vettingStatus: knownStatus(education.vettingStatus, this.log),
        ...(education.vettingReason ? { vettingReason: education.vettingReason } : {}),
        ...(education.vettingCreateDate ? { vettingCreateDate: education.vettingCreateDate } : {}),
      });
    } catch (error) {
      return fail(this.refusal(error, 'nothing', { customerId }));
    }
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

/** A request id (a UUID's shape) that is the same for the same submission and step. */
export function requestIdFor(key: string, step: string): string {
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

/** Partner Center's status as the domain knows it; an unknown one reads as still in review (and is logged). */
function knownStatus(status: string | undefined, log: Logger): VettingStatus {
  const known = VETTING_STATUSES.find((s) => s === status);
  if (known) return known;
  log.warn('Partner Center answered a vetting status this bot does not know', { status });
  return 'InReview';
}
