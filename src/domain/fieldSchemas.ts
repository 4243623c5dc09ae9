import { z } from 'zod';
import type { IssueCode } from './issues.js';
import {
  LEGAL_SUFFIXES,
  PLACEHOLDER_PERSON_NAMES,
  TEST_WORDS,
  TLD_IN_NAME,
} from './reference/namePatterns.js';
import { FREE_MAIL_DOMAINS } from './reference/freeMailProviders.js';
import { isCountryCode, type CountryCode } from './reference/countries.js';
import { foldText, foldedWords, foldedWordsIgnoringDots } from './text.js';

/** A failed rule: our stable code plus the values its message needs. */
export interface RuleFailure {
  code: IssueCode;
  params?: Record<string, string | number>;
}
type Rule = (value: string) => RuleFailure | undefined;

export const DOMAIN_SUFFIX = '.onmicrosoft.com';
export const MAX_DOMAIN_PREFIX_LENGTH = 27;
export const EDUCATION_SEGMENTS = ['K12', 'HigherEducation'] as const;
export type EducationSegment = (typeof EDUCATION_SEGMENTS)[number];

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

/** A required text input: trimmed, blank counts as missing. */
function requiredText(rules: readonly Rule[], normalise: (v: string) => string = (v) => v) {
  return z.preprocess(
    (v) => {
      const value = blankToUndefined(v);
      return typeof value === 'string' ? normalise(value) : value;
    },
    z.string().check(applyRules(rules)),
  );
}

/** An optional text input: trimmed, blank becomes undefined. */
function optionalText(rules: readonly Rule[], normalise: (v: string) => string = (v) => v) {
  return z.preprocess(
    (v) => {
      const value = blankToUndefined(v);
      return typeof value === 'string' ? normalise(value) : value;
    },
    z.string().check(applyRules(rules)).optional(),
  );
}

const length =
  (min: number, max: number): Rule =>
  (v): RuleFailure | undefined => {
    if (v.length < min) return { code: 'tooShort', params: { min } };
    if (v.length > max) return { code: 'tooLong', params: { max } };
    return undefined;
  };

const hasLetterOrDigit = /[\p{L}\p{N}]/u;
const hasLetter = /\p{L}/u;

// --- Company name -------------------------------------------------------------------------

const companyNameRules: Rule[] = [
  length(2, 255),
  (v) => (hasLetterOrDigit.test(v) ? undefined : { code: 'onlySpecialCharacters' }),
  (v) => {
    const words = foldedWordsIgnoringDots(v);
    return words.length > 0 && words.every((w) => LEGAL_SUFFIXES.has(w))
      ? { code: 'legalSuffixOnly' }
      : undefined;
  },
  (v) => {
    const chars = foldText(v).replace(/\s/g, '');
    return chars.length >= 2 && new Set(chars).size === 1 ? { code: 'repeatedCharacter' } : undefined;
  },
  (v) => {
    const word = foldedWords(v).find((w) => TEST_WORDS.has(w));
    return word ? { code: 'testName', params: { word } } : undefined;
  },
];

/** A name made of one short all-capital token ("MIT", "U.C.L.A."). */
export function isAcronymOnly(companyName: string): boolean {
  const compact = companyName.trim().replace(/\./g, '');
  return /^\p{Lu}{2,6}$/u.test(compact);
}

/** Advice that does not block: acronyms and web-address endings in the legal name. */
export function companyNameWarnings(companyName: string): RuleFailure[] {
  const warnings: RuleFailure[] = [];
  if (isAcronymOnly(companyName)) warnings.push({ code: 'acronym' });
  if (TLD_IN_NAME.test(companyName)) warnings.push({ code: 'containsTld' });
  return warnings;
}

// --- Email ------------------------------------------------------------------------------

const EMAIL_PATTERN = /^[^\s@]+@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

/** Lower-cases the domain part only: the local part may be case-sensitive. */
function normaliseEmail(value: string): string {
  const at = value.lastIndexOf('@');
  return at < 0 ? value : value.slice(0, at) + value.slice(at).toLowerCase();
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

const emailFormat: Rule = (v) =>
  v.length <= 254 && EMAIL_PATTERN.test(normaliseEmail(v)) ? undefined : { code: 'invalidEmail' };

/** The email must be owned by the institution (domain.md). */
const entityEmailRules: Rule[] = [
  emailFormat,
  (v) => {
    const labels = emailDomain(v).split('.');
    const owner = labels.map((_, i) => labels.slice(i).join('.')).find((d) => FREE_MAIL_DOMAINS.has(d));
    return owner ? { code: 'freeEmailProvider', params: { domain: owner } } : undefined;
  },
  (v) => (emailDomain(v).endsWith('.onmicrosoft.com') ? { code: 'onMicrosoftEmail' } : undefined),
  (v) => {
    const domain = emailDomain(v);
    return domain === 'microsoft.com' || domain.endsWith('.microsoft.com')
      ? { code: 'microsoftEmail' }
      : undefined;
  },
];

// --- People -----------------------------------------------------------------------------

const personNameRules = (max: number): Rule[] => [
  length(1, max),
  (v) => (hasLetter.test(v) ? undefined : { code: 'noLetters' }),
  (v) =>
    PLACEHOLDER_PERSON_NAMES.has(foldText(v).replace(/\s+/g, ' ')) ? { code: 'placeholderName' } : undefined,
];

// --- Domain, website, address -------------------------------------------------------------

/** Accepts "contoso", "Contoso" or "contoso.onmicrosoft.com"; yields the lower-case prefix. */
export function normaliseDomainPrefix(value: string): string {
  const lower = value.trim().toLowerCase();
  return lower.endsWith(DOMAIN_SUFFIX) ? lower.slice(0, -DOMAIN_SUFFIX.length) : lower;
}

const domainPrefixRules: Rule[] = [
  (v) => (/^[a-z0-9]+$/.test(v) ? undefined : { code: 'invalidDomainCharacters' }),
  (v) =>
    v.length > MAX_DOMAIN_PREFIX_LENGTH
      ? { code: 'tooLong', params: { max: MAX_DOMAIN_PREFIX_LENGTH } }
      : undefined,
];

/** "contoso.edu" → "https://contoso.edu": partners rarely type the scheme. */
function normaliseWebsite(value: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
}

const websiteRules: Rule[] = [
  length(4, 2048),
  (v) => {
    try {
      const url = new URL(v);
      const webScheme = url.protocol === 'https:' || url.protocol === 'http:';
      return webScheme && /^[^.\s]+(\.[^.\s]+)+$/.test(url.hostname) && !/\s/.test(v)
        ? undefined
        : { code: 'invalidUrl' };
    } catch {
      return { code: 'invalidUrl' };
    }
  },
];

const countryRules: Rule[] = [(v) => (isCountryCode(v) ? undefined : { code: 'unknownCountry' })];

const postalCodeRules: Rule[] = [
  length(1, 20),
  (v) => (/^[\p{L}\p{N}][\p{L}\p{N} -]*$/u.test(v) ? undefined : { code: 'invalidFormat' }),
];

const registrationNumberRules: Rule[] = [
  (v) =>
    v.length >= 2 && v.length <= 50 && /^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u.test(v)
      ? undefined
      : { code: 'invalidRegistrationNumber' },
];

const phoneRules: Rule[] = [
  (v) => {
    const digits = v.replace(/\D/g, '').length;
    return /^\+?[0-9 ().-]+$/.test(v) && digits >= 7 && digits <= 15 ? undefined : { code: 'invalidPhone' };
  },
];

const isoDateRules: Rule[] = [
  (v) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return { code: 'invalidDate' };
    const date = new Date(`${v}T00:00:00Z`);
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v
      ? { code: 'invalidDate' }
      : undefined;
  },
];

/**
 * The customer's fields as the partner enters them, one zod schema each. Names are the
 * Partner Center API's (and the card input ids).
 */
export const customerFieldSchemas = {
  companyName: requiredText(companyNameRules),
  educationSegment: z.preprocess(trim, z.enum(EDUCATION_SEGMENTS)),
  website: optionalText(websiteRules, normaliseWebsite),
  email: requiredText(entityEmailRules, normaliseEmail),
  domain: requiredText(domainPrefixRules, normaliseDomainPrefix),
  country: requiredText(countryRules, (v) => v.toUpperCase()).transform((v) => v as CountryCode),
  addressLine1: requiredText([length(1, 200)]),
  addressLine2: optionalText([length(0, 200)]),
  city: requiredText([length(1, 100)]),
  state: optionalText([length(1, 100)]),
  postalCode: optionalText(postalCodeRules),
  organizationRegistrationNumber: optionalText(registrationNumberRules),
  phoneNumber: optionalText(phoneRules),
  firstName: requiredText(personNameRules(40)),
  lastName: requiredText(personNameRules(40)),
  mcaSignerName: requiredText(personNameRules(100)),
  mcaSignerEmail: requiredText([emailFormat], normaliseEmail),
  mcaDateAgreed: requiredText(isoDateRules),
  culture: optionalText([(v) => (/^[a-z]{2}-[A-Z]{2}$/.test(v) ? undefined : { code: 'invalidFormat' })]),
  language: optionalText([(v) => (/^[a-z]{2}$/.test(v) ? undefined : { code: 'invalidFormat' })]),
};

export type CustomerField = keyof typeof customerFieldSchemas;
