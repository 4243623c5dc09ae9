import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../src/log.js';
import { BENCH_OPERATOR, benchAdmin, percentile, schoolForm } from './benchCustomers.js';
import { TableCustomerStore } from '../src/storage/azure/tableCustomerStore.js';
import type { CustomerStore } from '../src/storage/ports/customerStore.js';
import { LowdbCustomerStore } from '../src/storage/lowdb/lowdbCustomerStore.js';
import { PartnerCenterService } from '../src/service/partnerCenterService.js';
import { startAzurite } from '../test/support/azurite.js';

/**
 * npm run bench:storage — the service's operations on each backend, per operation: lowdb files
 * and Azure Table on Azurite (the emulator, started here). Azurite runs on this machine, in
 * memory, one process: its timings say how many round trips an operation makes, not how fast
 * Azure Storage is (a real account adds network latency, ~5–20 ms a round trip in region).
 */

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 300);
const SAMPLES = 30;
const user = benchAdmin();
const operator = BENCH_OPERATOR;

async function measure(run: (i: number) => Promise<unknown>, samples = SAMPLES): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)}`;
}

async function benchBackend(store: CustomerStore): Promise<Record<string, string>> {
  const service = new PartnerCenterService({ store, log: silentLogger });
  const ids: string[] = [];
  const created = await measure(async (i) => {
    const result = await service.customers.createCustomer(user, schoolForm(i));
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    ids.push(result.value.customer.id);
  }, CUSTOMERS);
  const figures: Record<string, string> = { 'create (all of them)': created };
  figures['get one'] = await measure((i) => service.customers.getCustomer(user, ids[i]!));
  figures['status change'] = await measure((i) =>
    service.vetting.decide(operator, ids[i]!, { status: 'Denied', reason: 'Benchmark' }),
  );
  figures['resubmit'] = await measure((i) => service.vetting.resubmit(user, ids[i]!));
  figures['page of 25 by name'] = await measure(() =>
    service.customers.listCustomers(user, { limit: 25 }),
  );
  figures['page of 25, status filter'] = await measure(() =>
    service.customers.listCustomers(user, { limit: 25, status: 'InReview' }),
  );
  figures['page of 25, newest first'] = await measure(() =>
    service.customers.listCustomers(user, { limit: 25, sort: 'lastChange' }),
  );
  figures['search'] = await measure(
    () => service.customers.listCustomers(user, { limit: 25, text: 'district 1' }),
    5,
  );
  figures['overview (whole partner)'] = await measure(() => service.customers.overview(user), 3);
  await store.close();
  return figures;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-storage-'));
const azurite = await startAzurite();
try {
  const lowdb = await benchBackend(LowdbCustomerStore.open(dir));
  const azure = await benchBackend(
    await TableCustomerStore.open(azurite.account, 'benchCustomers'),
  );
  console.log(
    `storage backends — ${CUSTOMERS} customers, one partner; median / p95 in ms — Node ${process.version}, ${os.cpus().length} cores`,
  );
  console.log(
    'Azurite is an in-memory emulator on this machine: its column counts round trips, it is not Azure Storage latency.',
  );
  console.log('| operation | lowdb | Azure Table (Azurite) |');
  console.log('|---|---:|---:|');
  for (const operation of Object.keys(lowdb))
    console.log(`| ${operation} | ${lowdb[operation]} | ${azure[operation]} |`);
} finally {
  await azurite.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
