import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { LOCAL_TENANT } from '../../src/bot/identity.js';
import type { PartnerUser } from '../../src/domain/roles.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../support/appHarness.js';
import { launchBrowser, loopbackContext, screenshotPath } from '../support/browser.js';
import { SEEDED, seedDashboard } from '../support/dashboardSeed.js';

/** The personal tab in headless Chromium, in development mode (outside Teams), on seeded data. */

const developer: PartnerUser = {
  id: 'development-user',
  name: 'Developer',
  tenantId: LOCAL_TENANT,
  role: 'GlobalAdmin',
  partnerType: 'IndirectProvider',
};
/** Enough approved customers beside the six of every status for a second page of 25. */
const EXTRA = 24;
const TOTAL = 6 + EXTRA;

async function openTab(browser: Browser, app: TestApp, query = ''): Promise<Page> {
  const context = await loopbackContext(browser, { width: 1280, height: 1000 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${app.url}/tab${query}`);
  await page.locator('#customer-rows tr[data-id]').first().waitFor();
  assert.deepEqual(errors, []);
  return page;
}

/** Waits until the list says exactly this (it changes once the new page is in). */
const summary = (page: Page, text: string) =>
  page.locator('#list-summary', { hasText: new RegExp(`^${text}$`) }).waitFor();
const focusedId = (page: Page) =>
  page.locator('body').evaluate((body) => body.ownerDocument.activeElement?.id);
const rowNames = (page: Page) =>
  page.locator('#customer-rows tr[data-id] td:first-child').allInnerTexts();
const chartCounts = (page: Page, chart: string) =>
  page
    .locator(`#${chart} g[data-key]`)
    .evaluateAll((groups) =>
      groups.map((g) => [g.getAttribute('data-key'), Number(g.getAttribute('data-count'))]),
    );

/** A browser and an app on freshly seeded data for one suite. */
function seededDashboard(extraCustomers: number): { app: TestApp; browser: Browser } {
  const running = {} as { app: TestApp; browser: Browser };
  before(async () => {
    running.browser = await launchBrowser();
    running.app = await startTestApp({
      seed: (dir) => seedDashboard(dir, developer, { extraCustomers }),
    });
  });
  after(async () => {
    await running.browser?.close();
    await running.app?.dispose();
  });
  return running;
}

describe('dashboard tab in Chromium', function () {
  this.timeout(60_000);
  const running = seededDashboard(EXTRA);

  it("lists the partner's customers with their status, requests and last change, saying it runs in development mode", async () => {
    const page = await openTab(running.browser, running.app);
    await page.screenshot({ path: screenshotPath('tab-list'), fullPage: true });
    assert.match(
      await page.getByRole('note').innerText(),
      /Development mode: this page is not running inside Teams/,
    );
    assert.equal(await page.locator('#who').innerText(), 'Signed in as Developer · Global admin');
    assert.equal(await page.locator('#list-summary').innerText(), `Showing 1–25 of ${TOTAL}`);
    const names = await rowNames(page);
    assert.equal(names.length, 25);
    assert.ok(!names.includes(SEEDED.otherPartnerCustomer));
    const headers = await page.getByRole('columnheader').allInnerTexts();
    assert.deepEqual(headers, [
      'Company',
      'Domain',
      'Segment',
      'Status',
      'Requests',
      'Last change',
    ]);
  });

  it('searches by name or domain and filters by status', async () => {
    const page = await openTab(running.browser, running.app);
    await page.getByRole('searchbox', { name: 'Search by name or domain' }).fill('FABRIKAMUNIV');
    await summary(page, 'Showing 1–1 of 1');
    assert.deepEqual(await rowNames(page), ['Fabrikam University']);

    await page.getByRole('searchbox', { name: 'Search by name or domain' }).fill('');
    await page
      .getByRole('combobox', { name: 'Status' })
      .selectOption({ label: 'Not an education customer' });
    await page
      .getByRole('combobox', { name: 'Sort by' })
      .selectOption({ label: 'Company name, A to Z' });
    await summary(page, 'Showing 1–2 of 2');
    const rows = await page
      .locator('#customer-rows tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
      );
    assert.deepEqual(
      rows.map(([company, , , status, requests]) => [company, status, requests]),
      [
        ['Adventure Works College', 'Not an education customer', '2 of 3'],
        ['Fabrikam University', 'Not an education customer', '1 of 3'],
      ],
    );
  });

  it("pages forward and back through the server's pages", async () => {
    const page = await openTab(running.browser, running.app);
    const firstPage = await rowNames(page);
    await page.getByRole('button', { name: 'Next page' }).click();
    await summary(page, `Showing 26–${TOTAL} of ${TOTAL}`);
    assert.equal(await page.locator('#page-position').innerText(), 'Page 2 of 2');
    assert.ok(await page.getByRole('button', { name: 'Next page' }).isDisabled());
    const secondPage = await rowNames(page);
    assert.equal(secondPage.length, TOTAL - 25);
    assert.ok(secondPage.every((name) => !firstPage.includes(name)));
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.locator('#page-position', { hasText: /^Page 1 of 2$/ }).waitFor();
    assert.deepEqual(await rowNames(page), firstPage);
  });

  it('opens a customer from the keyboard: record, timeline, offers and how to resubmit; Escape goes back', async () => {
    const page = await openTab(running.browser, running.app);
    await page.getByRole('searchbox', { name: 'Search by name or domain' }).fill('adventure');
    const open = page.getByRole('button', { name: SEEDED.deniedTwice });
    await open.waitFor();
    await open.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: SEEDED.deniedTwice });
    await panel.waitFor();
    assert.equal(await focusedId(page), 'detail-title');
    assert.equal(await open.getAttribute('aria-expanded'), 'true');
    await page.screenshot({ path: screenshotPath('tab-detail'), fullPage: true });

    assert.equal(await panel.locator('.reason-box').innerText(), SEEDED.denialReason);
    const timeline = await panel
      .locator('#timeline li')
      .evaluateAll((items) =>
        items.map((li) => [
          li.getAttribute('data-status'),
          li.querySelector('span')?.textContent?.trim(),
        ]),
      );
    assert.deepEqual(timeline, [
      ['InReview', 'none → in review'],
      ['Denied', 'in review → denied'],
      [null, 'Information corrected: Website'],
      ['InReview', 'denied → in review'],
      ['Denied', 'in review → denied'],
    ]);
    const offers = await panel.locator('#offers li').allInnerTexts();
    assert.ok(
      offers.length > 5 &&
        offers.every((offer) => offer.includes('blocked while verification is denied')),
    );
    assert.equal(
      await panel.locator('#chat-command code').innerText(),
      'resubmit adventureworkscollege.onmicrosoft.com',
    );
    assert.match(await panel.innerText(), /This will be verification request 3 of 3\./);

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    assert.ok(
      await open.evaluate((button) => button === button.ownerDocument.activeElement),
      'focus is back on the row',
    );
  });

  it("gives a customer's detail a shareable link that opens it again", async () => {
    const page = await openTab(running.browser, running.app);
    await page.getByRole('searchbox', { name: 'Search by name or domain' }).fill('adventure');
    await page.getByRole('button', { name: SEEDED.deniedTwice }).click();
    const share = page.getByRole('link', { name: /^Link to this customer/ });
    const href = (await share.getAttribute('href'))!;
    assert.match(href, new RegExp(`^${running.app.url}/customers/[A-Za-z0-9-]+$`));
    // Opened elsewhere (a new page, as a pasted link would be): the tab, on that customer.
    const other = await page.context().newPage();
    await other.goto(href);
    await other.getByRole('region', { name: SEEDED.deniedTwice }).waitFor();
    assert.match(other.url(), /\/tab#customer\//);
  });

  it('draws how many customers are in each status and how long reviews took', async () => {
    const page = await openTab(running.browser, running.app);
    assert.deepEqual(await chartCounts(page, 'status-chart'), [
      ['None', SEEDED.byStatus.None],
      ['InReview', SEEDED.byStatus.InReview],
      ['Approved', SEEDED.byStatus.Approved + EXTRA],
      ['Denied', SEEDED.byStatus.Denied],
    ]);
    // The extra customers were approved the moment they were added: under one day each.
    const expectedDays = SEEDED.reviewDays.map((count, bucket) =>
      bucket === 0 ? count + EXTRA : count,
    );
    assert.deepEqual(
      (await chartCounts(page, 'review-chart')).map(([, count]) => count),
      expectedDays,
    );
    const chart = page.getByRole('img', { name: 'Customers by status' });
    assert.equal(await chart.getAttribute('aria-describedby'), 'status-chart-description');
    assert.equal(
      await page.locator('#status-chart-description').textContent(),
      `None: 1; In review: 1; Education: ${2 + EXTRA}; Not an education customer: 2`,
    );
  });

  it('speaks French from the locale, with the same data', async () => {
    const page = await openTab(running.browser, running.app, '?locale=fr-FR');
    await page.screenshot({ path: screenshotPath('tab-french'), fullPage: true });
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Clients Éducation');
    assert.deepEqual(await page.getByRole('columnheader').allInnerTexts(), [
      'Entreprise',
      'Domaine',
      'Segment',
      'Statut',
      'Demandes',
      'Dernière modification',
    ]);
    await page
      .getByRole('combobox', { name: 'Statut' })
      .selectOption({ label: 'Pas un client Éducation' });
    await summary(page, '1–2 sur 2');
    assert.deepEqual(await page.locator('#customer-rows .badge').allInnerTexts(), [
      'Pas un client Éducation',
      'Pas un client Éducation',
    ]);
    assert.match(await page.locator('#overview-notes').innerText(), /examens terminés ; médiane/);
  });

  it('follows the dark and high-contrast themes', async () => {
    for (const [theme, background] of [
      ['dark', 'rgb(31, 31, 31)'],
      ['contrast', 'rgb(0, 0, 0)'],
    ] as const) {
      const page = await openTab(running.browser, running.app, `?theme=${theme}`);
      await page.screenshot({ path: screenshotPath(`tab-${theme}`), fullPage: false });
      const body = page.locator('body');
      assert.equal(await body.getAttribute('data-theme'), theme);
      assert.equal(
        await body.evaluate(
          (element) => element.ownerDocument.defaultView?.getComputedStyle(element).backgroundColor,
        ),
        background,
      );
    }
  });
});

describe('dashboard tab live updates in Chromium', function () {
  this.timeout(60_000);
  const running = seededDashboard(0);

  it("shows an operator's decision without a reload, and tells the screen reader", async () => {
    const page = await openTab(running.browser, running.app);
    await page.locator('#live').filter({ hasText: 'Updates automatically' }).waitFor();
    const tailspin = (await running.app.service.customers.operatorList({ limit: 100 })).items.find(
      (c) => c.companyProfile.companyName === 'Tailspin Academy',
    );
    assert.ok(tailspin);
    const decision = await fetch(
      `${running.app.adminUrl}/api/admin/customers/${tailspin.id}/decision`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'Approved' }),
      },
    );
    assert.equal(decision.status, 200);

    const row = page.locator(`#customer-rows tr[data-id="${tailspin.id}"]`);
    await row.locator('.badge', { hasText: 'Education' }).waitFor({ timeout: 10_000 });
    await page
      .locator('#announcer')
      .filter({ hasText: 'Tailspin Academy is now: Education.' })
      .waitFor();
    // Newest change first: the decided customer is now at the top.
    assert.equal((await rowNames(page))[0], 'Tailspin Academy');
    await page.locator('#status-chart g[data-key="InReview"][data-count="0"]').waitFor();
    await page.screenshot({ path: screenshotPath('tab-live-update'), fullPage: true });
  });
});
