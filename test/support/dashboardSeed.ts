import { randomUUID } from 'node:crypto';
import { buildCustomerRecord } from '../../src/domain/customerRecord.js';
import { validateNewCustomer } from '../../src/domain/customerInput.js';
import type { PartnerUser } from '../../src/domain/roles.js';
import { silentLogger } from '../../src/log.js';
import { LowdbCustomerStore } from '../../src/storage/lowdb/lowdbCustomerStore.js';
import { PartnerCenterService } from '../../src/service/partnerCenterService.js';
import { REVIEWER } from '../../src/service/simulatedReviewer.js';
import { customerForm } from './fixtures.js';

/**
 * Customers in every status with reviews that took days, written through the real service and
 * lowdb store into a data directory before the app starts on it. The clock is ours, so the
 * history (and the chart's numbers) are known.
 */

const DAY = 24 * 60 * 60 * 1000;
const SEED_START = new Date('2026-10-01T09:00:00Z');

/** What the seed stores for the partner, as the dashboard must show it. */
export const SEEDED = {
  byStatus: { None: 1, InReview: 1, Approved: 2, Denied: 2 },
  /** Completed reviews per REVIEW_DAY_BUCKETS bucket: 0.5 d; 1 d and 2 d; 4 d; none; 12 d. */
  reviewDays: [1, 2, 1, 0, 1],
  medianReviewDays: 2,
  deniedTwice: 'Adventure Works College',
  denialReason: 'The website does not show an accredited institution.',
  otherPartnerCustomer: 'Litware Private School',
};

function form(name: string, prefix: string, extra: Record<string, unknown> = {}) {
  return customerForm({
    companyName: name,
    domain: prefix,
    email: `registrar@${prefix}.edu`,
    mcaSignerEmail: `registrar@${prefix}.edu`,
    website: `https://www.${prefix}.edu`,
    mcaDateAgreed: '2026-09-01',
    ...extra,
  });
}

export async function seedDashboard(
  dataDir: string,
  user: PartnerUser,
  options: { extraCustomers?: number } = {},
): Promise<void> {
  let now = SEED_START.getTime();
  const store = LowdbCustomerStore.open(dataDir);
  const service = new PartnerCenterService({ store, log: silentLogger, now: () => new Date(now) });
  const later = (days: number) => (now += days * DAY);
  const add = async (name: string, prefix: string, by = user) => {
    const segment = /University|College/.test(name) ? 'HigherEducation' : 'K12';
    const created = await service.customers.createCustomer(
      by,
      form(name, prefix, { educationSegment: segment }),
    );
    if (!created.ok) throw new Error(`seed ${name}: ${JSON.stringify(created.error)}`);
    return created.value.customer.id;
  };
  const decide = async (
    id: string,
    outcome: Parameters<PartnerCenterService['vetting']['decide']>[2],
  ) => {
    const decided = await service.vetting.decide(REVIEWER, id, outcome);
    if (!decided.ok) throw new Error(`seed decision: ${JSON.stringify(decided.error)}`);
  };
  try {
    const northwind = await add('Northwind High School', 'northwindhigh');
    later(2);
    await decide(northwind, { status: 'Approved' });

    const fabrikam = await add('Fabrikam University', 'fabrikamuniversity');
    later(4);
    await decide(fabrikam, { status: 'Denied', reason: SEEDED.denialReason });

    const adventure = await add(SEEDED.deniedTwice, 'adventureworkscollege');
    later(1);
    await decide(adventure, {
      status: 'Denied',
      reason: 'The legal name does not match the registration.',
    });
    const resubmitted = await service.vetting.resubmit(user, adventure, {
      website: 'https://www.adventure-works.edu',
    });
    if (!resubmitted.ok) throw new Error(`seed resubmit: ${JSON.stringify(resubmitted.error)}`);
    later(12);
    await decide(adventure, { status: 'Denied', reason: SEEDED.denialReason });

    const woodgrove = await add('Woodgrove Primary School', 'woodgroveprimary');
    later(0.5);
    await decide(woodgrove, { status: 'Approved' });

    later(1);
    await add('Tailspin Academy', 'tailspinacademy');

    // A customer that never asked for verification: only data brought from elsewhere has None.
    const input = validateNewCustomer(form('Proseware Institute', 'prosewareinstitute'), {
      now: new Date(now),
    }).value;
    if (!input) throw new Error('seed: Proseware form is not valid');
    const none = buildCustomerRecord(
      input,
      { id: randomUUID(), partnerTenantId: user.tenantId },
      new Date(now).toISOString(),
      {
        kind: 'partnerUser',
        id: user.id,
        name: user.name,
      },
    );
    none.qualification = {
      ...none.qualification,
      vettingStatus: 'None',
      verificationRequests: 0,
      history: [],
    };
    delete none.qualification.vettingCreateDate;
    const inserted = await store.insert(none);
    if (!inserted.ok) throw new Error('seed: Proseware not inserted');

    for (let i = 1; i <= (options.extraCustomers ?? 0); i += 1) {
      later(0.01);
      const id = await add(`Bulk School ${String(i).padStart(3, '0')}`, `bulkschool${i}`);
      await decide(id, { status: 'Approved' });
    }

    // Another partner's customer, which this partner must never see.
    await add(SEEDED.otherPartnerCustomer, 'litwareprivate', {
      ...user,
      tenantId: `${user.tenantId}-other`,
      id: 'other-user',
    });
  } finally {
    await store.close();
  }
}
