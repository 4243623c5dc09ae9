import assert from 'node:assert/strict';
import { localizer } from '../../src/i18n/localizer.js';

// 2026-11-22T23:30Z: still the 22nd in UTC and Honolulu, already the 23rd in Paris and Kiritimati.
const MOMENT = '2026-11-22T23:30:00.000Z';

describe("localisation: dates follow the reader's locale and time zone", () => {
  const cases: [
    reader: Parameters<typeof localizer>[0],
    language: string,
    locale: string,
    moment: string,
  ][] = [
    [{ locale: 'en-US' }, 'en', 'en-US', 'Nov 22, 2026'],
    [{ locale: 'en-GB' }, 'en', 'en-GB', '22 Nov 2026'],
    [{ locale: 'en-US', timeZone: 'Pacific/Kiritimati' }, 'en', 'en-US', 'Nov 23, 2026'],
    [{ locale: 'en-US', timeZone: 'Pacific/Honolulu' }, 'en', 'en-US', 'Nov 22, 2026'],
    [{ locale: 'fr-BE', timeZone: 'Europe/Brussels' }, 'fr', 'fr-BE', '23 nov. 2026'],
    [{ locale: 'fr_CA' }, 'fr', 'fr-CA', '22 nov. 2026'],
    [{ locale: 'nl-BE' }, 'nl', 'nl-BE', '22 nov 2026'],
    [{ locale: 'sv-FI' }, 'sv', 'sv-FI', '22 nov. 2026'],
    [{ locale: 'sv' }, 'sv', 'sv-SE', '22 nov. 2026'],
    // No German catalogue: English words, German conventions.
    [{ locale: 'de-DE' }, 'en', 'en-DE', '22 Nov 2026'],
    [{ locale: 'zh-Hant-TW' }, 'en', 'en-TW', 'Nov 22, 2026'],
    [undefined, 'en', 'en-GB', '22 Nov 2026'],
    [{ locale: 'not a locale', timeZone: '../../etc/passwd' }, 'en', 'en-GB', '22 Nov 2026'],
    [{ locale: 'x'.repeat(5000), timeZone: 'Mars/Olympus' }, 'en', 'en-GB', '22 Nov 2026'],
  ];
  for (const [reader, language, locale, moment] of cases) {
    it(`${JSON.stringify(reader)?.slice(0, 60)} reads ${language} text and ${locale} dates: ${moment}`, () => {
      const i18n = localizer(reader);
      assert.equal(i18n.language, language);
      assert.equal(i18n.locale, locale);
      assert.equal(i18n.date(MOMENT), moment);
    });
  }

  it('shows a calendar date as typed, in every time zone (an agreement date is not a moment)', () => {
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Honolulu', 'UTC']) {
      assert.equal(localizer({ locale: 'en-US', timeZone }).date('2026-11-01'), 'Nov 1, 2026');
      assert.equal(localizer({ locale: 'sv-SE', timeZone }).date('2026-11-01'), '1 nov. 2026');
    }
  });

  it('never crashes on what a channel sends, and shows what is not a date as it came', () => {
    assert.equal(
      localizer({ locale: 42 as unknown as string, timeZone: {} as unknown as string }).language,
      'en',
    );
    assert.equal(localizer('en-US').date('2026-02-30'), '2026-02-30');
    assert.equal(localizer('en-US').date('soon'), 'soon');
  });
});

describe("localisation: plurals and lists in the reader's language", () => {
  const cases: [locale: string, days: number, text: string][] = [
    ['en-GB', 0, 'The oldest open review started today.'],
    ['en-GB', 1, 'The oldest open review started 1 day ago.'],
    ['en-GB', 6, 'The oldest open review started 6 days ago.'],
    ['fr-FR', 1, "L'examen en cours le plus ancien a commencé il y a 1 jour."],
    ['fr-FR', 1.5, "L'examen en cours le plus ancien a commencé il y a 1,5 jour."],
    ['nl-NL', 2, 'De oudste lopende beoordeling is 2 dagen geleden begonnen.'],
    ['sv-SE', 0, 'Den äldsta pågående granskningen började i dag.'],
  ];
  for (const [locale, days, text] of cases) {
    it(`${locale}, ${days} days: ${text}`, () => {
      const i18n = localizer(locale);
      const shown = new Intl.NumberFormat(locale).format(days);
      assert.equal(i18n.plural('tab.oldestOpenReview', days, { days: shown }), text);
    });
  }

  it('says "1 review completed" and "2 reviews completed"', () => {
    const i18n = localizer('en-GB');
    assert.equal(
      i18n.plural('tab.reviewsCompleted', 1, { days: i18n.plural('days', 1, { days: '1' }) }),
      '1 review completed; median 1 day.',
    );
    assert.equal(
      i18n.plural('tab.reviewsCompleted', 2, { days: i18n.plural('days', 3, { days: '3' }) }),
      '2 reviews completed; median 3 days.',
    );
  });

  it('joins lists as each language does', () => {
    assert.equal(localizer('en-GB').list(['City', 'Website', 'Email']), 'City, Website and Email');
    assert.equal(localizer('fr-FR').list(['Ville', 'Site web']), 'Ville et Site web');
    assert.equal(
      localizer('sv-SE').list(['Stad', 'Webbplats', 'E-post']),
      'Stad, Webbplats och E-post',
    );
  });
});
