import type { IssueCode } from './issues.js';

/** English field labels, as a partner reads them on the cards. */
export const FIELD_LABELS: Record<string, string> = {
  companyName: 'Legal company name',
  educationSegment: 'Education segment',
  website: 'Website',
  email: 'Email',
  domain: 'Primary domain',
  country: 'Country',
  addressLine1: 'Address line 1',
  addressLine2: 'Address line 2',
  city: 'City',
  state: 'State or province',
  postalCode: 'Postal code',
  organizationRegistrationNumber: 'Organization registration ID',
  phoneNumber: 'Phone number',
  firstName: 'First name',
  lastName: 'Last name',
  mcaSignerName: 'Agreement signer name',
  mcaSignerEmail: 'Agreement signer email',
  mcaDateAgreed: 'Date the agreement was accepted',
  culture: 'Culture',
  language: 'Language',
};

type Params = Record<string, string | number>;

const TEMPLATES: Record<IssueCode, (p: Params) => string> = {
  required: () => 'is required.',
  tooShort: (p) => `must be at least ${p.min} characters.`,
  tooLong: (p) => `must be at most ${p.max} characters.`,
  invalidChoice: (p) => `must be one of: ${p.choices}.`,
  invalidFormat: () => 'has an invalid format.',
  onlySpecialCharacters: () => 'must contain letters or digits, not only symbols or spaces.',
  legalSuffixOnly: () =>
    'is only a legal suffix (like "LLC" or "Inc"). Enter the full legal name as on official documents.',
  repeatedCharacter: () => 'is one character repeated. Enter the real legal name.',
  testName: (p) =>
    `looks like a test entry ("${p.word}"). Enter the exact legal name as on official documents.`,
  acronym: () =>
    'looks like an acronym. Use the full legal name as on official documents, or verification may fail.',
  containsTld: () =>
    'contains a web address ending (like ".com" or ".edu"). Use the legal name, not the website.',
  invalidEmail: () => 'is not a valid email address (name@institution.edu).',
  freeEmailProvider: (p) =>
    `uses a free mail provider (${p.domain}). Use an address on the institution's own domain.`,
  onMicrosoftEmail: () =>
    'cannot be an .onmicrosoft.com address. Use an address on the institution\'s own domain.',
  microsoftEmail: () => 'cannot be a microsoft.com address. Use the institution\'s own address.',
  placeholderName: () => 'looks like a placeholder. Enter the contact person\'s real name.',
  noLetters: () => 'must contain letters, not only digits or symbols.',
  invalidDomainCharacters: () =>
    'may contain only letters a–z and digits 0–9: no spaces, dots, hyphens or accents.',
  domainTaken: (p) => `${p.domain} is already taken. Choose another prefix${p.suggestion ? `, for example "${p.suggestion}"` : ''}.`,
  domainImmutable: () => 'cannot be changed after the customer is created.',
  unknownCountry: () => 'must be a two-letter ISO country code, like US, FR, NL or SE.',
  requiredForCountry: (p) => `is required for customers in ${p.country}.`,
  invalidPhone: () => 'must be a phone number of 7 to 15 digits, optionally starting with +.',
  invalidRegistrationNumber: () =>
    'must be the business or tax registration ID (letters, digits, spaces, ".", "/", "-"), never a personal ID.',
  invalidUrl: () => 'must be a web address such as https://www.school.edu.',
  invalidDate: () => 'must be a date in the form YYYY-MM-DD.',
  futureDate: () => 'cannot be in the future.',
  unknownField: () => 'is not a field that can be set here.',
};

export function issueMessage(field: string, code: IssueCode, params: Params = {}): string {
  return `${FIELD_LABELS[field] ?? field} ${TEMPLATES[code](params)}`;
}
