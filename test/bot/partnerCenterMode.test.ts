import assert from 'node:assert/strict';
import { createLogger } from '../../src/log.js';
import { ADMIN_KEY } from '../support/appHarness.js';
import { ADDRESS, BotHarness, CONTACT, ORGANISATION } from '../support/botHarness.js';
import { BotProcess, fakePartnerCenterEnv } from '../support/botProcess.js';
import { buttonTitles, cardInputs, cardText, type ChatClient } from '../support/chatClient.js';
import { FakePartnerCenter } from '../support/fakePartnerCenter.js';
import { activity, rawRequest } from '../support/rawHttp.js';
import { eventually } from '../support/temp.js';

/**
 * The bot with PARTNER_CENTER=api against a loopback Partner Center that follows the documented
 * contract: the whole conversation over HTTP, as Teams sends it.
 */
describe('conversation with the real Partner Center (api mode, a local fake)', function () {
  this.timeout(60_000);
  let fake: FakePartnerCenter;
  let h: BotHarness;
  let logLines: string[];
  beforeEach(async () => {
    fake = await FakePartnerCenter.start();
    logLines = [];
    h = await BotHarness.start({
      log: createLogger('info', (line) => logLines.push(line)),
      partnerCenter: {
        apiUrl: fake.url,
        authorityHost: fake.url,
        tenantId: 'partner-tenant',
        clientId: 'app-id',
        clientSecret: 'app-secret',
        refreshToken: 'consented-refresh-token',
        pollSeconds: 1,
        // Reads a second or two apart, so a decision is heard within seconds.
        pollMaxSeconds: 2,
        concurrency: 4,
        callsPerSecond: 50,
      },
      // Set, but not run: in api mode decisions are Microsoft's.
      vettingReviewSeconds: 1,
    });
  });
  afterEach(async () => {
    await h.dispose();
    await fake.stop();
  });

  const decisionCards = (chat: ChatClient) => h.connector.proactive(chat.conversationId);
  async function nthDecision(chat: ChatClient, n: number) {
    return eventually(
      () => (decisionCards(chat).length >= n ? decisionCards(chat)[n - 1] : undefined),
      // The poller's next read is at most a few of its doubling intervals away (from 1 s).
      40_000,
      `decision card ${n}`,
    );
  }

  it('adds a customer in Partner Center, hears the denial, resubmits corrected, and hears the approval', async () => {
    const chat = h.chat();
    const [first] = await chat.say('add customer');
    const card = first!.id;
    for (const values of [ORGANISATION, ADDRESS, CONTACT]) await chat.click(card, 'Next', values);
    await chat.click(card, 'Submit for verification');
    assert.match(cardText(chat.card(card)), /Submitted – In review/);
    assert.equal(fake.customers.size, 1, 'one customer in Partner Center');
    const [remote] = [...fake.customers.values()];
    assert.equal(remote!.agreements.length, 1);
    assert.equal(remote!.requests, 1);
    assert.ok(
      await h.app.service.customers.operatorGet(remote!.id),
      "kept under Partner Center's id",
    );
    // The Submit turn's log line names its Partner Center calls by their MS-CorrelationId.
    const [create] = fake.callsTo('POST', '/v1/customers');
    const submitTurn = logLines
      .map((line) => JSON.parse(line) as { msg: string; partnerCenterCorrelationIds?: string[] })
      .find(
        (l) => l.msg === 'turn' && l.partnerCenterCorrelationIds?.includes(create!.correlationId!),
      );
    assert.ok(submitTurn, 'a turn line with the create call’s correlation id');

    // Microsoft denies it in Partner Center: the poller hears it, one card arrives.
    fake.decide(remote!.id, 'Denied', 'Not an Academic Domain');
    const denial = await nthDecision(chat, 1);
    const denialText = cardText(denial.attachments?.[0]?.content);
    assert.match(denialText, /Verification denied/);
    assert.match(denialText, /Reason: Not an Academic Domain/);
    assert.match(denialText, /by Microsoft/);
    assert.doesNotMatch(denialText, /simulated/);

    // A Global admin corrects the city and resubmits: the billing profile, then request 2 of 3.
    const [form] = await chat.say('resubmit contosoelementary');
    const formCard = form!.id;
    for (const step of ['organisation', 'address', 'contact'] as const) {
      const inputs = cardInputs(chat.card(formCard));
      await chat.click(
        formCard,
        'Next',
        step === 'address' ? { ...inputs, city: 'Bellevue' } : inputs,
      );
    }
    await chat.click(formCard, 'Next');
    await chat.click(formCard, 'Resubmit for verification');
    assert.match(cardText(chat.card(formCard)), /resubmitted: request 2 of 3/);
    assert.equal((remote!.billing.defaultAddress as { city: string }).city, 'Bellevue');
    assert.equal(fake.customers.get(remote!.id)!.requests, 2);

    fake.decide(remote!.id, 'Approved');
    const approval = await nthDecision(chat, 2);
    assert.match(cardText(approval.attachments?.[0]?.content), /Verification approved/);
    // Each decision once: no third card while the poller goes on.
    const [status] = await chat.say('status contosoelementary');
    assert.match(cardText(status!.attachments?.[0]?.content), /\nEducation\n/);
    assert.equal(decisionCards(chat).length, 2);
    assert.ok(
      logLines.every((line) => !line.includes('consented-refresh-token')),
      'no token in any log line',
    );
  });

  it('finds a school made in the portal, follows it, hears its decision once, and searches it while Partner Center hangs', async () => {
    const id = fake.addPortalCustomer({
      companyName: 'Fabrikam Academy',
      domain: 'fabrikamacademy.onmicrosoft.com',
      review: { status: 'InReview' },
      signer: { firstName: 'Sam', lastName: 'Signer', email: 'sam@fabrikam.edu' },
    });
    const chat = h.chat();
    const [status] = await chat.say('status fabrikamacademy');
    const statusText = cardText(status!.attachments?.[0]?.content);
    assert.match(statusText, /Fabrikam Academy/);
    assert.match(statusText, /In review/);
    assert.match(
      statusText,
      /Last read from Partner Center: [^\n]+ UTC\n/,
      'when the copy was read',
    );
    const [followed] = await chat.say('follow fabrikam');
    assert.match(followed!.text ?? '', /will hear here when Microsoft decides on Fabrikam Academy/);
    const [offers] = await chat.say('offers fabrikamacademy');
    assert.match(
      cardText(offers!.attachments?.[0]?.content),
      /What you can sell to Fabrikam Academy[\s\S]*blocked while verification is in review/,
    );

    fake.decide(id, 'Approved');
    const approval = await nthDecision(chat, 1);
    assert.match(cardText(approval.attachments?.[0]?.content), /Verification approved/);
    assert.match(cardText(approval.attachments?.[0]?.content), /Fabrikam Academy/);
    assert.equal(decisionCards(chat).length, 1);
    assert.equal(fake.customers.size, 1, 'nothing made in Partner Center by finding it');

    // The message extension answers from the local copy.
    // From now on every call to Partner Center hangs until released: that the searches are
    // answered at all shows they waited on none.
    for (let i = 0; i < 20; i++) {
      fake.injectWhere('GET', () => true, { kind: 'hold' });
      fake.injectWhere('POST', () => true, { kind: 'hold' });
    }
    const invoke = (name: string, value: unknown) =>
      rawRequest(`${h.app.url}/api/messages`, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          activity(h.connector.url, { type: 'invoke', name, value, text: undefined }),
        ),
      });
    const found = await invoke('composeExtension/query', {
      commandId: 'findCustomer',
      parameters: [{ name: 'customer', value: 'fabrikam' }],
    });
    assert.equal(found.status, 200);
    const [result] = (
      found.json() as {
        composeExtension: { attachments: { preview: { content: { title: string } } }[] };
      }
    ).composeExtension.attachments;
    assert.equal(result?.preview.content.title, 'Fabrikam Academy');
    // Not found here: nothing is asked of Partner Center either.
    const none = await invoke('composeExtension/query', {
      commandId: 'findCustomer',
      parameters: [{ name: 'customer', value: 'somewhere else' }],
    });
    assert.deepEqual(
      (none.json() as { composeExtension: { attachments: unknown[] } }).composeExtension
        .attachments,
      [],
    );
    fake.release();
  });

  it('keeps the form when Partner Center does not answer, and the same button finishes it: one customer', async () => {
    const chat = h.chat();
    const [first] = await chat.say('add customer');
    const card = first!.id;
    for (const values of [ORGANISATION, ADDRESS, CONTACT]) await chat.click(card, 'Next', values);
    // Every attempt at the agreement is answered 503: the customer is made, the rest is not.
    for (let i = 0; i < 4; i++)
      fake.injectWhere('POST', (p) => p.endsWith('/agreements'), { kind: 'status', status: 503 });
    await chat.click(card, 'Submit for verification');
    const kept = cardText(chat.card(card));
    assert.match(
      kept,
      /Partner Center created Contoso Elementary School but did not confirm the agreement/,
    );
    assert.deepEqual(buttonTitles(chat.card(card)), ['Submit for verification']);
    await chat.click(card, 'Submit for verification');
    assert.match(cardText(chat.card(card)), /Submitted – In review/);
    assert.equal(fake.customers.size, 1);
    const [remote] = [...fake.customers.values()];
    assert.equal(remote!.agreements.length, 1);
    assert.equal(remote!.requests, 1);
  });

  it('refuses operator decisions and says Partner Center is out of reach on /readyz', async () => {
    const decided = await fetch(`${h.app.adminUrl}/api/admin/customers/anything/decision`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: '{"status":"Approved"}',
    });
    assert.equal(decided.status, 409);
    assert.equal(((await decided.json()) as { code: string }).code, 'DecidedByPartnerCenter');
    assert.equal((await fetch(`${h.app.url}/readyz`)).status, 200);
    await fake.stop();
    const chat = h.chat();
    const [first] = await chat.say('add customer');
    for (const values of [ORGANISATION, ADDRESS, CONTACT])
      await chat.click(first!.id, 'Next', values);
    await chat.click(first!.id, 'Submit for verification');
    assert.match(cardText(chat.card(first!.id)), /did not answer in time, so nothing is confirmed/);
    const ready = await fetch(`${h.app.url}/readyz`);
    assert.equal(ready.status, 503);
    assert.match(await ready.text(), /partnercenter/);
  });
});

describe('api mode across a kill -9', function () {
  this.timeout(90_000);

  it('makes one customer in Partner Center when the bot dies while the create is held and Submit is pressed again', async () => {
    const fake = await FakePartnerCenter.start();
    const bot = await BotProcess.start('partner-center-kill-', {
      ...fakePartnerCenterEnv(fake.url),
    });
    try {
      const chat = bot.chat();
      const [first] = await chat.say('add customer');
      const card = first!.id;
      for (const values of [ORGANISATION, ADDRESS, CONTACT]) await chat.click(card, 'Next', values);
      fake.inject('POST', '/v1/customers', { kind: 'hold' });
      const submitting = chat.click(card, 'Submit for verification').catch(() => undefined);
      await eventually(
        () => (fake.heldCount === 1 ? true : undefined),
        20_000,
        'the create to reach Partner Center',
      );
      await bot.killHard();
      await submitting;
      // Partner Center carries the create out, and answers a connection nobody holds any more.
      fake.release();
      await eventually(() => (fake.customers.size === 1 ? true : undefined), 10_000, 'the create');
      // The refresh token the consent gave was spent by the first process, which kept its successor.
      assert.equal(fake.refreshTokens.has('consented-refresh-token'), false);

      await bot.restart();
      await chat.click(card, 'Submit for verification');
      assert.match(cardText(chat.card(card)), /Submitted – In review/);
      assert.equal(fake.customers.size, 1, 'one customer in Partner Center');
      const [remote] = [...fake.customers.values()];
      assert.equal(remote!.agreements.length, 1, 'one agreement');
      assert.equal(remote!.requests, 1, 'one Education request');
      const creates = fake
        .callsTo('POST', '/v1/customers')
        .filter((c) => c.path === '/v1/customers');
      assert.equal(new Set(creates.map((c) => c.requestId)).size, 1, 'the same MS-RequestId');
    } finally {
      await bot.dispose();
      await fake.stop();
    }
  });
});

describe('api mode and the partner users file', () => {
  it('refuses to start when the users file lists a partner other than the connected one', async () => {
    await assert.rejects(
      BotHarness.start({
        partnerCenter: {
          apiUrl: 'http://127.0.0.1:9',
          authorityHost: 'http://127.0.0.1:9',
          tenantId: 'partner-tenant',
          clientId: 'app-id',
          clientSecret: 'app-secret',
          pollSeconds: 1,
          pollMaxSeconds: 1,
          concurrency: 1,
          callsPerSecond: 1,
        },
        partnerUsers: {
          partners: [
            { tenantId: 'partner-tenant', partnerType: 'DirectBill', users: [] },
            { tenantId: 'another-partner', partnerType: 'DirectBill', users: [] },
          ],
        },
      }),
      /also lists another-partner: their users would act there too/,
    );
  });
});
