/**
 * Text a person typed (a company name, a denial reason, a search) is text: in a card's Markdown
 * (TextBlocks, facts) and in chat messages it must not become a link, emphasis or a heading.
 * Backslash escapes are how CommonMark, and the Markdown subset of Teams, say "this character
 * as it is". Only characters that can start markup are escaped, so names read unchanged.
 */
const MARKUP = /[\\`*_[\]<>~#|]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKUP, (c) => `\\${c}`).replace(/^(\s*)([-+]|\d+\.)(?=\s)/gm, '$1\\$2');
}
