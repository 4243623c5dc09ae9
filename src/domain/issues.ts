/**
 * A rule failure on one field. `code` is stable (the bot localises by it); `message` is the
 * English text, naming the field and the fix; `params` fill the localised templates.
 */
export interface Issue {
  field: string;
  code: IssueCode;
  message: string;
  params?: Record<string, string | number>;
}

export const ISSUE_CODES = [
  'required',
  'tooShort',
  'tooLong',
  'invalidChoice',
  'invalidFormat',
  'onlySpecialCharacters',
  'legalSuffixOnly',
  'repeatedCharacter',
  'testName',
  'acronym',
  'containsTld',
  'invalidEmail',
  'freeEmailProvider',
  'onMicrosoftEmail',
  'microsoftEmail',
  'placeholderName',
  'noLetters',
  'invalidDomainCharacters',
  'domainTaken',
  'domainImmutable',
  'unknownCountry',
  'requiredForCountry',
  'invalidPhone',
  'invalidRegistrationNumber',
  'invalidUrl',
  'invalidDate',
  'futureDate',
  'unknownField',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Validation outcome: issues block, warnings only advise (e.g. a TLD in the company name). */
export interface ValidationReport<T> {
  value: T | undefined;
  issues: Issue[];
  warnings: Issue[];
}
