import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import {
  choiceCard,
  listCard,
  menuCard,
  noticeCard,
  offersCard,
  statusCard,
} from '../../src/bot/cards/customerCards.js';
import { helpLines } from '../../src/bot/commandList.js';
import {
  insertedStatusCard,
  type ExtensionTurn,
} from '../../src/bot/extension/extensionAnswers.js';
import { confirmCard, formStepCard, reviewCard } from '../../src/bot/cards/formCards.js';
import type { AdaptiveCard } from '../../src/bot/cards/templates.js';
import type { FormFlowState } from '../../src/bot/formState.js';
import { localizer } from '../../src/i18n/localizer.js';
import { buildCustomerRecord } from '../../src/domain/customerRecord.js';
import { makeIssue, validateNewCustomer } from '../../src/domain/customerInput.js';
import { eligibility } from '../../src/domain/purchase.js';
import { OFFER_CATALOG } from '../../src/domain/reference/offerCatalog.js';
import { qualificationStatus } from '../../src/service/qualificationStatus.js';
import { customerForm, globalAdmin, NOW } from '../support/fixtures.js';
import { ensureChromium, launchBrowser, screenshotPath } from '../support/browser.js';

const require = createRequire(import.meta.url);

/** The little of the browser and of the renderer that the evaluated function uses. */
interface RendererPage {
  AdaptiveCards: {
    AdaptiveCard: new () => {
      parse(json: unknown, context: unknown): void;
      validateProperties(): { validationEvents: { message: string }[] };
      render(): { innerText: string } | undefined;
    };
    SerializationContext: new () => {
      eventCount: number;
      getEventAt(i: number): { message: string };
    };
  };
  document: { getElementById(id: string): { replaceChildren(...nodes: unknown[]): void } | null };
}
const RENDERER = require.resolve('adaptivecards/dist/adaptivecards.min.js');

/** Every card the bot sends, filled with sample data, in English and French. */
function sampleCards(locale: string): Record<string, AdaptiveCard> {
  const i18n = localizer(locale);
  const report = validateNewCustomer(customerForm(), { now: NOW });
  const record = buildCustomerRecord(
    report.value!,
    { id: 'c-1', partnerTenantId: 't' },
    NOW.toISOString(),
    { kind: 'partnerUser', id: 'u', name: 'Ann Lee' },
  );
  const denied = {
    ...qualificationStatus(record),
    vettingStatus: 'Denied' as const,
    vettingReason: 'The website does not match',
  };
  const draft = Object.fromEntries(Object.entries(customerForm()).map(([k, v]) => [k, String(v)]));
  const flow: FormFlowState = {
    kind: 'add',
    locale: 'en-US',
    flowId: 'f-1',
    step: 'organisation',
    draft,
    returnToReview: false,
    issues: [makeIssue('email', 'freeEmailProvider', { domain: 'gmail.com' })],
  };
  const correction: FormFlowState = {
    ...flow,
    kind: 'correct',
    customerId: 'c-1',
    company: 'Contoso',
    domain: 'contoso.onmicrosoft.com',
    request: 2,
    issues: [],
  };
  const offers = {
    customerId: 'c-1',
    vettingStatus: 'Approved' as const,
    sellableSegments: ['Commercial' as const, 'Education' as const],
    offers: OFFER_CATALOG.map((offer) => ({
      offer,
      eligibility: eligibility(
        { customerType: 'Education', educationStatus: 'Approved' },
        offer,
        'newPurchase',
      ),
    })),
  };
  return {
    menu: menuCard(i18n, i18n.t('welcome.text')),
    help: menuCard(i18n, i18n.t('help.title'), helpLines(i18n)),
    organisation: formStepCard(i18n, flow, 'organisation', '2026-11-22'),
    address: formStepCard(
      i18n,
      {
        ...flow,
        issues: [
          makeIssue('organizationRegistrationNumber', 'requiredForCountry', { country: 'PL' }),
        ],
      },
      'address',
      '2026-11-22',
    ),
    contact: formStepCard(i18n, { ...flow, issues: [] }, 'contact', '2026-11-22'),
    correction: formStepCard(i18n, correction, 'organisation', '2026-11-22'),
    review: reviewCard(i18n, flow, [makeIssue('companyName', 'containsTld')]),
    confirm: confirmCard(i18n, correction, 3),
    statusInReview: statusCard(i18n, qualificationStatus(record), globalAdmin, {
      following: false,
    }),
    statusDenied: statusCard(i18n, denied, globalAdmin, { following: true }),
    submitted: statusCard(i18n, qualificationStatus(record), globalAdmin, {
      title: i18n.t('submitted.title'),
      intro: i18n.t('submitted.text', { company: 'Contoso', used: 1, max: 3 }),
    }),
    decision: statusCard(i18n, denied, 'checkedOnClick', {
      title: i18n.t('notify.deniedTitle'),
      following: true,
    }),
    list: listCard(i18n, { items: [record, record], total: 30, nextCursor: 'x' }),
    offers: offersCard(i18n, 'Contoso', offers),
    choice: choiceCard(i18n, 'contoso', [record, record], 'status'),
    notice: noticeCard(i18n.t('cancel.card')),
    // Inserted by the message extension: in Teams (Universal Actions), in Copilot or Outlook (links).
    ...Object.fromEntries(
      (['teams', 'microsoft365'] as const).map((where) => [
        `inserted-${where}`,
        insertedStatusCard(
          {
            i18n,
            plain: localizer(locale),
            user: globalAdmin,
            actorId: '29:ann',
            universal: where === 'teams',
            customers: {} as ExtensionTurn['customers'],
            customerPageUrl: (id) => `https://bot.example.com/customers/${id}`,
            now: () => NOW,
          },
          denied,
        ),
      ]),
    ),
  };
}

describe('cards through the Adaptive Cards JS renderer (schema 1.5)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  before(async function () {
    this.timeout(600_000);
    ensureChromium();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 480, height: 900 } });
    await page.setContent(
      '<html><body style="font-family:sans-serif"><div id="card"></div></body></html>',
    );
    await page.addScriptTag({ path: RENDERER });
  });
  after(async () => browser?.close());

  for (const locale of ['en-US', 'fr-FR']) {
    for (const [name, card] of Object.entries(sampleCards(locale))) {
      it(`${name} (${locale}) parses, validates and renders`, async () => {
        assert.equal(card.version, '1.5');
        const result = await page.evaluate((json) => {
          const browser = globalThis as unknown as RendererPage;
          const card = new browser.AdaptiveCards.AdaptiveCard();
          const context = new browser.AdaptiveCards.SerializationContext();
          card.parse(json, context);
          const events: string[] = [];
          for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
          const failures = card.validateProperties().validationEvents.map((e) => e.message);
          const element = card.render();
          if (element) browser.document.getElementById('card')?.replaceChildren(element);
          return { events, failures, rendered: !!element && element.innerText.length > 0 };
        }, card);
        assert.deepEqual(result.events, [], 'no parse warnings');
        assert.deepEqual(result.failures, [], 'no validation failures');
        assert.ok(result.rendered, 'renders visible text');
        await page.locator('#card').screenshot({ path: screenshotPath(`card-${name}-${locale}`) });
      });
    }
  }
});
