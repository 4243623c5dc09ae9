import {
  customerRecordSchema,
  type ActorRef,
  type CustomerRecord,
  type VettingStatus,
} from './customer.js';
import type { NewCustomerInput } from './customerInput.js';
import { prefixOfDomain } from './fieldRules.js';
import { CUSTOMER_FIELDS, FIELDS, type FieldDeclaration, type RecordGroup } from './fields.js';
import { correction, firstSubmission, type CorrectionRefusal } from './vetting.js';
import type { Result } from './result.js';

/** Form fields ↔ the API-shaped record, by where fields.ts says each field lives. */

export { fullDomain } from './fieldRules.js';

export function domainPrefixOf(record: Pick<CustomerRecord, 'companyProfile'>): string {
  return prefixOfDomain(record.companyProfile.domain);
}

const DEFAULT_CULTURE = 'en-US';

type FormValues = Partial<Record<string, string>>;
type Groups = Record<RecordGroup, Record<string, string>>;

const declaration = (field: string): FieldDeclaration => FIELDS[field as keyof typeof FIELDS];

/** The record's groups filled from form values; optional fields left blank are left out. */
function groupsOf(values: FormValues): Groups {
  const groups: Groups = {
    companyProfile: {},
    billingProfile: {},
    address: {},
    qualification: {},
    mcaAcceptance: {},
  };
  for (const field of CUSTOMER_FIELDS) {
    const value = values[field];
    if (value === undefined) continue;
    const { group, key, toRecord } = declaration(field).record;
    groups[group][key] = toRecord ? toRecord(value) : value;
  }
  return groups;
}

/** The form's values with the culture the customer's billing profile always has. */
function withCulture(input: NewCustomerInput): FormValues {
  const culture = input.culture ?? DEFAULT_CULTURE;
  return { ...input, culture, language: input.language ?? culture.slice(0, 2) };
}

/** The profiles of the record (not the qualification, which the vetting workflow keeps). */
function profiles(
  groups: Groups,
): Pick<CustomerRecord, 'companyProfile' | 'billingProfile' | 'mcaAcceptance'> {
  const { companyProfile, billingProfile, address, mcaAcceptance } = groups;
  // Every required field is present: the input was parsed with the fields' own schemas.
  return {
    companyProfile,
    billingProfile: { ...billingProfile, defaultAddress: address },
    mcaAcceptance,
  } as unknown as Pick<CustomerRecord, 'companyProfile' | 'billingProfile' | 'mcaAcceptance'>;
}

type QualificationFields = Pick<CustomerRecord['qualification'], 'educationSegment' | 'website'>;

export function buildCustomerRecord(
  input: NewCustomerInput,
  ids: { id: string; partnerTenantId: string },
  at: string,
  by: ActorRef,
): CustomerRecord {
  const groups = groupsOf(withCulture(input));
  return {
    ...ids,
    createdAt: at,
    updatedAt: at,
    createdBy: by,
    ...profiles(groups),
    qualification: firstSubmission(groups.qualification, at, by),
  };
}

/** What Partner Center holds of a customer made outside the bot (api mode). */
export interface FoundCustomer {
  id: string;
  /** The form's values Partner Center gave. */
  values: FormValues;
  vettingStatus: VettingStatus;
  vettingReason?: string;
  vettingCreateDate?: string;
}

/**
 * A customer made outside the bot, kept here as Partner Center holds it, so that it can be
 * followed like the bot's own. Partner Center does not say how many verification requests were
 * used: one when there is a qualification (Partner Center still refuses past its limit). A
 * customer whose profiles lack what every customer has is refused, never kept half.
 */
export function recordFromPartnerCenter(
  found: FoundCustomer,
  partnerTenantId: string,
  at: string,
  by: ActorRef,
): Result<CustomerRecord, string[]> {
  const culture = found.values.culture ?? DEFAULT_CULTURE;
  const language = found.values.language ?? culture.slice(0, 2);
  const groups = groupsOf({ ...found.values, culture, language });
  const { mcaAcceptance, ...rest } = profiles(groups);
  const { vettingStatus, vettingReason, vettingCreateDate } = found;
  const parsed = customerRecordSchema.safeParse({
    id: found.id,
    partnerTenantId,
    createdAt: at,
    updatedAt: at,
    createdBy: by,
    origin: 'partnerCenter',
    ...rest,
    ...(Object.keys(groups.mcaAcceptance).length > 0 ? { mcaAcceptance } : {}),
    qualification: {
      qualification: 'Education',
      ...groups.qualification,
      vettingStatus,
      ...(vettingReason ? { vettingReason } : {}),
      ...(vettingCreateDate ? { vettingCreateDate } : {}),
      verificationRequests: vettingStatus === 'None' ? 0 : 1,
      history: [],
    },
  });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: parsed.error.issues.map((issue) => issue.path.join('.')) };
}

/** The record as form fields: what a correction card is pre-filled with. */
export function customerFormValues(record: CustomerRecord): NewCustomerInput {
  const groups: Record<RecordGroup, Record<string, unknown>> = {
    companyProfile: record.companyProfile,
    billingProfile: record.billingProfile,
    address: record.billingProfile.defaultAddress,
    qualification: record.qualification,
    mcaAcceptance: record.mcaAcceptance ?? {},
  };
  const values: FormValues = {};
  for (const field of CUSTOMER_FIELDS) {
    const { group, key, fromRecord } = declaration(field).record;
    const value = groups[group][key];
    if (typeof value === 'string') values[field] = fromRecord ? fromRecord(value) : value;
  }
  return values as NewCustomerInput;
}

/** Applies corrected form values (the domain stays) and records which fields changed. */
export function correctedRecord(
  record: CustomerRecord,
  corrected: NewCustomerInput,
  at: string,
  by: ActorRef,
): Result<CustomerRecord, CorrectionRefusal> {
  const before = customerFormValues(record);
  const keys = new Set([...Object.keys(before), ...Object.keys(corrected)]) as Set<
    keyof NewCustomerInput
  >;
  const changed = [...keys].filter((k) => k !== 'domain' && before[k] !== corrected[k]).sort();
  const groups = groupsOf(withCulture({ ...corrected, domain: domainPrefixOf(record) }));
  // Segment and website live on the qualification; a website left blank is removed.
  const { educationSegment: _segment, website: _website, ...workflow } = record.qualification;
  const qualification = correction(
    { ...workflow, ...(groups.qualification as unknown as QualificationFields) },
    changed,
    at,
    by,
  );
  if (!qualification.ok) return qualification;
  if (changed.length === 0) return { ok: true, value: record };
  return {
    ok: true,
    value: { ...record, ...profiles(groups), updatedAt: at, qualification: qualification.value },
  };
}
