import { en, type Catalogue } from './en.js';
import fr from './fr.js';
import nl from './nl.js';
import sv from './sv.js';

/**
 * Every catalogue, by language: adding a language is adding its file and its line here. English
 * is the reference; the others are checked against its keys when the localizer loads.
 */
export const CATALOGUES: Readonly<Record<string, unknown>> & { en: Catalogue } = {
  en,
  fr,
  nl,
  sv,
};
