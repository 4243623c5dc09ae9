import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { DEFAULT_LIMITS } from '../src/config.js';
import { BENCH_OPERATOR, benchAdmin, schoolForm } from './benchCustomers.js';
import { startTestApp } from '../test/support/appHarness.js';
import { ChatClient } from '../test/support/chatClient.js';
import { ConnectorStub } from '../test/support/connectorStub.js';

/**
 * npm run bench:notify — how long fan-out of one decision to N conversations takes through the
 * real notifier and a local connector stub, and the peak memory, with Teams' rate limits on
 * (30/s per tenant: N/30 seconds is the floor) and with them lifted (the machinery's own cost).
 */

const SIZES = (process.env.BENCH_CONVERSATIONS ?? '100,500').split(',').map(Number);

async function run(conversations: number, limited: boolean) {
  const connector = await new ConnectorStub().start();
  const unlimited = {
    perConversation: [{ limit: 1e9, windowMs: 1000 }],
    perTenant: [{ limit: 1e9, windowMs: 1000 }],
    concurrency: 16,
  };
  // Emulator mode keeps 200 conversations per tenant by default; the benchmark fans out to more.
  const limits = { ...DEFAULT_LIMITS, emulatorConversationsPerTenant: 100_000 };
  const app = await startTestApp(
    limited ? { limits } : { limits, tuning: { notifier: unlimited } },
  );
  try {
    for (let i = 0; i < conversations; i++) {
      await new ChatClient(() => app.url, connector, {
        user: { id: `u${i}`, name: `User ${i}`, aadObjectId: `aad-${i}` },
      }).say('notify all');
    }
    // One customer of the chats' tenant; its decision goes to every conversation.
    const created = await app.service.customers.createCustomer(
      benchAdmin('tenant-1', 'IndirectProvider'),
      schoolForm(0),
    );
    if (!created.ok) throw new Error('seed failed');
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const started = performance.now();
    await app.service.vetting.decide(BENCH_OPERATOR, created.value.customer.id, {
      status: 'Approved',
    });
    while (connector.proactiveCalls().length < conversations)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    return {
      conversations,
      limited,
      seconds,
      perSecond: conversations / seconds,
      peakRssMb: peakRss / 1024 / 1024,
    };
  } finally {
    await app.dispose();
    await connector.stop();
  }
}

console.log(
  `notification fan-out — Node ${process.version}, ${os.cpus().length} cores; one decision to N conversations through a local connector stub`,
);
console.log('| conversations | Teams limits | fan-out time | deliveries/s | peak RSS |');
console.log('|---:|---|---:|---:|---:|');
for (const n of SIZES) {
  for (const limited of [true, false]) {
    const r = await run(n, limited);
    console.log(
      `| ${r.conversations} | ${r.limited ? 'on (30/s per tenant)' : 'lifted'} | ${r.seconds.toFixed(2)} s | ${r.perSecond.toFixed(1)} | ${r.peakRssMb.toFixed(0)} MB |`,
    );
  }
}
