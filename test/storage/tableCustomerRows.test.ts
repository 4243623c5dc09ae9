import assert from 'node:assert/strict';
import http from 'node:http';
import type { HistoryEntry } from '../../src/domain/customer.js';
import { ok } from '../../src/domain/result.js';
import { silentLogger } from '../../src/log.js';
import { PartnerCenterService } from '../../src/service/partnerCenterService.js';
import { TableCustomerStore } from '../../src/storage/azure/tableCustomerStore.js';
import { openTable } from '../../src/storage/azure/tables.js';
import { startAzurite, type Azurite } from '../support/azurite.js';
import { testClock } from '../support/clock.js';
import { customerForm, globalAdmin } from '../support/fixtures.js';

/**
 * A customer on Azure Table is one row plus one row per history entry. While the history is
 * short the customer row carries it too, so a read is one request; a row without it (written
 * before the column, or a history too long for one column) is read whole from its history rows.
 */
describe('customer rows on Azure Table', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  before(async () => (azurite = await startAzurite()));
  after(async () => azurite?.stop());

  /** HTTP requests `run` makes (to Azurite). */
  async function requestsOf(run: () => Promise<unknown>): Promise<number> {
    const original = http.request;
    let made = 0;
    http.request = ((...args: Parameters<typeof http.request>) => {
      made++;
      return original(...args);
    }) as typeof http.request;
    try {
      await run();
    } finally {
      http.request = original;
    }
    return made;
  }

  async function denied(tableName: string) {
    const store = await TableCustomerStore.open(azurite.account, tableName);
    const service = new PartnerCenterService({ store, log: silentLogger, now: testClock() });
    const made = await service.customers.createCustomer(globalAdmin, customerForm());
    assert.ok(made.ok);
    const id = made.value.customer.id;
    const decided = await service.vetting.decide({ kind: 'operator', id: 'op', name: 'Op' }, id, {
      status: 'Denied',
      reason: 'Not a school',
    });
    assert.ok(decided.ok);
    const table = await openTable(azurite.account, tableName);
    const row = await table.getEntity(globalAdmin.tenantId, `customer|${id}`);
    return { store, id, table, row };
  }

  it('reads a customer in one request, its history carried on its row', async () => {
    const { store, id, row } = await denied('rowsCarried');
    assert.equal(typeof row.history, 'string');
    const expected = (await store.get(id))!;
    assert.deepEqual(
      expected.qualification.history.map((e) => [e.from, e.to]),
      [
        ['None', 'InReview'],
        ['InReview', 'Denied'],
      ],
    );
    // A fresh store: the id's partner is looked up once, then each read is the row alone.
    const fresh = await TableCustomerStore.open(azurite.account, 'rowsCarried');
    await fresh.get(id);
    assert.equal(await requestsOf(() => fresh.get(id)), 1);
    assert.deepEqual(await fresh.get(id), expected);
  });

  it('reads a row written without the column whole, from its history rows', async () => {
    const { store, id, table, row } = await denied('rowsLegacy');
    const expected = (await store.get(id))!;
    const { history: _carried, etag: _etag, timestamp: _t, ...legacy } = row;
    await table.updateEntity(
      { ...legacy, partitionKey: globalAdmin.tenantId, rowKey: `customer|${id}` },
      'Replace',
    );
    const fresh = await TableCustomerStore.open(azurite.account, 'rowsLegacy');
    await fresh.get(id);
    assert.equal(await requestsOf(() => fresh.get(id)), 2, 'the row, then its history rows');
    assert.deepEqual(await fresh.get(id), expected);
    // Its next change writes the column again.
    const changed = await fresh.update(id, (current) =>
      ok({ ...current, updatedAt: '2026-11-23T10:00:00.000Z' }),
    );
    assert.ok(changed.ok);
    const rewritten = await table.getEntity(globalAdmin.tenantId, `customer|${id}`);
    assert.equal(typeof rewritten.history, 'string');
    assert.deepEqual((await fresh.get(id))?.qualification.history, expected.qualification.history);
  });

  it('keeps a history too long for one column in its rows only, and reads it whole', async () => {
    const { store, id, table } = await denied('rowsLong');
    const correction = (i: number): HistoryEntry => ({
      at: `2026-11-23T10:${String(i % 60).padStart(2, '0')}:00.000Z`,
      by: { kind: 'partnerUser', id: 'aad-ann', name: 'Ann Lee' },
      from: 'Denied',
      to: 'Denied',
      changedFields: ['companyName', 'address.addressLine1', 'address.city', 'contact.email'],
    });
    // 90 entries a change: a transaction holds at most 100 actions.
    for (let batch = 0; batch < 5; batch++) {
      const changed = await store.update(id, (current) =>
        ok({
          ...current,
          qualification: {
            ...current.qualification,
            history: [
              ...current.qualification.history,
              ...Array.from({ length: 90 }, (_, i) => correction(batch * 90 + i)),
            ],
          },
        }),
      );
      assert.ok(changed.ok);
    }
    const row = await table.getEntity(globalAdmin.tenantId, `customer|${id}`);
    assert.equal(row.history, undefined, 'too long for the row');
    const fresh = await TableCustomerStore.open(azurite.account, 'rowsLong');
    const read = (await fresh.get(id))!;
    assert.equal(read.qualification.history.length, 2 + 450);
    assert.deepEqual(read.qualification.history.at(-1), correction(449));
  });
});
