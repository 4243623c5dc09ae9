import { z } from 'zod';
import {
  companyNameRules,
  countryRule,
  domainPrefixRules,
  EDUCATION_SEGMENTS,
  emailFormat,
  entityEmailRules,
  fullDomain,
  isoDateRules,
  length,
  MAX_DOMAIN_PREFIX_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_PHONE_LENGTH,
  MAX_REGISTRATION_NUMBER_LENGTH,
  normaliseDomainPrefix,
  normaliseEmail,
  normaliseWebsite,
  personNameRules,
  phoneRules,
  postalCodeRules,
  prefixOfDomain,
  registrationNumberRules,
  websiteRules,
  type Rule,
} from './fieldRules.js';
import {
  COUNTRIES_REQUIRING_STATE,
  COUNTRIES_WITHOUT_POSTAL_CODE,
  ISO_COUNTRY_CODES,
  REGISTRATION_REQUIRED_COUNTRIES,
  type CountryCode,
} from './reference/countries.js';

/**
 * The customer's fields, each declared once: its rule (zod), the form step that asks for it, how
 * its input looks (kind, length, choices: all taken from the rule's own numbers), where
 * it lives in the stored record, and where it is shown. The form's steps, the card inputs, the
 * record ↔ form mapping, the record's schema, the review and status facts and the tab's detail
 * are all derived from this table. Names are the Partner Center API's (and the card input ids).
 *
 * Adding a field: declare it here, give it a label (`field.<name>`) in every catalogue, test it.
 */

/** The steps of the add-customer form, in order. */
export const CUSTOMER_SECTIONS_IN_ORDER = ['organisation', 'address', 'contact'] as const;
export type CustomerSection = (typeof CUSTOMER_SECTIONS_IN_ORDER)[number];

/** The parts of a stored customer record that hold form fields. */
export type RecordGroup =
  'companyProfile' | 'billingProfile' | 'address' | 'qualification' | 'mcaAcceptance';

/** How a value reads: as typed, or translated/formatted in the reader's language. */
type DisplayKind = 'text' | 'segment' | 'country' | 'domain' | 'date';

/** The tab's detail rows that join several fields, and the field's place in one. */
export type TabGroup = 'address' | 'contact' | 'agreement';

/** Which of a country's rules makes an otherwise optional field required. */
type CountryRule = (country: CountryCode) => boolean;

interface InputHints {
  kind: 'text' | 'choice' | 'date';
  /** The Adaptive Card text style. */
  style: 'Text' | 'Email' | 'Url' | 'Tel';
  required: boolean;
  /** 0: no limit of its own. */
  maxLength: number;
  /** Choice inputs: the stored values, in order. */
  choices: readonly string[];
}

export interface FieldDeclaration<Stored extends z.ZodType = z.ZodType> {
  /** The form step that asks for it; none: set by the bot (the customer's culture). */
  section: CustomerSection | undefined;
  /** What a partner may type, trimmed and normalised; blank counts as missing. */
  schema: z.ZodType;
  input: InputHints;
  /** Required only in the countries this names (optional elsewhere). */
  requiredIn?: CountryRule;
  /** Before a country is chosen, the input says "Required in some countries". */
  requiredInSomeCountries?: boolean;
  /** The hint under the input is `hint.<name>` in the catalogues. */
  hint: boolean;
  record: {
    group: RecordGroup;
    key: string;
    toRecord?: (value: string) => string;
    fromRecord?: (value: string) => string;
  };
  /** The stored value's schema, in the record. */
  stored: Stored;
  display: DisplayKind;
  /** On the status card, below the status. */
  onStatusCard: boolean;
  /**
   * On the tab's detail: a row of its own (in the order of this table, before the joined rows),
   * or a place in a joined row (`at`: its place; `glue`: what joins it to the next part).
   */
  onTab: false | 'own' | { group: TabGroup; at: number; glue?: string };
}

// --- How inputs become rules ---------------------------------------------------------------

// Every rule runs, so a field reports all its failures at once.
function applyRules(rules: readonly Rule[]) {
  return (payload: z.core.ParsePayload<string>): void => {
    for (const rule of rules) {
      const failure = rule(payload.value);
      if (failure) {
        payload.issues.push({
          code: 'custom',
          input: payload.value,
          message: failure.code,
          params: { issueCode: failure.code, ...failure.params },
        });
      }
    }
  };
}

const trim = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);
const blankToUndefined = (value: unknown): unknown => {
  const trimmed = trim(value);
  return trimmed === '' || trimmed === null ? undefined : trimmed;
};

interface TextOptions {
  /** Length bounds: checked (tooShort, tooLong) unless `ownLengthRule`, and given to the input. */
  min?: number;
  max: number;
  /** The field's rules report a bad length with their own code (e.g. invalidEmail). */
  ownLengthRule?: boolean;
  rules?: readonly Rule[];
  normalise?: (value: string) => string;
  style?: InputHints['style'];
}

/** A text input's parts: trimmed, blank is missing, then normalised and checked by every rule. */
function textParts(
  required: boolean,
  { min, max, ownLengthRule, rules = [], normalise = (v) => v, style = 'Text' }: TextOptions,
) {
  const all = ownLengthRule ? rules : [length(min ?? (required ? 1 : 0), max), ...rules];
  const prepare = (v: unknown): unknown => {
    const present = blankToUndefined(v);
    return typeof present === 'string' ? normalise(present) : present;
  };
  const input: InputHints = { kind: 'text', style, required, maxLength: max, choices: [] };
  return { prepare, value: z.string().check(applyRules(all)), input };
}

function requiredText(options: TextOptions) {
  const { prepare, value, input } = textParts(true, options);
  return { schema: z.preprocess(prepare, value), input };
}

function optionalText(options: TextOptions) {
  const { prepare, value, input } = textParts(false, options);
  return { schema: z.preprocess(prepare, value.optional()), input };
}

function date() {
  const schema = z.preprocess(blankToUndefined, z.string().check(applyRules(isoDateRules)));
  return {
    schema,
    input: {
      kind: 'date',
      style: 'Text',
      required: true,
      maxLength: 0,
      choices: [],
    } satisfies InputHints,
  };
}

/** A choice among fixed values; an unknown value fails with `unknownCode`, or invalidChoice. */
function choice<const C extends readonly [string, ...string[]]>(
  choices: C,
  options: { unknown?: Rule; normalise?: (v: string) => string } = {},
) {
  const schema = options.unknown
    ? z
        .preprocess(
          (v) => {
            const present = blankToUndefined(v);
            return typeof present === 'string' && options.normalise
              ? options.normalise(present)
              : present;
          },
          z.string().check(applyRules([options.unknown])),
        )
        .transform((v) => v as C[number])
    : z.preprocess(trim, z.enum(choices));
  return {
    schema,
    input: {
      kind: 'choice',
      style: 'Text',
      required: true,
      maxLength: 0,
      choices,
    } satisfies InputHints,
    stored: z.enum(choices),
  };
}

const storedText = z.string();
const storedOptionalText = z.string().optional();

// --- The fields -------------------------------------------------------------------------------

const defaults = { hint: false, onStatusCard: false, onTab: false, display: 'text' } as const;

export const FIELDS = {
  companyName: {
    ...defaults,
    section: 'organisation',
    ...requiredText({ min: 2, max: 255, rules: companyNameRules }),
    hint: true,
    record: { group: 'companyProfile', key: 'companyName' },
    stored: storedText,
    onTab: 'own',
  },
  educationSegment: {
    ...defaults,
    section: 'organisation',
    ...choice(EDUCATION_SEGMENTS),
    record: { group: 'qualification', key: 'educationSegment' },
    display: 'segment',
    onStatusCard: true,
    onTab: 'own',
  },
  // Asked first, with the organisation: what the address step requires depends on it.
  country: {
    ...defaults,
    section: 'organisation',
    ...choice(ISO_COUNTRY_CODES, { unknown: countryRule, normalise: (v) => v.toUpperCase() }),
    record: { group: 'address', key: 'country' },
    display: 'country',
    onTab: { group: 'address', at: 6 },
  },
  website: {
    ...defaults,
    section: 'organisation',
    ...optionalText({
      min: 4,
      max: 2048,
      rules: websiteRules,
      normalise: normaliseWebsite,
      style: 'Url',
    }),
    hint: true,
    record: { group: 'qualification', key: 'website' },
    stored: storedOptionalText,
    onStatusCard: true,
    onTab: 'own',
  },
  email: {
    ...defaults,
    section: 'organisation',
    ...requiredText({
      max: MAX_EMAIL_LENGTH,
      ownLengthRule: true,
      rules: entityEmailRules,
      normalise: normaliseEmail,
      style: 'Email',
    }),
    hint: true,
    record: { group: 'billingProfile', key: 'email' },
    stored: storedText,
    onTab: { group: 'contact', at: 3 },
  },
  domain: {
    ...defaults,
    section: 'organisation',
    ...requiredText({
      max: MAX_DOMAIN_PREFIX_LENGTH,
      ownLengthRule: true,
      rules: domainPrefixRules,
      normalise: normaliseDomainPrefix,
    }),
    // The form takes the prefix; the record keeps the full primary domain.
    record: {
      group: 'companyProfile',
      key: 'domain',
      toRecord: fullDomain,
      fromRecord: prefixOfDomain,
    },
    stored: storedText,
    display: 'domain',
    onTab: 'own',
  },
  addressLine1: {
    ...defaults,
    section: 'address',
    ...requiredText({ max: 200 }),
    record: { group: 'address', key: 'addressLine1' },
    stored: storedText,
    onTab: { group: 'address', at: 1 },
  },
  addressLine2: {
    ...defaults,
    section: 'address',
    ...optionalText({ max: 200 }),
    record: { group: 'address', key: 'addressLine2' },
    stored: storedOptionalText,
    onTab: { group: 'address', at: 2 },
  },
  city: {
    ...defaults,
    section: 'address',
    ...requiredText({ max: 100 }),
    record: { group: 'address', key: 'city' },
    stored: storedText,
    onTab: { group: 'address', at: 4 },
  },
  state: {
    ...defaults,
    section: 'address',
    ...optionalText({ min: 1, max: 100 }),
    requiredIn: (country: CountryCode) => COUNTRIES_REQUIRING_STATE.has(country),
    record: { group: 'address', key: 'state' },
    stored: storedOptionalText,
    onTab: { group: 'address', at: 5 },
  },
  postalCode: {
    ...defaults,
    section: 'address',
    ...optionalText({ min: 1, max: 20, rules: postalCodeRules }),
    requiredIn: (country: CountryCode) => !COUNTRIES_WITHOUT_POSTAL_CODE.has(country),
    record: { group: 'address', key: 'postalCode' },
    stored: storedOptionalText,
    // "75001 Paris": the postal code goes before the city, in one part.
    onTab: { group: 'address', at: 3, glue: ' ' },
  },
  organizationRegistrationNumber: {
    ...defaults,
    section: 'address',
    ...optionalText({
      max: MAX_REGISTRATION_NUMBER_LENGTH,
      ownLengthRule: true,
      rules: registrationNumberRules,
    }),
    requiredIn: (country: CountryCode) => REGISTRATION_REQUIRED_COUNTRIES.has(country),
    requiredInSomeCountries: true,
    hint: true,
    record: { group: 'companyProfile', key: 'organizationRegistrationNumber' },
    stored: storedOptionalText,
    onTab: 'own',
  },
  phoneNumber: {
    ...defaults,
    section: 'address',
    ...optionalText({
      max: MAX_PHONE_LENGTH,
      ownLengthRule: true,
      rules: phoneRules,
      style: 'Tel',
    }),
    requiredIn: (country: CountryCode) => REGISTRATION_REQUIRED_COUNTRIES.has(country),
    requiredInSomeCountries: true,
    record: { group: 'billingProfile', key: 'phoneNumber' },
    stored: storedOptionalText,
    onTab: { group: 'contact', at: 4 },
  },
  firstName: {
    ...defaults,
    section: 'contact',
    ...requiredText({ max: 40, rules: personNameRules }),
    record: { group: 'billingProfile', key: 'firstName' },
    stored: storedText,
    // "Ada Lovelace": first and last name in one part.
    onTab: { group: 'contact', at: 1, glue: ' ' },
  },
  lastName: {
    ...defaults,
    section: 'contact',
    ...requiredText({ max: 40, rules: personNameRules }),
    record: { group: 'billingProfile', key: 'lastName' },
    stored: storedText,
    onTab: { group: 'contact', at: 2 },
  },
  mcaSignerName: {
    ...defaults,
    section: 'contact',
    ...requiredText({ max: 100, rules: personNameRules }),
    record: { group: 'mcaAcceptance', key: 'signerName' },
    stored: storedText,
    onTab: { group: 'agreement', at: 1 },
  },
  mcaSignerEmail: {
    ...defaults,
    section: 'contact',
    ...requiredText({
      max: MAX_EMAIL_LENGTH,
      ownLengthRule: true,
      rules: [emailFormat],
      normalise: normaliseEmail,
      style: 'Email',
    }),
    record: { group: 'mcaAcceptance', key: 'signerEmail' },
    stored: storedText,
  },
  mcaDateAgreed: {
    ...defaults,
    section: 'contact',
    ...date(),
    hint: true,
    record: { group: 'mcaAcceptance', key: 'dateAgreed' },
    stored: storedText,
    display: 'date',
    onTab: { group: 'agreement', at: 2 },
  },
  // Set by the bot from the partner's language and the customer's country; always stored.
  culture: {
    ...defaults,
    section: undefined,
    ...optionalText({
      max: 5,
      ownLengthRule: true,
      rules: [(v) => (/^[a-z]{2}-[A-Z]{2}$/.test(v) ? undefined : { code: 'invalidFormat' })],
    }),
    record: { group: 'billingProfile', key: 'culture' },
    stored: storedText,
  },
  language: {
    ...defaults,
    section: undefined,
    ...optionalText({
      max: 2,
      ownLengthRule: true,
      rules: [(v) => (/^[a-z]{2}$/.test(v) ? undefined : { code: 'invalidFormat' })],
    }),
    record: { group: 'billingProfile', key: 'language' },
    stored: storedText,
  },
} as const satisfies Record<string, FieldDeclaration>;

export type CustomerField = keyof typeof FIELDS;
/** The fields a partner types or picks on the form's steps. */
export type AskedField = {
  [F in CustomerField]: (typeof FIELDS)[F]['section'] extends CustomerSection ? F : never;
}[CustomerField];
export const CUSTOMER_FIELDS = Object.keys(FIELDS) as CustomerField[];

// --- What is derived ---------------------------------------------------------------------------

/** Each field's zod rule, by name: the new-customer form's shape. */
export const customerFieldSchemas = Object.fromEntries(
  CUSTOMER_FIELDS.map((f) => [f, FIELDS[f].schema]),
) as {
  [F in CustomerField]: (typeof FIELDS)[F]['schema'];
};

/** The fields each step asks for, in the order of the table. */
export const CUSTOMER_SECTIONS = Object.fromEntries(
  CUSTOMER_SECTIONS_IN_ORDER.map((section) => [
    section,
    CUSTOMER_FIELDS.filter((f) => FIELDS[f].section === section),
  ]),
) as unknown as Record<CustomerSection, readonly CustomerField[]>;

/** The fields some countries require and others do not. */
export const COUNTRY_DEPENDENT_FIELDS = CUSTOMER_FIELDS.filter((f) => 'requiredIn' in FIELDS[f]);

/** Whether the country makes the field required (fields without a country rule: their own). */
/** The fields shown with a customer's status, in the order of the table. */
export const STATUS_CARD_FIELDS = CUSTOMER_FIELDS.filter((f) => FIELDS[f].onStatusCard);

/** A field's declaration, seen through the common interface. */
export const fieldDeclaration = (field: CustomerField): FieldDeclaration => FIELDS[field];

export function requiredInCountry(field: CustomerField, country: CountryCode): boolean {
  const declaration: FieldDeclaration = FIELDS[field];
  return declaration.requiredIn ? declaration.requiredIn(country) : declaration.input.required;
}

type Fields = typeof FIELDS;
/** The stored shape of one record group, key by key, as declared above. */
type GroupShape<G extends RecordGroup> = {
  [
    F in CustomerField as Fields[F]['record']['group'] extends G
      ? Fields[F]['record']['key']
      : never
  ]: Fields[F]['stored'];
};

/** The zod shape of a record group: what customer.ts builds the record's schema from. */
export function recordShape<G extends RecordGroup>(group: G): GroupShape<G> {
  return Object.fromEntries(
    CUSTOMER_FIELDS.filter((f) => FIELDS[f].record.group === group).map((f) => [
      FIELDS[f].record.key,
      FIELDS[f].stored,
    ]),
  ) as GroupShape<G>;
}
