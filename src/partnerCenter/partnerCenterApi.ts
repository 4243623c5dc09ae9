import type { z } from 'zod';
import {
  agreementTemplatesSchema,
  billingProfileSchema,
  customerAgreementsSchema,
  customerPageSchema,
  customerSchema,
  errorCodeOf,
  qualificationsSchema,
  type BillingProfile,
  type CustomerAgreement,
  type PartnerCenterAddress,
  type PartnerCenterCustomer,
  type Qualification,
} from './contract.js';
import { PartnerCenterError } from './partnerCenterError.js';
import type {
  PartnerCenterAnswer,
  PartnerCenterCall,
  PartnerCenterClient,
} from './partnerCenterClient.js';

/**
 * The Partner Center calls an education customer needs (../shared/partner-center-api.md §3, §4,
 * §11), each answer parsed with its schema. Calls that create or change something take the
 * `MS-RequestId` the caller recorded before calling, so a retry after any failure is the same call.
 */

export interface NewCustomerProfiles {
  companyProfile: { domain: string; companyName: string; organizationRegistrationNumber?: string };
  billingProfile: {
    email: string;
    culture: string;
    language: string;
    companyName: string;
    defaultAddress: PartnerCenterAddress;
  };
}

export interface AgreementSigner {
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber?: string;
}

/** What ties a call to the user's turn, and makes its retry the same call. */
export interface CallKeys {
  requestId: string;
  correlationId?: string;
}

/** A search field of `GET /v1/customers?filter=…` (§11.1). */
export type CustomerSearchField = 'CompanyName' | 'Domain';

/** Pages followed at most for one search: a search that wide names too little. */
const MAX_SEARCH_PAGES = 5;
const SEARCH_PAGE_SIZE = 50;

export class PartnerCenterApi {
  private templateId: string | undefined;

  constructor(private readonly client: PartnerCenterClient) {}

  /** `HEAD /v1/domains/{prefix}.onmicrosoft.com`: 200 is taken, 404 is free. */
  async domainTaken(prefix: string, correlationId?: string): Promise<boolean> {
    const answer = await this.send({
      method: 'HEAD',
      path: `/v1/domains/${encodeURIComponent(`${prefix}.onmicrosoft.com`)}`,
      ...(correlationId ? { correlationId } : {}),
    });
    if (answer.status === 200) return true;
    if (answer.status === 404) return false;
    throw refusal(answer, 'domain check');
  }

  /** `POST /v1/customers` (201, or 200 as the swagger says). */
  async createCustomer(
    profiles: NewCustomerProfiles,
    keys: CallKeys,
  ): Promise<PartnerCenterCustomer> {
    const answer = await this.send({
      method: 'POST',
      path: '/v1/customers',
      body: profiles,
      ...keys,
    });
    return parse(answer, customerSchema, 'customer');
  }

  /** The Microsoft Customer Agreement template, read once per process (never hard-coded). */
  async agreementTemplateId(correlationId?: string): Promise<string> {
    if (this.templateId) return this.templateId;
    const answer = await this.send({
      method: 'GET',
      path: '/v1/agreements?agreementType=MicrosoftCustomerAgreement',
      ...(correlationId ? { correlationId } : {}),
    });
    const templates = parse(answer, agreementTemplatesSchema, 'agreement templates').items;
    const newest = [...templates].sort((a, b) => (b.versionRank ?? 0) - (a.versionRank ?? 0))[0];
    if (!newest)
      throw new PartnerCenterError('refused', 'Partner Center lists no customer agreement', {
        status: answer.status,
      });
    this.templateId = newest.templateId;
    return newest.templateId;
  }

  /**
   * `POST /v1/customers/{id}/agreements` with the signer as primary contact. An agreement already
   * confirmed with the same contact (600061) is what a retry wanted: done.
   */
  async confirmAgreement(
    customerId: string,
    signer: AgreementSigner,
    dateAgreed: string,
    keys: CallKeys,
  ): Promise<void> {
    const templateId = await this.agreementTemplateId(keys.correlationId);
    const answer = await this.send({
      method: 'POST',
      path: `/v1/customers/${encodeURIComponent(customerId)}/agreements`,
      body: {
        primaryContact: signer,
        templateId,
        dateAgreed: `${dateAgreed}T00:00:00.000Z`,
        type: 'MicrosoftCustomerAgreement',
      },
      ...keys,
    });
    if (answer.status === 200 || answer.status === 201) return;
    const error = refusal(answer, 'agreement');
    if (error.code === '600061') return;
    throw error;
  }

  /** `POST /v1/customers/{id}/qualifications` for Education; the Education entry of the answer. */
  async requestEducation(
    customerId: string,
    request: { educationSegment: string; website?: string },
    keys: CallKeys,
  ): Promise<Qualification> {
    const answer = await this.send({
      method: 'POST',
      path: `/v1/customers/${encodeURIComponent(customerId)}/qualifications`,
      body: { qualification: 'Education', ...request },
      ...keys,
    });
    const education = educationOf(parse(answer, qualificationsSchema, 'qualification'));
    if (!education)
      throw new PartnerCenterError('refused', 'the answer holds no Education qualification', {
        status: answer.status,
      });
    return education;
  }

  /** `GET /v1/customers/{id}/qualifications`: the Education entry, or undefined when there is none. */
  async educationQualification(
    customerId: string,
    correlationId?: string,
  ): Promise<Qualification | undefined> {
    const answer = await this.send({
      method: 'GET',
      path: `/v1/customers/${encodeURIComponent(customerId)}/qualifications`,
      ...(correlationId ? { correlationId } : {}),
    });
    return educationOf(parse(answer, qualificationsSchema, 'qualifications'));
  }

  /** `GET /v1/customers/{id}`: its company and billing profiles, or undefined when there is none. */
  async customer(
    customerId: string,
    correlationId?: string,
  ): Promise<PartnerCenterCustomer | undefined> {
    const answer = await this.send({
      method: 'GET',
      path: `/v1/customers/${encodeURIComponent(customerId)}`,
      ...(correlationId ? { correlationId } : {}),
    });
    if (answer.status === 404) return undefined;
    return parse(answer, customerSchema, 'customer');
  }

  /** `GET …/agreements?agreementType=MicrosoftCustomerAgreement`: the latest confirmation, if any. */
  async customerAgreement(
    customerId: string,
    correlationId?: string,
  ): Promise<CustomerAgreement | undefined> {
    const answer = await this.send({
      method: 'GET',
      path: `/v1/customers/${encodeURIComponent(customerId)}/agreements?agreementType=MicrosoftCustomerAgreement`,
      ...(correlationId ? { correlationId } : {}),
    });
    const { items } = parse(answer, customerAgreementsSchema, 'customer agreements');
    return items
      .filter((a) => a.dateAgreed && a.primaryContact?.email)
      .sort((a, b) => String(b.dateAgreed).localeCompare(String(a.dateAgreed)))[0];
  }

  /** `GET …/profiles/billing`, whole, with the etag a PUT must send back. */
  async billingProfile(customerId: string, correlationId?: string): Promise<BillingProfile> {
    const answer = await this.send({
      method: 'GET',
      path: `/v1/customers/${encodeURIComponent(customerId)}/profiles/billing`,
      ...(correlationId ? { correlationId } : {}),
    });
    return parse(answer, billingProfileSchema, 'billing profile');
  }

  /**
   * `PUT …/profiles/billing`: the whole profile as read, changed, with `If-Match`. A profile
   * changed meanwhile by someone else is a `refused` error with status 412.
   */
  async updateBillingProfile(
    customerId: string,
    profile: BillingProfile,
    keys: CallKeys,
  ): Promise<BillingProfile> {
    const etag = profile.attributes?.etag;
    const answer = await this.send({
      method: 'PUT',
      path: `/v1/customers/${encodeURIComponent(customerId)}/profiles/billing`,
      body: profile,
      ...(etag ? { ifMatch: `"${etag}"` } : {}),
      ...keys,
    });
    return parse(answer, billingProfileSchema, 'billing profile');
  }

  /** `GET /v1/customers?filter=…` (starts_with, case ignored), following its pages. */
  async searchCustomers(
    field: CustomerSearchField,
    value: string,
    correlationId?: string,
  ): Promise<PartnerCenterCustomer[]> {
    const filter = JSON.stringify({ Field: field, Value: value, Operator: 'starts_with' });
    let call: PartnerCenterCall = {
      method: 'GET',
      path: `/v1/customers?size=${SEARCH_PAGE_SIZE}&filter=${encodeURIComponent(filter)}`,
      ...(correlationId ? { correlationId } : {}),
    };
    const found: PartnerCenterCustomer[] = [];
    for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
      const answer = await this.send(call);
      const { items, links } = parse(answer, customerPageSchema, 'customer search');
      found.push(...items);
      const next = links?.next;
      if (!next) break;
      const continuation =
        next.headers?.find((h) => h.key.toLowerCase() === 'ms-continuationtoken')?.value ??
        answer.headers['ms-continuationtoken'];
      call = {
        method: 'GET',
        path: next.uri.startsWith('/') ? next.uri : `/${next.uri}`,
        ...(continuation ? { continuationToken: continuation } : {}),
        ...(correlationId ? { correlationId } : {}),
      };
    }
    return found;
  }

  private send(call: PartnerCenterCall): Promise<PartnerCenterAnswer> {
    return this.client.call(call);
  }
}

const educationOf = (qualifications: Qualification[]): Qualification | undefined =>
  qualifications.find((q) => q.qualification.toLowerCase() === 'education');

/** A 2xx answer's body through its schema; anything else is a refusal with Partner Center's code. */
function parse<S extends z.ZodType>(
  answer: PartnerCenterAnswer,
  schema: S,
  what: string,
): z.output<S> {
  if (answer.status < 200 || answer.status > 299) throw refusal(answer, what);
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success)
    throw new PartnerCenterError('unavailable', `Partner Center's ${what} is not as documented`, {
      status: answer.status,
    });
  return parsed.data;
}

function refusal(answer: PartnerCenterAnswer, what: string): PartnerCenterError {
  return new PartnerCenterError(
    'refused',
    `Partner Center refused the ${what} (${answer.status})`,
    {
      status: answer.status,
      ...errorCodeOf(answer.body),
    },
  );
}
