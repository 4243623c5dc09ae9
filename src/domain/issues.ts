/**
 * A rule failure on one field. `code` is stable; `params` fill the message templates. The words
 * come from the catalogues (src/i18n): the bot and the tab in the reader's language, the
 * operator API and the CLI in English.
 */
export interface Issue {
  field: string;
  code: IssueCode;
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
  // An import file's rows (src/import): what only a file of many customers can get wrong.
  'duplicateInFile',
  'alreadyCustomer',
  'unknownCustomer',
  'notDenied',
  'noRequestsLeft',
  'invalidRowKind',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Validation outcome: issues block, warnings only advise (e.g. a TLD in the company name). */
export interface ValidationReport<T> {
  value: T | undefined;
  issues: Issue[];
  warnings: Issue[];
}
