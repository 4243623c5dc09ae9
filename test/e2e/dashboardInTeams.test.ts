import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { PartnerUsersFile } from '../../src/bot/identity.js';
import { startTestApp, type TestApp } from '../support/appHarness.js';
import { launchBrowser, screenshotPath } from '../support/browser.js';
import { SEEDED, seedDashboard } from '../support/dashboardSeed.js';
import { TestIdentityProvider } from '../support/identityProvider.js';
import { DEFAULT_TAB_CLIENT_APP_IDS } from '../../src/config.js';
import type { ImportView } from '../../src/tab/contract.js';
import { customerForm } from '../support/fixtures.js';
import { formsCsv } from '../support/importFiles.js';

/**
 * The tab as Teams runs it: framed by a page on https://teams.microsoft.com (served here by the
 * browser's request interception, so nothing leaves the machine) that answers teams-js the way
 * the Teams web client does: initialisation, the context (locale, theme), the SSO token, deep links.
 */

const TENANT = '6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b';
const CLIENT_ID = '3c9e5b1a-2f4d-4e6a-8b7c-9d0e1f2a3b4c';
const ADMIN_OID = '11111111-1111-4111-8111-111111111111';
const BOT_APP_ID = '44444444-4444-4444-8444-444444444444';
const HOST_URL = 'https://teams.microsoft.com/_fake-host';

const partnerUsers: PartnerUsersFile = {
  partners: [
    {
      tenantId: TENANT,
      partnerType: 'IndirectProvider',
      users: [{ aadObjectId: ADMIN_OID, role: 'GlobalAdmin', name: 'Ada Admin' }],
    },
  ],
};

/** The host side of teams-js' postMessage protocol, reduced to what the tab calls. */
function hostPage(tabUrl: string, token: string, more: Record<string, unknown> = {}): string {
  const runtime = JSON.stringify({
    apiVersion: 4,
    isLegacyTeams: false,
    supports: {
      app: {},
      appInitialization: {},
      authentication: {},
      pages: { tabs: {} },
      teamsCore: {},
    },
  });
  const context = {
    locale: 'fr-fr',
    theme: 'dark',
    entityId: 'dashboard',
    tid: TENANT,
    userObjectId: ADMIN_OID,
    hostClientType: 'web',
    frameContext: 'content',
    appSessionId: 'session-1',
    ...more,
  };
  return `<!doctype html><html><body style="margin:0"><iframe id="tab" src="${tabUrl}" style="width:1280px;height:1000px;border:0"></iframe>
<script>
  window.hostCalls = [];
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message.func !== 'string') return;
    window.hostCalls.push({ func: message.func, args: message.args });
    const reply = (args) => event.source.postMessage({ id: message.id, uuid: message.uuid, args }, event.origin);
    if (message.func === 'initialize') reply(['content', 'web', ${JSON.stringify(runtime)}, '2.0.0']);
    else if (message.func === 'getContext') reply([${JSON.stringify(context)}]);
    else if (message.func === 'authentication.getAuthToken') reply([true, ${JSON.stringify(token)}]);
    else if (message.func === 'executeDeepLink') reply([true]);
  });
</script></body></html>`;
}

describe('dashboard tab inside a Teams host, with single sign-on', function () {
  this.timeout(60_000);
  let idp: TestIdentityProvider;
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    idp = await TestIdentityProvider.start();
    browser = await launchBrowser([
      '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests',
    ]);
    app = await startTestApp({
      partnerUsers,
      seed: (dir) =>
        seedDashboard(dir, {
          id: ADMIN_OID,
          name: 'Ada Admin',
          tenantId: TENANT,
          role: 'GlobalAdmin',
          partnerType: 'IndirectProvider',
        }),
      tabSso: {
        clientId: CLIENT_ID,
        appIdUri: `api://localhost/${CLIENT_ID}`,
        authorityHost: idp.authorityHost,
        allowedClientAppIds: [...DEFAULT_TAB_CLIENT_APP_IDS],
      },
      bot: { appId: BOT_APP_ID, appPassword: 'not-used-by-this-test', appType: 'MultiTenant' },
    });
  });
  after(async () => {
    await browser?.close();
    await app?.dispose();
    await idp?.stop();
  });

  /** What Teams gives the tab for Ada, the partner's Global admin. */
  const adminToken = () =>
    idp.token({ tid: TENANT, oid: ADMIN_OID, aud: CLIENT_ID, name: 'Ada Admin' });

  /**
   * The fake Teams web client framing the tab (its context plus `more`), in a browser that
   * reaches this machine only; every API call of the tab is recorded with its Authorization.
   */
  async function openInTeams(token: string, more: Record<string, unknown> = {}) {
    const context = await browser.newContext({ viewport: { width: 1300, height: 1050 } });
    const apiCalls: { path: string; authorization: string | undefined }[] = [];
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.href === HOST_URL)
        return route.fulfill({
          contentType: 'text/html',
          body: hostPage(`${app.url}/tab`, token, more),
        });
      if (url.hostname !== '127.0.0.1') return route.abort();
      if (url.pathname.startsWith('/api/tab/'))
        apiCalls.push({
          path: url.pathname,
          authorization: route.request().headers().authorization,
        });
      return route.continue();
    });
    const page = await context.newPage();
    await page.goto(HOST_URL);
    return { page, tab: page.frameLocator('#tab'), apiCalls };
  }

  it('signs in with the token Teams gives, in the Teams locale and theme, and opens the bot chat to resubmit', async () => {
    const token = await adminToken();
    const { page, tab, apiCalls } = await openInTeams(token);
    await tab.locator('#customer-rows tr[data-id]').first().waitFor();

    assert.equal(
      await tab.locator('#who').innerText(),
      'Connecté en tant que Ada Admin · Administrateur général',
    );
    assert.equal(await tab.locator('body').getAttribute('data-theme'), 'dark');
    assert.ok(await tab.locator('#banner').isHidden(), 'no development banner inside Teams');
    assert.equal(await tab.locator('#customer-rows tr[data-id]').count(), 6);
    await page.screenshot({ path: screenshotPath('tab-in-teams-host') });
    const authenticated = apiCalls.filter((call) => call.path !== '/api/tab/strings');
    assert.ok(
      authenticated.length >= 3 &&
        authenticated.every((call) => call.authorization === `Bearer ${token}`),
      JSON.stringify(apiCalls),
    );

    await tab.getByRole('button', { name: SEEDED.deniedTwice }).click();
    await tab
      .getByRole('link', { name: 'Corriger et soumettre à nouveau dans la conversation' })
      .click();
    const calls = await page.evaluate<{ func: string; args: unknown[] }[]>('window.hostCalls');
    const deepLink = calls.find((call) => call.func === 'executeDeepLink');
    assert.equal(
      deepLink?.args[0],
      `https://teams.microsoft.com/l/chat/0/0?users=28:${BOT_APP_ID}&message=${encodeURIComponent('resoumettre adventureworkscollege.onmicrosoft.com')}`,
    );
  });

  it('opens the import a chat card links to (the deep link’s sub-entity), and downloads its report with the token', async () => {
    const token = await adminToken();
    const file = formsCsv([
      customerForm({ domain: 'northwind1' }),
      customerForm({ domain: 'northwind1' }),
    ]);
    const uploaded = await fetch(`${app.url}/api/tab/imports?name=district.csv`, {
      method: 'POST',
      body: file,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    });
    assert.equal(uploaded.status, 201);
    const { jobId } = (await uploaded.json()) as ImportView;

    const { page, tab, apiCalls } = await openInTeams(token, { subEntityId: `import/${jobId}` });
    await tab.locator('#import-job-title', { hasText: 'Import de district.csv' }).waitFor();
    assert.equal(await tab.locator('#import-problems tbody tr').count(), 1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      tab.getByRole('button', { name: 'Télécharger le rapport des problèmes' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'problemes-import.csv');
    assert.deepEqual(
      apiCalls.filter((call) => call.path.endsWith('/report')).map((call) => call.authorization),
      [`Bearer ${token}`],
    );
    await page.context().close();
  });
});
