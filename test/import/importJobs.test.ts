import assert from 'node:assert/strict';
import { checkImport } from '../../src/import/checkImport.js';
import type { ImportJobs } from '../../src/import/importJobs.js';
import { readSpreadsheet, type Spreadsheet } from '../../src/import/readSpreadsheet.js';
import type { PartnerCustomers } from '../../src/service/educationCustomers.js';
import type { ImportJob } from '../../src/storage/records/importJob.js';
import { customerForm, globalAdmin, partnerUser, salesAgent } from '../support/fixtures.js';
import { ServiceHarness } from '../support/serviceHarness.js';
import { eventually, tempDir } from '../support/temp.js';
import { formsCsv, importJobsIn } from '../support/importFiles.js';
import { spreadsheetFixture } from './importFixtures.js';

const operator = { kind: 'operator' as const, id: 'op', name: 'Operator' };

async function sheetOf(bytes: Uint8Array): Promise<Spreadsheet> {
  const read = await readSpreadsheet(bytes);
  assert.ok(read.ok);
  return read.value;
}

describe('import jobs: durable, once per row, cancellable', () => {
  let h: ServiceHarness;
  let storeDir: { dir: string; remove: () => void };
  let ids = 0;
  beforeEach(() => {
    h = new ServiceHarness();
    storeDir = tempDir('edu-import-');
  });
  afterEach(async () => {
    await h.dispose();
    storeDir.remove();
  });

  /** The job stores as a restart opens them again: from their files. */
  const jobsOn = (customers: PartnerCustomers = h.service.customers, concurrency = 4) =>
    importJobsIn(storeDir.dir, {
      customers,
      vetting: h.service.vetting,
      clock: h.clock,
      newId: () => `job-${++ids}`,
      concurrency,
    });

  async function kept(jobs: ImportJobs, bytes: Uint8Array, user = globalAdmin, locale = 'fr-FR') {
    const sheet = await sheetOf(bytes);
    const check = await checkImport(sheet, { customers: h.service.customers, user, locale });
    assert.ok(check.ok);
    return jobs.keep(user, sheet, check.rows, { fileName: 'ecoles.csv', locale });
  }

  const schools = (count: number, prefix = 'school') =>
    formsCsv(
      Array.from({ length: count }, (_, i) =>
        customerForm({ companyName: `Contoso School ${i + 1}`, domain: `${prefix}${i + 1}` }),
      ),
    );

  it('creates the ready rows of a confirmed file, in the partner’s language, and reports progress', async () => {
    const jobs = jobsOn();
    const job = await kept(jobs, spreadsheetFixture('schools-fr.csv'));
    assert.deepEqual([job.state, job.rows, job.ready], ['previewed', 5, 2]);
    assert.equal((await h.service.customers.listCustomers(globalAdmin)).ok, true);

    const seen: ImportJob[] = [];
    jobs.onProgress((progress) => seen.push(progress));
    const started = await jobs.start(globalAdmin, job.jobId);
    assert.ok(started.ok);
    await jobs.idle();

    const done = await jobs.get(globalAdmin.tenantId, job.jobId);
    assert.deepEqual([done?.state, done?.created, done?.failed], ['finished', 2, 0]);
    const rows = await jobs.rowsOf(job.jobId);
    assert.deepEqual(
      rows.map((row) => row.state),
      ['created', 'notReady', 'notReady', 'notReady', 'created'],
    );
    const lycee = await h.service.customers.getCustomer(globalAdmin, 'lyceevictorhugo');
    assert.ok(lycee.ok);
    assert.equal(lycee.value.id, rows[0]?.customerId);
    assert.equal(
      lycee.value.billingProfile.culture,
      'fr-FR',
      'the partner’s language, the school’s country',
    );
    assert.deepEqual(
      seen.map((p) => [p.state, p.created]),
      [
        ['running', 0],
        ['running', 1],
        ['running', 2],
        ['finished', 2],
      ],
    );
  });

  it('makes no customer twice when a restart runs a row whose answer was lost', async () => {
    // The first process makes the third customer, then never hears back (it was killed).
    let calls = 0;
    const dying: PartnerCustomers = Object.create(h.service.customers) as PartnerCustomers;
    dying.createCustomer = async (...args) => {
      const made = await h.service.customers.createCustomer(...args);
      if (++calls === 3) return new Promise(() => undefined);
      return made;
    };
    const first = jobsOn(dying, 1);
    const job = await kept(first, schools(6));
    assert.ok((await first.start(globalAdmin, job.jobId)).ok);
    await eventually(() => (calls === 3 ? true : undefined), 10_000, 'the third row to be sent');

    const second = jobsOn();
    assert.equal(await second.resume(), 1, 'the running job resumes');
    await second.idle();
    const done = await second.get(globalAdmin.tenantId, job.jobId);
    assert.deepEqual([done?.state, done?.created, done?.failed], ['finished', 6, 0]);
    const page = await h.service.customers.listCustomers(globalAdmin, { limit: 50 });
    assert.ok(page.ok);
    const domains = page.value.items.map((c) => c.companyProfile.domain).sort();
    assert.equal(domains.length, 6, `six customers: ${domains.join(', ')}`);
    assert.equal(new Set(domains).size, 6);
  });

  it('corrects and resubmits denied customers, once each, after a restart too', async () => {
    const made = await h.service.customers.createCustomer(
      globalAdmin,
      customerForm({ domain: 'deniedone' }),
    );
    assert.ok(made.ok);
    const id = made.value.customer.id;
    assert.ok(
      (await h.service.vetting.decide(operator, id, { status: 'Denied', reason: 'No proof' })).ok,
    );
    const jobs = jobsOn();
    const job = await kept(
      jobs,
      formsCsv([{ domain: 'deniedone', city: 'Seattle', rowKind: 'correction' }]),
    );
    assert.equal(job.ready, 1);
    assert.ok((await jobs.start(globalAdmin, job.jobId)).ok);
    await jobs.idle();
    const status = await h.service.customers.getQualificationStatus(globalAdmin, id);
    assert.ok(status.ok);
    assert.deepEqual([status.value.vettingStatus, status.value.requestsUsed], ['InReview', 2]);
    const [row] = await jobs.rowsOf(job.jobId);
    assert.deepEqual([row?.state, row?.request, row?.customerId], ['created', 2, id]);
  });

  it('refuses what the partner may not do: roles, a second running import, a job twice', async () => {
    const jobs = jobsOn(h.service.customers, 1);
    const reseller = partnerUser('GlobalAdmin', 'IndirectReseller');
    const job = await kept(jobs, schools(3));
    const refused = await jobs.start(reseller, job.jobId);
    assert.deepEqual(refused.ok ? '' : refused.error, {
      code: 'forbidden',
      reason: 'indirectReseller',
      capability: 'addCustomer',
    });
    const unmapped = await jobs.start(partnerUser(null), job.jobId);
    assert.equal(unmapped.ok ? '' : unmapped.error.code, 'forbidden');

    const correction = await kept(jobs, formsCsv([{ domain: 'x', rowKind: 'correction' }]));
    assert.equal(correction.ready, 0);
    const nothing = await jobs.start(salesAgent, correction.jobId);
    assert.deepEqual(nothing.ok ? '' : nothing.error, { code: 'nothingReady' });

    const other = await kept(jobs, schools(2, 'other'));
    assert.ok((await jobs.start(salesAgent, job.jobId)).ok);
    const second = await jobs.start(salesAgent, other.jobId);
    assert.deepEqual(second.ok ? '' : second.error, { code: 'importRunning', jobId: job.jobId });
    const again = await jobs.start(salesAgent, job.jobId);
    assert.equal(again.ok ? '' : again.error.code, 'importNotPreviewed');
    await jobs.idle();
    assert.equal((await jobs.get(salesAgent.tenantId, job.jobId))?.created, 3);
  });

  it('cancel stops the pending rows; the ones made stay made', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const slow: PartnerCustomers = Object.create(h.service.customers) as PartnerCustomers;
    slow.createCustomer = async (...args) => {
      if (++calls === 2) await gate;
      return h.service.customers.createCustomer(...args);
    };
    const jobs = jobsOn(slow, 1);
    const job = await kept(jobs, schools(5));
    assert.ok((await jobs.start(globalAdmin, job.jobId)).ok);
    await eventually(() => (calls === 2 ? true : undefined), 10_000, 'the second row in flight');
    const cancelling = jobs.cancel(globalAdmin, job.jobId);
    release();
    const cancelled = await cancelling;
    assert.ok(cancelled.ok);
    assert.deepEqual([cancelled.value.state, cancelled.value.created], ['cancelled', 2]);
    assert.deepEqual(
      (await jobs.rowsOf(job.jobId)).map((row) => row.state),
      ['created', 'created', 'cancelled', 'cancelled', 'cancelled'],
    );
    assert.equal(calls, 2, 'no row started after the cancel');
  });
});
