import type { CustomerField } from '../../domain/fieldSchemas.js';
import type { Issue } from '../../domain/issues.js';
import { en, type Catalogue, type MessageKey } from './en.js';
import { fr } from './fr.js';
import { nl } from './nl.js';
import { sv } from './sv.js';

/** The one localisation layer: every string a user sees comes from here. */

export const LANGUAGES = ['en', 'fr', 'nl', 'sv'] as const;
export type Language = (typeof LANGUAGES)[number];

const CATALOGUES: Record<Language, Catalogue> = { en, fr, nl, sv };

/** "fr-BE" → fr, "sv" → sv; anything else (or nothing) → en. */
function languageOf(locale: string | undefined): Language {
  const primary = locale?.trim().slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as Language) : 'en';
}

export type Params = Record<string, string | number>;

export interface Localizer {
  language: Language;
  /** BCP 47 tag for Intl formatting. */
  locale: string;
  t(key: MessageKey, params?: Params): string;
  /** A validation issue from the service, in this language, with the field's label. */
  issue(issue: Issue): string;
  date(iso: string): string;
  country(code: string): string;
  /** The templates whose keys start with one of these prefixes, unfilled: the tab page fills its own. */
  messagesWithPrefix(prefixes: readonly string[]): Record<string, string>;
}

const INTL_LOCALE: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', nl: 'nl-NL', sv: 'sv-SE' };

function fill(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const cache = new Map<Language, Localizer>();

export function localizer(locale: string | undefined): Localizer {
  const language = languageOf(locale);
  const cached = cache.get(language);
  if (cached) return cached;
  const catalogue = CATALOGUES[language];
  const regions = new Intl.DisplayNames([INTL_LOCALE[language]], { type: 'region', fallback: 'code' });
  const dates = new Intl.DateTimeFormat(INTL_LOCALE[language], { dateStyle: 'medium', timeZone: 'UTC' });
  const t = (key: MessageKey, params?: Params) => fill(catalogue[key], params);
  const label = (field: string) => (`field.${field}` in catalogue ? t(`field.${field}` as MessageKey) : field);
  const l: Localizer = {
    language,
    locale: INTL_LOCALE[language],
    t,
    country: (code) => regions.of(code) ?? code,
    date: (iso) => dates.format(new Date(iso)),
    messagesWithPrefix: (prefixes) =>
      Object.fromEntries(Object.entries(catalogue).filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix)))),
    issue: (issue) => {
      const params: Params = { ...issue.params, field: label(issue.field) };
      if (typeof params.country === 'string') params.country = l.country(params.country);
      const key = issue.code === 'domainTaken' && params.suggestion ? 'issue.domainTakenSuggestion' : (`issue.${issue.code}` as MessageKey);
      return t(key, params);
    },
  };
  cache.set(language, l);
  return l;
}

// Every issue code the service can return and every form field has an English message; the
// other catalogues are held to the same keys by `satisfies Catalogue`.
en satisfies Record<`issue.${Issue['code']}` | `field.${CustomerField}`, string>;
