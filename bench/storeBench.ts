import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/log.js';
import { BENCH_OPERATOR, benchAdmin, percentile, schoolForm } from './benchCustomers.js';
import { LowdbCustomerStore } from '../src/storage/lowdb/lowdbCustomerStore.js';
import { PartnerCenterService } from '../src/service/partnerCenterService.js';

/**
 * npm run bench:store — the embedded store's costs at 1,000 and 10,000 customers, against the
 * budgets of the foundation issue: a status change ≤ 5 ms, no event-loop block > 20 ms during
 * writes, start-up ≤ 1 s at 10,000 customers.
 */

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const SAMPLES = 300;
const user = benchAdmin();
const operator = BENCH_OPERATOR;

const ms = (n: number) => `${n.toFixed(2)} ms`;

async function benchSize(n: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));
  try {
    let store = LowdbCustomerStore.open(dir);
    let service = new PartnerCenterService({ store, log: silentLogger });
    const seedStart = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const created = await service.customers.createCustomer(user, schoolForm(i));
      if (!created.ok) throw new Error(JSON.stringify(created.error));
      ids.push(created.value.customer.id);
    }
    const createMs = (performance.now() - seedStart) / n;
    await store.close();

    const startups: number[] = [];
    for (let run = 0; run < 3; run++) {
      const t = performance.now();
      store = LowdbCustomerStore.open(dir);
      service = new PartnerCenterService({ store, log: silentLogger });
      await service.customers.operatorList({ status: 'InReview', limit: 100 }); // first query builds the sorted index
      startups.push(performance.now() - t);
      if (run < 2) await store.close();
    }

    // Status changes one after another (latency), then 20 at a time (event-loop blocking).
    const latencies: number[] = [];
    for (const id of ids.slice(0, SAMPLES)) {
      const t = performance.now();
      const result = await service.vetting.decide(operator, id, { status: 'Approved' });
      latencies.push(performance.now() - t);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
    }
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const burst = ids.slice(SAMPLES, SAMPLES * 2);
    const burstStart = performance.now();
    for (let i = 0; i < burst.length; i += 20) {
      await Promise.all(
        burst
          .slice(i, i + 20)
          .map((id) =>
            service.vetting.decide(operator, id, { status: 'Denied', reason: 'Benchmark' }),
          ),
      );
    }
    const burstMs = performance.now() - burstStart;
    loop.disable();
    const listStart = performance.now();
    await service.customers.listCustomers(user, { status: 'Approved', limit: 20 });
    const listMs = performance.now() - listStart;
    const tab = await benchTabQueries(service, ids);
    await store.close();

    latencies.sort((a, b) => a - b);
    return {
      customers: n,
      createMs,
      startupMs: Math.min(...startups),
      changeMedian: percentile(latencies, 50),
      changeP95: percentile(latencies, 95),
      changeMax: latencies.at(-1)!,
      burstPerSecond: (burst.length / burstMs) * 1000,
      loopMaxMs: loop.max / 1e6,
      listMs,
      ...tab,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What the personal tab asks for: a page newest change first (re-sorted after every change), a search, the overview. */
async function benchTabQueries(service: PartnerCenterService, ids: string[]) {
  const time = async (run: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await run();
      samples.push(performance.now() - t);
    }
    return percentile(
      samples.sort((a, b) => a - b),
      50,
    );
  };
  let next = SAMPLES * 2;
  const afterChangeMs = await time(async () => {
    const id = ids[next++ % ids.length]!;
    await service.vetting.decide(operator, id, { status: 'Approved' });
    const t = performance.now();
    await service.customers.listCustomers(user, { sort: 'lastChange', limit: 25 });
    return performance.now() - t;
  });
  const searchMs = await time(() =>
    service.customers.listCustomers(user, { text: 'district 99', sort: 'lastChange', limit: 25 }),
  );
  const overviewMs = await time(() => service.customers.overview(user));
  return { tabPageAfterChangeMs: afterChangeMs, tabSearchMs: searchMs, tabOverviewMs: overviewMs };
}

const rows = [];
for (const n of SIZES) rows.push(await benchSize(n));

const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER BUDGET');
console.log(
  `lowdb customer store — Node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`,
);
console.log(
  '| customers | start-up | status change median / p95 / max | longest event-loop block (20 parallel writes) | writes/s (20 parallel) | create | list page |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.customers} | ${ms(r.startupMs)} | ${ms(r.changeMedian)} / ${ms(r.changeP95)} / ${ms(r.changeMax)} | ${ms(r.loopMaxMs)} | ${r.burstPerSecond.toFixed(0)} | ${ms(r.createMs)} | ${ms(r.listMs)} |`,
  );
}
const big = rows.find((r) => r.customers === 10000);
if (big) {
  console.log(
    `budgets at 10,000: status change p95 ≤ 5 ms: ${verdict(big.changeP95 <= 5)}; event-loop block ≤ 20 ms: ${verdict(big.loopMaxMs <= 20)}; start-up ≤ 1 s: ${verdict(big.startupMs <= 1000)}`,
  );
}
console.log('');
console.log(
  'personal tab, median of 20 (a page of 25, newest change first, includes one status change before each; a search; the overview)',
);
console.log('| customers | change + page newest first | search | overview |');
console.log('|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.customers} | ${ms(r.tabPageAfterChangeMs)} | ${ms(r.tabSearchMs)} | ${ms(r.tabOverviewMs)} |`,
  );
