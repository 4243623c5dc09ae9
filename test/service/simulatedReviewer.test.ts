import assert from 'node:assert/strict';
import { silentLogger } from '../../src/log.js';
import { TimerReviewQueue } from '../../src/storage/timerReviewQueue.js';
import { SimulatedReviewer } from '../../src/service/simulatedReviewer.js';
import { customerForm, globalAdmin } from '../support/fixtures.js';
import { ServiceHarness } from '../support/serviceHarness.js';
import { eventually } from '../support/temp.js';

// Timers run on a monotonic clock; wall-clock stamps may read a few ms early.
const CLOCK_SLACK_MS = 20;

describe('simulated reviewer', () => {
  let h: ServiceHarness;
  let reviewer: SimulatedReviewer | undefined;
  beforeEach(() => (h = new ServiceHarness()));
  afterEach(async () => {
    await reviewer?.stop();
    await h.dispose();
  });

  const startReviewer = async (seconds: number) => {
    await reviewer?.stop();
    reviewer = new SimulatedReviewer(
      h.service,
      seconds,
      silentLogger,
      new TimerReviewQueue(h.clock),
    );
    await reviewer.start();
  };
  const create = async (overrides: Record<string, unknown> = {}) => {
    const result = await h.service.customers.createCustomer(globalAdmin, customerForm(overrides));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
    return result.value.customer;
  };
  const statusOf = (id: string) => h.onDisk(id).qualification;

  it('decides each review after the delay, by the documented rules', async () => {
    await startReviewer(0.4);
    const good = await create();
    const bad = await create({
      companyName: 'Northwind Learning',
      domain: 'northwind',
      website: '',
      email: 'office@northwind-group.com',
    });
    assert.equal(statusOf(good.id).vettingStatus, 'InReview');
    await eventually(
      () => (statusOf(good.id).vettingStatus === 'Approved' ? true : undefined),
      3000,
      'approval',
    );
    await eventually(
      () => (statusOf(bad.id).vettingStatus === 'Denied' ? true : undefined),
      3000,
      'denial',
    );
    assert.match(statusOf(bad.id).vettingReason ?? '', /No website/);
    const decision = statusOf(good.id).history.at(-1);
    assert.equal(decision?.by.kind, 'reviewer');
    const elapsed = Date.parse(decision.at) - Date.parse(statusOf(good.id).vettingCreateDate!);
    assert.ok(elapsed >= 400 - CLOCK_SLACK_MS, `decided after ${elapsed} ms, not before the delay`);
    assert.deepEqual(
      h.events.filter((e) => e.customer.id === good.id).map((e) => e.to),
      ['InReview', 'Approved'],
    );
  });

  it('decides a review left pending by a stop after restart, on its original schedule', async () => {
    const customer = await create();
    const startedAt = Date.parse(customer.qualification.vettingCreateDate!);
    await new Promise((resolve) => setTimeout(resolve, 800));
    await h.restart();
    await startReviewer(1.5);
    assert.equal(statusOf(customer.id).vettingStatus, 'InReview');
    await eventually(
      () => (statusOf(customer.id).vettingStatus === 'Approved' ? true : undefined),
      4000,
      'approval after restart',
    );
    const elapsed = Date.parse(statusOf(customer.id).history.at(-1)!.at) - startedAt;
    // Due 1.5 s after the review started; timed from the restart it would be 2.3 s or later.
    assert.ok(
      elapsed >= 1500 - CLOCK_SLACK_MS && elapsed < 2200,
      `decided ${elapsed} ms after the review started`,
    );
  });

  it('decides an overdue review as soon as it starts', async () => {
    const customer = await create();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await h.restart();
    await startReviewer(0.1);
    await eventually(
      () => (statusOf(customer.id).vettingStatus === 'Approved' ? true : undefined),
      1500,
      'overdue approval',
    );
  });

  it('leaves alone a review an operator already decided, and reviews a resubmission anew', async () => {
    await startReviewer(0.5);
    const customer = await create();
    const denied = await h.service.vetting.decide(
      { kind: 'operator', id: 'op', name: 'Op' },
      customer.id,
      {
        status: 'Denied',
        reason: 'Call us',
      },
    );
    assert.ok(denied.ok);
    const resubmitted = await h.service.vetting.resubmit(globalAdmin, customer.id);
    assert.ok(resubmitted.ok);
    await eventually(
      () => (statusOf(customer.id).vettingStatus === 'Approved' ? true : undefined),
      3000,
      'approval of the resubmission',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(
      statusOf(customer.id).history.map((e) => `${e.to}:${e.by.kind}`),
      ['InReview:partnerUser', 'Denied:operator', 'InReview:partnerUser', 'Approved:reviewer'],
    );
  });
});
