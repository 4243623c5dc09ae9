import {
  MAX_VERIFICATION_REQUESTS,
  type ActorRef,
  type CustomerRecord,
  type PendingEvent,
} from '../domain/customer.js';
import { makeIssue, validateNewCustomer } from '../domain/customerInput.js';
import { correctedRecord, customerFormValues, domainPrefixOf } from '../domain/customerRecord.js';
import { normaliseDomainPrefix } from '../domain/fieldRules.js';
import type { Issue } from '../domain/issues.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { PartnerUser } from '../domain/roles.js';
import { decision, resubmission, type Decision } from '../domain/vetting.js';
import { decisionEvent } from './decisionEvents.js';
import type {
  QualificationStatus,
  ServiceError,
  ServiceResult,
  VettingWorkflow,
} from './educationCustomers.js';
import { actorOf, ServicePart, storeError, validationError } from './customerLookup.js';
import type { GatewayRefusal, RemoteQualification } from './qualificationGateway.js';
import { qualificationStatus } from './qualificationStatus.js';

const MAX_REASON_LENGTH = 500;

/**
 * Partner Center refusing a new request reads as the domain's own refusal: ask Support for a
 * manual review (no source documents its answer past the third request, §4.5).
 */
function resubmissionRefusal(refusal: GatewayRefusal, used: number): ServiceError {
  if (refusal.code === 'partnerCenterRefused' || refusal.code === 'domainTaken')
    return { code: 'requestLimitReached', used, max: MAX_VERIFICATION_REQUESTS };
  return refusal;
}

/** The Education qualification's workflow: resubmission (with corrections) and Microsoft's decisions. */
export class VettingService extends ServicePart implements VettingWorkflow {
  /** The stored values with the corrections laid over them, validated as a whole. */
  private corrected(
    current: CustomerRecord,
    input: unknown,
    by: ActorRef,
  ): Result<CustomerRecord, ServiceError> {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      return fail(validationError([makeIssue('body', 'invalidFormat')]));
    }
    const corrections = input as Record<string, unknown>;
    const issues: Issue[] = [];
    const domain = corrections.domain;
    if (
      domain !== undefined &&
      (typeof domain !== 'string' || normaliseDomainPrefix(domain) !== domainPrefixOf(current))
    ) {
      issues.push(makeIssue('domain', 'domainImmutable'));
    }
    const report = validateNewCustomer(
      { ...customerFormValues(current), ...corrections, domain: domainPrefixOf(current) },
      { now: this.now() },
    );
    issues.push(...report.issues);
    if (issues.length > 0 || !report.value) return fail(validationError(issues, report.warnings));
    const next = correctedRecord(current, report.value, this.now().toISOString(), by);
    return next.ok ? next : fail(next.error);
  }

  async resubmit(
    user: PartnerUser,
    idOrDomain: string,
    corrections?: unknown,
    submission?: { key: string },
  ): ServiceResult<QualificationStatus> {
    const found = await this.lookup.authorized(user, 'correctAndResubmit', idOrDomain);
    if (!found.ok) return found;
    const by = actorOf(user);
    const at = this.now().toISOString();
    const resubmitted = (
      current: CustomerRecord,
      remote?: RemoteQualification,
    ): Result<CustomerRecord, ServiceError> => {
      // The request limit is checked before anything else, so a refused request changes nothing.
      const allowed = resubmission(current.qualification, at, by);
      if (!allowed.ok) return allowed;
      const base =
        corrections === undefined ? ok(current) : this.corrected(current, corrections, by);
      if (!base.ok) return base;
      const next = resubmission(base.value.qualification, at, by);
      if (!next.ok) return next;
      const date = remote?.vettingCreateDate ?? next.value.vettingCreateDate;
      return ok({
        ...base.value,
        updatedAt: at,
        qualification: { ...next.value, ...(date ? { vettingCreateDate: date } : {}) },
      });
    };
    let remote: RemoteQualification | undefined;
    if (this.gateway) {
      // Partner Center first: the record here changes only once it has taken the request.
      const planned = resubmitted(found.value);
      if (!planned.ok) return fail(planned.error);
      const request = planned.value.qualification.verificationRequests;
      const answer = await this.gateway.resubmitEducation(
        found.value,
        planned.value,
        request,
        submission?.key ?? this.newId(),
      );
      if (!answer.ok) return fail(resubmissionRefusal(answer.error, request - 1));
      remote = answer.value;
    }
    const updated = await this.store.update<ServiceError>(found.value.id, (current) =>
      resubmitted(current, remote),
    );
    if (!updated.ok) return fail(storeError(updated.error, idOrDomain));
    const { after } = updated.value;
    this.events.publish({
      customer: after,
      from: 'Denied',
      to: 'InReview',
      at: after.updatedAt,
      by,
    });
    return ok(qualificationStatus(after));
  }

  async decide(
    by: ActorRef,
    idOrDomain: string,
    outcome: Decision,
    guard: { reviewStartedAt?: string } = {},
  ): ServiceResult<QualificationStatus> {
    if (outcome.status === 'Denied') {
      const reason = outcome.reason.trim();
      if (!reason) return fail(validationError([makeIssue('reason', 'required')]));
      if (reason.length > MAX_REASON_LENGTH)
        return fail(validationError([makeIssue('reason', 'tooLong', { max: MAX_REASON_LENGTH })]));
      outcome = { status: 'Denied', reason };
    }
    const record = await this.lookup.resolve(idOrDomain);
    if (!record) return fail({ code: 'notFound', customer: idOrDomain });
    const at = this.now().toISOString();
    const event: PendingEvent = {
      id: this.newId(),
      from: 'InReview',
      to: outcome.status,
      ...(outcome.status === 'Denied' ? { reason: outcome.reason } : {}),
      at,
      by,
    };
    const updated = await this.store.update<ServiceError>(record.id, (current) => {
      const q = current.qualification;
      if (
        guard.reviewStartedAt !== undefined &&
        q.vettingStatus === 'InReview' &&
        q.vettingCreateDate !== guard.reviewStartedAt
      ) {
        return fail({ code: 'notInReview', status: q.vettingStatus }); // a newer review than the one scheduled
      }
      const next = decision(q, outcome, at, by);
      // The event is stored in the same write as the decision: a crash cannot lose it.
      return next.ok
        ? ok({
            ...current,
            updatedAt: at,
            qualification: next.value,
            pendingEvents: [...(current.pendingEvents ?? []), event],
          })
        : next;
    });
    if (!updated.ok) return fail(storeError(updated.error, idOrDomain));
    this.events.publish(decisionEvent(updated.value.after, event));
    return ok(qualificationStatus(updated.value.after));
  }
}
