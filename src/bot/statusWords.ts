import { VETTING_STATUSES, type VettingStatus } from '../domain/customer.js';
import { foldText } from '../domain/text.js';
import { LANGUAGES, localizer } from '../i18n/localizer.js';

/** Every language's words for each status (`filter.<status>.words`), folded: any of them works. */
const STATUS_WORDS: ReadonlyMap<string, VettingStatus> = new Map(
  VETTING_STATUSES.flatMap((status) =>
    LANGUAGES.flatMap((language) =>
      [status, ...localizer(language).words(`filter.${status}`)].map(
        (word) => [foldText(word), status] as const,
      ),
    ),
  ),
);

/** The status a typed word or a client's value names ("in review", "InReview", "refusé"), if any. */
export const statusNamed = (text: string): VettingStatus | undefined =>
  STATUS_WORDS.get(foldText(text.trim()));
