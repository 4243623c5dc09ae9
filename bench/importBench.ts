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

/**
 * npm run bench:import: for a file of 500 schools, in CSV and in XLSX, the time to read and check
 * it against the parser alone reading the same bytes in the same run (goal: at most 2x, and under
 * a second), the peak memory, and the job's rows per second against the local service.
 */

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 500);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 15);

const english = localizer('en');
const header = TEMPLATE_COLUMNS.map((column) => columnHeader(english, column));
const table = Array.from({ length: ROWS }, (_, i) => {
  const form: Record<string, string> = schoolForm(i);
  return TEMPLATE_COLUMNS.map((column) => form[column] ?? '');
});

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

/** Alternates the two measures run by run, so the machine's noise falls on both alike. */
async function timed(bare: () => Promise<unknown>, full: () => Promise<unknown>) {
  const bareMs: number[] = [];
  const fullMs: number[] = [];
  await bare();
  await full();
  for (let run = 0; run < RUNS; run++) {
    let started = performance.now();
    await bare();
    bareMs.push(performance.now() - started);
    started = performance.now();
    await full();
    fullMs.push(performance.now() - started);
    sampleRss();
  }
  return { bare: median(bareMs), full: median(fullMs) };
}

async function main(): Promise<void> {
  const h = new ServiceHarness();
  const stores = tempDir('edu-import-bench-');
  const user = benchAdmin('bench-tenant', 'DirectBill');
  try {
    const csv = new TextEncoder().encode(stringify([header, ...table], { bom: true }));
    const xlsx = new Uint8Array(await writeXlsxFile([header, ...table]).toBuffer());
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
    console.log(`bench:import — ${ROWS} rows, median of ${RUNS} runs each, alternated`);
    console.log(
      'format  bytes    bare parse  read+check  ratio  (goal: ratio <= 2, check < 1000 ms)',
    );
    for (const [format, bytes, bare] of [
      [
        'csv',
        csv,
        () =>
          Promise.resolve(
            parseCsv(new TextDecoder().decode(csv), { bom: true, relax_column_count: true }),
          ),
      ],
      [
        'xlsx',
        xlsx,
        () => readSheet(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength)),
      ],
    ] as const) {
      const { bare: bareMs, full: fullMs } = await timed(bare, () => check(bytes));
      console.log(
        `${format.padEnd(6)}  ${String(bytes.length).padEnd(7)}  ${bareMs.toFixed(1).padStart(7)} ms  ${fullMs
          .toFixed(1)
          .padStart(7)} ms  ${(fullMs / bareMs).toFixed(2)}x`,
      );
    }
    console.log(`peak RSS while checking: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);

    // The job against the local service: keep the checked file, start it, wait for the end.
    const jobs = importJobsIn(stores.dir, {
      customers: h.service.customers,
      vetting: h.service.vetting,
      clock: h.clock,
      newId: () => 'bench-job',
    });
    const read = await readSpreadsheet(csv);
    if (!read.ok) throw new Error('unreadable');
    const checked = await check(csv);
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
    console.log(
      `job, local service: kept ${ROWS} rows in ${keptMs.toFixed(0)} ms; made ${done?.created} customers in ${seconds.toFixed(2)} s = ${(ROWS / seconds).toFixed(0)} rows/s`,
    );
    console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    await h.dispose();
    stores.remove();
  }
}

await main();
