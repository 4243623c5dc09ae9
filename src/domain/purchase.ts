import type { VettingStatus } from './customer.js';

/** What can be sold to whom (domain.md, "Selling offers to a customer"). */

export const SEGMENTS = [
  'Commercial',
  'Nonprofit',
  'Education',
  'GovernmentCommunityCloud',
] as const;
export type Segment = (typeof SEGMENTS)[number];

type OfferKind = 'LicenseBased' | 'PerpetualSoftware' | 'SoftwareSubscription' | 'Azure';
export interface Offer {
  id: string;
  name: string;
  segment: Segment;
  kind: OfferKind;
}

export type PurchaseAction = 'newPurchase' | 'change' | 'cancel' | 'renewal';

/** A customer as the purchase rules see it: its type, and its Education vetting if any. */
export interface PurchaseCustomer {
  customerType: Segment;
  educationStatus?: VettingStatus;
}

const SELLABLE: Record<Segment, ReadonlySet<Segment>> = {
  Commercial: new Set(['Commercial']),
  Nonprofit: new Set(['Commercial', 'Nonprofit']),
  Education: new Set(['Commercial', 'Education']),
  GovernmentCommunityCloud: new Set(['GovernmentCommunityCloud']),
};

/** Education offers exist only for license-based services and perpetual software. */
const EDUCATION_OFFER_KINDS: ReadonlySet<OfferKind> = new Set([
  'LicenseBased',
  'PerpetualSoftware',
]);

export type PurchaseRefusal =
  | { code: 'verificationPending'; status: 'InReview' | 'Denied' | 'None' }
  | { code: 'segmentNotSellable'; customerType: Segment; segment: Segment }
  | { code: 'educationOfferKind'; kind: OfferKind };

export type Eligibility = { allowed: true } | { allowed: false; refusal: PurchaseRefusal };

export function eligibility(
  customer: PurchaseCustomer,
  offer: Offer,
  action: PurchaseAction,
): Eligibility {
  // While verification is not approved, everything but renewals waits (domain.md).
  const status = customer.educationStatus;
  if (customer.customerType === 'Education' && status !== 'Approved' && action !== 'renewal') {
    return { allowed: false, refusal: { code: 'verificationPending', status: status ?? 'None' } };
  }
  if (action === 'renewal') return { allowed: true };
  if (!SELLABLE[customer.customerType].has(offer.segment)) {
    return {
      allowed: false,
      refusal: {
        code: 'segmentNotSellable',
        customerType: customer.customerType,
        segment: offer.segment,
      },
    };
  }
  if (offer.segment === 'Education' && !EDUCATION_OFFER_KINDS.has(offer.kind)) {
    return { allowed: false, refusal: { code: 'educationOfferKind', kind: offer.kind } };
  }
  return { allowed: true };
}

/** The segments a customer type may buy, for the bot's summary. */
export function sellableSegments(customerType: Segment): Segment[] {
  return SEGMENTS.filter((segment) => SELLABLE[customerType].has(segment));
}
