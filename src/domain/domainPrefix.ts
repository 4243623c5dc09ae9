import { MAX_DOMAIN_PREFIX_LENGTH } from './fieldRules.js';
import { DOMAIN_SUGGESTION_FILLER_WORDS, LEGAL_SUFFIXES } from './reference/namePatterns.js';
import { foldedWordsIgnoringDots } from './text.js';

/**
 * A domain prefix built from a company name: accents folded, filler words and legal suffixes
 * dropped, letters and digits only ("Contoso Elementary School" → "contosoelementary").
 * Undefined when the name has nothing usable.
 */
export function prefixFromCompanyName(companyName: string): string | undefined {
  const words = foldedWordsIgnoringDots(companyName)
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  const meaningful = words.filter(
    (w) => !DOMAIN_SUGGESTION_FILLER_WORDS.has(w) && !LEGAL_SUFFIXES.has(w),
  );
  const prefix = (meaningful.length > 0 ? meaningful : words)
    .join('')
    .slice(0, MAX_DOMAIN_PREFIX_LENGTH);
  return prefix.length > 0 ? prefix : undefined;
}

/** Candidates in the order to try: the prefix itself, then prefix2, prefix3… within 27 characters. */
export function* prefixCandidates(prefix: string): Generator<string> {
  yield prefix;
  for (let n = 2; ; n++) {
    const suffix = String(n);
    yield prefix.slice(0, MAX_DOMAIN_PREFIX_LENGTH - suffix.length) + suffix;
  }
}
