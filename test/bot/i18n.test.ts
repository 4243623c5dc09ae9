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
      const l = localizer(reader);
      assert.equal(l.language, language);
      assert.equal(l.locale, locale);
      assert.equal(l.date(MOMENT), moment);
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
