import { MAX_VERIFICATION_REQUESTS, type CustomerRecord } from '../domain/customer.js';
import { customerFormValues } from '../domain/customerRecord.js';
import { STATUS_CARD_FIELDS } from '../domain/fields.js';
import { requestsLeft } from '../domain/vetting.js';
import type { QualificationStatus } from './educationCustomers.js';

/** A customer's Education qualification as callers see it: status, requests used and left, history. */
export function qualificationStatus(record: CustomerRecord): QualificationStatus {
  const q = record.qualification;
  return {
    customerId: record.id,
    companyName: record.companyProfile.companyName,
    domain: record.companyProfile.domain,
    ...(q.educationSegment ? { educationSegment: q.educationSegment } : {}),
    ...(q.website ? { website: q.website } : {}),
    shown: shownValues(record),
    vettingStatus: q.vettingStatus,
    ...(q.vettingReason ? { vettingReason: q.vettingReason } : {}),
    ...(q.vettingCreateDate ? { vettingCreateDate: q.vettingCreateDate } : {}),
    requestsUsed: q.verificationRequests,
    requestsLeft: requestsLeft(q),
    ...(q.vettingStatus === 'InReview' && record.pollSchedule?.lastReadAt
      ? {
          partnerCenterRead: {
            at: record.pollSchedule.lastReadAt,
            ...(record.pollSchedule.unknownStatus
              ? { unknownStatus: record.pollSchedule.unknownStatus }
              : {}),
          },
        }
      : {}),
    maxRequests: MAX_VERIFICATION_REQUESTS,
    history: q.history,
  };
}

function shownValues(record: CustomerRecord): QualificationStatus['shown'] {
  const values = customerFormValues(record);
  return Object.fromEntries(STATUS_CARD_FIELDS.flatMap((f) => (values[f] ? [[f, values[f]]] : [])));
}
