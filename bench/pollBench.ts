import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../src/log.js';
import { PartnerCenterGateway } from '../src/partnerCenter/partnerCenterGateway.js';
import { PartnerCenterService } from '../src/service/partnerCenterService.js';
import type { PollTimers } from '../src/service/qualificationPoller.js';
import { LowdbCustomerStore } from '../src/storage/lowdb/lowdbCustomerStore.js';
import { memoryStore, partnerCenterApiFor } from '../test/support/fakePartnerCenter.js';
import { tempDir } from '../test/support/temp.js';
import { benchAdmin, percentile, schoolForm } from './benchCustomers.js';

/**
 * npm run bench:poll: the api mode's poller against the fake Partner Center, on a simulated
 * clock (its one timer runs at once in simulated time; every read is a real HTTP call to the
 * fake and a real write of the kept schedule). Customers in review get Microsoft's decision at a
 * random moment of a week; the poller has only its schedule to hear it. It prints the calls per
 * customer-hour beside what the schedule alone makes, the delay from a decision to its event
 * (the card), the calls made after a decision, and the CPU per simulated hour of the bot's side
 * (poller, client and store, in this process) and, apart, of the fake (its own process).
 */

const FAKE_PROCESS = fileURLToPath(
  new URL('../test/support/fakePartnerCenterProcess.js', import.meta.url),
);

/** The fake in its own process: its URL, decisions (acknowledged before the next read), its CPU at the end. */
async function startFake(): Promise<{
  url: string;
  decide(id: string, status: 'Approved' | 'Denied', reason: string): Promise<void>;
  stop(): Promise<number>;
}> {
  const child: ChildProcess = fork(FAKE_PROCESS, [JSON.stringify({ tokenSeconds: 86_400 })]);
  const [{ url }] = (await once(child, 'message')) as [{ url: string }];
  let seq = 0;
  return {
    url,
    async decide(id, status, reason) {
      const mine = ++seq;
      const acked = new Promise<void>((resolve) => {
        const onMessage = (message: { ack?: number }) => {
          if (message.ack !== mine) return;
          child.off('message', onMessage);
          resolve();
        };
        child.on('message', onMessage);
      });
      child.send({ kind: 'decide', seq: mine, id, status, reason });
      await acked;
    },
    async stop() {
      child.send({ kind: 'stop' });
      for (;;) {
        const [message] = (await once(child, 'message')) as [{ cpu?: number }];
        if (message.cpu !== undefined) return message.cpu;
      }
    },
  };
}

const HOUR = 3_600_000;
const FIRST_SECONDS = 900;
const MAX_SECONDS = 6 * 3600;

/** A seeded generator: the same decisions and jitter in every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Reads the schedule alone makes (no jitter) while a customer waits `decidedAfterMs`, the finding read included. */
function scheduleReads(decidedAfterMs: number): number {
  let at = 0;
  let interval = FIRST_SECONDS * 1000;
  let reads = 0;
  for (;;) {
    at += interval;
    reads++;
    if (at >= decidedAfterMs) return reads;
    interval = Math.min(MAX_SECONDS * 1000, interval * 2);
  }
}

interface Run {
  customers: number;
  simulatedHours: number;
  callsPerCustomerHour: number;
  scheduleCallsPerCustomerHour: number;
  callsAfterDecision: number;
  delayP50Minutes: number;
  delayP95Minutes: number;
  cpuPercentOfCore: number;
  fakeCpuPercentOfCore: number;
  wallSeconds: number;
}

async function simulate(customers: number, days: number, decide: boolean): Promise<Run> {
  const fake = await startFake();
  const dir = tempDir('bench-poll-');
  const store = LowdbCustomerStore.open(dir.dir);
  const start = Date.parse('2026-11-23T08:00:00Z');
  let now = start;
  const random = seeded(42);

  // The poller's one timer, on the simulated clock.
  let pending: { at: number; run: () => void; handle: object } | undefined;
  let timerSet: (() => void) | undefined;
  const timers: PollTimers = {
    set(run, ms) {
      const handle = {};
      pending = { at: now + ms, run, handle };
      timerSet?.();
      return handle;
    },
    clear(handle) {
      if (pending?.handle === handle) pending = undefined;
    },
  };
  const api = partnerCenterApiFor(fake, {
    store: memoryStore(),
    settings: {
      limits: { concurrency: 8, perSecond: 10_000, maxQueued: 100_000, maxWaitMs: 60_000 },
    },
  });
  // Qualification reads per customer, counted as they are sent (the bench injects no faults, so
  // each is one call).
  const reads = new Map<string, number>();
  const gateway = new PartnerCenterGateway(api, silentLogger);
  const readQualification = gateway.readQualification.bind(gateway);
  gateway.readQualification = (id) => {
    reads.set(id, (reads.get(id) ?? 0) + 1);
    return readQualification(id);
  };
  const service = new PartnerCenterService({
    store,
    log: silentLogger,
    now: () => new Date(now),
    partnerCenter: {
      gateway,
      poll: { firstSeconds: FIRST_SECONDS, maxSeconds: MAX_SECONDS, batch: 500 },
      timers,
    },
  });
  const admin = benchAdmin();
  const ids: string[] = [];
  for (let i = 0; i < customers; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, customers - i) }, (_, j) =>
        service.customers.createCustomer(admin, schoolForm(i + j), { key: `bench-${i + j}` }),
      ),
    );
    for (const created of batch) if (created.ok) ids.push(created.value.customer.id);
  }
  const end = start + days * 24 * HOUR;
  const decisions = decide
    ? ids
        .map((id) => ({ id, at: start + HOUR + random() * (end - start - HOUR) }))
        .sort((a, b) => a.at - b.at)
    : [];
  const decidedAt = new Map<string, number>();
  const heardAt = new Map<string, number>();
  const readsWhenHeard = new Map<string, number>();
  service.events.onStatusChange((event) => {
    if (event.to !== 'Approved' && event.to !== 'Denied') return;
    heardAt.set(event.customer.id, now);
    readsWhenHeard.set(event.customer.id, reads.get(event.customer.id) ?? 0);
  });

  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const nextTimer = () => new Promise<void>((resolve) => (timerSet = resolve));
  let set = nextTimer();
  await service.poller!.start();
  await set;
  let next = 0;
  while (now < end) {
    const decision = decisions[next];
    const timer = pending;
    if (!timer) throw new Error('the poller set no timer');
    if (decision && decision.at <= timer.at) {
      now = decision.at;
      await fake.decide(
        decision.id,
        random() < 0.7 ? 'Approved' : 'Denied',
        'Not an Academic Domain',
      );
      decidedAt.set(decision.id, now);
      next++;
      continue;
    }
    now = Math.max(now, timer.at);
    pending = undefined;
    set = nextTimer();
    timer.run();
    await set;
  }
  const cpu = process.cpuUsage(cpuBefore);
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  await service.poller!.stop();

  // Calls, and customer-hours in review (until the decision was heard, or the end).
  let calls = 0;
  let scheduled = 0;
  let customerHours = 0;
  let afterDecision = 0;
  for (const id of ids) {
    const made = reads.get(id) ?? 0;
    calls += made;
    const until = heardAt.get(id) ?? end;
    customerHours += (until - start) / HOUR;
    const decided = decidedAt.get(id);
    scheduled += scheduleReads((decided ?? end) - start) - (decided === undefined ? 1 : 0);
    // Reads after the one that found the decision.
    const whenHeard = readsWhenHeard.get(id);
    if (whenHeard !== undefined) afterDecision += made - whenHeard;
  }
  const delays = [...heardAt.entries()]
    .map(([id, at]) => (at - (decidedAt.get(id) ?? at)) / 60_000)
    .sort((a, b) => a - b);
  const simulatedHours = (end - start) / HOUR;
  await store.close();
  dir.remove();
  const fakeCpu = await fake.stop();
  return {
    customers: ids.length,
    simulatedHours,
    callsPerCustomerHour: calls / customerHours,
    scheduleCallsPerCustomerHour: scheduled / customerHours,
    callsAfterDecision: afterDecision,
    delayP50Minutes: delays.length ? percentile(delays, 50) : 0,
    delayP95Minutes: delays.length ? percentile(delays, 95) : 0,
    cpuPercentOfCore: ((cpu.user + cpu.system) / 1000 / (simulatedHours * HOUR)) * 100,
    // The fake's whole life, creating the customers included: an upper bound of its share.
    fakeCpuPercentOfCore: (fakeCpu / 1000 / (simulatedHours * HOUR)) * 100,
    wallSeconds,
  };
}

const size = Number(process.env.BENCH_CUSTOMERS ?? 1_000);
const large = Number(process.env.BENCH_LARGE ?? 10_000);
console.log(
  `bench:poll — ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, Node ${process.version}; first read after ${FIRST_SECONDS / 60} min, doubling to ${MAX_SECONDS / 3600} h, ±10% jitter`,
);
console.log(
  '| customers | simulated | calls per customer-hour (schedule alone) | calls after a decision | decision → card p50 / p95 | CPU, % of a core: bot side (fake) | wall |',
);
console.log('|---:|---|---:|---:|---:|---:|---:|');
const rows: [number, number, boolean][] = [
  [size, 7, true],
  [large, 0.25, false],
];
for (const [customers, days, decide] of rows) {
  const run = await simulate(customers, days, decide);
  console.log(
    `| ${run.customers} | ${days >= 1 ? `${days} days, decisions at random` : `${run.simulatedHours} h, all in review`} | ${run.callsPerCustomerHour.toFixed(3)} (${run.scheduleCallsPerCustomerHour.toFixed(3)}, ×${(run.callsPerCustomerHour / run.scheduleCallsPerCustomerHour).toFixed(3)}) | ${run.callsAfterDecision} | ${decide ? `${run.delayP50Minutes.toFixed(0)} / ${run.delayP95Minutes.toFixed(0)} min` : '–'} | ${run.cpuPercentOfCore.toFixed(4)} (${run.fakeCpuPercentOfCore.toFixed(4)}) | ${run.wallSeconds.toFixed(1)} s |`,
  );
}
