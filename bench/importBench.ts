import { performance } from 'node:perf_hooks';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readSheet } from 'read-excel-file/universal';
import writeXlsxFile from 'write-excel-file/node';
import { checkImport } from '../src/import/checkImport.js';
import { columnHeader, TEMPLATE_COLUMNS } from '../src/import/columns.js';
import { readSpreadsheet } from '../src/import/readSpreadsheet.js';
import { localizer } from '../src/i18n/localizer.js';
import { ServiceHarness } from '../test/support/serviceHarness.js';
import { tempDir } from '../test/support/temp.js';
import { importJobsIn } from '../test/support/importFiles.js';
import { benchAdmin, schoolForm } from './benchCustomers.js';
import type { Clock } from '../src/domain/clock.js';
import { silentLogger } from '../src/log.js';
import { PartnerCenterGateway } from '../src/partnerCenter/partnerCenterGateway.js';
import { PartnerCenterService } from '../src/service/partnerCenterService.js';
import { LowdbCustomerStore } from '../src/storage/lowdb/lowdbCustomerStore.js';
import { testClock } from '../test/support/clock.js';
import { FakePartnerCenter, partnerCenterApiFor } from '../test/support/fakePartnerCenter.js';

/**
 * npm run bench:import: for a file of 500 schools, in CSV and in XLSX, the time to read and check
 * it against the parser alone reading the same bytes in the same run (goal: at most 2x, and under
 * a second), the peak memory, and the job's rows per second against the local service.
 */

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 500);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 15);

const english = localizer('en');
const header = TEMPLATE_COLUMNS.map((column) => columnHeader(english, column));
/** A file's rows; `first` numbers its schools, so every run reads schools it has not seen. */
const tableFrom = (first: number) =>
  Array.from({ length: ROWS }, (_, i) => {
    const form: Record<string, string> = schoolForm(first + i);
    return TEMPLATE_COLUMNS.map((column) => form[column] ?? '');
  });
const table = tableFrom(0);

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

/**
 * Alternates the two measures run by run, so the machine's noise falls on both alike. Each run
 * reads its own file (new names, emails, domains): nothing remembered from an earlier run helps.
 */
async function timed(
  bare: (run: number) => Promise<unknown>,
  full: (run: number) => Promise<unknown>,
) {
  const bareMs: number[] = [];
  const fullMs: number[] = [];
  await bare(RUNS);
  await full(RUNS);
  for (let run = 0; run < RUNS; run++) {
    let started = performance.now();
    await bare(run);
    bareMs.push(performance.now() - started);
    started = performance.now();
    await full(run);
    fullMs.push(performance.now() - started);
    sampleRss();
  }
  return { bare: median(bareMs), full: median(fullMs) };
}

/** Keeps the checked file as a job, starts it, waits for its end. */
async function runJob(
  service: Pick<PartnerCenterService, 'customers' | 'vetting'>,
  clock: Clock,
  dir: string,
  csv: Uint8Array,
) {
  const user = benchAdmin('bench-tenant', 'DirectBill');
  const jobs = importJobsIn(dir, {
    customers: service.customers,
    vetting: service.vetting,
    clock,
    newId: () => 'bench-job',
  });
  const read = await readSpreadsheet(csv);
  if (!read.ok) throw new Error('unreadable');
  const checked = await checkImport(read.value, {
    customers: service.customers,
    user,
    locale: 'en-US',
  });
  if (!checked.ok || checked.ready !== ROWS) throw new Error('the bench file should be ready');
  const keptAt = performance.now();
  const job = await jobs.keep(user, read.value, checked.rows, {
    fileName: 'bench.csv',
    locale: 'en-US',
  });
  const keptMs = performance.now() - keptAt;
  const startedAt = performance.now();
  const started = await jobs.start(user, job.jobId);
  if (!started.ok) throw new Error(`not started: ${started.error.code}`);
  await jobs.idle();
  const seconds = (performance.now() - startedAt) / 1000;
  const done = await jobs.get(user.tenantId, job.jobId);
  sampleRss();
  return { keptMs, seconds, created: done?.created ?? 0, failed: done?.failed ?? 0 };
}

/**
 * The same job in api mode against the loopback fake Partner Center, under the client's limiter
 * at PARTNER_CENTER_CALLS_PER_SECOND: the calls it made a second, as a share of that limit
 * (goal: 90 % or more).
 */
async function againstFakePartnerCenter(csv: Uint8Array): Promise<void> {
  const rate = Number(process.env.BENCH_PC_CALLS_PER_SECOND ?? 100);
  const fake = await FakePartnerCenter.start();
  const dir = tempDir('edu-import-bench-api-');
  const store = LowdbCustomerStore.open(dir.dir);
  const clock = testClock();
  try {
    const api = partnerCenterApiFor(fake, {
      settings: { limits: { concurrency: 8, perSecond: rate, maxQueued: 100, maxWaitMs: 30_000 } },
    });
    const service = new PartnerCenterService({
      store,
      log: silentLogger,
      now: clock,
      partnerCenter: {
        gateway: new PartnerCenterGateway(api, silentLogger),
        poll: { firstSeconds: 3600, maxSeconds: 3600, batch: 10 },
      },
    });
    const apiCalls = () => fake.calls.filter((call) => call.path.startsWith('/v1/')).length;
    const before = apiCalls();
    const job = await runJob(service, clock, dir.dir, csv);
    const calls = apiCalls() - before;
    const callsPerSecond = calls / job.seconds;
    console.log(
      `job, fake Partner Center at ${rate} calls/s: made ${job.created} customers (${job.failed} failed) in ${job.seconds.toFixed(2)} s = ${(ROWS / job.seconds).toFixed(1)} rows/s, ${calls} calls = ${callsPerSecond.toFixed(1)} calls/s: ${((100 * callsPerSecond) / rate).toFixed(0)} % of the limit (goal: 90 % or more)`,
    );
  } finally {
    await store.close();
    dir.remove();
    await fake.stop();
  }
}

async function main(): Promise<void> {
  const h = new ServiceHarness();
  const stores = tempDir('edu-import-bench-');
  const user = benchAdmin('bench-tenant', 'DirectBill');
  try {
    const csv = new TextEncoder().encode(stringify([header, ...table], { bom: true }));
    // One file per run (and one to warm up), each in both formats.
    const tables = Array.from({ length: RUNS + 1 }, (_, run) => tableFrom((run + 1) * ROWS));
    const csvFiles = tables.map((rows) =>
      new TextEncoder().encode(stringify([header, ...rows], { bom: true })),
    );
    const xlsxFiles = await Promise.all(
      tables.map(async (rows) => new Uint8Array(await writeXlsxFile([header, ...rows]).toBuffer())),
    );
    const check = async (bytes: Uint8Array) => {
      const read = await readSpreadsheet(bytes);
      if (!read.ok) throw new Error(`unreadable: ${read.error.code}`);
      const checked = await checkImport(read.value, {
        customers: h.service.customers,
        user,
        locale: 'en-US',
      });
      if (!checked.ok || checked.ready !== ROWS) throw new Error('the bench file should be ready');
      return checked;
    };
    console.log(
      `bench:import — ${ROWS} rows, median of ${RUNS} runs each, alternated, a new file each run`,
    );
    console.log(
      'format  bytes    bare parse  read+check  ratio  (goal: ratio <= 2, check < 1000 ms)',
    );
    const bareCsv = (bytes: Uint8Array) =>
      Promise.resolve(
        parseCsv(new TextDecoder().decode(bytes), { bom: true, relax_column_count: true }),
      );
    const bareXlsx = (bytes: Uint8Array) =>
      readSheet(
        (bytes.buffer as ArrayBuffer).slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      );
    for (const [format, files, bare] of [
      ['csv', csvFiles, bareCsv],
      ['xlsx', xlsxFiles, bareXlsx],
    ] as const) {
      const fileOf = (run: number) => files[run] ?? new Uint8Array();
      const { bare: bareMs, full: fullMs } = await timed(
        (run) => bare(fileOf(run)),
        (run) => check(fileOf(run)),
      );
      console.log(
        `${format.padEnd(6)}  ${String(fileOf(0).length).padEnd(7)}  ${bareMs.toFixed(1).padStart(7)} ms  ${fullMs
          .toFixed(1)
          .padStart(7)} ms  ${(fullMs / bareMs).toFixed(2)}x`,
      );
    }
    console.log(`peak RSS while checking: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);

    // The job against the local service: keep the checked file, start it, wait for the end.
    const local = await runJob(h.service, h.clock, stores.dir, csv);
    console.log(
      `job, local service: kept ${ROWS} rows in ${local.keptMs.toFixed(0)} ms; made ${local.created} customers in ${local.seconds.toFixed(2)} s = ${(ROWS / local.seconds).toFixed(0)} rows/s`,
    );
    await againstFakePartnerCenter(csv);
    console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    await h.dispose();
    stores.remove();
  }
}

await main();
