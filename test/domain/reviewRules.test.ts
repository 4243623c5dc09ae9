import assert from 'node:assert/strict';
import { buildCustomerRecord } from '../../src/domain/customerRecord.js';
import { validateNewCustomer } from '../../src/domain/customerInput.js';
import { looksEducational, simulatedReview } from '../../src/domain/reviewRules.js';
import { customerForm, NOW } from '../support/fixtures.js';

function recordOf(overrides: Record<string, unknown>) {
  const report = validateNewCustomer(customerForm(overrides), { now: NOW });
  assert.ok(report.value, JSON.stringify(report.issues));
  return buildCustomerRecord(report.value, { id: 'c1', partnerTenantId: 't1' }, NOW.toISOString(), {
    kind: 'partnerUser',
    id: 'u',
    name: 'U',
  });
}

describe('simulated review rules', () => {
  it('approves a school whose email matches its website', () => {
    assert.deepEqual(simulatedReview(recordOf({})), { status: 'Approved' });
    assert.deepEqual(
      simulatedReview(recordOf({ email: 'it@mail.contoso.edu', website: 'www.contoso.edu' })),
      { status: 'Approved' },
    );
  });

  it('denies an acronym-only legal name', () => {
    const result = simulatedReview(recordOf({ companyName: 'CES' }));
    assert.equal(result.status, 'Denied');
    assert.match(result.status === 'Denied' ? result.reason : '', /acronym/);
  });

  it('denies a customer without website whose email domain does not look educational', () => {
    const result = simulatedReview(recordOf({ website: '', email: 'office@contoso-group.com' }));
    assert.equal(result.status, 'Denied');
    assert.match(result.status === 'Denied' ? result.reason : '', /No website.*contoso-group\.com/);
  });

  it('approves a customer without website whose email domain is educational', () => {
    assert.deepEqual(
      simulatedReview(recordOf({ website: '', email: 'office@lincoln.k12.ne.us' })),
      { status: 'Approved' },
    );
  });

  it('denies an email domain unrelated to the website', () => {
    const result = simulatedReview(
      recordOf({ website: 'https://www.fabrikam.edu', email: 'ann@contoso.edu' }),
    );
    assert.equal(result.status, 'Denied');
    assert.match(
      result.status === 'Denied' ? result.reason : '',
      /contoso\.edu does not match.*fabrikam\.edu/,
    );
  });

  it('recognises educational domains', () => {
    for (const domain of [
      'contoso.edu',
      'ox.ac.uk',
      'lincoln.k12.ne.us',
      'stmarys.sch.uk',
      'contososchool.nl',
      'uu.se',
    ]) {
      assert.equal(looksEducational(domain), domain !== 'uu.se', domain);
    }
  });
});
