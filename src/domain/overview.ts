import { VETTING_STATUSES, type CustomerRecord, type VettingStatus } from './customer.js';

/** The dashboard's picture of a partner's customers: how many in each status, and how long reviews took. */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Review-duration buckets in whole days, lower bound inclusive. Microsoft usually decides within
 * three business days, so the buckets are finest there.
 */
export const REVIEW_DAY_BUCKETS = [
  { from: 0, to: 1 },
  { from: 1, to: 3 },
  { from: 3, to: 6 },
  { from: 6, to: 11 },
  { from: 11, to: Infinity },
] as const;

export interface CustomerOverview {
  total: number;
  byStatus: Record<VettingStatus, number>;
  /** Completed reviews (InReview → Approved or Denied), counted per bucket of REVIEW_DAY_BUCKETS. */
  reviewDays: number[];
  reviewsCompleted: number;
  /** Median length of completed reviews, in days; undefined without any. */
  medianReviewDays?: number;
  /** The longest-running review still under way, in days. */
  oldestOpenReviewDays?: number;
}

/** Each completed review in a customer's history, in days from its start to the decision. */
export function completedReviewDays(record: CustomerRecord): number[] {
  const days: number[] = [];
  let startedAt: number | undefined;
  for (const entry of record.qualification.history) {
    if (entry.to === 'InReview' && entry.from !== 'InReview') startedAt = Date.parse(entry.at);
    else if (entry.from === 'InReview' && entry.to !== 'InReview' && startedAt !== undefined) {
      days.push((Date.parse(entry.at) - startedAt) / DAY_MS);
      startedAt = undefined;
    }
  }
  return days;
}

export function summarizeCustomers(records: Iterable<CustomerRecord>, now: Date): CustomerOverview {
  const byStatus = Object.fromEntries(VETTING_STATUSES.map((s) => [s, 0])) as Record<
    VettingStatus,
    number
  >;
  const durations: number[] = [];
  let total = 0;
  let oldestOpenReviewDays: number | undefined;
  for (const record of records) {
    total += 1;
    const q = record.qualification;
    byStatus[q.vettingStatus] += 1;
    durations.push(...completedReviewDays(record));
    if (q.vettingStatus === 'InReview' && q.vettingCreateDate) {
      const age = (now.getTime() - Date.parse(q.vettingCreateDate)) / DAY_MS;
      oldestOpenReviewDays = Math.max(oldestOpenReviewDays ?? 0, age);
    }
  }
  const reviewDays = REVIEW_DAY_BUCKETS.map(
    ({ from, to }) => durations.filter((d) => d >= from && d < to).length,
  );
  const median = medianOf(durations);
  return {
    total,
    byStatus,
    reviewDays,
    reviewsCompleted: durations.length,
    ...(median === undefined ? {} : { medianReviewDays: median }),
    ...(oldestOpenReviewDays === undefined ? {} : { oldestOpenReviewDays }),
  };
}

function medianOf(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
