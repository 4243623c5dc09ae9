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
      return ok({
        customerId: customer.id,
        vettingStatus: knownStatus(qualification.vettingStatus, this.log),
        ...(qualification.vettingCreateDate
          ? { vettingCreateDate: qualification.vettingCreateDate }
          : {}),
      });
    } catch (error) {
      if (!(error instanceof PartnerCenterError)) throw error;
      this.log.warn('Partner Center did not finish a new customer', {
        kind: error.kind,
        status: error.status,
        partnerCenterCode: error.code,
        done,
        correlationId,
      });
      if (error.kind === 'refused' && done === 'nothing' && error.status === 409)
        return fail({ code: 'domainTaken' });
      if (error.kind === 'refused')
        return fail({
          code: 'partnerCenterRefused',
          ...(error.status === undefined ? {} : { status: error.status }),
          ...(error.code === undefined ? {} : { partnerCenterCode: error.code }),
        });
      return fail({ code: 'partnerCenterUnavailable', done });
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
      if (!(error instanceof PartnerCenterError)) throw error;
      this.log.warn('Partner Center qualification not read', {
        kind: error.kind,
        status: error.status,
        customerId,
      });
      return fail(
        error.kind === 'refused'
          ? {
              code: 'partnerCenterRefused',
              ...(error.status === undefined ? {} : { status: error.status }),
              ...(error.code === undefined ? {} : { partnerCenterCode: error.code }),
            }
          : { code: 'partnerCenterUnavailable', done: 'nothing' },
      );
    }
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
