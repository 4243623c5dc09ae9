import assert from 'node:assert/strict';
import { silentLogger } from '../../src/log.js';
import { PartnerCenterGateway } from '../../src/partnerCenter/partnerCenterGateway.js';
import { PartnerCenterService } from '../../src/service/partnerCenterService.js';
import type { StatusChangeEvent } from '../../src/service/statusEvents.js';
import { LowdbCustomerStore } from '../../src/storage/lowdb/lowdbCustomerStore.js';
import { testClock } from '../support/clock.js';
import {
  FakePartnerCenter,
  MCA_TEMPLATE_ID,
  memoryStore,
  partnerCenterApiFor,
} from '../support/fakePartnerCenter.js';
import { customerForm, globalAdmin, partnerUser } from '../support/fixtures.js';
import { eventually, tempDir } from '../support/temp.js';

/** The service in api mode: a new customer is made in Partner Center (a loopback fake), then kept here. */
describe('adding a customer in Partner Center (api mode)', function () {
  this.timeout(30_000);
  let fake: FakePartnerCenter;
  let store: LowdbCustomerStore;
  let dir: ReturnType<typeof tempDir>;
  let service: PartnerCenterService;
  const events: StatusChangeEvent[] = [];
  // The newest refresh token, kept across restarts as the storage backend keeps it.
  let tokens: ReturnType<typeof memoryStore>;

  function open(): void {
    store = LowdbCustomerStore.open(dir.dir);
    const api = partnerCenterApiFor(fake, {
      settings: { maxAttempts: 2, deadlineMs: 2_000 },
      store: tokens,
    });
    service = new PartnerCenterService({
      store,
      log: silentLogger,
      now: testClock(),
      partnerCenter: {
        gateway: new PartnerCenterGateway(api, silentLogger),
        poll: { firstSeconds: 1, maxSeconds: 8, batch: 10 },
      },
    });
    service.events.onStatusChange((event) => void events.push(event));
  }
  beforeEach(async () => {
    fake = await FakePartnerCenter.start();
    tokens = memoryStore();
    dir = tempDir();
    events.length = 0;
    open();
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
    await fake.stop();
  });

  it('creates the customer, confirms the agreement with the signer, requests Education, and keeps Partner Center’s id', async () => {
    const created = await service.customers.createCustomer(globalAdmin, customerForm(), {
      key: 'form-1',
    });
    assert.ok(created.ok, JSON.stringify(!created.ok && created.error));
    const [remote] = [...fake.customers.values()];
    assert.ok(remote);
    assert.equal(
      created.value.customer.id,
      remote.id,
      "the local record carries Partner Center's id",
    );
    assert.equal(remote.domain, 'contosoelementary.onmicrosoft.com');
    assert.deepEqual(remote.billing.defaultAddress, {
      addressLine1: '1 Microsoft Way',
      city: 'Redmond',
      state: 'WA',
      postalCode: '98052',
      country: 'US',
      firstName: 'Ann',
      lastName: 'Lee',
      phoneNumber: '+1 425 555 0100',
    });
    assert.deepEqual(
      remote.agreements.map((a) => [a.templateId, a.primaryContact]),
      [[MCA_TEMPLATE_ID, { firstName: 'Ann', lastName: 'Lee', email: 'ann.lee@contoso.edu' }]],
    );
    assert.equal(remote.requests, 1);
    assert.equal(remote.qualification?.vettingStatus, 'InReview');
    const stored = await store.get(remote.id);
    assert.equal(stored?.qualification.vettingStatus, 'InReview');
    assert.equal(stored?.qualification.vettingCreateDate, remote.qualification?.vettingCreateDate);
    assert.deepEqual(
      events.map((e) => [e.customer.id, e.from, e.to]),
      [[remote.id, 'None', 'InReview']],
    );
    // Every call of the submission names it in MS-CorrelationId.
    const correlations = new Set(
      fake.calls.filter((c) => c.path.startsWith('/v1/')).map((c) => c.correlationId),
    );
    assert.equal(correlations.size, 1);
  });

  for (const [step, path] of [
    ['the customer', '/v1/customers'],
    ['the agreement', '/agreements'],
    ['the qualification', '/qualifications'],
  ] as const) {
    it(`makes nothing twice when ${step} was made but its answer was lost, even across a restart`, async () => {
      // Partner Center carries the request out, and the connection drops before the answer, every time.
      for (let i = 0; i < 2; i++) {
        if (path === '/v1/customers') fake.inject('POST', path, { kind: 'dropAfter' });
        else fake.injectWhere('POST', (p) => p.endsWith(path), { kind: 'dropAfter' });
      }
      const first = await service.customers.createCustomer(globalAdmin, customerForm(), {
        key: 'form-1',
      });
      assert.ok(
        !first.ok && first.error.code === 'partnerCenterUnavailable',
        JSON.stringify(first),
      );
      assert.equal((await store.query({ limit: 10 })).total, 0, 'nothing kept here yet');
      await store.close();
      open(); // a restart: the form, and with it the key, is what survives
      const again = await service.customers.createCustomer(globalAdmin, customerForm(), {
        key: 'form-1',
      });
      assert.ok(again.ok, JSON.stringify(!again.ok && again.error));
      assert.equal(fake.customers.size, 1, 'one customer in Partner Center');
      const [remote] = [...fake.customers.values()];
      assert.equal(remote!.agreements.length, 1, 'one agreement');
      assert.equal(remote!.requests, 1, 'one Education request');
      assert.equal((await store.query({ limit: 10 })).total, 1, 'one customer here');
      // Once more, as a double click would: the domain is now this partner's customer (which the
      // form recognises as its own), and Partner Center is not asked anything.
      const posts = fake.callsTo('POST', '/v1/').length;
      const third = await service.customers.createCustomer(globalAdmin, customerForm(), {
        key: 'form-1',
      });
      assert.ok(!third.ok && third.error.code === 'validation');
      assert.equal(fake.callsTo('POST', '/v1/').length, posts);
      assert.equal(fake.customers.size, 1);
      assert.equal(events.filter((e) => e.to === 'InReview').length, 1);
    });
  }

  it("hears Microsoft's decision by polling: once, as the service's own decision, then stops reading", async () => {
    const created = await service.customers.createCustomer(globalAdmin, customerForm(), {
      key: 'form-1',
    });
    assert.ok(created.ok);
    const id = created.value.customer.id;
    await service.poller!.start();
    try {
      // Reads follow the schedule while nothing changes; each is kept with the customer, and
      // each read that changed nothing doubles the interval.
      const schedule = await eventually(
        async () => {
          const kept = (await store.get(id))?.pollSchedule;
          return kept && kept.intervalSeconds >= 4 ? kept : undefined;
        },
        15_000,
        'two scheduled reads',
      );
      assert.ok(fake.callsTo('GET', `/v1/customers/${id}/qualifications`).length >= 2);
      assert.ok(Date.parse(schedule.nextReadAt) > Date.parse(schedule.lastReadAt ?? ''));
      fake.decide(id, 'Denied', 'Not an Academic Domain');
      await eventually(
        () => (events.some((e) => e.to === 'Denied') ? true : undefined),
        15_000,
        'the decision',
      );
      const decided = events.filter((e) => e.to === 'Denied');
      assert.equal(decided.length, 1);
      assert.equal(decided[0]!.reason, 'Not an Academic Domain');
      assert.equal(decided[0]!.by.id, 'partner-center');
      const record = await store.get(id);
      assert.equal(record?.qualification.vettingStatus, 'Denied');
      assert.equal(service.poller!.scheduled, 0, 'a decided customer is not read again');
    } finally {
      await service.poller!.stop();
    }
  });

  it('reads each scheduled customer once when several instances poll one store', async () => {
    const created = await service.customers.createCustomer(globalAdmin, customerForm(), {
      key: 'form-1',
    });
    assert.ok(created.ok);
    const id = created.value.customer.id;
    // A second instance on the same store: its own service and poller, the same Partner Center.
    const other = new PartnerCenterService({
      store,
      log: silentLogger,
      now: testClock(),
      partnerCenter: {
        gateway: new PartnerCenterGateway(
          partnerCenterApiFor(fake, { store: tokens }),
          silentLogger,
        ),
        poll: { firstSeconds: 1, maxSeconds: 8, batch: 10 },
      },
    });
    await Promise.all([service.poller!.start(), other.poller!.start()]);
    try {
      // Three scheduled reads: after 1 s, then 2 s more, then 4 s more (the next wait is 8 s).
      await eventually(
        async () => ((await store.get(id))?.pollSchedule?.intervalSeconds === 8 ? true : undefined),
        30_000,
        'three scheduled reads',
      );
      assert.equal(fake.callsTo('GET', `/v1/customers/${id}/qualifications`).length, 3);
    } finally {
      await Promise.all([service.poller!.stop(), other.poller!.stop()]);
    }
  });

  it('reads Partner Center when a user asks for the status, with one call for reads at the same moment', async () => {
    const created = await service.customers.createCustomer(globalAdmin, customerForm(), {
      key: 'form-1',
    });
    assert.ok(created.ok);
    const id = created.value.customer.id;
    fake.decide(id, 'Approved');
    const reads = () => fake.callsTo('GET', `/v1/customers/${id}/qualifications`).length;
    const [a, b, c] = await Promise.all([
      service.customers.getQualificationStatus(globalAdmin, id),
      service.customers.getQualificationStatus(globalAdmin, id),
      service.customers.getQualificationStatus(globalAdmin, 'contosoelementary'),
    ]);
    assert.ok(a.ok && b.ok && c.ok);
    assert.deepEqual(
      [a.value.vettingStatus, b.value.vettingStatus, c.value.vettingStatus],
      ['Approved', 'Approved', 'Approved'],
    );
    assert.equal(reads(), 1, 'one call for three reads');
    assert.deepEqual(
      events.map((e) => e.to),
      ['InReview', 'Approved'],
    );
    // Decided: the truth no longer changes, Partner Center is not asked again.
    await service.customers.getQualificationStatus(globalAdmin, id);
    assert.equal(reads(), 1);
  });

  it('says when Partner Center was last read, and keeps a status it does not know as sent', async () => {
    const created = await service.customers.createCustomer(globalAdmin, customerForm(), {
      key: 'form-1',
    });
    assert.ok(created.ok);
    const id = created.value.customer.id;
    const before = await service.customers.getQualificationStatus(globalAdmin, id);
    assert.ok(before.ok);
    assert.deepEqual(before.value.partnerCenterRead?.unknownStatus, undefined);
    assert.ok(before.value.partnerCenterRead?.at, 'the read is dated');
    // Partner Center answers a status no source lists: still in review here, kept as sent.
    fake.customers.get(id)!.qualification!.vettingStatus = 'PendingDocuments';
    const after = await service.customers.getQualificationStatus(globalAdmin, id);
    assert.ok(after.ok);
    assert.equal(after.value.vettingStatus, 'InReview');
    assert.equal(after.value.partnerCenterRead?.unknownStatus, 'PendingDocuments');
    assert.equal((await store.get(id))?.pollSchedule?.unknownStatus, 'PendingDocuments');
  });

  /** A customer made in Partner Center and denied there, as this bot has heard. */
  async function deniedCustomer(): Promise<string> {
    const created = await service.customers.createCustomer(globalAdmin, customerForm(), {
      key: 'form-1',
    });
    assert.ok(created.ok);
    const id = created.value.customer.id;
    fake.decide(id, 'Denied', 'Not an Education Customer');
    const status = await service.customers.getQualificationStatus(globalAdmin, id);
    assert.ok(status.ok && status.value.vettingStatus === 'Denied');
    return id;
  }

  it('resubmits a corrected customer: the billing profile updated with If-Match, then request 2 of 3', async () => {
    const id = await deniedCustomer();
    const etag = fake.customers.get(id)!.billing.attributes.etag;
    const result = await service.vetting.resubmit(
      globalAdmin,
      id,
      { city: 'Bellevue' },
      { key: 'fix-1' },
    );
    assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
    assert.equal(result.value.requestsUsed, 2);
    const remote = fake.customers.get(id)!;
    assert.equal((remote.billing.defaultAddress as { city: string }).city, 'Bellevue');
    assert.notEqual(remote.billing.attributes.etag, etag);
    assert.equal(remote.billing.companyName, 'Contoso Elementary School', 'the rest as read');
    assert.equal(remote.requests, 2);
    assert.equal(remote.qualification?.vettingStatus, 'InReview');
    assert.equal((await store.get(id))?.billingProfile.defaultAddress.city, 'Bellevue');
    // Without a correction of the profile, only the qualification is asked again.
    fake.decide(id, 'Denied', 'Still not');
    await service.customers.getQualificationStatus(globalAdmin, id);
    const puts = fake.callsTo('PUT', `/v1/customers/${id}/profiles/billing`).length;
    assert.ok((await service.vetting.resubmit(globalAdmin, id, undefined, { key: 'fix-2' })).ok);
    assert.equal(fake.callsTo('PUT', `/v1/customers/${id}/profiles/billing`).length, puts);
    assert.equal(fake.customers.get(id)!.requests, 3);
  });

  it('changes nothing here when the profile changed in Partner Center meanwhile (412), and goes on when confirmed again', async () => {
    const id = await deniedCustomer();
    fake.injectWhere('PUT', (p) => p.endsWith('/profiles/billing'), {
      kind: 'refuse',
      status: 412,
      code: 412,
      description: 'Precondition failed',
    });
    const refused = await service.vetting.resubmit(
      globalAdmin,
      id,
      { city: 'Bellevue' },
      { key: 'fix-1' },
    );
    assert.deepEqual(!refused.ok && refused.error, { code: 'partnerCenterProfileChanged' });
    assert.equal(fake.customers.get(id)!.requests, 1, 'nothing requested');
    assert.equal((await store.get(id))?.qualification.vettingStatus, 'Denied');
    const again = await service.vetting.resubmit(
      globalAdmin,
      id,
      { city: 'Bellevue' },
      { key: 'fix-1' },
    );
    assert.ok(again.ok);
    assert.equal(fake.customers.get(id)!.requests, 2);
  });

  it('makes one request when the answer to a resubmission was lost, and reads a refusal as "contact Support"', async () => {
    const id = await deniedCustomer();
    for (let i = 0; i < 2; i++)
      fake.injectWhere('POST', (p) => p.endsWith('/qualifications'), { kind: 'dropAfter' });
    const lost = await service.vetting.resubmit(
      globalAdmin,
      id,
      { city: 'Bellevue' },
      { key: 'fix-1' },
    );
    assert.ok(!lost.ok && lost.error.code === 'partnerCenterUnavailable');
    assert.equal((await store.get(id))?.qualification.verificationRequests, 1, 'not kept yet');
    const again = await service.vetting.resubmit(
      globalAdmin,
      id,
      { city: 'Bellevue' },
      { key: 'fix-1' },
    );
    assert.ok(again.ok);
    assert.equal(fake.customers.get(id)!.requests, 2, 'one new request in Partner Center');
    assert.equal(again.value.requestsUsed, 2);
    fake.decide(id, 'Denied', 'No');
    await service.customers.getQualificationStatus(globalAdmin, id);
    fake.injectWhere('POST', (p) => p.endsWith('/qualifications'), {
      kind: 'refuse',
      status: 400,
      code: 3000,
      description: 'Verification limit reached',
    });
    const refused = await service.vetting.resubmit(globalAdmin, id, undefined, { key: 'fix-2' });
    assert.deepEqual(!refused.ok && refused.error, {
      code: 'requestLimitReached',
      used: 2,
      max: 3,
    });
  });

  it('says which steps Partner Center confirmed when it stops answering', async () => {
    for (let i = 0; i < 2; i++)
      fake.injectWhere('POST', (p) => p.endsWith('/qualifications'), {
        kind: 'status',
        status: 503,
      });
    const result = await service.customers.createCustomer(globalAdmin, customerForm(), {
      key: 'form-2',
    });
    assert.deepEqual(!result.ok && result.error, {
      code: 'partnerCenterUnavailable',
      done: 'agreement',
    });
  });

  it("refuses a domain Partner Center already has, with a free suggestion, and passes Partner Center's refusals on", async () => {
    const other = await service.customers.createCustomer(globalAdmin, customerForm(), {
      key: 'form-a',
    });
    assert.ok(other.ok);
    await store.close();
    dir.remove();
    dir = tempDir();
    open(); // this bot has never seen the customer: it was made elsewhere
    const taken = await service.customers.createCustomer(globalAdmin, customerForm(), {
      key: 'form-b',
    });
    assert.ok(!taken.ok && taken.error.code === 'validation');
    assert.deepEqual(
      taken.error.issues.map((i) => [i.field, i.code]),
      [['domain', 'domainTaken']],
    );
    fake.inject('POST', '/v1/customers', {
      kind: 'refuse',
      status: 403,
      code: 600006,
      description: 'The requested action is not allowed',
    });
    const refused = await service.customers.createCustomer(
      globalAdmin,
      customerForm({ domain: 'fabrikamhigh', companyName: 'Fabrikam High School' }),
      { key: 'form-c' },
    );
    assert.deepEqual(!refused.ok && refused.error, {
      code: 'partnerCenterRefused',
      status: 403,
      partnerCenterCode: '600006',
    });
    assert.equal((await store.query({ limit: 10 })).total, 0, 'nothing kept for a refusal');
  });

  describe('customers made outside the bot', () => {
    const signer = { firstName: 'Sam', lastName: 'Signer', email: 'sam@fabrikam.edu' };

    it('finds one by its domain, keeps it as Partner Center has it, and puts it on the schedule', async () => {
      const id = fake.addPortalCustomer({
        companyName: 'Fabrikam Academy',
        domain: 'fabrikamacademy.onmicrosoft.com',
        review: { status: 'InReview', segment: 'K12' },
        signer,
      });
      const status = await service.customers.getQualificationStatus(globalAdmin, 'fabrikamacademy');
      assert.ok(status.ok, JSON.stringify(!status.ok && status.error));
      assert.equal(status.value.customerId, id);
      assert.equal(status.value.companyName, 'Fabrikam Academy');
      assert.equal(status.value.vettingStatus, 'InReview');
      // Partner Center wrote the date without a zone: read as UTC, whatever the machine's zone.
      assert.equal(status.value.vettingCreateDate, '2026-03-02T10:00:00.000Z');
      // The docs' read does not echo the segment: unknown here, never guessed.
      assert.equal(status.value.educationSegment, undefined);
      assert.equal(status.value.requestsUsed, 1);

      const kept = await store.get(id);
      assert.equal(kept?.origin, 'partnerCenter');
      assert.equal(kept?.partnerTenantId, globalAdmin.tenantId);
      assert.equal(kept?.billingProfile.email, 'admin@fabrikamacademy.onmicrosoft.com');
      assert.equal(kept?.billingProfile.defaultAddress.city, 'Redmond');
      assert.deepEqual(kept?.mcaAcceptance, {
        signerName: 'Sam Signer',
        signerEmail: 'sam@fabrikam.edu',
        dateAgreed: '2026-03-02',
      });
      assert.deepEqual(
        events.map((e) => [e.customer.id, e.from, e.to]),
        [[id, 'None', 'InReview']],
        'the poller hears of it as of a new customer',
      );

      // Kept: the next status reads its qualification, and searches no more.
      const searches = fake
        .callsTo('GET', '/v1/customers')
        .filter((c) => c.path === '/v1/customers');
      assert.ok(await service.customers.getQualificationStatus(globalAdmin, 'fabrikamacademy'));
      assert.equal(
        fake.callsTo('GET', '/v1/customers').filter((c) => c.path === '/v1/customers').length,
        searches.length,
      );
      // Another partner's user never sees it.
      const stranger = await service.customers.getQualificationStatus(
        partnerUser('GlobalAdmin', 'IndirectProvider', 'another-partner'),
        id,
      );
      assert.ok(!stranger.ok && stranger.error.code === 'notFound');
    });

    it('finds them by the start of their name, and keeps one without an agreement or review as it is', async () => {
      fake.addPortalCustomer({ companyName: 'Northwind North', domain: 'nwnorth.onmicrosoft.com' });
      fake.addPortalCustomer({
        companyName: 'Northwind South',
        domain: 'nwsouth.onmicrosoft.com',
        review: { status: 'Denied', reason: 'Not an Academic Domain' },
        signer,
      });
      fake.addPortalCustomer({ companyName: 'Tailspin', domain: 'tailspin.onmicrosoft.com' });
      const found = await service.customers.findCustomers(globalAdmin, 'northwind');
      assert.ok(found.ok);
      assert.deepEqual(
        found.value
          .map((r) => [r.companyProfile.companyName, r.qualification.vettingStatus])
          .sort(),
        [
          ['Northwind North', 'None'],
          ['Northwind South', 'Denied'],
        ],
      );
      const north = found.value.find((r) => r.companyProfile.domain === 'nwnorth.onmicrosoft.com');
      assert.equal(north?.mcaAcceptance, undefined, 'no agreement confirmed: none invented');
      assert.equal(north?.qualification.verificationRequests, 0);
      assert.equal(events.length, 0, 'nothing in review: nothing for the poller');
      const listed = await service.customers.listCustomers(globalAdmin);
      assert.ok(listed.ok);
      assert.equal(listed.value.total, 2, 'kept for the tab and the next command');
    });

    it('finds nothing, and says so, when Partner Center does not answer the search', async () => {
      fake.addPortalCustomer({ companyName: 'Fabrikam', domain: 'fabrikam.onmicrosoft.com' });
      for (let i = 0; i < 4; i++)
        fake.inject('GET', '/v1/customers', { kind: 'status', status: 503 });
      const status = await service.customers.getQualificationStatus(globalAdmin, 'fabrikam');
      assert.ok(!status.ok && status.error.code === 'notFound');
      assert.equal((await store.query({ limit: 10 })).total, 0);
    });
  });
});
