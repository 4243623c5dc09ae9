import assert from 'node:assert/strict';
import type { PartnerUsersFile } from '../../src/bot/identity.js';
import { isLoopback } from '../../src/server/loopback.js';
import { nonLoopbackAddress } from '../support/net.js';
import { rawRequest } from '../support/rawHttp.js';
import type {
  CustomerDetail,
  CustomerListPage,
  StatusEventData,
  TabError,
  TabSession,
} from '../../src/tab/contract.js';
import { startTestApp, type TestApp } from '../support/appHarness.js';
import { SEEDED, seedDashboard } from '../support/dashboardSeed.js';
import { customerForm, partnerUser } from '../support/fixtures.js';
import { TestIdentityProvider } from '../support/identityProvider.js';
import { DEFAULT_TAB_CLIENT_APP_IDS } from '../../src/config.js';

const TENANT = '6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b';
const STRANGER_TENANT = '0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
const CLIENT_ID = '3c9e5b1a-2f4d-4e6a-8b7c-9d0e1f2a3b4c';
const APP_ID_URI = `api://bot.example.com/${CLIENT_ID}`;
const ADMIN_OID = '11111111-1111-4111-8111-111111111111';
const SALES_OID = '22222222-2222-4222-8222-222222222222';
const UNMAPPED_OID = '33333333-3333-4333-8333-333333333333';
const BOT_APP_ID = '44444444-4444-4444-8444-444444444444';

const partnerUsers: PartnerUsersFile = {
  partners: [
    {
      tenantId: TENANT,
      partnerType: 'IndirectProvider',
      users: [
        { aadObjectId: ADMIN_OID, role: 'GlobalAdmin', name: 'Ada Admin' },
        { aadObjectId: SALES_OID, role: 'SalesAgent', name: 'Sam Sales' },
      ],
    },
  ],
};
const seedAsAdmin = (dir: string) =>
  seedDashboard(dir, {
    id: ADMIN_OID,
    name: 'Ada Admin',
    tenantId: TENANT,
    role: 'GlobalAdmin',
    partnerType: 'IndirectProvider',
  });

describe('tab API with single sign-on', () => {
  let idp: TestIdentityProvider;
  let app: TestApp;
  before(async () => {
    idp = await TestIdentityProvider.start();
    app = await startTestApp({
      partnerUsers,
      seed: seedAsAdmin,
      tabSso: {
        clientId: CLIENT_ID,
        appIdUri: APP_ID_URI,
        authorityHost: idp.authorityHost,
        allowedClientAppIds: [...DEFAULT_TAB_CLIENT_APP_IDS],
      },
      bot: { appId: BOT_APP_ID, appPassword: 'not-used-by-these-tests', appType: 'MultiTenant' },
    });
  });
  after(async () => {
    await app.dispose();
    await idp.stop();
  });

  const call = (path: string, token?: string) =>
    fetch(`${app.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const adminToken = (extra: Record<string, unknown> = {}, options = {}) =>
    idp.token({ tid: TENANT, oid: ADMIN_OID, aud: CLIENT_ID, ...extra }, options);
  const listAs = async (token: string, query = '') => {
    const res = await call(`/api/tab/customers${query}`, token);
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as CustomerListPage;
  };

  it('gives data to a valid token, and to nothing else', async () => {
    const valid = await adminToken();
    const [header, payload, signature] = valid.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const tampered = [
      header,
      Buffer.from(JSON.stringify({ ...claims, oid: SALES_OID })).toString('base64url'),
      signature,
    ].join('.');
    const cases: [string, string | undefined, number][] = [
      ['valid', valid, 200],
      ['expired', await adminToken({}, { expiresInSeconds: -120 }), 401],
      ['wrong audience', await adminToken({ aud: 'api://elsewhere.example.com/another-app' }), 401],
      [
        'wrong issuer',
        await adminToken({}, { issuer: `https://login.example.net/${TENANT}/v2.0` }),
        401,
      ],
      ['tampered', tampered, 401],
      ['signed by a key the tenant never published', await adminToken({}, { forged: true }), 401],
      ['without the tab scope', await adminToken({ scp: 'User.Read' }), 401],
      ['missing', undefined, 401],
    ];
    for (const [name, token, status] of cases) {
      const res = await call('/api/tab/customers', token);
      assert.equal(res.status, status, name);
      const body = (await res.json()) as Partial<CustomerListPage> & Partial<TabError>;
      if (status === 200) assert.equal(body.items?.length, 6, name);
      else {
        assert.equal(body.items, undefined, name);
        assert.match(body.error?.message ?? '', /sign|Teams/i, name);
      }
    }
  });

  it('accepts a token whose audience is the Application ID URI (v1 tokens carry it)', async () => {
    const token = await idp.token({ tid: TENANT, oid: ADMIN_OID, aud: APP_ID_URI });
    assert.equal((await listAs(token)).total, 6);
    // Only development mode lets the page choose a tenant: with a token, the token's tenant rules.
    assert.equal((await listAs(token, `?tenant=${TENANT}-other`)).total, 6);
  });

  it("shows dates in the reader's locale and time zone", async () => {
    const token = await adminToken();
    const labels = async (query: string) =>
      (await listAs(token, query)).items.map((item) => item.lastChangeLabel);
    const us = await labels('?locale=en-US&sort=name');
    const british = await labels('?locale=en-GB&sort=name');
    assert.ok(
      us.every((label) => /^[A-Z][a-z]{2} \d{1,2}, 2026$/.test(label)),
      us.join(', '),
    );
    assert.ok(
      british.every((label) => /^\d{1,2} [A-Z][a-z]{2} 2026$/.test(label)),
      british.join(', '),
    );
    assert.deepEqual(
      await labels('?locale=en-GB&sort=name&timeZone=Not%2FAZone'),
      british,
      'an unknown time zone reads as UTC',
    );
  });

  it('takes tokens issued to Teams only: another client application of the tenant gets nothing (finding 14)', async () => {
    const res = async (claims: Record<string, unknown>) =>
      (await call('/api/tab/customers', await adminToken(claims))).status;
    assert.equal(
      await res({ azp: '0f0e0d0c-0b0a-4909-8807-060504030201' }),
      401,
      'a v2 token asked for by another app',
    );
    assert.equal(
      await res({ azp: undefined, appid: '0f0e0d0c-0b0a-4909-8807-060504030201' }),
      401,
      'a v1 token asked for by another app',
    );
    assert.equal(await res({ azp: undefined }), 401, 'a token that names no client');
    assert.equal(
      await res({ azp: undefined, appid: '1fec8e78-bce4-4aaf-ab1b-5451cc387264' }),
      200,
      'Teams desktop, v1',
    );
    assert.equal(
      await res({ azp: '5E3CE6C0-2B1F-4285-8D4B-75EE78787346' }),
      200,
      'Teams web, v2, any case',
    );
  });

  it('holds at most TAB_STREAMS_PER_USER live streams per user (finding 8)', async () => {
    const token = await adminToken();
    const open = await Promise.all(Array.from({ length: 5 }, () => call('/api/tab/events', token)));
    try {
      assert.deepEqual(
        open.map((r) => r.status),
        [200, 200, 200, 200, 200],
      );
      const sixth = await call('/api/tab/events?locale=sv-SE', token);
      assert.equal(sixth.status, 429);
      assert.match(((await sixth.json()) as TabError).error.message, /För många instrumentpaneler/);
      const other = await call(
        '/api/tab/events',
        await idp.token({ tid: TENANT, oid: SALES_OID, aud: CLIENT_ID }),
      );
      assert.equal(other.status, 200, 'another user has their own');
      await other.body?.cancel();
    } finally {
      for (const r of open) await r.body?.cancel();
    }
  });

  it('refuses a tenant that is not a partner, without fetching its keys', async () => {
    const res = await call(
      '/api/tab/me',
      await idp.token({ tid: STRANGER_TENANT, oid: ADMIN_OID, aud: CLIENT_ID }),
    );
    assert.equal(res.status, 403);
    assert.equal(idp.keyFetches.get(STRANGER_TENANT), undefined);
  });

  it('gives nothing to a user of a partner tenant who has no role, in their language', async () => {
    const res = await call(
      '/api/tab/customers?locale=nl-NL',
      await idp.token({ tid: TENANT, oid: UNMAPPED_OID, aud: CLIENT_ID }),
    );
    assert.equal(res.status, 403);
    assert.match(((await res.json()) as TabError).error.message, /Partner Center-rol/);
  });

  it('tells who is signed in, with the role from the users file', async () => {
    const res = await call(
      '/api/tab/me?locale=sv-SE',
      await idp.token({ tid: TENANT, oid: SALES_OID, aud: CLIENT_ID, name: 'Sam Sales' }),
    );
    assert.deepEqual(await res.json(), {
      mode: 'teams',
      userName: 'Sam Sales',
      roleLabel: 'Säljagent',
      mayResubmit: false,
      mayImport: true,
    } satisfies TabSession);
  });

  it("shows only the partner's own customers", async () => {
    const page = await listAs(await adminToken(), '?pageSize=100');
    assert.equal(page.total, 6);
    assert.ok(!page.items.some((row) => row.companyName === SEEDED.otherPartnerCustomer));
    const other = await app.service.customers.operatorList({ limit: 100 });
    const foreign = other.items.find(
      (c) => c.companyProfile.companyName === SEEDED.otherPartnerCustomer,
    );
    assert.ok(foreign);
    assert.equal((await call(`/api/tab/customers/${foreign.id}`, await adminToken())).status, 404);
  });

  it('sorts by last change, searches by name or domain, filters by status', async () => {
    const token = await adminToken();
    const byChange = await listAs(token);
    const changes = byChange.items.map((row) => row.lastChange);
    assert.deepEqual(changes, [...changes].sort().reverse());
    assert.deepEqual(
      (await listAs(token, '?sort=name')).items.map((r) => r.companyName).slice(0, 2),
      ['Adventure Works College', 'Fabrikam University'],
    );
    assert.deepEqual(
      (await listAs(token, '?q=FABRIKAM')).items.map((r) => r.companyName),
      ['Fabrikam University'],
    );
    assert.deepEqual(
      (await listAs(token, '?q=tailspinacademy.onmicrosoft')).items.map((r) => r.companyName),
      ['Tailspin Academy'],
    );
    const denied = await listAs(token, '?status=Denied&sort=name');
    assert.deepEqual(
      denied.items.map((r) => [r.companyName, r.statusLabel, r.requestsUsed]),
      [
        ['Adventure Works College', 'Not an education customer', 2],
        ['Fabrikam University', 'Not an education customer', 1],
      ],
    );
  });

  it("pages with the server's cursors", async () => {
    const token = await adminToken();
    const first = await listAs(token, '?pageSize=5&sort=name');
    assert.equal(first.items.length, 5);
    assert.ok(first.nextCursor);
    const second = await listAs(token, `?pageSize=5&sort=name&cursor=${first.nextCursor}`);
    assert.deepEqual(
      second.items.map((r) => r.companyName),
      ['Woodgrove Primary School'],
    );
    assert.equal(second.nextCursor, undefined);
  });

  it("names the query parameter at fault, in the reader's language", async () => {
    const token = await adminToken();
    for (const [query, field, message] of [
      ['?status=Bogus&locale=fr-FR', 'status', /^Statut : choisissez/],
      ['?pageSize=1000', 'pageSize', /Page size: a whole number from 5 to 100/],
      [`?q=${'x'.repeat(101)}&locale=sv-SE`, 'q', /Sök: högst 100 tecken/],
    ] as const) {
      const res = await call(`/api/tab/customers${query}`, token);
      assert.equal(res.status, 400, query);
      const { error } = (await res.json()) as TabError;
      assert.equal(error.field, field);
      assert.match(error.message, message);
    }
  });

  it("shows a denied customer's record, timeline and offers, and the way to resubmit", async () => {
    const token = await adminToken();
    const [row] = (await listAs(token, `?q=${encodeURIComponent(SEEDED.deniedTwice)}`)).items;
    assert.ok(row);
    const res = await call(`/api/tab/customers/${row.id}`, token);
    const text = await res.text();
    const detail = JSON.parse(text) as CustomerDetail;
    assert.equal(detail.reason, SEEDED.denialReason);
    assert.deepEqual(
      detail.timeline.map((e) => [e.status, e.text]),
      [
        ['InReview', 'none → in review'],
        ['Denied', 'in review → denied'],
        [undefined, 'Information corrected: Website'],
        ['InReview', 'denied → in review'],
        ['Denied', 'in review → denied'],
      ],
    );
    assert.ok(
      detail.selling.offers.every(
        (offer) =>
          !offer.allowed && /blocked while verification is denied/.test(offer.reason ?? ''),
      ),
    );
    assert.equal(detail.resubmit.available, true);
    assert.equal(detail.resubmit.note, 'This will be verification request 3 of 3.');
    assert.equal(
      detail.resubmit.chatUrl,
      `https://teams.microsoft.com/l/chat/0/0?users=28:${BOT_APP_ID}&message=${encodeURIComponent('resubmit adventureworkscollege.onmicrosoft.com')}`,
    );
    // Nothing internal leaves the server: no tenant ids, no queued events.
    assert.ok(
      !text.includes(TENANT) &&
        !text.includes('pendingEvents') &&
        !text.includes('partnerTenantId'),
    );
  });

  it('lets a sales agent see a denied customer but not resubmit it', async () => {
    const token = await idp.token({ tid: TENANT, oid: SALES_OID, aud: CLIENT_ID });
    const [row] = (await listAs(token, '?q=fabrikam')).items;
    assert.ok(row);
    const detail = (await (
      await call(`/api/tab/customers/${row.id}`, token)
    ).json()) as CustomerDetail;
    assert.equal(detail.resubmit.available, false);
    assert.equal(detail.resubmit.chatUrl, undefined);
    assert.equal(detail.resubmit.note, 'Only a Global admin can correct and resubmit.');
  });

  it("streams the partner's status changes, and ends the stream when the sign-in expires", async () => {
    const token = await adminToken({}, { expiresInSeconds: 3 });
    const res = await call('/api/tab/events?locale=fr-FR', token);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) return false;
        received += value;
      }
      return true;
    };
    await until(/retry: \d+/);
    const all = await app.service.customers.operatorList({ limit: 100 });
    const tailspin = all.items.find((c) => c.companyProfile.companyName === 'Tailspin Academy');
    const foreign = all.items.find(
      (c) => c.companyProfile.companyName === SEEDED.otherPartnerCustomer,
    );
    assert.ok(tailspin && foreign);
    const operator = { kind: 'operator' as const, id: 'op', name: 'op' };
    assert.ok((await app.service.vetting.decide(operator, foreign.id, { status: 'Approved' })).ok);
    assert.ok((await app.service.vetting.decide(operator, tailspin.id, { status: 'Approved' })).ok);
    assert.ok(await until(/event: status\ndata: .*\n\n/));
    const events = [...received.matchAll(/event: status\ndata: (.*)\n\n/g)].map(
      (m) => JSON.parse(m[1] ?? '') as StatusEventData,
    );
    assert.deepEqual(events, [
      {
        customerId: tailspin.id,
        companyName: 'Tailspin Academy',
        status: 'Approved',
        announcement: 'Tailspin Academy est maintenant : Éducation.',
      },
    ]);
    // The token lives three seconds: then the server ends the stream, and the page reconnects.
    assert.equal(await until(/never/), false);
  });
});

describe('tab API in development mode', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ listenHost: '0.0.0.0' });
  });
  after(async () => app.dispose());

  it('answers this machine as the development identity', async () => {
    const res = await fetch(`${app.url}/api/tab/me`);
    assert.deepEqual(await res.json(), {
      mode: 'development',
      userName: 'Developer',
      roleLabel: 'Global admin',
      mayResubmit: true,
      mayImport: true,
    } satisfies TabSession);
  });

  it('refuses a request through a proxy or tunnel, or addressed to another host name (finding 7)', async () => {
    const port = new URL(app.url).port;
    const cases: [Record<string, string>, number][] = [
      [{ host: `localhost:${port}` }, 200],
      [{ host: `127.0.0.1:${port}` }, 200],
      [{ host: `[::1]:${port}` }, 200],
      [{ host: `attacker.example:${port}` }, 403],
      [{ host: `127.0.0.1.nip.io:${port}` }, 403],
      [{ host: `localhost:${port}`, 'x-forwarded-for': '203.0.113.9' }, 403],
      [{ host: `localhost:${port}`, 'x-forwarded-host': 'tunnel.example' }, 403],
      [{ host: `localhost:${port}`, forwarded: 'for=203.0.113.9;proto=https' }, 403],
    ];
    for (const [headers, status] of cases) {
      const res = await rawRequest(`http://127.0.0.1:${port}/api/tab/customers`, {
        method: 'GET',
        headers,
      });
      assert.equal(res.status, status, JSON.stringify(headers));
    }
  });

  it("refuses requests that come from another machine's address", async function () {
    const address = nonLoopbackAddress();
    if (!address) this.skip(); // a machine with loopback only cannot be reached any other way
    const port = new URL(app.url).port;
    const res = await fetch(`http://${address}:${port}/api/tab/customers?locale=fr-FR`);
    assert.equal(res.status, 403);
    assert.match(
      ((await res.json()) as TabError).error.message,
      /ne répond que sur l'ordinateur qui exécute le bot/,
    );
    assert.equal((await fetch(`http://127.0.0.1:${port}/api/tab/customers`)).status, 200);
  });

  it("shows the local tenant's customers, or those of the tenant ?tenant= names (the Playground has its own)", async () => {
    const playgroundTenant = '00000000-0000-0000-0000-0000000000001';
    const created = await app.service.customers.createCustomer(
      partnerUser('GlobalAdmin', 'IndirectProvider', playgroundTenant),
      customerForm(),
    );
    assert.ok(created.ok);
    const names = async (query: string) =>
      (
        (await (await fetch(`${app.url}/api/tab/customers${query}`)).json()) as CustomerListPage
      ).items.map((row) => row.companyName);
    assert.deepEqual(await names(''), []);
    assert.deepEqual(await names(`?tenant=${playgroundTenant}`), ['Contoso Elementary School']);
  });

  it('knows loopback addresses from others', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      assert.equal(isLoopback(address), true, address);
    for (const address of ['10.0.0.4', '::ffff:10.0.0.4', '192.168.1.1', 'fe80::1', '', undefined])
      assert.equal(isLoopback(address), false, String(address));
  });
});

describe('tab API without single sign-on or a development identity', () => {
  it('is not served at all', async () => {
    const app = await startTestApp({
      bot: { appId: BOT_APP_ID, appPassword: 'secret', appType: 'MultiTenant' },
      devIdentity: undefined,
    });
    try {
      assert.equal((await fetch(`${app.url}/tab`)).status, 404);
      assert.equal((await fetch(`${app.url}/api/tab/me`)).status, 404);
    } finally {
      await app.dispose();
    }
  });
});
