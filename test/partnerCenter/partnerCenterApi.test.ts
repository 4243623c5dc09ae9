import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { NewCustomerProfiles } from '../../src/partnerCenter/partnerCenterApi.js';
import type { ClientSettings } from '../../src/partnerCenter/partnerCenterClient.js';
import { PartnerCenterError } from '../../src/partnerCenter/partnerCenterError.js';
import type { RefreshTokenStore } from '../../src/partnerCenter/refreshToken.js';
import {
  FakePartnerCenter,
  MCA_TEMPLATE_ID,
  memoryStore,
  partnerCenterApiFor,
  type FakeOptions,
} from '../support/fakePartnerCenter.js';
import { eventually } from '../support/temp.js';

// The adapter's calls against a loopback Partner Center that follows the documented contract.

const profiles = (
  domainPrefix: string,
  overrides: Partial<NewCustomerProfiles['billingProfile']> = {},
): NewCustomerProfiles => ({
  companyProfile: {
    domain: `${domainPrefix}.onmicrosoft.com`,
    companyName: 'Contoso Elementary School',
  },
  billingProfile: {
    email: 'office@contoso.edu',
    culture: 'en-US',
    language: 'en',
    companyName: 'Contoso Elementary School',
    defaultAddress: {
      addressLine1: '1 Microsoft Way',
      city: 'Redmond',
      state: 'WA',
      postalCode: '98052',
      country: 'US',
      firstName: 'Ann',
      lastName: 'Lee',
    },
    ...overrides,
  },
});
const SIGNER = { firstName: 'Ann', lastName: 'Lee', email: 'ann.lee@contoso.edu' };

describe('Partner Center adapter: the documented calls against a local fake', function () {
  this.timeout(30_000);
  let fake: FakePartnerCenter;
  afterEach(async () => fake?.stop());

  const connect = (
    settings: Partial<ClientSettings> = {},
    store: RefreshTokenStore = memoryStore(),
    refreshToken?: string,
  ) => partnerCenterApiFor(fake, { settings, store, ...(refreshToken ? { refreshToken } : {}) });
  const start = async (options: FakeOptions = {}) =>
    (fake = await FakePartnerCenter.start(options));

  for (const shapes of ['docs', 'swagger'] as const) {
    it(`adds an education customer: customer, agreement with the signer, Education qualification (${shapes} shapes)`, async () => {
      await start({ shapes });
      const api = connect();
      assert.equal(await api.domainTaken('contosoelementary'), false);
      const customer = await api.createCustomer(profiles('contosoelementary'), {
        requestId: randomUUID(),
      });
      assert.equal(customer.companyProfile.domain, 'contosoelementary.onmicrosoft.com');
      assert.equal(await api.domainTaken('contosoelementary'), true);
      await api.confirmAgreement(customer.id, SIGNER, '2026-11-01', { requestId: randomUUID() });
      const requested = await api.requestEducation(
        customer.id,
        { educationSegment: 'K12', website: 'contoso.edu' },
        { requestId: randomUUID() },
      );
      assert.equal(requested.vettingStatus, 'InReview');
      const stored = fake.customers.get(customer.id)!;
      assert.equal(stored.agreements.length, 1);
      assert.deepEqual(
        (stored.agreements[0] as { primaryContact: unknown }).primaryContact,
        SIGNER,
      );
      assert.equal((stored.agreements[0] as { templateId: string }).templateId, MCA_TEMPLATE_ID);
      assert.equal(
        fake.callsTo('GET', '/v1/agreements').length,
        1,
        'the template id is read, not hard-coded',
      );
      // Read back in either spelling of the date, then Microsoft's decision with its reason.
      const inReview = await api.educationQualification(customer.id);
      assert.equal(inReview?.vettingStatus, 'InReview');
      assert.match(inReview?.vettingCreateDate ?? '', /^\d{4}-\d{2}-\d{2}T/);
      fake.decide(customer.id, 'Denied', 'Not an Education Customer');
      const denied = await api.educationQualification(customer.id);
      assert.equal(denied?.vettingStatus, 'Denied');
      assert.equal(denied?.vettingReason, 'Not an Education Customer');
    });
  }

  it('keeps an unknown vetting status as sent, and reads no qualification as none', async () => {
    await start();
    const api = connect();
    const customer = await api.createCustomer(profiles('fabrikam'), { requestId: randomUUID() });
    assert.equal(await api.educationQualification(customer.id), undefined);
    await api.requestEducation(
      customer.id,
      { educationSegment: 'HigherEducation' },
      { requestId: randomUUID() },
    );
    fake.decide(customer.id, 'EscalatedToSupport' as 'Approved');
    assert.equal(
      (await api.educationQualification(customer.id))?.vettingStatus,
      'EscalatedToSupport',
    );
  });

  it('creates exactly one customer when the connection drops after Partner Center made it', async () => {
    await start();
    const api = connect();
    fake.inject('POST', '/v1/customers', { kind: 'dropAfter' });
    const requestId = randomUUID();
    const customer = await api.createCustomer(profiles('contosoelementary'), { requestId });
    assert.equal(fake.customers.size, 1);
    assert.equal([...fake.customers.keys()][0], customer.id);
    const posts = fake.callsTo('POST', '/v1/customers');
    assert.equal(posts.length, 2, 'the first attempt, dropped, and its retry');
    assert.deepEqual(
      posts.map((c) => c.requestId),
      [requestId, requestId],
      'one MS-RequestId for both',
    );
  });

  it('waits Retry-After on a 429, backs off on a 503, and then answers', async () => {
    await start();
    const api = connect();
    const customer = await api.createCustomer(profiles('contosoelementary'), {
      requestId: randomUUID(),
    });
    fake.inject('GET', `/v1/customers/${customer.id}/qualifications`, {
      kind: 'status',
      status: 429,
      retryAfter: 1,
    });
    fake.inject('GET', `/v1/customers/${customer.id}/qualifications`, {
      kind: 'status',
      status: 503,
    });
    const startedAt = Date.now();
    assert.equal(await api.educationQualification(customer.id), undefined);
    assert.ok(Date.now() - startedAt >= 1_000, 'it waited the second Partner Center asked for');
    const statuses = fake
      .callsTo('GET', `/v1/customers/${customer.id}/qualifications`)
      .map((c) => c.status);
    assert.deepEqual(statuses, [429, 503, 200]);
  });

  it('says Partner Center is unavailable when asked to wait longer than allowed, or when every attempt fails', async () => {
    await start();
    const api = connect({ maxAttempts: 2 });
    fake.inject('HEAD', '/v1/domains/', { kind: 'status', status: 429, retryAfter: 600 });
    await assert.rejects(
      api.domainTaken('contoso'),
      (e: PartnerCenterError) => e.kind === 'unavailable',
    );
    fake.inject('HEAD', '/v1/domains/', { kind: 'status', status: 503 });
    fake.inject('HEAD', '/v1/domains/', { kind: 'status', status: 503 });
    await assert.rejects(
      api.domainTaken('contoso'),
      (e: PartnerCenterError) => e.kind === 'unavailable' && e.status === 503,
    );
  });

  it('cancels an attempt at its deadline: a held answer never keeps the caller', async () => {
    await start();
    const api = connect({ deadlineMs: 300, maxAttempts: 1 });
    fake.inject('HEAD', '/v1/domains/', { kind: 'hold' });
    await assert.rejects(
      api.domainTaken('contoso'),
      (e: PartnerCenterError) => e.kind === 'unavailable',
    );
    assert.equal(fake.heldCount, 1, 'the request reached Partner Center, which had not answered');
    fake.release();
  });

  it('exchanges the refresh token, keeps each new one, and starts from the kept one after a restart', async () => {
    await start({ tokenSeconds: 2 });
    const store = memoryStore();
    const api = connect({}, store);
    await api.domainTaken('a');
    assert.equal(fake.tokenExchanges, 1);
    assert.ok(store.token && fake.refreshTokens.has(store.token), 'the rotated token is kept');
    assert.equal(
      fake.refreshTokens.has('consented-refresh-token'),
      false,
      'the configured one is spent',
    );
    // The access token expires: the next call exchanges the kept refresh token.
    await eventually(
      async () => {
        await api.domainTaken('a');
        return fake.tokenExchanges >= 2 ? true : undefined;
      },
      10_000,
      'a second exchange',
    );
    // Revoked sessions: a 401 exchanges once more and the call goes through.
    fake.revokeAccessTokens();
    assert.equal(await api.domainTaken('a'), false);
    // A restart reads the kept token; without it, the spent configured token is refused.
    assert.equal(await connect({}, store).domainTaken('a'), false);
    await assert.rejects(
      connect({}, memoryStore()).domainTaken('a'),
      (e: PartnerCenterError) => e.kind === 'unauthorized' && e.code === 'invalid_grant',
    );
  });

  it('takes the token another instance kept when its own was spent by that instance meanwhile', async () => {
    await start();
    const shared = memoryStore();
    await connect({}, shared).domainTaken('a'); // instance A exchanges: the configured token is spent
    // Instance B read the store before A kept the new token: it tries the spent one first.
    let stale = true;
    const lateView = {
      read: async () => (stale ? ((stale = false), undefined) : shared.read()),
      write: (token: string) => shared.write(token),
    };
    assert.equal(await connect({}, lateView).domainTaken('a'), false);
    assert.equal(fake.tokenExchanges, 3, 'A once, B with the spent token, B with the kept one');
    assert.ok(shared.token && fake.refreshTokens.has(shared.token));
  });

  it('updates the billing profile with If-Match; one changed meanwhile is refused with 412', async () => {
    await start();
    const api = connect();
    const customer = await api.createCustomer(profiles('contosoelementary'), {
      requestId: randomUUID(),
    });
    const read = await api.billingProfile(customer.id);
    fake.touchBillingProfile(customer.id);
    const changed = { ...read, defaultAddress: { ...read.defaultAddress, city: 'Bellevue' } };
    await assert.rejects(
      api.updateBillingProfile(customer.id, changed, { requestId: randomUUID() }),
      (e: PartnerCenterError) => e.kind === 'refused' && e.status === 412,
    );
    const again = await api.billingProfile(customer.id);
    const updated = await api.updateBillingProfile(
      customer.id,
      { ...again, defaultAddress: { ...again.defaultAddress, city: 'Bellevue' } },
      { requestId: randomUUID() },
    );
    assert.equal(updated.defaultAddress.city, 'Bellevue');
    assert.equal(
      fake.customers.get(customer.id)!.billing.defaultAddress &&
        (fake.customers.get(customer.id)!.billing.defaultAddress as { city: string }).city,
      'Bellevue',
    );
    assert.notEqual(updated.attributes?.etag, again.attributes?.etag);
  });

  it('finds customers made elsewhere by domain and by name, across pages', async () => {
    await start({ pageSize: 2 });
    const api = connect();
    for (const [prefix, name] of [
      ['contosoelementary', 'Contoso Elementary School'],
      ['contosohigh', 'Contoso High School'],
      ['contosonorth', 'Contoso North Academy'],
      ['fabrikam', 'Fabrikam University'],
    ])
      await api.createCustomer(profiles(prefix!, { companyName: name! }), {
        requestId: randomUUID(),
      });
    const byName = await api.searchCustomers('CompanyName', 'contoso');
    assert.deepEqual(byName.map((c) => c.companyProfile.domain).sort(), [
      'contosoelementary.onmicrosoft.com',
      'contosohigh.onmicrosoft.com',
      'contosonorth.onmicrosoft.com',
    ]);
    assert.equal(fake.callsTo('GET', '/v1/customers').length, 2, 'two pages of two');
    assert.deepEqual(
      (await api.searchCustomers('Domain', 'fabrik')).map((c) => c.companyProfile.domain),
      ['fabrikam.onmicrosoft.com'],
    );
  });

  it("refuses with Partner Center's code: a registration number missing (600049); a repeated agreement is done (600061)", async () => {
    await start();
    const api = connect();
    const polish = profiles('szkola', {
      defaultAddress: {
        addressLine1: 'ul. Prosta 1',
        city: 'Warszawa',
        postalCode: '00-001',
        country: 'PL',
      },
    });
    await assert.rejects(
      api.createCustomer(polish, { requestId: randomUUID() }),
      (e: PartnerCenterError) => e.kind === 'refused' && e.status === 400 && e.code === '600049',
    );
    const customer = await api.createCustomer(profiles('contosoelementary'), {
      requestId: randomUUID(),
    });
    await api.confirmAgreement(customer.id, SIGNER, '2026-11-01', { requestId: randomUUID() });
    await api.confirmAgreement(customer.id, SIGNER, '2026-11-01', { requestId: randomUUID() });
    assert.equal(fake.customers.get(customer.id)!.agreements.length, 1);
  });

  it('keeps at most `concurrency` calls in flight, whoever asks', async () => {
    await start({ latencyMs: 30 });
    const api = connect({
      limits: { concurrency: 2, perSecond: 1_000, maxQueued: 100, maxWaitMs: 10_000 },
    });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => api.domainTaken(`school${i}`)),
    );
    assert.deepEqual(answers, Array(8).fill(false));
    assert.ok(fake.maxInFlight <= 2, `at most 2 at once, saw ${fake.maxInFlight}`);
  });
});
