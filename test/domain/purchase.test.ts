import assert from 'node:assert/strict';
import {
  eligibility,
  SEGMENTS,
  sellableSegments,
  type Offer,
  type Segment,
} from '../../src/domain/purchase.js';
import { OFFER_CATALOG } from '../../src/domain/reference/offerCatalog.js';

const offerIn = (segment: Segment, kind: Offer['kind'] = 'LicenseBased'): Offer => ({
  id: `${segment}-${kind}`,
  name: `${segment} offer`,
  segment,
  kind,
});

// domain.md: customer type → what can be sold.
const CAN_BE_SOLD: Record<Segment, Segment[]> = {
  Commercial: ['Commercial'],
  Nonprofit: ['Commercial', 'Nonprofit'],
  Education: ['Commercial', 'Education'],
  GovernmentCommunityCloud: ['GovernmentCommunityCloud'],
};

describe('purchase rules', () => {
  for (const customerType of SEGMENTS) {
    for (const segment of SEGMENTS) {
      const allowed = CAN_BE_SOLD[customerType].includes(segment);
      it(`${allowed ? 'sells' : 'does not sell'} ${segment} offers to a ${customerType} customer`, () => {
        const customer =
          customerType === 'Education'
            ? { customerType, educationStatus: 'Approved' as const }
            : { customerType };
        const result = eligibility(customer, offerIn(segment), 'newPurchase');
        assert.deepEqual(
          result,
          allowed
            ? { allowed: true }
            : { allowed: false, refusal: { code: 'segmentNotSellable', customerType, segment } },
        );
      });
    }
  }

  for (const status of ['InReview', 'Denied'] as const) {
    it(`blocks purchases, changes and cancellations while verification is ${status}, but not renewals`, () => {
      const customer = { customerType: 'Education' as const, educationStatus: status };
      for (const action of ['newPurchase', 'change', 'cancel'] as const) {
        assert.deepEqual(eligibility(customer, offerIn('Commercial'), action), {
          allowed: false,
          refusal: { code: 'verificationPending', status },
        });
      }
      assert.deepEqual(eligibility(customer, offerIn('Education'), 'renewal'), { allowed: true });
    });
  }

  it('offers education pricing only on license-based services and perpetual software', () => {
    const customer = { customerType: 'Education' as const, educationStatus: 'Approved' as const };
    assert.deepEqual(
      eligibility(customer, offerIn('Education', 'PerpetualSoftware'), 'newPurchase'),
      { allowed: true },
    );
    for (const kind of ['Azure', 'SoftwareSubscription'] as const) {
      assert.deepEqual(eligibility(customer, offerIn('Education', kind), 'newPurchase'), {
        allowed: false,
        refusal: { code: 'educationOfferKind', kind },
      });
    }
    assert.deepEqual(eligibility(customer, offerIn('Commercial', 'Azure'), 'newPurchase'), {
      allowed: true,
    });
  });

  it('keeps a catalogue whose education offers are all license-based or perpetual, with unique ids', () => {
    assert.equal(new Set(OFFER_CATALOG.map((o) => o.id)).size, OFFER_CATALOG.length);
    for (const offer of OFFER_CATALOG.filter((o) => o.segment === 'Education')) {
      assert.ok(['LicenseBased', 'PerpetualSoftware'].includes(offer.kind), offer.name);
    }
    assert.ok(OFFER_CATALOG.some((o) => o.name === 'Microsoft 365 A3'));
    assert.deepEqual(sellableSegments('Education'), ['Commercial', 'Education']);
  });
});
