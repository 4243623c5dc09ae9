import type { CustomerField } from '../domain/fields.js';
import type { Issue } from '../domain/issues.js';
import { keepAtMost } from '../domain/boundedMap.js';
import { z } from 'zod';
import { en, ENGLISH_ONLY_PREFIXES, type Catalogue, type MessageKey } from './catalogues/en.js';
import { CATALOGUES as LISTED } from './catalogues/index.js';
import { escapeMarkdown } from './markdown.js';

/** The one localisation layer: every string a person reads comes from here. */

/** A language code: the name of its catalogue in catalogues/index.ts ("fr" for catalogues/fr.ts). */
export type Language = string;

const TRANSLATED_KEYS = Object.keys(en).filter(
  (key) => !ENGLISH_ONLY_PREFIXES.some((prefix) => key.startsWith(prefix)),
);
/** Exactly the English keys, each a string: a catalogue that lacks one, or has another, stops the start. */
const catalogueSchema = z.strictObject(
  Object.fromEntries(TRANSLATED_KEYS.map((key) => [key, z.string()])),
) as unknown as z.ZodType<Catalogue>;

/** Every catalogue of catalogues/index.ts, each checked against the English keys. */
function checkedCatalogues(): Record<Language, Catalogue> {
  const catalogues: Record<Language, Catalogue> = { en };
  for (const [language, catalogue] of Object.entries(LISTED)) {
    if (language === 'en') continue;
    const parsed = catalogueSchema.safeParse(catalogue);
    if (!parsed.success) {
      const keys = parsed.error.issues.slice(0, 3).map((i) => i.path.join('.') || i.message);
      throw new Error(
        `The catalogue ${language}.ts does not have exactly the English keys: ${keys.join(', ')}`,
      );
    }
    catalogues[language] = parsed.data;
  }
  return catalogues;
}

const CATALOGUES = checkedCatalogues();
/** The languages the bot speaks, English first. */
export const LANGUAGES: readonly Language[] = [
  'en',
  ...Object.keys(CATALOGUES).filter((language) => language !== 'en'),
];

export type Params = Record<string, string | number>;

/** An entry of synonyms (`<name>.words`: "|" between them), named without `.words`. */
export type WordsName = MessageKey extends infer K
  ? K extends `${infer B}.words`
    ? B
    : never
  : never;

/** A message with plural forms: `<key>.one`, `<key>.other` (and `<key>.zero` where 0 reads apart). */
type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

export interface Localizer {
  language: Language;
  /** BCP 47 tag for Intl formatting: the reader's language and region. */
  locale: string;
  /** IANA time zone moments are shown in. */
  timeZone: string;
  /**
   * A message with its parameters filled. `{word:<name>}` in a message is the first word of
   * `<name>.words` in the same language: a text that says what to type names the reader's word.
   */
  t(key: MessageKey, params?: Params): string;
  /** The synonyms of a `<name>.words` entry in this language (none when it has none). */
  words(name: WordsName): string[];
  /** The first of them, as shown to the reader: English's when this language has none. */
  word(name: WordsName): string;
  /** The form of a message for a count, by the language's plural rules ({count} is filled). */
  plural(key: PluralKey, count: number, params?: Params): string;
  /** Items as a sentence reads them: "A, B and C" in the reader's language. */
  list(items: readonly string[]): string;
  /** A count as the reader writes numbers: "1,234", "1 234", "1.234". */
  number(n: number): string;
  /** A validation issue from the service, in this language, with the field's label. */
  issue(issue: Issue): string;
  /** A moment (ISO timestamp) or a calendar date (YYYY-MM-DD), in the reader's conventions. */
  date(iso: string): string;
  /** A moment with its time of day, in the reader's time zone (named when it is UTC). */
  dateTime(iso: string): string;
  country(code: string): string;
  /** The templates whose keys start with one of these prefixes, unfilled: the tab page fills its own. */
  messagesWithPrefix(prefixes: readonly string[]): Record<string, string>;
  /**
   * The same reader, for cards and chat messages (Markdown): every value filled into a message
   * is escaped, so what a user typed shows as typed. The tab, which shows plain text, uses the
   * localizer itself.
   */
  readonly markdown: Localizer;
  /** Escapes user text for Markdown (identity on the plain localizer). */
  text(value: string): string;
}

/** Who reads: the activity's locale and time zone, as the channel sent them (both optional). */
export interface Reader {
  locale?: string | undefined;
  timeZone?: string | undefined;
}

/** The conventions of each language where the reader's locale names no region (its catalogue says). */
const defaultLocale = (language: Language): string =>
  CATALOGUES[language]?.['language.locale'] ?? 'en-GB';

// language, an optional script, an optional region (two letters or three digits); the rest is ignored.
const LOCALE_PATTERN = /^([a-z]{2,3})(?:[-_][a-z]{4})?(?:[-_]([a-z]{2}|\d{3}))?(?:[-_]|$)/i;

/**
 * The catalogue's language and the locale dates and numbers are formatted in: "fr-BE" → fr,
 * fr-BE; "en-US" → en, en-US; "de-DE" → en (no German catalogue), en-DE (German conventions in
 * English words); nothing → en, en-GB.
 */
function resolveLocale(locale: unknown): { language: Language; locale: string } {
  const match = typeof locale === 'string' ? LOCALE_PATTERN.exec(locale.trim().slice(0, 35)) : null;
  const primary = match?.[1]?.toLowerCase() ?? '';
  const language = LANGUAGES.includes(primary) ? primary : 'en';
  const region = match?.[2]?.toUpperCase();
  if (!region) return { language, locale: defaultLocale(language) };
  try {
    return {
      language,
      locale: Intl.getCanonicalLocales(`${language}-${region}`)[0] ?? defaultLocale(language),
    };
  } catch {
    return { language, locale: defaultLocale(language) };
  }
}

/** An IANA time zone Intl knows ("Europe/Paris"), else UTC. */
function resolveTimeZone(timeZone: unknown): string {
  if (typeof timeZone !== 'string' || timeZone.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(timeZone))
    return 'UTC';
  try {
    return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

function fill(
  template: string,
  params: Params = {},
  escape: (value: string) => string = (value) => value,
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? escape(String(params[name])) : whole,
  );
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** What formats a reader's dates and names: built once per locale and time zone. */
interface Formats {
  language: Language;
  locale: string;
  timeZone: string;
  regions: Intl.DisplayNames;
  moments: Intl.DateTimeFormat;
  momentsWithTime: Intl.DateTimeFormat;
  calendarDates: Intl.DateTimeFormat;
  plurals: Intl.PluralRules;
  numbers: Intl.NumberFormat;
  lists: Intl.ListFormat;
}

// Locales and time zones come from outside: both caches are bounded, the oldest entry goes first.
const MAX_CACHED = 256;
/** By what the reader sent, so a turn resolves nothing it has seen before (Intl is costly to build). */
const byRequest = new Map<string, Localizer>();
/** By what that resolved to: "en_US" and "en-US" share one localizer. */
const byResolved = new Map<string, Localizer>();

function remember(cache: Map<string, Localizer>, key: string, i18n: Localizer): void {
  keepAtMost(cache, MAX_CACHED, key, i18n);
}

/** A request key only for short strings (or nothing): anything else is resolved every time. */
function requestKeyOf(locale: unknown, timeZone: unknown): string | undefined {
  const part = (v: unknown): string | undefined =>
    v === undefined ? '' : typeof v === 'string' && v.length <= 64 ? v : undefined;
  const [language, zone] = [part(locale), part(timeZone)];
  return language === undefined || zone === undefined ? undefined : `${language}|${zone}`;
}

/**
 * The localizer for a reader. `reader` may be a bare locale. Text comes from the language's
 * catalogue; dates and numbers follow the full locale (en-US "Dec 1, 2026", en-GB "1 Dec 2026"),
 * moments in the reader's time zone (UTC when unknown), calendar dates (YYYY-MM-DD) as typed.
 */
export function localizer(reader: Reader | string | undefined): Localizer {
  const { locale: requested, timeZone: requestedZone } =
    typeof reader === 'object' ? reader : { locale: reader };
  const requestKey = requestKeyOf(requested, requestedZone);
  const known = requestKey === undefined ? undefined : byRequest.get(requestKey);
  if (known) return known;
  const { language, locale } = resolveLocale(requested);
  const timeZone = resolveTimeZone(requestedZone);
  const resolvedKey = `${locale}|${timeZone}`;
  let i18n = byResolved.get(resolvedKey);
  if (!i18n) {
    const formats: Formats = {
      language,
      locale,
      timeZone,
      regions: new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }),
      moments: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }),
      momentsWithTime: new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone,
      }),
      calendarDates: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
      plurals: new Intl.PluralRules(locale),
      numbers: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
      lists: new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }),
    };
    const markdown: Localizer = build(
      CATALOGUES[language] ?? en,
      formats,
      escapeMarkdown,
      () => markdown,
    );
    i18n = build(
      CATALOGUES[language] ?? en,
      formats,
      (value) => value,
      () => markdown,
    );
    remember(byResolved, resolvedKey, i18n);
  }
  if (requestKey !== undefined) remember(byRequest, requestKey, i18n);
  return i18n;
}

function build(
  catalogue: Catalogue,
  formats: Formats,
  escape: (value: string) => string,
  markdown: () => Localizer,
): Localizer {
  const { language, locale, timeZone, regions, moments, calendarDates, plurals, numbers, lists } =
    formats;
  const entries = catalogue as Partial<Record<MessageKey, string>>;
  const words = (name: WordsName): string[] =>
    (entries[`${name}.words`] ?? '')
      .split('|')
      .map((word) => word.trim())
      .filter(Boolean);
  const word = (name: WordsName): string =>
    words(name)[0] ??
    (en as Partial<Record<string, string>>)[`${name}.words`]?.split('|')[0]?.trim() ??
    name;
  // The English-only keys (operator API, CLI) are in English whatever the reader's language.
  const t = (key: MessageKey, params?: Params) => {
    const template = entries[key] ?? en[key];
    const named = template.includes('{word:')
      ? template.replace(/\{word:([\w.]+)\}/g, (_whole, name: string) =>
          escape(word(name as WordsName)),
        )
      : template;
    return fill(named, params, escape);
  };
  const label = (field: string) =>
    `field.${field}` in catalogue ? t(`field.${field}` as MessageKey) : field;
  const i18n: Localizer = {
    language,
    locale,
    timeZone,
    t,
    words,
    word,
    text: escape,
    plural: (key, count, params = {}) => {
      const forms = catalogue as Partial<Record<string, string>>;
      const form = count === 0 && `${key}.zero` in forms ? 'zero' : plurals.select(count);
      const chosen = (`${key}.${form}` in forms ? `${key}.${form}` : `${key}.other`) as MessageKey;
      return t(chosen, { count: numbers.format(count), ...params });
    },
    list: (items) => lists.format(items),
    number: (n) => numbers.format(n),
    get markdown() {
      return markdown();
    },
    country: (code) => regions.of(code) ?? code,
    date: (iso) => {
      const calendarDate = DATE_ONLY.test(iso);
      const date = new Date(calendarDate ? `${iso}T00:00:00Z` : iso);
      // Not a real date ("2026-02-30" would roll over to March): shown as typed.
      if (Number.isNaN(date.getTime()) || (calendarDate && date.toISOString().slice(0, 10) !== iso))
        return iso;
      return (calendarDate ? calendarDates : moments).format(date);
    },
    dateTime: (iso) => {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso;
      const text = formats.momentsWithTime.format(date);
      return formats.timeZone === 'UTC' ? `${text} UTC` : text;
    },
    messagesWithPrefix: (prefixes) =>
      Object.fromEntries(
        Object.entries(catalogue).filter(([key]) =>
          prefixes.some((prefix) => key.startsWith(prefix)),
        ),
      ),
    issue: (issue) => {
      const params: Params = { ...issue.params, field: label(issue.field) };
      if (typeof params.country === 'string') params.country = i18n.country(params.country);
      if (typeof params.status === 'string' && `statusWord.${params.status}` in catalogue)
        params.status = t(`statusWord.${params.status}` as MessageKey);
      const key =
        issue.code === 'domainTaken' && params.suggestion
          ? 'issue.domainTakenSuggestion'
          : (`issue.${issue.code}` as MessageKey);
      return t(key, params);
    },
  };
  return i18n;
}

// Every issue code the service can return and every form field has an English message; the
// other catalogues are held to the same keys by `satisfies Catalogue`.
en satisfies Record<`issue.${Issue['code']}` | `field.${CustomerField}`, string>;
