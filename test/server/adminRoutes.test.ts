import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { CustomerRecord } from '../../src/domain/customer.js';
import { customerForm, globalAdmin } from '../support/fixtures.js';
import { ADMIN_KEY, startTestApp } from '../support/appHarness.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

describe('operator endpoint over HTTP', () => {
  let app: App;
  let customer: CustomerRecord;
  beforeEach(async () => {
    app = await startTestApp();
    const created = await app.service.customers.createCustomer(globalAdmin, customerForm());
    assert.ok(created.ok);
    customer = created.value.customer;
  });
  afterEach(async () => app.dispose());

  const decide = (idOrDomain: string, body: unknown, key: string | null = ADMIN_KEY) =>
    fetch(`${app.adminUrl}/api/admin/customers/${encodeURIComponent(idOrDomain)}/decision`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key !== null ? { authorization: `Bearer ${key}` } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const stored = (): CustomerRecord =>
    JSON.parse(fs.readFileSync(path.join(app.dataDir, 'customers', `${customer.id}.json`), 'utf8'));

  it('answers health checks', async () => {
    const res = await fetch(`${app.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('approves a customer in review and returns the new qualification', async () => {
    const res = await decide(customer.id, { status: 'Approved', operator: 'maria' });
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.vettingStatus, 'Approved');
    assert.equal(body.customerId, customer.id);
    assert.equal(body.requestsUsed, 1);
    assert.equal(stored().qualification.vettingStatus, 'Approved');
    assert.deepEqual(stored().qualification.history.at(-1)?.by, {
      kind: 'operator',
      id: 'maria',
      name: 'maria',
    });
  });

  it('denies by domain, storing the reason', async () => {
    const res = await decide('contosoelementary.onmicrosoft.com', {
      status: 'Denied',
      reason: 'Accreditation not found',
    });
    assert.equal(res.status, 200);
    assert.equal(stored().qualification.vettingReason, 'Accreditation not found');
  });

  it('answers 401 to a missing or wrong key, and changes nothing', async () => {
    for (const key of [null, 'wrong', `${ADMIN_KEY}x`, '']) {
      const res = await decide(customer.id, { status: 'Approved' }, key);
      assert.equal(res.status, 401, String(key));
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    }
    assert.equal(stored().qualification.vettingStatus, 'InReview');
  });

  it('answers 404 for an unknown customer', async () => {
    const res = await decide('no-such-customer', { status: 'Approved' });
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { code: string }).code, 'CustomerNotFound');
  });

  it('answers 409 when the customer is not in review', async () => {
    assert.equal((await decide(customer.id, { status: 'Approved' })).status, 200);
    const res = await decide(customer.id, { status: 'Denied', reason: 'Changed my mind' });
    assert.equal(res.status, 409);
    assert.deepEqual(((await res.json()) as { code: string; status: string }).status, 'Approved');
    assert.equal(stored().qualification.vettingStatus, 'Approved');
  });

  it('answers 400 with field errors for a bad body', async () => {
    const cases: [unknown, string[]][] = [
      [{ status: 'Maybe' }, ['status']],
      [{ status: 'Denied' }, ['reason']],
      [{ status: 'Denied', reason: '   ' }, ['reason']],
      [{ status: 'Approved', extra: true }, ['extra']],
      [{}, ['status']],
    ];
    for (const [body, fields] of cases) {
      const res = await decide(customer.id, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const answer = (await res.json()) as { code: string; issues: { field: string }[] };
      assert.equal(answer.code, 'InvalidBody');
      assert.deepEqual(
        answer.issues.map((i) => i.field),
        fields,
        JSON.stringify(body),
      );
    }
    const malformed = await decide(customer.id, '{"status": ');
    assert.equal(malformed.status, 400);
    assert.equal(stored().qualification.vettingStatus, 'InReview');
  });

  it('lists customers for operators, filtered by status', async () => {
    const headers = { authorization: `Bearer ${ADMIN_KEY}` };
    const all = (await (
      await fetch(`${app.adminUrl}/api/admin/customers`, { headers })
    ).json()) as { total: number; items: { domain: string }[] };
    assert.equal(all.total, 1);
    assert.equal(all.items[0]?.domain, 'contosoelementary.onmicrosoft.com');
    const approved = (await (
      await fetch(`${app.adminUrl}/api/admin/customers?status=Approved`, { headers })
    ).json()) as { total: number };
    assert.equal(approved.total, 0);
    assert.equal(
      (await fetch(`${app.adminUrl}/api/admin/customers?status=Nope`, { headers })).status,
      400,
    );
    assert.equal((await fetch(`${app.adminUrl}/api/admin/customers`)).status, 401);
  });
});

describe('operator endpoint without ADMIN_API_KEY', () => {
  it('is not served', async () => {
    const app = await startTestApp({ adminApiKey: null });
    try {
      assert.equal(app.adminUrl, undefined, 'no operator listener at all');
      const res = await fetch(`${app.url}/api/admin/customers/x/decision`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
        body: '{"status":"Approved"}',
      });
      assert.equal(res.status, 404, 'and nothing of it on the public listener');
      assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
    } finally {
      await app.dispose();
    }
  });
});
