import assert from 'node:assert/strict';
import type { ActorRef, Qualification } from '../../src/domain/customer.js';
import {
  correction,
  decision,
  firstSubmission,
  requestsLeft,
  resubmission,
} from '../../src/domain/vetting.js';

const partner: ActorRef = { kind: 'partnerUser', id: 'u1', name: 'Ann' };
const reviewer: ActorRef = { kind: 'reviewer', id: 'r', name: 'Microsoft' };
const t = (n: number) => `2026-11-${String(10 + n).padStart(2, '0')}T09:00:00.000Z`;

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const denied = (q: Qualification, at: string) =>
  unwrap(decision(q, { status: 'Denied', reason: 'No proof of accreditation' }, at, reviewer));

describe('vetting state machine', () => {
  it('puts a first submission straight into review as request 1 of 3', () => {
    const q = firstSubmission(
      { educationSegment: 'K12', website: 'https://contoso.edu' },
      t(0),
      partner,
    );
    assert.equal(q.vettingStatus, 'InReview');
    assert.equal(q.vettingCreateDate, t(0));
    assert.equal(q.verificationRequests, 1);
    assert.equal(requestsLeft(q), 2);
    assert.deepEqual(q.history, [
      { at: t(0), by: partner, from: 'None', to: 'InReview', request: 1 },
    ]);
  });

  it('records an approval, and a denial with its reason', () => {
    const q = firstSubmission({ educationSegment: 'K12' }, t(0), partner);
    const approved = unwrap(decision(q, { status: 'Approved' }, t(1), reviewer));
    assert.equal(approved.vettingStatus, 'Approved');
    assert.equal(approved.vettingReason, undefined);
    const no = denied(q, t(1));
    assert.equal(no.vettingStatus, 'Denied');
    assert.equal(no.vettingReason, 'No proof of accreditation');
    assert.deepEqual(no.history.at(-1), {
      at: t(1),
      by: reviewer,
      from: 'InReview',
      to: 'Denied',
      reason: 'No proof of accreditation',
    });
  });

  it('allows resubmission only from Denied, clearing the reason and starting a new review', () => {
    const q = firstSubmission({ educationSegment: 'HigherEducation' }, t(0), partner);
    assert.deepEqual(resubmission(q, t(1), partner), {
      ok: false,
      error: { code: 'notDenied', status: 'InReview' },
    });
    const approved = unwrap(decision(q, { status: 'Approved' }, t(1), reviewer));
    assert.deepEqual(resubmission(approved, t(2), partner), {
      ok: false,
      error: { code: 'notDenied', status: 'Approved' },
    });
    const again = unwrap(resubmission(denied(q, t(1)), t(2), partner));
    assert.equal(again.vettingStatus, 'InReview');
    assert.equal(again.vettingReason, undefined);
    assert.equal(again.vettingCreateDate, t(2));
    assert.equal(again.verificationRequests, 2);
    assert.deepEqual(again.history.at(-1), {
      at: t(2),
      by: partner,
      from: 'Denied',
      to: 'InReview',
      request: 2,
    });
  });

  it('refuses a fourth verification request', () => {
    let q = firstSubmission({ educationSegment: 'K12' }, t(0), partner);
    q = unwrap(resubmission(denied(q, t(1)), t(2), partner));
    q = unwrap(resubmission(denied(q, t(3)), t(4), partner));
    assert.equal(q.verificationRequests, 3);
    assert.equal(requestsLeft(q), 0);
    const last = denied(q, t(5));
    assert.deepEqual(resubmission(last, t(6), partner), {
      ok: false,
      error: { code: 'requestLimitReached', used: 3, max: 3 },
    });
  });

  it('decides only a review that is under way', () => {
    const q = firstSubmission({ educationSegment: 'K12' }, t(0), partner);
    const approved = unwrap(decision(q, { status: 'Approved' }, t(1), reviewer));
    assert.deepEqual(decision(approved, { status: 'Denied', reason: 'x' }, t(2), reviewer), {
      ok: false,
      error: { code: 'notInReview', status: 'Approved' },
    });
  });

  it('records corrections, but not while a review is under way', () => {
    const q = firstSubmission({ educationSegment: 'K12' }, t(0), partner);
    assert.deepEqual(correction(q, ['city'], t(1), partner), {
      ok: false,
      error: { code: 'reviewInProgress' },
    });
    const corrected = unwrap(correction(denied(q, t(1)), ['city', 'website'], t(2), partner));
    assert.deepEqual(corrected.history.at(-1), {
      at: t(2),
      by: partner,
      from: 'Denied',
      to: 'Denied',
      changedFields: ['city', 'website'],
    });
  });
});
