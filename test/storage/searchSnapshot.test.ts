import assert from 'node:assert/strict';
import { silentLogger } from '../../src/log.js';
import { PartnerCenterService } from '../../src/service/partnerCenterService.js';
import { TableCustomerStore } from '../../src/storage/azure/tableCustomerStore.js';
import { startAzurite, type Azurite } from '../support/azurite.js';
import { testClock } from '../support/clock.js';
import { customerForm, globalAdmin } from '../support/fixtures.js';
import { eventually } from '../support/temp.js';

/**
 * Azure Storage's search reads a snapshot each instance keeps in memory: what another instance
 * writes must be found by the next search, and a status it changes must move the customer.
 */
describe('searching customers on Azure Table across instances', function () {
  this.timeout(30_000);
  let azurite: Azurite;
  before(async () => (azurite = await startAzurite()));
  after(async () => azurite?.stop());

  it('finds within a second what another instance added or changed', async () => {
    const clock = testClock();
    const open = async () =>
      new PartnerCenterService({
        store: await TableCustomerStore.open(azurite.account, 'searchAcross'),
        log: silentLogger,
        now: clock,
      });
    const [a, b] = [await open(), await open()];
    const names = async (text: string, status?: 'InReview' | 'Denied') => {
      const page = await a.customers.searchCustomers(globalAdmin, {
        text,
        ...(status ? { status } : {}),
      });
      assert.ok(page.ok);
      return page.value.items.map((c) => c.companyProfile.companyName);
    };
    const made = await a.customers.createCustomer(globalAdmin, customerForm());
    assert.ok(made.ok);
    // A's first search reads the partner's index; B's customer comes after it.
    assert.deepEqual(await names('contoso'), ['Contoso Elementary School']);
    const other = await b.customers.createCustomer(
      globalAdmin,
      customerForm({ companyName: 'Contoso Lycée Français', domain: 'contosolycee' }),
    );
    assert.ok(other.ok);
    // A's searches read what changed at most once a second: it is found by then.
    await eventually(async () => ((await names('contoso lycee')).length === 1 ? true : undefined));
    assert.deepEqual(await names('contoso lycee'), ['Contoso Lycée Français']);
    assert.deepEqual(await names('contoso', 'Denied'), []);
    const denied = await b.vetting.decide(
      { kind: 'operator', id: 'op', name: 'Operator' },
      other.value.customer.id,
      { status: 'Denied', reason: 'Not a school' },
    );
    assert.ok(denied.ok);
    await eventually(async () =>
      (await names('contoso', 'Denied')).length === 1 ? true : undefined,
    );
    assert.deepEqual(await names('contoso', 'Denied'), ['Contoso Lycée Français']);
    assert.deepEqual(await names('contoso', 'InReview'), ['Contoso Elementary School']);
  });
});
