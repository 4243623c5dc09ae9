import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { ADMIN_KEY, startTestApp, type TestApp } from '../support/appHarness.js';
import {
  ensureChromium,
  launchBrowser,
  loopbackContext,
  screenshotPath,
} from '../support/browser.js';
import { startPlayground, type Playground } from '../support/playground.js';
import { customerForm, partnerUser } from '../support/fixtures.js';
import { activity, rawRequest } from '../support/rawHttp.js';
import { eventually } from '../support/temp.js';

/** The bot in a real client: the Agents Playground's Teams-like UI, driven by headless Chromium. */
describe('end to end in the Microsoft 365 Agents Playground', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;
  const playgrounds: Playground[] = [];

  before(async function () {
    this.timeout(600_000); // the first run may install Chromium
    ensureChromium();
    app = await startTestApp();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const playground of playgrounds) await playground.stop();
    await app?.dispose();
  });

  async function openChat(locale?: string): Promise<Page> {
    const playground = await startPlayground(app.url, locale);
    playgrounds.push(playground);
    const page = await (await loopbackContext(browser)).newPage();
    await page.goto(playground.url, { waitUntil: 'domcontentloaded' });
    return page;
  }
  const lastCard = (page: Page): Locator => page.locator('.ac-adaptiveCard').last();
  /** An activity as a Teams client would send it, through the Playground's mock-activity API. */
  async function sendAsClient(playground: Playground, activity: Record<string, unknown>) {
    const config = (await fetch(`${playground.url}/_internal/v1/config`).then((r) => r.json())) as {
      config: { personalChat: { id: string } };
    };
    const query = new URLSearchParams({ conversationId: config.config.personalChat.id });
    const template = (await fetch(
      `${playground.url}/_internal/v1/customActivities/template?${query.toString()}`,
    ).then((r) => r.json())) as object;
    const sent = await fetch(`${playground.url}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...template, ...activity }),
    });
    assert.equal(sent.status, 200);
  }
  /** On a timeout the page is kept (test-output/e2e/waited-for-….png) and the last card's text told. */
  async function waitForText(page: Page, text: string | RegExp): Promise<void> {
    try {
      await page.getByText(text).last().waitFor({ timeout: 15_000 });
    } catch (error) {
      const name = String(text)
        .replace(/[^\w]+/g, '-')
        .slice(0, 40);
      await page.screenshot({ path: screenshotPath(`waited-for-${name}`) }).catch(() => {});
      const shown = await lastCard(page)
        .innerText({ timeout: 1_000 })
        .catch(() => '(no card)');
      throw new Error(`${(error as Error).message}
The last card shows:
${shown}`);
    }
  }
  /** The input whose label starts with `label` ("Nom du contact" is not "Prénom du contact"). */
  const input = (card: Locator, label: string): Locator =>
    card.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)).first();
  const fill = (card: Locator, label: string, value: string) => input(card, label).fill(value);
  async function choose(page: Page, card: Locator, index: number, option: string) {
    const box = card.getByRole('combobox').nth(index);
    await box.click();
    await box.pressSequentially(option.slice(0, 6));
    await page.getByRole('option', { name: option, exact: true }).first().click();
  }
  type Field = [string, string] | [string, string, 'choose'];
  /**
   * Fills one step of the form ([label, value] for text inputs, [label, option, 'choose'] for
   * lists) and presses a button, all on one drawing of the card. The Playground may draw a card
   * again after its invoke's answer (the message's update arrives later, later still on a loaded
   * machine), and a new drawing has lost what was typed: then the step is filled again. Waits for
   * what the page shows, never for time.
   */
  async function completeStep(page: Page, fields: Field[], button: string): Promise<void> {
    for (let drawing = 1; ; drawing++) {
      const card = lastCard(page);
      const drawn = await card.elementHandle();
      let choice = 0;
      for (const [label, value, kind] of fields) {
        if (kind === 'choose') await choose(page, card, choice++, value);
        else await fill(card, label, value);
      }
      const typed = await Promise.all(
        fields
          .filter((field) => field[2] !== 'choose')
          .map(async ([label, value]) => (await input(card, label).inputValue()) === value),
      );
      const sameDrawing = (await drawn?.evaluate((node) => node.isConnected)) ?? false;
      if (sameDrawing && typed.every(Boolean)) {
        await card.getByRole('button', { name: button }).click();
        return;
      }
      if (drawing === 10) throw new Error(`the card kept being drawn again while filling it`);
    }
  }
  async function say(page: Page, text: string) {
    const box = page.locator('[data-lexical-editor="true"][role="textbox"]');
    await box.click();
    await box.pressSequentially(text);
    await page.locator('button[aria-label="Send Message"]').click();
  }

  it('shows the cards the message extension inserts, in Teams and in Copilot or Outlook, with no client error', async () => {
    const made = await app.service.customers.createCustomer(
      partnerUser('GlobalAdmin', 'IndirectProvider', 'tenant-1'),
      customerForm({ companyName: 'Fabrikam Lycée', domain: 'fabrikamlycee' }),
    );
    assert.ok(made.ok);
    // The extension's answer, as Teams and Microsoft 365 ask for it over HTTP.
    const cards: unknown[] = [];
    for (const channelId of ['msteams', 'm365extensions']) {
      const res = await rawRequest(`${app.url}/api/messages`, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          activity('http://127.0.0.1:9/', {
            type: 'invoke',
            name: 'composeExtension/selectItem',
            value: { customerId: made.value.customer.id },
            text: undefined,
            channelId,
          }),
        ),
      });
      assert.equal(res.status, 200, res.text);
      const body = res.json() as { composeExtension: { attachments: { content: unknown }[] } };
      cards.push(body.composeExtension.attachments[0]!.content);
    }
    const page = await openChat();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /card|adaptive/i.test(message.text()))
        errors.push(message.text());
    });
    await waitForText(page, 'I help you add education customers');
    // Pasted into the chat as the bot's own message, through the Playground's connector.
    const playground = playgrounds.at(-1)!;
    const config = (await fetch(`${playground.url}/_internal/v1/config`).then((r) => r.json())) as {
      config: { personalChat: { id: string } };
    };
    const chat = config.config.personalChat.id;
    for (const card of cards) {
      const sent = await fetch(
        `${playground.url}/_connector/v3/conversations/${encodeURIComponent(chat)}/activities`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message',
            from: { id: 'bot', name: 'Education onboarding' },
            attachments: [
              { contentType: 'application/vnd.microsoft.card.adaptive', content: card },
            ],
          }),
        },
      );
      assert.ok(sent.ok, `the Playground took the card (${sent.status})`);
    }
    await eventually(
      async () =>
        (await page.locator('.ac-adaptiveCard', { hasText: 'Fabrikam Lycée' }).count()) === 2
          ? true
          : undefined,
      15_000,
      'both inserted cards drawn',
    );
    const [teams, microsoft365] = [
      page.locator('.ac-adaptiveCard', { hasText: 'Fabrikam Lycée' }).nth(0),
      page.locator('.ac-adaptiveCard', { hasText: 'Fabrikam Lycée' }).nth(1),
    ];
    for (const card of [teams, microsoft365]) {
      await card.getByText('fabrikamlycee.onmicrosoft.com').first().waitFor();
      // An Action.OpenUrl is drawn as a link.
      await card.getByRole('link', { name: 'Open in the dashboard' }).waitFor();
    }
    await teams.getByRole('button', { name: 'Refresh' }).waitFor();
    assert.equal(await microsoft365.getByRole('button', { name: 'Refresh' }).count(), 0);
    await page.screenshot({ path: screenshotPath('extension-inserted-cards') });
    assert.deepEqual(errors, []);
  });

  it('welcomes on install, adds a customer through the cards, shows a field error, and submits', async () => {
    const page = await openChat();
    await waitForText(page, 'I help you add education customers');
    await page.screenshot({ path: screenshotPath('1-welcome') });

    await page.getByRole('button', { name: 'Add customer' }).last().click();
    await waitForText(page, 'Step 1 of 3: Organisation');
    await completeStep(
      page,
      [
        ['Legal company name', 'Contoso Elementary School'],
        ['Education segment', 'K-12 (primary and secondary school)', 'choose'],
        ['Website', 'contoso.edu'],
        ['Email', 'office@gmail.com'],
        // A gmail address and a domain with a space: both problems are shown at once, each under its field.
        ['Primary domain', 'contoso elementary'],
        // The country comes first, with the organisation: the address step then knows what it requires.
        ['Country', 'United States', 'choose'],
      ],
      'Next',
    );
    await waitForText(page, /uses a free mail provider \(gmail\.com\)/);
    assert.match(await lastCard(page).innerText(), /may contain only letters a–z and digits 0–9/);
    assert.equal(
      await lastCard(page).getByLabel('Legal company name').first().inputValue(),
      'Contoso Elementary School',
      'what was typed is kept',
    );
    await page.screenshot({ path: screenshotPath('2-field-error') });

    await completeStep(
      page,
      [
        ['Email', 'ann.lee@contoso.edu'],
        ['Primary domain', 'contosoelementary'],
      ],
      'Next',
    );
    await waitForText(page, 'Step 2 of 3: Address');
    await completeStep(
      page,
      [
        ['Address line 1', '1 Microsoft Way'],
        ['City', 'Redmond'],
        ['State or province', 'WA'],
        ['Postal code', '98052'],
      ],
      'Next',
    );
    await waitForText(page, 'Step 3 of 3: Contact and agreement');
    await completeStep(
      page,
      [
        ['Contact first name', 'Ann'],
        ['Contact last name', 'Lee'],
        ['Agreement signer name', 'Ann Lee'],
        ['Agreement signer email', 'ann.lee@contoso.edu'],
        ['Date the agreement was accepted', '2026-11-01'],
      ],
      'Next',
    );
    await waitForText(page, 'Review and submit');
    await page.screenshot({ path: screenshotPath('3-review') });
    await lastCard(page).getByRole('button', { name: 'Submit for verification' }).click();
    await waitForText(page, 'Submitted – In review');
    await page.screenshot({ path: screenshotPath('4-submitted') });
    assert.equal(
      await page.locator('.ac-adaptiveCard').count(),
      2,
      'one welcome card and one form card, updated in place',
    );
    const stored = await app.service.customers.operatorGet('contosoelementary');
    assert.equal(stored?.qualification.vettingStatus, 'InReview');

    await say(page, 'status contosoelementary');
    await page.locator('.ac-adaptiveCard').nth(2).waitFor({ timeout: 15_000 });
    assert.match(await lastCard(page).innerText(), /In review since/);

    const decided = await fetch(`${app.adminUrl}/api/admin/customers/contosoelementary/decision`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: '{"status":"Approved"}',
    });
    assert.equal(decided.status, 200);
    await waitForText(page, 'Verification approved');
    assert.match(await lastCard(page).innerText(), /You can sell Commercial and Education offers/);
    await page.screenshot({ path: screenshotPath('5-decision') });
  });

  it('speaks French to a French Teams client, through the whole form', async () => {
    const page = await openChat();
    await waitForText(page, 'I help you add education customers');
    // The Playground's own activities always say en-US; its "Mock an Activity" API sends one as a
    // French Teams client would. The form then keeps French for every click in the UI.
    await sendAsClient(playgrounds.at(-1)!, {
      type: 'message',
      text: 'add customer',
      locale: 'fr-FR',
    });
    await waitForText(page, 'Étape 1 sur 3 : Organisation');
    // The lists first (the Playground mixes up a card's lists once the card is updated in place).
    // Empty fields: the server says every problem at once, in French (the client checks nothing).
    await completeStep(
      page,
      [
        ['Segment', 'Enseignement supérieur', 'choose'],
        ['Pays', 'France', 'choose'],
      ],
      'Suivant',
    );
    await waitForText(page, "Nom légal de l'organisation est obligatoire.");
    const empty = await lastCard(page).innerText();
    assert.match(empty, /E-mail est obligatoire\./);
    assert.match(empty, /Domaine principal est obligatoire\./);
    // A legal name that looks like a test and a free mail address: both refused at once, in French.
    await completeStep(
      page,
      [
        ["Nom légal de l'organisation", 'Test'],
        ['E-mail', 'direction@gmail.com'],
        ['Domaine principal', 'saintexupery'],
      ],
      'Suivant',
    );
    await waitForText(page, /ressemble à une saisie de test/);
    assert.match(await lastCard(page).innerText(), /messagerie gratuite \(gmail\.com\)/);
    await page.screenshot({ path: screenshotPath('6-french-error') });
    await completeStep(
      page,
      [
        ["Nom légal de l'organisation", 'École Saint-Exupéry'],
        ['E-mail', 'direction@saintexupery.fr'],
      ],
      'Suivant',
    );
    await waitForText(page, 'Étape 2 sur 3 : Adresse');
    await completeStep(
      page,
      [
        ['Adresse, ligne 1', '12 rue des Écoles'],
        ['Ville', 'Lyon'],
        ['Code postal', '69001'],
      ],
      'Suivant',
    );
    await waitForText(page, 'Étape 3 sur 3 : Contact et contrat');
    await completeStep(
      page,
      [
        ['Prénom du contact', 'Claire'],
        ['Nom du contact', 'Martin'],
        ['Nom du signataire du contrat', 'Claire Martin'],
        ['E-mail du signataire du contrat', 'direction@saintexupery.fr'],
        ["Date d'acceptation du contrat", '2026-11-02'],
      ],
      'Suivant',
    );
    await waitForText(page, 'Vérifier et soumettre');
    await lastCard(page).getByRole('button', { name: 'Soumettre pour vérification' }).click();
    await waitForText(page, 'Soumis – En cours de vérification');
    await page.screenshot({ path: screenshotPath('7-french-submitted') });
    assert.equal(
      (await app.service.customers.operatorGet('saintexupery'))?.billingProfile.culture,
      'fr-FR',
    );
  });
});
