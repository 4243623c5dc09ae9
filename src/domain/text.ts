/** Lower-case, accent-free form used for search and comparisons ("École" → "ecole"). */
export function foldText(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Words of a text after folding, split on anything that is not a letter or digit. */
export function foldedWords(value: string): string[] {
  return foldText(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Words with dots removed first, so abbreviations stay whole ("B.V." → "bv", "St. Mary" → "st", "mary"). */
export function foldedWordsIgnoringDots(value: string): string[] {
  return foldedWords(value.replace(/\./g, ''));
}
