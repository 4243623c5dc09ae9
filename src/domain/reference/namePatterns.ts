/** Words that mark a record as a test entry rather than a real institution or person. */
export const TEST_WORDS: ReadonlySet<string> = new Set([
  'test', 'tests', 'testing', 'demo', 'sample', 'example', 'dummy', 'fake', 'placeholder',
  'asdf', 'qwerty', 'lorem', 'ipsum', 'foobar', 'xxx', 'tbd',
]);

/** Legal-form suffixes: a name made only of these is not a legal entity name. */
export const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  'llc', 'inc', 'incorporated', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'plc',
  'gmbh', 'ag', 'kg', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'vzw', 'asbl', 'ab', 'oy',
  'as', 'asa', 'aps', 'pty', 'lp', 'llp', 'kk', 'sl', 'sro', 'zoo', 'ev',
]);

/** Placeholder values people type instead of a contact's real name. */
export const PLACEHOLDER_PERSON_NAMES: ReadonlySet<string> = new Set([
  'test', 'testing', 'admin', 'administrator', 'nobody', 'none', 'no one', 'noone', 'user',
  'unknown', 'na', 'n/a', 'xxx', 'abc', 'asdf', 'qwerty', 'first', 'last', 'firstname',
  'lastname', 'first name', 'last name', 'name', 'noname', 'tbd', 'demo', 'sample', 'dummy',
  'fake', 'anonymous', 'null', 'undefined', 'john doe', 'jane doe',
]);

/** Words left out when a domain prefix is suggested from a company name. */
export const DOMAIN_SUGGESTION_FILLER_WORDS: ReadonlySet<string> = new Set([
  'the', 'of', 'and', 'for', 'de', 'des', 'du', 'la', 'le', 'les', 'het', 'van', 'en', 'och',
  'school', 'schools',
]);

/**
 * Top-level domains whose presence in a company name suggests a web address was typed instead
 * of the legal name (a warning, not a refusal).
 */
export const TLD_IN_NAME = /\.(com|edu|org|net|gov|info|biz|io|ac|school|academy|[a-z]{2})\b/i;
