import type { IssueCode } from './issues.js';
import {
  LEGAL_SUFFIXES,
  PLACEHOLDER_PERSON_NAMES,
  TEST_WORDS,
  TLD_IN_NAME,
} from './reference/namePatterns.js';
import { FREE_MAIL_DOMAINS } from './reference/freeMailProviders.js';
import { isCountryCode } from './reference/countries.js';
import { foldText, foldedWords, foldedWordsIgnoringDots } from './text.js';

/** A failed rule: our stable code plus the values its message needs. */
export interface RuleFailure {
  code: IssueCode;
  params?: Record<string, string | number>;
}
export type Rule = (value: string) => RuleFailure | undefined;

const DOMAIN_SUFFIX = '.onmicrosoft.com';
export const MAX_DOMAIN_PREFIX_LENGTH = 27;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_REGISTRATION_NUMBER_LENGTH = 50;
/** Digits with spaces, dots, dashes and brackets: 15 digits fit with room for separators. */
export const MAX_PHONE_LENGTH = 25;
export const EDUCATION_SEGMENTS = ['K12', 'HigherEducation'] as const;

export const length =
  (min: number, max: number): Rule =>
  (v): RuleFailure | undefined => {
    if (v.length < min) return { code: 'tooShort', params: { min } };
    if (v.length > max) return { code: 'tooLong', params: { max } };
    return undefined;
  };

/** The rules of each field: pure checks, each failing with a stable code (see fields.ts). */

const hasLetterOrDigit = /[\p{L}\p{N}]/u;
const hasLetter = /\p{L}/u;

// --- Company name -------------------------------------------------------------------------

export const companyNameRules: Rule[] = [
  (v) => (hasLetterOrDigit.test(v) ? undefined : { code: 'onlySpecialCharacters' }),
  (v) => {
    const words = foldedWordsIgnoringDots(v);
    return words.length > 0 && words.every((w) => LEGAL_SUFFIXES.has(w))
      ? { code: 'legalSuffixOnly' }
      : undefined;
  },
  (v) => {
    const chars = foldText(v).replace(/\s/g, '');
    return chars.length >= 2 && new Set(chars).size === 1
      ? { code: 'repeatedCharacter' }
      : undefined;
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
export function normaliseEmail(value: string): string {
  const at = value.lastIndexOf('@');
  return at < 0 ? value : value.slice(0, at) + value.slice(at).toLowerCase();
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export const emailFormat: Rule = (v) =>
  v.length <= MAX_EMAIL_LENGTH && EMAIL_PATTERN.test(normaliseEmail(v))
    ? undefined
    : { code: 'invalidEmail' };

/** The email must be owned by the institution (domain.md). */
export const entityEmailRules: Rule[] = [
  emailFormat,
  (v) => {
    const labels = emailDomain(v).split('.');
    const owner = labels
      .map((_, i) => labels.slice(i).join('.'))
      .find((d) => FREE_MAIL_DOMAINS.has(d));
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

export const personNameRules: Rule[] = [
  (v) => (hasLetter.test(v) ? undefined : { code: 'noLetters' }),
  (v) =>
    PLACEHOLDER_PERSON_NAMES.has(foldText(v).replace(/\s+/g, ' '))
      ? { code: 'placeholderName' }
      : undefined,
];

// --- Domain, website, address -------------------------------------------------------------

/** A primary domain from its prefix: "contoso" → "contoso.onmicrosoft.com". */
export const fullDomain = (prefix: string): string => `${prefix}${DOMAIN_SUFFIX}`;

/** The prefix of a full primary domain: "contoso.onmicrosoft.com" → "contoso". */
export const prefixOfDomain = (domain: string): string => domain.slice(0, -DOMAIN_SUFFIX.length);

/** Accepts "contoso", "Contoso" or "contoso.onmicrosoft.com"; yields the lower-case prefix. */
export function normaliseDomainPrefix(value: string): string {
  const lower = value.trim().toLowerCase();
  return lower.endsWith(DOMAIN_SUFFIX) ? lower.slice(0, -DOMAIN_SUFFIX.length) : lower;
}

export const domainPrefixRules: Rule[] = [
  (v) => (/^[a-z0-9]+$/.test(v) ? undefined : { code: 'invalidDomainCharacters' }),
  (v) =>
    v.length > MAX_DOMAIN_PREFIX_LENGTH
      ? { code: 'tooLong', params: { max: MAX_DOMAIN_PREFIX_LENGTH } }
      : undefined,
];

/** "contoso.edu" → "https://contoso.edu": partners rarely type the scheme. */
export function normaliseWebsite(value: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
}

export const websiteRules: Rule[] = [
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

export const countryRule: Rule = (v) => (isCountryCode(v) ? undefined : { code: 'unknownCountry' });

export const postalCodeRules: Rule[] = [
  (v) => (/^[\p{L}\p{N}][\p{L}\p{N} -]*$/u.test(v) ? undefined : { code: 'invalidFormat' }),
];

export const registrationNumberRules: Rule[] = [
  (v) =>
    v.length >= 2 &&
    v.length <= MAX_REGISTRATION_NUMBER_LENGTH &&
    /^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u.test(v)
      ? undefined
      : { code: 'invalidRegistrationNumber' },
];

export const phoneRules: Rule[] = [
  (v) => {
    const digits = v.replace(/\D/g, '').length;
    return /^\+?[0-9 ().-]+$/.test(v) && v.length <= MAX_PHONE_LENGTH && digits >= 7 && digits <= 15
      ? undefined
      : { code: 'invalidPhone' };
  },
];

export const isoDateRules: Rule[] = [
  (v) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return { code: 'invalidDate' };
    const date = new Date(`${v}T00:00:00Z`);
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v
      ? { code: 'invalidDate' }
      : undefined;
  },
];
