import assert from 'node:assert/strict';
import type { CustomerRecord, HistoryEntry, VettingStatus } from '../../src/domain/customer.js';
import { completedReviewDays, summarizeCustomers } from '../../src/domain/overview.js';

const by = { kind: 'partnerUser' as const, id: 'u', name: 'U' };
const day = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 86_400_000).toISOString();
const move = (
  from: VettingStatus,
  to: VettingStatus,
  onDay: number,
  extra: Partial<HistoryEntry> = {},
): HistoryEntry => ({ at: day(onDay), by, from, to, ...extra });

/** Only what the overview reads: the status, when the review started, and the history. */
function customer(
  status: VettingStatus,
  history: HistoryEntry[],
  reviewStartedOnDay?: number,
): CustomerRecord {
  return {
    qualification: {
      vettingStatus: status,
      history,
      ...(reviewStartedOnDay === undefined ? {} : { vettingCreateDate: day(reviewStartedOnDay) }),
    },
  } as CustomerRecord;
}

describe('customer overview', () => {
  it('measures each completed review from its start to the decision, ignoring corrections', () => {
    const history = [
      move('None', 'InReview', 0),
      move('InReview', 'Denied', 1.5),
      move('Denied', 'Denied', 2, { changedFields: ['website'] }),
      move('Denied', 'InReview', 3),
      move('InReview', 'Approved', 10),
    ];
    assert.deepEqual(completedReviewDays(customer('Approved', history)), [1.5, 7]);
    assert.deepEqual(completedReviewDays(customer('InReview', [move('None', 'InReview', 0)])), []);
  });

  it('counts statuses, buckets review lengths and finds the median and the oldest open review', () => {
    const overview = summarizeCustomers(
      [
        customer('Approved', [move('None', 'InReview', 0), move('InReview', 'Approved', 0.2)]),
        customer('Approved', [move('None', 'InReview', 0), move('InReview', 'Approved', 2.9)]),
        customer('Denied', [move('None', 'InReview', 0), move('InReview', 'Denied', 3)]),
        customer('Denied', [move('None', 'InReview', 0), move('InReview', 'Denied', 30)]),
        customer('InReview', [move('None', 'InReview', 4)], 4),
        customer('InReview', [move('None', 'InReview', 9)], 9),
        customer('None', []),
      ],
      new Date(day(10)),
    );
    assert.deepEqual(overview, {
      total: 7,
      byStatus: { None: 1, InReview: 2, Approved: 2, Denied: 2 },
      // <1 day, 1–2, 3–5, 6–10, over 10
      reviewDays: [1, 1, 1, 0, 1],
      reviewsCompleted: 4,
      medianReviewDays: (2.9 + 3) / 2,
      oldestOpenReviewDays: 6,
    });
  });

  it('has no median or open review to report for a partner without reviews', () => {
    const overview = summarizeCustomers([], new Date(day(0)));
    assert.equal(overview.total, 0);
    assert.equal(overview.medianReviewDays, undefined);
    assert.equal(overview.oldestOpenReviewDays, undefined);
  });
});
