import {
  MAX_VERIFICATION_REQUESTS,
  type ActorRef,
  type Qualification,
  type VettingStatus,
} from './customer.js';
import { fail, ok, type Result } from './result.js';

/** The vetting state machine (domain.md): pure functions from one qualification to the next. */

export type Decision = { status: 'Approved' } | { status: 'Denied'; reason: string };

export type ResubmitRefusal =
  | { code: 'notDenied'; status: VettingStatus }
  | { code: 'requestLimitReached'; used: number; max: number };

export type DecisionRefusal = { code: 'notInReview'; status: VettingStatus };
export type CorrectionRefusal = { code: 'reviewInProgress' };

export function requestsLeft(q: Pick<Qualification, 'verificationRequests'>): number {
  return Math.max(0, MAX_VERIFICATION_REQUESTS - q.verificationRequests);
}

/** A new customer's first submission: straight to InReview, request 1 of 3. */
export function firstSubmission(
  base: Pick<Qualification, 'educationSegment' | 'website'>,
  at: string,
  by: ActorRef,
): Qualification {
  return {
    qualification: 'Education',
    educationSegment: base.educationSegment,
    ...(base.website ? { website: base.website } : {}),
    vettingStatus: 'InReview',
    vettingCreateDate: at,
    verificationRequests: 1,
    history: [{ at, by, from: 'None', to: 'InReview', request: 1 }],
  };
}

/** Resubmission: only from Denied, and only while requests are left. */
export function resubmission(
  q: Qualification,
  at: string,
  by: ActorRef,
): Result<Qualification, ResubmitRefusal> {
  if (q.vettingStatus !== 'Denied') return fail({ code: 'notDenied', status: q.vettingStatus });
  if (q.verificationRequests >= MAX_VERIFICATION_REQUESTS) {
    return fail({
      code: 'requestLimitReached',
      used: q.verificationRequests,
      max: MAX_VERIFICATION_REQUESTS,
    });
  }
  const request = q.verificationRequests + 1;
  const { vettingReason: _previousReason, ...rest } = q;
  return ok({
    ...rest,
    vettingStatus: 'InReview',
    vettingCreateDate: at,
    verificationRequests: request,
    history: [...q.history, { at, by, from: 'Denied', to: 'InReview', request }],
  });
}

/** Microsoft's decision on a review in progress. */
export function decision(
  q: Qualification,
  outcome: Decision,
  at: string,
  by: ActorRef,
): Result<Qualification, DecisionRefusal> {
  if (q.vettingStatus !== 'InReview') return fail({ code: 'notInReview', status: q.vettingStatus });
  const { vettingReason: _previousReason, ...rest } = q;
  const reason = outcome.status === 'Denied' ? outcome.reason : undefined;
  return ok({
    ...rest,
    vettingStatus: outcome.status,
    ...(reason ? { vettingReason: reason } : {}),
    history: [
      ...q.history,
      { at, by, from: 'InReview', to: outcome.status, ...(reason ? { reason } : {}) },
    ],
  });
}

/** A correction of the customer's info is recorded in the history; not while under review. */
export function correction(
  q: Qualification,
  changedFields: string[],
  at: string,
  by: ActorRef,
): Result<Qualification, CorrectionRefusal> {
  if (q.vettingStatus === 'InReview') return fail({ code: 'reviewInProgress' });
  if (changedFields.length === 0) return ok(q);
  return ok({
    ...q,
    history: [...q.history, { at, by, from: q.vettingStatus, to: q.vettingStatus, changedFields }],
  });
}
