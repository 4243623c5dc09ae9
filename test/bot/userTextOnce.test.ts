import assert from 'node:assert/strict';
import { decidedBelowCard, decisionDigestCard } from '../../src/bot/cards/decisionCards.js';
import { importProgressCard } from '../../src/bot/cards/importCards.js';
import { localizer } from '../../src/i18n/localizer.js';
import type { ImportJob } from '../../src/storage/records/importJob.js';
import { cardText } from '../support/chatClient.js';

/**
 * What a person typed (a company name, a reason, a file name) reaches a card escaped exactly once:
 * Teams renders the Markdown, which removes one level of backslashes, and the reader sees it as
 * typed. Escaped twice, a name like "St_Mary" would show as "St\_Mary".
 */

/** What a Markdown renderer shows for backslash escapes (CommonMark: "\x" shows "x"). */
const rendered = (markdown: string): string => markdown.replace(/\\([\\`*_[\]<>~#|+.-])/g, '$1');

const NAME = 'St_Mary *K-12* [north]';
const REASON = 'See [our policy](https://evil.example) \\ #1';

describe('user text on cards is escaped once', () => {
  for (const language of ['en', 'fr'] as const) {
    const i18n = localizer(language).markdown;

    it(`${language}: the "decided below" notice shows the company as typed`, () => {
      const text = rendered(cardText(decidedBelowCard(i18n, NAME, 'Approved')));
      assert.ok(text.includes(NAME), text);
    });

    it(`${language}: a digest shows each company and reason as typed`, () => {
      const markdown = cardText(
        decisionDigestCard(i18n, [
          { company: NAME, to: 'Denied', reason: REASON },
          { company: 'Plain School', to: 'Approved' },
        ]),
      );
      const text = rendered(markdown);
      assert.ok(text.includes(NAME), text);
      assert.ok(text.includes(REASON), text);
      // The link's brackets stay text: every "]" before "(https" is escaped.
      assert.ok(!/[^\\]\]\(https/.test(markdown), markdown);
    });

    it(`${language}: an import's card names the file as it was sent`, () => {
      const job: ImportJob = {
        key: 't|j',
        jobId: 'j',
        tenantId: 't',
        user: { id: 'u', name: 'U', role: 'GlobalAdmin', partnerType: 'IndirectProvider' },
        state: 'running',
        fileName: 'schools_2026*final*.csv',
        format: 'csv',
        locale: language,
        rows: 3,
        ready: 3,
        created: 1,
        failed: 0,
        createdAt: '2030-01-01T00:00:00.000Z',
        updatedAt: '2030-01-01T00:00:00.000Z',
      };
      const text = rendered(cardText(importProgressCard(i18n, job)));
      assert.ok(text.includes('schools_2026*final*.csv'), text);
    });
  }
});
