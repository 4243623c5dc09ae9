import assert from 'node:assert/strict';
import { customerRecordSchema } from '../../src/domain/customer.js';
import { validateNewCustomer } from '../../src/domain/customerInput.js';
import { buildCustomerRecord, customerFormValues } from '../../src/domain/customerRecord.js';
import {
  CUSTOMER_FIELDS,
  CUSTOMER_SECTIONS,
  CUSTOMER_SECTIONS_IN_ORDER,
  FIELDS,
  type RecordGroup,
} from '../../src/domain/fields.js';
import { customerForm, NOW } from '../support/fixtures.js';

/** The field table and what is derived from it. */

const ANN = { kind: 'partnerUser' as const, id: 'u1', name: 'Ann' };
const valid = () => {
  const report = validateNewCustomer(
    customerForm({ organizationRegistrationNumber: 'REG-1', addressLine2: 'Building 3' }),
    { now: NOW },
  );
  assert.ok(report.value, JSON.stringify(report.issues));
  return report.value;
};
const groupOf = (
  record: ReturnType<typeof buildCustomerRecord>,
  group: RecordGroup,
): Record<string, unknown> =>
  group === 'address' ? record.billingProfile.defaultAddress : (record[group] ?? {});

describe('the field table', () => {
  it('puts every asked field in exactly one step, in the order of the table', () => {
    const asked = CUSTOMER_SECTIONS_IN_ORDER.flatMap((s) => CUSTOMER_SECTIONS[s]);
    assert.deepEqual(
      asked,
      CUSTOMER_FIELDS.filter((f) => FIELDS[f].section !== undefined),
    );
  });

  it('stores each field where it says, and reads it back from there', () => {
    const input = valid();
    const record = buildCustomerRecord(
      input,
      { id: 'c1', partnerTenantId: 't1' },
      NOW.toISOString(),
      ANN,
    );
    assert.deepEqual(
      customerRecordSchema.parse(record),
      record,
      'the record passes its own schema',
    );
    for (const field of CUSTOMER_FIELDS) {
      const { group, key } = FIELDS[field].record;
      const stored = groupOf(record, group)[key];
      if (field === 'domain') assert.equal(stored, `${input.domain}.onmicrosoft.com`);
      else if (input[field] !== undefined) assert.equal(stored, input[field], field);
    }
    const back = customerFormValues(record);
    for (const field of CUSTOMER_FIELDS.filter((f) => input[f] !== undefined))
      assert.equal(back[field], input[field], field);
    // The culture is always stored: the partner's, or en-US.
    assert.deepEqual([back.culture, back.language], ['en-US', 'en']);
  });

  it('leaves a blank optional field out of the record, and the record schema says which are optional', () => {
    const report = validateNewCustomer(customerForm({ website: '', addressLine2: '' }), {
      now: NOW,
    });
    assert.ok(report.value);
    const record = buildCustomerRecord(
      report.value,
      { id: 'c1', partnerTenantId: 't1' },
      NOW.toISOString(),
      ANN,
    );
    assert.equal('website' in record.qualification, false);
    assert.equal('addressLine2' in record.billingProfile.defaultAddress, false);
    for (const field of CUSTOMER_FIELDS) {
      const declaration = FIELDS[field];
      assert.equal(
        declaration.stored.safeParse(undefined).success,
        !declaration.input.required && field !== 'culture' && field !== 'language',
        `${field} optional in the record`,
      );
    }
  });

  // The input hints are the rule's own numbers: a value one over the limit is refused.
  const limits = CUSTOMER_FIELDS.filter(
    (f) => FIELDS[f].input.kind === 'text' && FIELDS[f].input.maxLength > 0 && FIELDS[f].section,
  );
  for (const field of limits) {
    it(`refuses ${field} one character over the card's maxLength (${FIELDS[field].input.maxLength})`, () => {
      const max = FIELDS[field].input.maxLength;
      assert.equal(FIELDS[field].schema.safeParse('a'.repeat(max + 1)).success, false);
    });
  }
});
