import type { CustomerRecord } from '../domain/customer.js';
import type { PartnerUser } from '../domain/roles.js';
import { foldText } from '../domain/text.js';
import type { PartnerCustomers, ServiceError } from './educationCustomers.js';

/**
 * A submission made again after its first answer was lost (a double click, a retried request, a
 * restart in the middle of an import) is refused as a duplicate; these tell that refusal from a
 * real one. With the submission's key, Partner Center made nothing twice; here, the customer the
 * first attempt made is recognised, so the caller reports it as made.
 */

/** A new customer's domain taken by this partner's customer of the same legal name: that is the one it made. */
export async function customerMadeEarlier(
  customers: Pick<PartnerCustomers, 'getCustomer'>,
  user: PartnerUser,
  draft: { domain?: string | undefined; companyName?: string | undefined },
  error: ServiceError,
): Promise<CustomerRecord | undefined> {
  if (error.code !== 'validation' || !error.issues.some((i) => i.code === 'domainTaken'))
    return undefined;
  const existing = await customers.getCustomer(user, draft.domain ?? '');
  if (!existing.ok) return undefined;
  return foldText(existing.value.companyProfile.companyName) === foldText(draft.companyName ?? '')
    ? existing.value
    : undefined;
}

/**
 * The resubmission was made, by this user, as the request it meant to be: the customer is in
 * review on that request. One made meanwhile by someone else stays a refusal.
 */
export async function resubmittedEarlier(
  customers: Pick<PartnerCustomers, 'getQualificationStatus'>,
  user: PartnerUser,
  customerId: string,
  request: number | undefined,
  error: ServiceError,
): Promise<boolean> {
  if (error.code !== 'notDenied' || error.status !== 'InReview' || !customerId) return false;
  const status = await customers.getQualificationStatus(user, customerId);
  if (
    !status.ok ||
    status.value.vettingStatus !== 'InReview' ||
    status.value.requestsUsed !== request
  )
    return false;
  const last = status.value.history.at(-1);
  return last?.to === 'InReview' && last.by.kind === 'partnerUser' && last.by.id === user.id;
}
