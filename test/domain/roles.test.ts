import assert from 'node:assert/strict';
import {
  authorize,
  PARTNER_ROLES,
  type Capability,
  type PartnerRole,
} from '../../src/domain/roles.js';
import { partnerUser } from '../support/fixtures.js';

// domain.md, "Who does what".
const TABLE: Record<PartnerRole, Record<Capability, boolean>> = {
  GlobalAdmin: { addCustomer: true, checkStatus: true, correctAndResubmit: true },
  UserManagementAdmin: { addCustomer: true, checkStatus: true, correctAndResubmit: false },
  AdminAgent: { addCustomer: true, checkStatus: true, correctAndResubmit: false },
  SalesAgent: { addCustomer: true, checkStatus: true, correctAndResubmit: false },
};

describe('roles and partner types', () => {
  for (const role of PARTNER_ROLES) {
    for (const [capability, allowed] of Object.entries(TABLE[role]) as [Capability, boolean][]) {
      it(`${role} ${allowed ? 'may' : 'may not'} ${capability}`, () => {
        const refusal = authorize(partnerUser(role, 'DirectBill'), capability);
        assert.deepEqual(
          refusal,
          allowed ? undefined : { code: 'forbidden', reason: 'roleNotAllowed', capability, role },
        );
      });
    }
  }

  it('refuses everything to a user with no mapped role (never a silent Global admin)', () => {
    for (const capability of ['addCustomer', 'checkStatus', 'correctAndResubmit'] as const) {
      assert.deepEqual(authorize(partnerUser(null), capability), {
        code: 'forbidden',
        reason: 'noRole',
        capability,
      });
    }
  });

  it('lets indirect providers and direct-bill partners add customers, not indirect resellers', () => {
    assert.equal(
      authorize(partnerUser('GlobalAdmin', 'IndirectProvider'), 'addCustomer'),
      undefined,
    );
    assert.equal(authorize(partnerUser('GlobalAdmin', 'DirectBill'), 'addCustomer'), undefined);
    assert.deepEqual(authorize(partnerUser('GlobalAdmin', 'IndirectReseller'), 'addCustomer'), {
      code: 'forbidden',
      reason: 'indirectReseller',
      capability: 'addCustomer',
    });
    assert.deepEqual(authorize(partnerUser('GlobalAdmin', null), 'addCustomer'), {
      code: 'forbidden',
      reason: 'indirectReseller',
      capability: 'addCustomer',
    });
    assert.equal(
      authorize(partnerUser('GlobalAdmin', 'IndirectReseller'), 'checkStatus'),
      undefined,
    );
  });
});
