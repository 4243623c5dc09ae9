import type { ActorRef, CustomerRecord } from './customer.js';
import type { NewCustomerInput } from './customerInput.js';
import { DOMAIN_SUFFIX } from './fieldSchemas.js';
import { correction, firstSubmission, type CorrectionRefusal } from './vetting.js';
import type { Result } from './result.js';

/** Form fields ↔ the API-shaped record. The domain prefix is the form's, the record's is full. */

export function fullDomain(prefix: string): string {
  return `${prefix}${DOMAIN_SUFFIX}`;
}

export function domainPrefixOf(record: Pick<CustomerRecord, 'companyProfile'>): string {
  return record.companyProfile.domain.slice(0, -DOMAIN_SUFFIX.length);
}

const DEFAULT_CULTURE = 'en-US';

// Optional fields are left out, not stored as undefined, so files stay minimal.
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function profiles(input: NewCustomerInput, domain: string) {
  const culture = input.culture ?? DEFAULT_CULTURE;
  return {
    companyProfile: defined({
      companyName: input.companyName,
      domain,
      organizationRegistrationNumber: input.organizationRegistrationNumber,
    }),
    billingProfile: defined({
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      phoneNumber: input.phoneNumber,
      culture,
      language: input.language ?? culture.slice(0, 2),
      defaultAddress: defined({
        addressLine1: input.addressLine1,
        addressLine2: input.addressLine2,
        city: input.city,
        state: input.state,
        postalCode: input.postalCode,
        country: input.country,
      }),
    }),
    mcaAcceptance: {
      signerName: input.mcaSignerName,
      signerEmail: input.mcaSignerEmail,
      dateAgreed: input.mcaDateAgreed,
    },
  };
}

export function buildCustomerRecord(
  input: NewCustomerInput,
  ids: { id: string; partnerTenantId: string },
  at: string,
  by: ActorRef,
): CustomerRecord {
  return {
    ...ids,
    createdAt: at,
    updatedAt: at,
    createdBy: by,
    ...profiles(input, fullDomain(input.domain)),
    qualification: firstSubmission(
      defined({ educationSegment: input.educationSegment, website: input.website }),
      at,
      by,
    ),
  };
}

/** The record as form fields: what a correction card is pre-filled with. */
export function customerFormValues(record: CustomerRecord): NewCustomerInput {
  const { companyProfile: company, billingProfile: billing, qualification: q } = record;
  return defined({
    companyName: company.companyName,
    educationSegment: q.educationSegment,
    website: q.website,
    email: billing.email,
    domain: domainPrefixOf(record),
    country: billing.defaultAddress.country,
    addressLine1: billing.defaultAddress.addressLine1,
    addressLine2: billing.defaultAddress.addressLine2,
    city: billing.defaultAddress.city,
    state: billing.defaultAddress.state,
    postalCode: billing.defaultAddress.postalCode,
    organizationRegistrationNumber: company.organizationRegistrationNumber,
    phoneNumber: billing.phoneNumber,
    firstName: billing.firstName,
    lastName: billing.lastName,
    mcaSignerName: record.mcaAcceptance.signerName,
    mcaSignerEmail: record.mcaAcceptance.signerEmail,
    mcaDateAgreed: record.mcaAcceptance.dateAgreed,
    culture: billing.culture,
    language: billing.language,
  });
}

/** Applies corrected form values (the domain stays) and records which fields changed. */
export function correctedRecord(
  record: CustomerRecord,
  corrected: NewCustomerInput,
  at: string,
  by: ActorRef,
): Result<CustomerRecord, CorrectionRefusal> {
  const before = customerFormValues(record);
  const keys = new Set([...Object.keys(before), ...Object.keys(corrected)]) as Set<keyof NewCustomerInput>;
  const changed = [...keys].filter((k) => k !== 'domain' && before[k] !== corrected[k]).sort();
  // Segment and website live on the qualification; a website left blank is removed.
  const { website: _oldWebsite, ...qualificationRest } = record.qualification;
  const qualification = correction(
    defined({ ...qualificationRest, educationSegment: corrected.educationSegment, website: corrected.website }),
    changed,
    at,
    by,
  );
  if (!qualification.ok) return qualification;
  if (changed.length === 0) return { ok: true, value: record };
  return {
    ok: true,
    value: {
      ...record,
      ...profiles(corrected, record.companyProfile.domain),
      updatedAt: at,
      qualification: qualification.value,
    },
  };
}
