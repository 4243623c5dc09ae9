import type { TabStrings } from './contract.js';
import { fill } from './dom.js';

/** The page's words, from the server's catalogue for the reader's language. */
export interface Text {
  (key: string, params?: Record<string, string | number>): string;
  locale: string;
  number(n: number): string;
}

export function textOf(strings: TabStrings): Text {
  const numbers = new Intl.NumberFormat(strings.locale);
  const t = ((key: string, params?: Record<string, string | number>) =>
    fill(strings.text[key] ?? key, params)) as Text;
  t.locale = strings.locale;
  t.number = (n) => numbers.format(n);
  return t;
}
