import { FakePartnerCenter } from './fakePartnerCenter.js';

/**
 * The fake Partner Center as a process, for `npm run playground -- --partner-center=fake`: api
 * mode seen without an account. Microsoft's side is played by a rule that shows the whole flow:
 * each customer's first verification request is denied, every later one approved, each
 * DEMO_DECIDE_SECONDS (default 20) after it was made. Prints its URL as the first line of stdout.
 */

const DECIDE_SECONDS = Number(process.env.DEMO_DECIDE_SECONDS ?? 20);
const TICK_MS = 1_000;

const fake = await FakePartnerCenter.start({ pageSize: 50 });
process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);

setInterval(() => {
  for (const customer of fake.customers.values()) {
    const review = customer.qualification;
    if (review?.vettingStatus !== 'InReview') continue;
    if (Date.now() - Date.parse(review.vettingCreateDate) < DECIDE_SECONDS * 1000) continue;
    if (customer.requests === 1) fake.decide(customer.id, 'Denied', 'Not an Academic Domain');
    else fake.decide(customer.id, 'Approved');
  }
}, TICK_MS);

const stop = () => void fake.stop().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
