import assert from 'node:assert/strict';
import { en } from '../../src/i18n/catalogues/en.js';
import { localizer, type WordsName } from '../../src/i18n/localizer.js';
import { BotHarness } from '../support/botHarness.js';
import { cardText } from '../support/chatClient.js';
import { customerForm, partnerUser } from '../support/fixtures.js';

// The chat's own tenant (the harness's default), where its development identity sees customers.
const ADMIN = partnerUser('GlobalAdmin', 'IndirectProvider', 'tenant-1');
const OPERATOR = { kind: 'operator' as const, id: 'op', name: 'Operator' };

/** Every `<name>.words` entry: the command words and the status filters. */
const WORDS_NAMES = Object.keys(en)
  .filter((key) => key.endsWith('.words'))
  .map((key) => key.slice(0, -'.words'.length) as WordsName);

/** The English words (letters only) that are not also words of the language. */
function englishOnlyWords(language: string): string[] {
  const own = new Set(WORDS_NAMES.flatMap((name) => localizer(language).words(name)));
  return WORDS_NAMES.flatMap((name) => localizer('en').words(name)).filter(
    (word) => /^[a-z ]+$/.test(word) && !own.has(word),
  );
}

const containsWord = (text: string, word: string) =>
  new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, 'iu').test(text);

describe("conversation: help and the status filters in the reader's language", () => {
  let h: BotHarness;
  before(async () => {
    h = await BotHarness.start();
    const add = async (companyName: string, domain: string) => {
      const created = await h.app.service.customers.createCustomer(
        ADMIN,
        customerForm({ companyName, domain, email: `it@${domain}.edu`, website: '' }),
      );
      assert.ok(created.ok);
      return created.value.customer.id;
    };
    await add('Review School', 'reviewschool');
    const approved = await add('Approved School', 'approvedschool');
    const denied = await add('Denied School', 'deniedschool');
    assert.ok((await h.app.service.vetting.decide(OPERATOR, approved, { status: 'Approved' })).ok);
    const reason = 'No accreditation';
    assert.ok(
      (await h.app.service.vetting.decide(OPERATOR, denied, { status: 'Denied', reason })).ok,
    );
  });
  after(async () => h.dispose());

  for (const [language, locale] of [
    ['fr', 'fr-FR'],
    ['nl', 'nl-NL'],
    ['sv', 'sv-SE'],
  ] as const) {
    it(`${language}: help names the commands and filters in ${language}, with no English-only word`, async () => {
      const chat = h.chat({ locale });
      const [help] = await chat.say(localizer(language).word('command.help'));
      const text = cardText(help!.attachments?.[0]?.content);
      const i18n = localizer(language);
      for (const name of ['command.customers', 'filter.InReview', 'filter.Denied'] as const)
        assert.ok(text.includes(i18n.word(name)), `${name}: "${i18n.word(name)}" in\n${text}`);
      const english = englishOnlyWords(language);
      assert.ok(english.includes('in review') && english.includes('add customer'));
      const found = english.filter((word) => containsWord(text, word));
      assert.deepEqual(found, [], `English words in the ${language} help:\n${text}`);
      // A filter nobody knows: the answer lists the language's own words.
      const [unknown] = await chat.say('customers sideways');
      assert.ok(unknown!.text?.includes(i18n.word('filter.Approved')), unknown!.text);
      assert.deepEqual(
        english.filter((word) => containsWord(unknown!.text ?? '', word)),
        [],
      );
    });

    it(`${language}: every word of each status filter lists that status's customers`, async () => {
      const chat = h.chat({ locale });
      for (const [status, company] of [
        ['InReview', 'Review School'],
        ['Approved', 'Approved School'],
        ['Denied', 'Denied School'],
      ] as const) {
        for (const word of localizer(language).words(`filter.${status}`)) {
          const [list] = await chat.say(`customers ${word}`);
          const text = cardText(list!.attachments?.[0]?.content);
          assert.match(text, new RegExp(company), `customers ${word}`);
          const others = ['Review School', 'Approved School', 'Denied School'].filter(
            (c) => c !== company,
          );
          for (const other of others) assert.doesNotMatch(text, new RegExp(other), word);
        }
      }
    });
  }

  it("takes a filter typed in any language, in any reader's language", async () => {
    for (const [typed, company] of [
      ["customers en cours d'examen", 'Review School'],
      ['customers in behandeling', 'Review School'],
      ['customers under granskning', 'Review School'],
      ['klanten goedgekeurd', 'Approved School'],
      ['kunder nekade', 'Denied School'],
    ] as const) {
      const [list] = await h.chat({ locale: 'en-US' }).say(typed);
      assert.match(cardText(list!.attachments?.[0]?.content), new RegExp(company), typed);
    }
  });
});
