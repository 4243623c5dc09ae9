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
  async function fill(card: Locator, label: string, value: string) {
    await card
      .getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
      .first()
      .fill(value);
  }
  async function choose(page: Page, card: Locator, index: number, option: string) {
    const box = card.getByRole('combobox').nth(index);
    await box.click();
    await box.pressSequentially(option.slice(0, 6));
    await page.getByRole('option', { name: option, exact: true }).first().click();
  }
  /** Fills one step of the form: [label, value] for text inputs, [label, option, 'choose'] for lists. */
  async function fillStep(page: Page, fields: ([string, string] | [string, string, 'choose'])[]) {
    const card = lastCard(page);
    let choice = 0;
    for (const [label, value, kind] of fields) {
      if (kind === 'choose') await choose(page, card, choice++, value);
      else await fill(card, label, value);
    }
    return card;
  }
  async function say(page: Page, text: string) {
    const box = page.locator('[data-lexical-editor="true"][role="textbox"]');
    await box.click();
    await box.pressSequentially(text);
    await page.locator('button[aria-label="Send Message"]').click();
  }

  it('welcomes on install, adds a customer through the cards, shows a field error, and submits', async () => {
    const page = await openChat();
    await waitForText(page, 'I help you add education customers');
    await page.screenshot({ path: screenshotPath('1-welcome') });

    await page.getByRole('button', { name: 'Add customer' }).last().click();
    await waitForText(page, 'Step 1 of 3: Organisation');
    let card = lastCard(page);
    await fill(card, 'Legal company name', 'Contoso Elementary School');
    await choose(page, card, 0, 'K-12 (primary and secondary school)');
    await fill(card, 'Website', 'contoso.edu');
    await fill(card, 'Email', 'office@gmail.com');
    // A gmail address and a domain with a space: both problems are shown at once, each under its field.
    await fill(card, 'Primary domain', 'contoso elementary');
    // The country comes first, with the organisation: the address step then knows what it requires.
    await choose(page, card, 1, 'United States');
    await card.getByRole('button', { name: 'Next' }).click();
    await waitForText(page, /uses a free mail provider \(gmail\.com\)/);
    assert.match(await lastCard(page).innerText(), /may contain only letters a–z and digits 0–9/);
    card = lastCard(page);
    assert.equal(
      await card.getByLabel('Legal company name').first().inputValue(),
      'Contoso Elementary School',
      'what was typed is kept',
    );
    await page.screenshot({ path: screenshotPath('2-field-error') });

    await fill(card, 'Email', 'ann.lee@contoso.edu');
    await fill(card, 'Primary domain', 'contosoelementary');
    await card.getByRole('button', { name: 'Next' }).click();
    await waitForText(page, 'Step 2 of 3: Address');
    card = await fillStep(page, [
      ['Address line 1', '1 Microsoft Way'],
      ['City', 'Redmond'],
      ['State or province', 'WA'],
      ['Postal code', '98052'],
    ]);
    await card.getByRole('button', { name: 'Next' }).click();
    await waitForText(page, 'Step 3 of 3: Contact and agreement');
    card = await fillStep(page, [
      ['Contact first name', 'Ann'],
      ['Contact last name', 'Lee'],
      ['Agreement signer name', 'Ann Lee'],
      ['Agreement signer email', 'ann.lee@contoso.edu'],
      ['Date the agreement was accepted', '2026-11-01'],
    ]);
    await card.getByRole('button', { name: 'Next' }).click();
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
    const stored = await app.service.operatorGet('contosoelementary');
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
    let card = lastCard(page);
    // The lists first (the Playground mixes up a card's lists once the card is updated in place).
    await choose(page, card, 0, 'Enseignement supérieur');
    await choose(page, card, 1, 'France');
    // Empty fields: the server says every problem at once, in French (the client checks nothing).
    await card.getByRole('button', { name: 'Suivant' }).click();
    await waitForText(page, "Nom légal de l'organisation est obligatoire.");
    const empty = await lastCard(page).innerText();
    assert.match(empty, /E-mail est obligatoire\./);
    assert.match(empty, /Domaine principal est obligatoire\./);
    // A legal name that looks like a test and a free mail address: both refused at once, in French.
    await fill(card, "Nom légal de l'organisation", 'Test');
    await fill(card, 'E-mail', 'direction@gmail.com');
    await fill(card, 'Domaine principal', 'saintexupery');
    await card.getByRole('button', { name: 'Suivant' }).click();
    await waitForText(page, /ressemble à une saisie de test/);
    assert.match(await lastCard(page).innerText(), /messagerie gratuite \(gmail\.com\)/);
    await page.screenshot({ path: screenshotPath('6-french-error') });
    card = lastCard(page);
    await fill(card, "Nom légal de l'organisation", 'École Saint-Exupéry');
    await fill(card, 'E-mail', 'direction@saintexupery.fr');
    await card.getByRole('button', { name: 'Suivant' }).click();
    await waitForText(page, 'Étape 2 sur 3 : Adresse');
    card = await fillStep(page, [
      ['Adresse, ligne 1', '12 rue des Écoles'],
      ['Ville', 'Lyon'],
      ['Code postal', '69001'],
    ]);
    await card.getByRole('button', { name: 'Suivant' }).click();
    await waitForText(page, 'Étape 3 sur 3 : Contact et contrat');
    card = await fillStep(page, [
      ['Prénom du contact', 'Claire'],
      ['Nom du contact', 'Martin'],
      ['Nom du signataire du contrat', 'Claire Martin'],
      ['E-mail du signataire du contrat', 'direction@saintexupery.fr'],
      ["Date d'acceptation du contrat", '2026-11-02'],
    ]);
    await card.getByRole('button', { name: 'Suivant' }).click();
    await waitForText(page, 'Vérifier et soumettre');
    await lastCard(page).getByRole('button', { name: 'Soumettre pour vérification' }).click();
    await waitForText(page, 'Soumis – En cours de vérification');
    await page.screenshot({ path: screenshotPath('7-french-submitted') });
    assert.equal((await app.service.operatorGet('saintexupery'))?.billingProfile.culture, 'fr-FR');
  });
});
