import { localizer } from '../../src/i18n/localizer.js';
import assert from 'node:assert/strict';
import type { CustomerRecord } from '../../src/domain/customer.js';
import type { Result } from '../../src/domain/result.js';
import type { ListOptions, ServiceError } from '../../src/service/educationCustomers.js';
import { customerForm, globalAdmin, partnerUser, salesAgent } from '../support/fixtures.js';
import { STORE_BACKENDS, type BackendHarness } from '../support/storeBackends.js';

const operator = { kind: 'operator' as const, id: 'op', name: 'Operator' };

function value<T>(result: Result<T, ServiceError>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}
function error<T>(result: Result<T, ServiceError>): ServiceError {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

// The contract: the same behaviour on every storage backend.
for (const backend of STORE_BACKENDS)
  describe(`PartnerCenterService on ${backend.name}`, function () {
    this.timeout(30_000);
    let h: BackendHarness;
    before(() => backend.setUp());
    after(() => backend.tearDown());
    beforeEach(async () => (h = await backend.harness()));
    afterEach(async () => h.dispose());

    const create = async (
      overrides: Record<string, unknown> = {},
      user = globalAdmin,
    ): Promise<CustomerRecord> =>
      value(await h.service.customers.createCustomer(user, customerForm(overrides))).customer;

    describe('adding a customer', () => {
      it('stores the customer with its Education qualification in review, request 1 of 3', async () => {
        const customer = await create();
        const stored = (await h.stored(customer.id))!;
        assert.deepEqual(stored, customer);
        assert.equal(stored.companyProfile.domain, 'contosoelementary.onmicrosoft.com');
        assert.equal(stored.qualification.vettingStatus, 'InReview');
        assert.equal(stored.qualification.verificationRequests, 1);
        assert.equal(stored.qualification.educationSegment, 'K12');
        assert.equal(stored.billingProfile.defaultAddress.country, 'US');
        assert.deepEqual(stored.mcaAcceptance, {
          signerName: 'Ann Lee',
          signerEmail: 'ann.lee@contoso.edu',
          dateAgreed: '2026-11-01',
        });
        assert.equal(stored.partnerTenantId, globalAdmin.tenantId);
        const status = value(
          await h.service.customers.getQualificationStatus(globalAdmin, customer.id),
        );
        assert.equal(status.requestsUsed, 1);
        assert.equal(status.requestsLeft, 2);
        assert.equal(status.vettingCreateDate, customer.createdAt);
      });

      it('publishes the status change after it is stored', async () => {
        let storedWhenPublished: Promise<boolean> | undefined;
        h.service.events.onStatusChange((event) => {
          storedWhenPublished ??= h
            .stored(event.customer.id)
            .then((stored) => stored !== undefined);
        });
        const customer = await create();
        assert.equal(await storedWhenPublished, true);
        assert.deepEqual(
          h.events.map((e) => [e.customer.id, e.from, e.to, e.by.id]),
          [[customer.id, 'None', 'InReview', globalAdmin.id]],
        );
      });

      it('writes nothing when any rule fails, and reports every failure', async () => {
        const refusal = error(
          await h.service.customers.createCustomer(
            globalAdmin,
            customerForm({
              companyName: 'Demo',
              country: 'BR',
              state: 'SP',
              organizationRegistrationNumber: '',
              phoneNumber: '',
            }),
          ),
        );
        assert.equal(refusal.code, 'validation');
        assert.deepEqual(
          refusal.code === 'validation'
            ? refusal.issues.map((i) => `${i.field}:${i.code}`).sort()
            : [],
          [
            'companyName:testName',
            'organizationRegistrationNumber:requiredForCountry',
            'phoneNumber:requiredForCountry',
          ],
        );
        assert.equal(await h.storedCount(), 0);
        assert.deepEqual(h.events, []);
      });

      it('refuses a taken domain (any case) and suggests a free one', async () => {
        await create();
        const refusal = error(
          await h.service.customers.createCustomer(
            globalAdmin,
            customerForm({
              domain: 'ContosoElementary',
              companyName: 'Contoso Elementary School East',
            }),
          ),
        );
        assert.equal(refusal.code, 'validation');
        const issue =
          refusal.code === 'validation'
            ? refusal.issues.find((i) => i.field === 'domain')
            : undefined;
        assert.equal(issue?.code, 'domainTaken');
        assert.equal(issue?.params?.suggestion, 'contosoelementary2');
        assert.match(
          issue ? localizer('en').issue(issue) : '',
          /contosoelementary\.onmicrosoft\.com is already taken.*contosoelementary2/,
        );
        assert.equal(await h.storedCount(), 1);
      });

      it('answers domain availability and suggests prefixes that are free', async () => {
        // Availability is part of checking the organisation step (checkDomain, which only tests called, is gone).
        const domainCodes = async (domain: string) =>
          (await h.service.customers.validateDraft({ domain }, ['organisation'])).issues.filter(
            (i) => i.field === 'domain',
          );
        assert.deepEqual(await domainCodes('contosoelementary'), []);
        await create();
        assert.deepEqual(await domainCodes('CONTOSOELEMENTARY.onmicrosoft.com'), [
          {
            field: 'domain',
            code: 'domainTaken',
            params: {
              domain: 'contosoelementary.onmicrosoft.com',
              suggestion: 'contosoelementary2',
            },
          },
        ]);
        assert.equal(
          await h.service.customers.suggestDomainPrefix('Contoso Elementary School'),
          'contosoelementary2',
        );
        assert.equal(
          await h.service.customers.suggestDomainPrefix('Fabrikam High School'),
          'fabrikamhigh',
        );
        assert.deepEqual(
          (await domainCodes('not valid!')).map((i) => `${i.field}:${i.code}`),
          ['domain:invalidDomainCharacters'],
        );
      });

      it('lets only one of two concurrent creations with the same domain succeed', async () => {
        const results = await Promise.all([
          h.service.customers.createCustomer(globalAdmin, customerForm()),
          h.service.customers.createCustomer(
            salesAgent,
            customerForm({ companyName: 'Contoso Elementary' }),
          ),
        ]);
        assert.deepEqual(results.map((r) => r.ok).sort(), [false, true]);
        const refusal = results.find((r) => !r.ok);
        assert.ok(
          refusal &&
            !refusal.ok &&
            refusal.error.code === 'validation' &&
            refusal.error.issues[0]?.code === 'domainTaken',
        );
        assert.equal(await h.storedCount(), 1);
      });

      it('includes warnings with a successful creation', async () => {
        const result = value(
          await h.service.customers.createCustomer(
            globalAdmin,
            customerForm({ companyName: 'Contoso.edu Academy' }),
          ),
        );
        assert.deepEqual(
          result.warnings.map((w) => w.code),
          ['containsTld'],
        );
      });

      it('checks the organisation step including domain availability', async () => {
        await create();
        const report = await h.service.customers.validateDraft(customerForm(), ['organisation']);
        assert.deepEqual(
          report.issues.map((i) => i.code),
          ['domainTaken'],
        );
        assert.equal(report.value, undefined);
        const free = await h.service.customers.validateDraft(customerForm({ domain: 'another' }), [
          'organisation',
        ]);
        assert.deepEqual(free.issues, []);
      });
    });

    describe('finding customers', () => {
      it('finds by id, by domain with or without suffix, and by part of the name ignoring case and accents', async () => {
        const ecole = await create({ companyName: 'École Saint-Exupéry', domain: 'saintexupery' });
        const contoso = await create();
        const ids = async (text: string) =>
          value(await h.service.customers.findCustomers(salesAgent, text)).map((c) => c.id);
        assert.deepEqual(await ids(ecole.id), [ecole.id]);
        assert.deepEqual(await ids('SaintExupery'), [ecole.id]);
        assert.deepEqual(await ids('saintexupery.onmicrosoft.com'), [ecole.id]);
        assert.deepEqual(await ids('ecole saint'), [ecole.id]);
        assert.deepEqual(await ids('EXUPÉRY'), [ecole.id]);
        assert.deepEqual(await ids('elementary'), [contoso.id]);
        assert.deepEqual((await ids('o')).sort(), [contoso.id, ecole.id].sort());
        assert.deepEqual(await ids('nothing like it'), []);
      });

      it("never shows another partner's customers", async () => {
        const customer = await create();
        const stranger = partnerUser('GlobalAdmin', 'DirectBill', 'other-partner');
        assert.deepEqual(value(await h.service.customers.findCustomers(stranger, 'contoso')), []);
        assert.deepEqual(
          error(await h.service.customers.getQualificationStatus(stranger, customer.id)),
          {
            code: 'notFound',
            customer: customer.id,
          },
        );
        assert.equal(value(await h.service.customers.listCustomers(stranger)).total, 0);
      });

      it('lists with a status filter and pages through all of them', async () => {
        const created: CustomerRecord[] = [];
        for (let i = 0; i < 25; i++)
          created.push(
            await create({
              companyName: `Fabrikam School ${String(i).padStart(2, '0')}`,
              domain: `fabrikam${i}`,
            }),
          );
        for (const c of created.slice(0, 5))
          value(await h.service.vetting.decide(operator, c.id, { status: 'Approved' }));
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = value(
            await h.service.customers.listCustomers(salesAgent, {
              status: 'InReview',
              limit: 8,
              ...(cursor ? { cursor } : {}),
            }),
          );
          assert.equal(page.total, 20);
          assert.ok(page.items.length <= 8);
          assert.ok(page.items.every((c) => c.qualification.vettingStatus === 'InReview'));
          seen.push(...page.items.map((c) => c.companyProfile.companyName));
          cursor = page.nextCursor;
        } while (cursor);
        assert.deepEqual(
          seen,
          created.slice(5).map((c) => c.companyProfile.companyName),
        );
        assert.equal(
          value(await h.service.customers.listCustomers(salesAgent, { status: 'Approved' })).total,
          5,
        );
      });
      it('lists newest change first, searches name or domain, and counts by status', async () => {
        // A clock a minute apart per change, so "newest first" has no ties.
        let minute = 0;
        await h.dispose();
        h = await backend.harness(() => new Date(Date.UTC(2026, 10, 1, 9, minute++)));
        const names = ['Alpha Academy', 'Beta College', 'Gamma School', 'Delta Institute'];
        const created: CustomerRecord[] = [];
        for (const [i, name] of names.entries())
          created.push(
            await create({ companyName: name, domain: `school${i}`, mcaDateAgreed: '2026-10-01' }),
          );
        value(await h.service.vetting.decide(operator, created[0]!.id, { status: 'Approved' }));
        const newestFirst = value(
          await h.service.customers.listCustomers(salesAgent, { sort: 'lastChange', limit: 3 }),
        );
        assert.deepEqual(
          newestFirst.items.map((c) => c.companyProfile.companyName),
          ['Alpha Academy', 'Delta Institute', 'Gamma School'],
        );
        assert.equal(newestFirst.total, 4);
        const rest = value(
          await h.service.customers.listCustomers(salesAgent, {
            sort: 'lastChange',
            limit: 3,
            cursor: newestFirst.nextCursor!,
          }),
        );
        assert.deepEqual(
          rest.items.map((c) => c.companyProfile.companyName),
          ['Beta College'],
        );
        const inReview = value(
          await h.service.customers.listCustomers(salesAgent, {
            sort: 'lastChange',
            status: 'InReview',
          }),
        );
        assert.deepEqual(
          inReview.items.map((c) => c.companyProfile.companyName),
          ['Delta Institute', 'Gamma School', 'Beta College'],
        );
        assert.equal(inReview.total, 3);
        assert.deepEqual(
          value(await h.service.customers.listCustomers(salesAgent, { text: 'COLLEGE' })).items.map(
            (c) => c.companyProfile.companyName,
          ),
          ['Beta College'],
        );
        const searchedNewestFirst = value(
          await h.service.customers.listCustomers(salesAgent, { text: 'a', sort: 'lastChange' }),
        );
        assert.deepEqual(
          searchedNewestFirst.items.map((c) => c.companyProfile.companyName),
          ['Alpha Academy', 'Delta Institute', 'Gamma School', 'Beta College'],
        );
        assert.deepEqual(
          value(
            await h.service.customers.listCustomers(salesAgent, { text: 'school2.onmicrosoft' }),
          ).items.map((c) => c.companyProfile.companyName),
          ['Gamma School'],
        );
        const overview = value(await h.service.customers.overview(salesAgent));
        assert.deepEqual(overview.byStatus, { None: 0, InReview: 3, Approved: 1, Denied: 0 });
        assert.equal(overview.reviewsCompleted, 1);
      });
    });

    describe('searching, as the message extension does', () => {
      it('finds every word in the name or domain, by request date, and what an id or domain names first', async () => {
        // Reviews that started ten days apart; a minute between changes, so no two tie.
        let day = 0;
        let minute = 0;
        await h.dispose();
        h = await backend.harness(() => new Date(Date.UTC(2026, 10, 1 + day, 9, minute++)));
        const mary = await create({ companyName: "St. Mary's College", domain: 'stmary' });
        const elementary = await create();
        day = 10;
        const ecole = await create({ companyName: 'École Sainte-Marie', domain: 'saintemarie' });
        const names = async (options: ListOptions) =>
          value(await h.service.customers.searchCustomers(salesAgent, options)).items.map(
            (c) => c.companyProfile.companyName,
          );
        assert.deepEqual(await names({ text: 'st mary' }), ["St. Mary's College"]);
        assert.deepEqual(await names({ text: 'MARIE ecole' }), ['École Sainte-Marie']);
        assert.deepEqual(await names({ text: 'stmary.onmicro' }), ["St. Mary's College"]);
        assert.deepEqual(await names({ text: 'college mary', status: 'Denied' }), []);
        // Requests made before day 5: the two first customers, newest change first.
        assert.deepEqual(
          await names({ requestedBefore: '2026-11-06T00:00:00.000Z', sort: 'lastChange' }),
          ['Contoso Elementary School', "St. Mary's College"],
        );
        assert.deepEqual(
          await names({ requestedBefore: '2026-11-06T00:00:00.000Z', text: 'contoso' }),
          ['Contoso Elementary School'],
        );
        // An id or a domain names one customer: it comes first, whatever its name holds.
        assert.deepEqual(await names({ text: ecole.id }), ['École Sainte-Marie']);
        assert.deepEqual(await names({ text: elementary.companyProfile.domain }), [
          'Contoso Elementary School',
        ]);
        assert.deepEqual(await names({ text: mary.id, status: 'Approved' }), []);
        const beforeDay5 = '2026-11-06T00:00:00.000Z';
        assert.deepEqual(await names({ text: ecole.id, requestedBefore: beforeDay5 }), []);
        assert.deepEqual(await names({ text: mary.id, requestedBefore: beforeDay5 }), [
          "St. Mary's College",
        ]);
        // The status as kept here, without asking Partner Center; another partner's is not found.
        assert.equal(
          value(await h.service.customers.keptStatus(salesAgent, 'saintemarie')).customerId,
          ecole.id,
        );
        const stranger = partnerUser('GlobalAdmin', 'DirectBill', 'other-partner');
        assert.equal(
          error(await h.service.customers.keptStatus(stranger, ecole.id)).code,
          'notFound',
        );
        assert.deepEqual(
          value(await h.service.customers.searchCustomers(stranger, { text: ecole.id })).items,
          [],
        );
      });
    });

    describe('correcting and resubmitting', () => {
      const deny = async (id: string) =>
        value(
          await h.service.vetting.decide(operator, id, {
            status: 'Denied',
            reason: 'Website does not match',
          }),
        );

      // Corrections are made with the resubmission, in the same write (correctCustomer, which only tests called, is gone).
      it('lets a Global admin correct a denied customer, recording which fields changed', async () => {
        const customer = await create();
        await deny(customer.id);
        value(
          await h.service.vetting.resubmit(globalAdmin, customer.id, {
            city: 'Bellevue',
            website: '',
          }),
        );
        const corrected = (await h.stored(customer.id))!;
        assert.equal(corrected.billingProfile.defaultAddress.city, 'Bellevue');
        assert.equal(corrected.qualification.website, undefined);
        assert.deepEqual(corrected.qualification.history.at(-2)?.changedFields, [
          'city',
          'website',
        ]);
        assert.equal(corrected.qualification.history.at(-2)?.to, 'Denied');
      });

      it('keeps the domain, refuses bad corrections and changes nothing then', async () => {
        const customer = await create();
        await deny(customer.id);
        const before = await h.stored(customer.id);
        const refusal = error(
          await h.service.vetting.resubmit(globalAdmin, customer.id, {
            domain: 'elsewhere',
            email: 'x@hotmail.com',
          }),
        );
        assert.deepEqual(
          refusal.code === 'validation'
            ? refusal.issues.map((i) => `${i.field}:${i.code}`).sort()
            : [],
          ['domain:domainImmutable', 'email:freeEmailProvider'],
        );
        assert.deepEqual(await h.stored(customer.id), before);
        assert.deepEqual(
          error(await h.service.vetting.resubmit(globalAdmin, customer.id, 'city=Paris')).code,
          'validation',
        );
      });

      it('does not correct while a review is under way', async () => {
        const customer = await create();
        const before = await h.stored(customer.id);
        assert.deepEqual(
          error(await h.service.vetting.resubmit(globalAdmin, customer.id, { city: 'Bellevue' })),
          { code: 'notDenied', status: 'InReview' },
        );
        assert.deepEqual(await h.stored(customer.id), before);
      });

      it('allows correction and resubmission to Global admins only', async () => {
        const customer = await create();
        await deny(customer.id);
        for (const role of ['UserManagementAdmin', 'AdminAgent', 'SalesAgent'] as const) {
          const user = partnerUser(role);
          assert.deepEqual(error(await h.service.vetting.resubmit(user, customer.id)), {
            code: 'forbidden',
            reason: 'roleNotAllowed',
            capability: 'correctAndResubmit',
            role,
          });
          assert.equal(
            error(await h.service.vetting.resubmit(user, customer.id, { city: 'X' })).code,
            'forbidden',
          );
        }
      });

      it('resubmits with corrections in one write, as request 2 of 3', async () => {
        const customer = await create();
        await deny(customer.id);
        const status = value(
          await h.service.vetting.resubmit(globalAdmin, customer.id, {
            website: 'https://contoso.edu/',
          }),
        );
        assert.equal(status.vettingStatus, 'InReview');
        assert.equal(status.requestsUsed, 2);
        assert.equal(status.vettingReason, undefined);
        const stored = (await h.stored(customer.id))!;
        assert.equal(stored.qualification.website, 'https://contoso.edu/');
        assert.deepEqual(
          stored.qualification.history
            .slice(-2)
            .map((e) => [e.from, e.to, e.changedFields ?? e.request]),
          [
            ['Denied', 'Denied', ['website']],
            ['Denied', 'InReview', 2],
          ],
        );
        assert.deepEqual(h.events.at(-1)?.to, 'InReview');
      });

      it('refuses resubmission unless Denied', async () => {
        const customer = await create();
        assert.deepEqual(error(await h.service.vetting.resubmit(globalAdmin, customer.id)), {
          code: 'notDenied',
          status: 'InReview',
        });
        value(await h.service.vetting.decide(operator, customer.id, { status: 'Approved' }));
        assert.deepEqual(error(await h.service.vetting.resubmit(globalAdmin, customer.id)), {
          code: 'notDenied',
          status: 'Approved',
        });
      });

      it('never passes three requests, even with parallel resubmissions, and a fourth changes nothing', async () => {
        const customer = await create();
        for (let round = 0; round < 4; round++) {
          await deny(customer.id);
          const attempts = await Promise.all(
            Array.from({ length: 6 }, () => h.service.vetting.resubmit(globalAdmin, customer.id)),
          );
          const accepted = attempts.filter((a) => a.ok).length;
          assert.equal(accepted, round < 2 ? 1 : 0, `round ${round}`);
          if (round >= 2) {
            assert.ok(attempts.every((a) => !a.ok && a.error.code === 'requestLimitReached'));
          }
          if (round === 2) {
            // Denied for the third time: nothing can be changed by further attempts.
            const before = await h.stored(customer.id);
            assert.deepEqual(
              error(
                await h.service.vetting.resubmit(globalAdmin, customer.id, { city: 'Elsewhere' }),
              ),
              { code: 'requestLimitReached', used: 3, max: 3 },
            );
            assert.deepEqual(await h.stored(customer.id), before);
            break;
          }
        }
        assert.equal((await h.stored(customer.id))?.qualification.verificationRequests, 3);
      });
    });

    describe('decisions and selling', () => {
      it('decides only reviews under way and requires a reason to deny', async () => {
        const customer = await create();
        assert.deepEqual(
          error(
            await h.service.vetting.decide(operator, customer.id, {
              status: 'Denied',
              reason: '  ',
            }),
          ).code,
          'validation',
        );
        value(
          await h.service.vetting.decide(operator, 'contosoelementary', { status: 'Approved' }),
        );
        assert.deepEqual(
          error(await h.service.vetting.decide(operator, customer.id, { status: 'Approved' })),
          { code: 'notInReview', status: 'Approved' },
        );
        assert.deepEqual(
          error(await h.service.vetting.decide(operator, 'nobody-here', { status: 'Approved' })),
          { code: 'notFound', customer: 'nobody-here' },
        );
        assert.deepEqual(
          (await h.stored(customer.id))?.qualification.history.map((e: { to: string }) => e.to),
          ['InReview', 'Approved'],
        );
      });

      it("keeps a decision's event with the customer until the notifier acknowledges it", async () => {
        const customer = await create();
        const other = await create({ companyName: 'Fabrikam University', domain: 'fabrikam' });
        value(
          await h.service.vetting.decide(operator, customer.id, {
            status: 'Denied',
            reason: 'No accreditation',
          }),
        );
        const [event, ...none] = await h.service.events.pendingDecisionEvents();
        assert.deepEqual(none, []);
        assert.equal(event?.customer.id, customer.id);
        assert.equal(event?.reason, 'No accreditation');
        await h.service.events.acknowledgeEvent(customer.id, event.eventId!);
        assert.deepEqual(await h.service.events.pendingDecisionEvents(), []);
        assert.equal((await h.stored(customer.id))?.pendingEvents?.length ?? 0, 0);
        assert.equal((await h.stored(other.id))?.qualification.vettingStatus, 'InReview');
      });

      it('says what can be sold in each status', async () => {
        const customer = await create();
        const inReview = value(await h.service.customers.purchaseOptions(salesAgent, customer.id));
        assert.deepEqual(inReview.sellableSegments, []);
        assert.ok(inReview.offers.every((o) => !o.eligibility.allowed));
        // What one offer allows is read from the options (canSell, which only tests called, is gone).
        const offer = async (id: string, action?: 'renewal') =>
          value(
            await h.service.customers.purchaseOptions(salesAgent, customer.id, action),
          ).offers.find((o) => o.offer.id === id)?.eligibility;
        assert.ok((await offer('m365-a3', 'renewal'))?.allowed);

        value(await h.service.vetting.decide(operator, customer.id, { status: 'Approved' }));
        const approved = value(await h.service.customers.purchaseOptions(salesAgent, customer.id));
        assert.deepEqual(approved.sellableSegments, ['Commercial', 'Education']);
        const allowed = approved.offers
          .filter((o) => o.eligibility.allowed)
          .map((o) => o.offer.segment);
        assert.deepEqual([...new Set(allowed)].sort(), ['Commercial', 'Education']);
        assert.deepEqual(await offer('m365-g3-gcc'), {
          allowed: false,
          refusal: {
            code: 'segmentNotSellable',
            customerType: 'Education',
            segment: 'GovernmentCommunityCloud',
          },
        });
        assert.equal(await offer('no-such-offer'), undefined);
      });

      it('refuses users without a role and resellers adding customers', async () => {
        assert.deepEqual(
          error(await h.service.customers.createCustomer(partnerUser(null), customerForm())),
          {
            code: 'forbidden',
            reason: 'noRole',
            capability: 'addCustomer',
          },
        );
        assert.deepEqual(
          error(
            await h.service.customers.createCustomer(
              partnerUser('GlobalAdmin', 'IndirectReseller'),
              customerForm(),
            ),
          ),
          {
            code: 'forbidden',
            reason: 'indirectReseller',
            capability: 'addCustomer',
          },
        );
        assert.equal(
          error(await h.service.customers.findCustomers(partnerUser(null), 'x')).code,
          'forbidden',
        );
        assert.equal(await h.storedCount(), 0);
      });
    });
  });
