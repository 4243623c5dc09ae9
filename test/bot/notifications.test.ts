import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_KEY } from '../support/appHarness.js';
import { ADDRESS, BotHarness, CONTACT, ORGANISATION } from '../support/botHarness.js';
import { buttonTitles, cardText, type ChatClient } from '../support/chatClient.js';
import type { SentActivity, StubAnswer, StubCall } from '../support/connectorStub.js';
import { eventually } from '../support/temp.js';
import { DEFAULT_LIMITS } from '../../src/config.js';

const OPERATOR = { kind: 'operator' as const, id: 'op', name: 'Operator' };
/** The most sends that arrived within any one second. */
/** The most arrivals in any window of this length. */
function busiestIn(arrivals: number[], windowMs: number): number {
  const times = [...arrivals].sort((a, b) => a - b);
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
}
const busiestSecond = (arrivals: number[]) => busiestIn(arrivals, 1_000);

const FAST_RETRIES = {
  notifier: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 2 },
  sendTimeoutMs: 1_000,
};

describe('proactive notifications', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h.dispose());

  /** Adds a customer through the chat; returns the id of the flow's card (now "Submitted"). */
  async function submitCustomer(
    chat: ChatClient,
    next = 'Next',
    submit = 'Submit for verification',
    organisation = ORGANISATION,
  ): Promise<string> {
    const [first] = await chat.say('add customer');
    const card = first!.id;
    for (const values of [organisation, ADDRESS, CONTACT]) await chat.click(card, next, values);
    await chat.click(card, submit);
    return card;
  }
  const decide = async (domain: string, body: unknown) => {
    const response = await fetch(`${h.app.adminUrl}/api/admin/customers/${domain}/decision`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200);
  };
  const proactive = (chat: ChatClient) => h.connector.proactive(chat.conversationId);
  /** A customer is submitted elsewhere and approved: the submitter hears of it, `forgotten` does not. */
  async function assertHearsNothing(forgotten: ChatClient) {
    const submitter = h.chat({ user: { id: 'u-submitter', name: 'Sue', aadObjectId: 'aad-sue' } });
    await submitCustomer(submitter);
    await decide('contosoelementary', { status: 'Approved' });
    await oneNotification(submitter);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(proactive(forgotten).length, 0);
  }
  /** The conversation's document as stored under DATA_DIR/conversations. */
  const storedConversation = (chat: ChatClient): { active: boolean; inactiveReason?: string } => {
    const dir = path.join(h.app.dataDir, 'conversations');
    const docs = fs.readdirSync(dir).map(
      (f) =>
        JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as {
          key: string;
          active: boolean;
          inactiveReason?: string;
        },
    );
    return docs.find((d) => d.key.endsWith(`|${chat.conversationId}`))!;
  };
  const isProactive = (call: StubCall) =>
    call.method === 'POST' && !(call.activityId && h.connector.toBot.has(call.activityId));
  const oneNotification = (chat: ChatClient): Promise<SentActivity> =>
    eventually(
      () => (proactive(chat).length > 0 ? proactive(chat)[0] : undefined),
      15_000,
      'the notification',
    );

  it('tells the submitting conversation in its language, in one card, and turns the submitted card into a line', async () => {
    h = await BotHarness.start();
    const chat = h.chat({ locale: 'fr-FR' });
    const card = await submitCustomer(chat, 'Suivant', 'Soumettre pour vérification');
    await decide('contosoelementary', { status: 'Approved' });
    const notification = await oneNotification(chat);
    const text = cardText(notification.attachments?.[0]?.content);
    assert.match(text, /Vérification approuvée/);
    assert.match(text, /\nÉducation\n/);
    assert.match(text, /Vous pouvez vendre des offres Commerciales et Éducation/);
    assert.ok(buttonTitles(notification.attachments?.[0]?.content).includes('Offres'));
    // The decision is one card: the old one becomes one read-only line that points to it.
    await eventually(
      () =>
        /vérification approuvé.*La décision figure plus bas/.test(cardText(chat.card(card)))
          ? true
          : undefined,
      5_000,
      'the updated card',
    );
    assert.deepEqual(buttonTitles(chat.card(card)), [], 'the old card acts no more');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(proactive(chat).length, 1, 'exactly one notification');
    assert.equal(
      (
        (await fetch(`${h.app.adminUrl}/api/admin/outbox`, {
          headers: { authorization: `Bearer ${ADMIN_KEY}` },
        }).then((r) => r.json())) as { deliveries: unknown[] }
      ).deliveries.length,
      0,
    );
  });

  it('explains a denial with the reason, the requests left and what to do next', async () => {
    h = await BotHarness.start();
    const chat = h.chat();
    await submitCustomer(chat);
    await decide('contosoelementary', {
      status: 'Denied',
      reason: 'The website does not belong to the school',
    });
    const card = (await oneNotification(chat)).attachments?.[0]?.content;
    assert.match(cardText(card), /Verification denied/);
    assert.match(cardText(card), /Not an education customer/);
    assert.match(cardText(card), /Reason: The website does not belong to the school/);
    assert.match(cardText(card), /Verification requests: 1 of 3/);
    assert.ok(buttonTitles(card).includes('Correct and resubmit'));
  });

  it('retries a throttled send after Retry-After and delivers it once', async () => {
    h = await BotHarness.start({ tuning: FAST_RETRIES });
    const chat = h.chat();
    await submitCustomer(chat);
    let throttled = 0;
    // Five 429s: more than the SDK's own three retries, so our queue has to wait and retry too.
    h.connector.answer = (call) =>
      isProactive(call) && throttled++ < 5
        ? { status: 429, headers: { 'retry-after': '0' }, body: { error: { code: 'Throttled' } } }
        : undefined;
    await decide('contosoelementary', { status: 'Approved' });
    await oneNotification(chat);
    assert.equal(throttled, 6);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(proactive(chat).length, 1);
  });

  for (const code of [
    'BotNotInConversationRoster',
    'ConversationBlockedByUser',
    'BotDisabledByAdmin',
  ]) {
    it(`marks the conversation inactive on 403 ${code}, and stops`, async () => {
      h = await BotHarness.start({ tuning: FAST_RETRIES });
      const chat = h.chat();
      await submitCustomer(chat);
      h.connector.answer = (call) =>
        isProactive(call) ? { status: 403, body: { error: { code, message: 'no' } } } : undefined;
      await decide('contosoelementary', { status: 'Approved' });
      const calls = () => h.connector.proactiveCalls();
      await eventually(() => (calls().length > 0 ? true : undefined), 5_000, 'the send');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(calls().length, 1, 'no retry');
      const outbox = (await fetch(`${h.app.adminUrl}/api/admin/outbox`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      }).then((r) => r.json())) as { deliveries: unknown[] };
      assert.deepEqual(outbox.deliveries, []);
      const stored = storedConversation(chat);
      assert.equal(stored.active, false);
      assert.equal(stored.inactiveReason, code);
      assert.ok(
        !h.connector.calls.some((c) => /went wrong/.test(c.activity.text ?? '')),
        'the failure is not reported to the user as an error',
      );
      // Talking to the bot again makes the conversation active again.
      h.connector.answer = () => undefined;
      await chat.say('status contosoelementary');
    });
  }

  it('retries on 500, parks the notification as failed, and delivers it when an operator retries', async () => {
    // The SDK's client retries a 500 three times itself (~5 s) before our queue sees it.
    h = await BotHarness.start({ tuning: { ...FAST_RETRIES, sendTimeoutMs: 15_000 } });
    const chat = h.chat();
    await submitCustomer(chat);
    h.connector.answer = (call) =>
      isProactive(call) ? { status: 500, body: { error: { code: 'ServiceError' } } } : undefined;
    await decide('contosoelementary', { status: 'Approved' });
    const headers = { authorization: `Bearer ${ADMIN_KEY}` };
    const failed = await eventually(
      async () => {
        const { deliveries } = (await fetch(`${h.app.adminUrl}/api/admin/outbox`, { headers }).then(
          (r) => r.json(),
        )) as { deliveries: { state: string; attempts: number; lastError: string }[] };
        return deliveries[0]?.state === 'failed' ? deliveries[0] : undefined;
      },
      40_000,
      'the delivery to be parked',
    );
    assert.equal(failed.attempts, 2);
    assert.match(failed.lastError, /HTTP 500/);
    assert.equal(proactive(chat).length, 0);

    h.connector.answer = () => undefined;
    const retry = await fetch(`${h.app.adminUrl}/api/admin/outbox/retry`, {
      method: 'POST',
      headers,
    });
    assert.deepEqual(await retry.json(), { retried: 1 });
    await oneNotification(chat);
  });

  describe('never twice: one deadline per attempt, and it cancels', () => {
    // One attempt may take 2 s here; botbuilder's own retries of a 429 wait Retry-After each time.
    const ONE_ATTEMPT = {
      notifier: { baseDelayMs: 100, maxDelayMs: 400, maxAttempts: 5, maxThrottledAttempts: 5 },
      sendTimeoutMs: 2_000,
    };
    const outboxIsEmpty = async () => {
      const { deliveries } = (await fetch(`${h.app.adminUrl}/api/admin/outbox`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      }).then((r) => r.json())) as { deliveries: unknown[] };
      return deliveries.length === 0 ? true : undefined;
    };
    /** A submitted customer whose decision meets the connector `answer` gives: the chat and its "Submitted" card. */
    async function submittedChat(
      answer: (submittedCard: string) => (call: StubCall) => StubAnswer | undefined,
    ): Promise<{ chat: ChatClient; submitted: string }> {
      h = await BotHarness.start({ tuning: ONE_ATTEMPT });
      const chat = h.chat();
      const submitted = await submitCustomer(chat);
      h.connector.answer = answer(submitted);
      return { chat, submitted };
    }
    /** Decides, then waits long enough for any abandoned attempt to land: the chat must hold one card, and the outbox none. */
    async function decideAndSeeOneCard(chat: ChatClient, why: string): Promise<void> {
      await decide('contosoelementary', { status: 'Approved' });
      await oneNotification(chat);
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      assert.equal(proactive(chat).length, 1, why);
      await eventually(outboxIsEmpty, 5_000, 'the outbox to empty');
    }

    it('shows the decision once when updating the old card is throttled past the deadline', async () => {
      const { chat, submitted } = await submittedChat(
        (card) => (call) =>
          call.method === 'PUT' && call.activityId === card
            ? { status: 429, headers: { 'retry-after': '3' } }
            : undefined,
      );
      const updates = () =>
        h.connector.calls.filter((c) => c.method === 'PUT' && c.activityId === submitted).length;
      const updatesBefore = updates();
      await decideAndSeeOneCard(chat, 'one card, however the update fared');
      // Retry-After 3 s, deadline 2 s: botbuilder's own retry would come after the deadline, and is not sent.
      assert.equal(
        updates() - updatesBefore,
        1,
        'the update was abandoned at its deadline, not retried on',
      );
    });

    it('shows the decision once when the card itself is throttled three times with a long Retry-After', async () => {
      let throttled = 0;
      const { chat } = await submittedChat(
        () => (call) =>
          isProactive(call) && throttled++ < 3
            ? { status: 429, headers: { 'retry-after': '1' } }
            : undefined,
      );
      await decideAndSeeOneCard(chat, 'no abandoned retry landed beside the new attempt');
    });

    it('shows the decision once when the connector hangs, and when it fails with 5xx first', async () => {
      let calls = 0;
      const { chat } = await submittedChat(() => (call) => {
        if (!isProactive(call)) return undefined;
        calls += 1;
        return calls === 1 ? 'hang' : calls === 2 ? { status: 503 } : undefined;
      });
      await decideAndSeeOneCard(chat, 'one card after a hang and a 503');
    });
  });

  it('gives up on a send that hangs and tries again', async () => {
    h = await BotHarness.start({ tuning: FAST_RETRIES });
    const chat = h.chat();
    await submitCustomer(chat);
    let hung = 0;
    h.connector.answer = (call) => (isProactive(call) && hung++ === 0 ? 'hang' : undefined);
    await decide('contosoelementary', { status: 'Approved' });
    await oneNotification(chat);
    assert.equal(hung, 2);
  });

  it('lets a conversation follow, unfollow, or hear every decision, never twice', async () => {
    h = await BotHarness.start();
    const submitter = h.chat();
    await submitCustomer(submitter);
    const channel = h.chat({ user: { id: 'u2', name: 'Bo', aadObjectId: 'aad-bo' } });
    const other = h.chat({ user: { id: 'u3', name: 'Cy', aadObjectId: 'aad-cy' } });
    assert.deepEqual(
      (await channel.say('notify all')).map((a) => a.text),
      ['This conversation now gets every decision for your customers.'],
    );
    assert.deepEqual(
      (await other.say('follow contosoelementary')).map((a) => a.text),
      ['This conversation will hear here when Microsoft decides on Contoso Elementary School.'],
    );
    const status = (await other.say('status contosoelementary'))[0]!;
    assert.ok(buttonTitles(status.attachments?.[0]?.content).includes('Unfollow'));
    await other.click(status.id, 'Unfollow');
    const silent = h.chat({ user: { id: 'u4', name: 'Di', aadObjectId: 'aad-di' } });
    await silent.say('help');

    await decide('contosoelementary', { status: 'Approved' });
    await oneNotification(submitter);
    await oneNotification(channel);
    // A replay of the same event queues nothing new.
    const [event] = await h.app.service.events.pendingDecisionEvents();
    assert.equal(event, undefined, 'the event was acknowledged');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(proactive(submitter).length, 1);
    assert.equal(proactive(channel).length, 1);
    assert.equal(proactive(other).length, 0);
    assert.equal(proactive(silent).length, 0);
    assert.deepEqual(
      (await channel.say('notify mine')).map((a) => a.text),
      ['This conversation now gets decisions only for the customers it follows.'],
    );
  });

  it('forgets a conversation when the bot is uninstalled', async () => {
    h = await BotHarness.start();
    const chat = h.chat();
    await chat.post({ type: 'installationUpdate', action: 'add' });
    await chat.say('notify all');
    await chat.post({ type: 'installationUpdate', action: 'remove' });
    await assertHearsNothing(chat);
  });

  it('forgets a team channel when the team is deleted', async () => {
    h = await BotHarness.start();
    const channel = h.chat({ user: { id: 'u2', name: 'Bo', aadObjectId: 'aad-bo' } });
    await channel.say('notify all');
    await channel.post({
      type: 'conversationUpdate',
      channelData: { tenant: { id: 'tenant-1' }, eventType: 'teamDeleted', team: { id: 'team-1' } },
    });
    await assertHearsNothing(channel);
  });

  /** Conversations that each follow every decision, and one decision for all of them. */
  async function fanOut(conversations: number): Promise<number> {
    const chats = Array.from({ length: conversations }, (_, i) =>
      h.chat({ user: { id: `u${i}`, name: `User ${i}`, aadObjectId: `aad-${i}` } }),
    );
    for (let i = 0; i < chats.length; i += 20)
      await Promise.all(chats.slice(i, i + 20).map((chat) => chat.say('notify all')));
    const customer = await h.app.service.customers.createCustomer(
      {
        id: 'aad-0',
        name: 'User 0',
        tenantId: 'tenant-1',
        role: 'GlobalAdmin',
        partnerType: 'IndirectProvider',
      },
      { ...ORGANISATION, ...ADDRESS, ...CONTACT },
    );
    assert.ok(customer.ok);
    const started = Date.now();
    await h.app.service.vetting.decide(OPERATOR, customer.value.customer.id, {
      status: 'Approved',
    });
    const sends = () => h.connector.proactiveCalls();
    await eventually(
      () => (sends().length >= conversations ? true : undefined),
      40_000,
      `${conversations} notifications`,
    );
    assert.equal(
      new Set(sends().map((c) => c.conversationId)).size,
      conversations,
      'every conversation once',
    );
    return started;
  }

  it("keeps Teams' 30 a second across a tenant's conversations", async () => {
    h = await BotHarness.start();
    const started = await fanOut(100);
    const arrivals = h.connector.proactiveCalls().map((c) => c.at);
    const busiest = busiestIn(arrivals, 1_000);
    assert.ok(busiest <= 30, `at most 30 in any second, saw ${busiest}`);
    // 100 at 30 a second: three full seconds at least.
    assert.ok(Date.now() - started >= 3_000, 'and not faster than the limit allows');
  });

  it('holds the tenant limit across 500 conversations (its window shortened to a quarter second)', async () => {
    // The same limiter and fan-out as above, at 500 conversations: with Teams' one-second window
    // this takes 17 s of waiting; a quarter-second window proves the same in a quarter of it.
    const QUARTER = 250;
    h = await BotHarness.start({
      // Emulator mode keeps 200 conversations per tenant by default: this test needs 500.
      limits: { ...DEFAULT_LIMITS, emulatorConversationsPerTenant: 1_000 },
      tuning: {
        notifier: {
          perTenant: [{ limit: 30, windowMs: QUARTER }],
          perConversation: [{ limit: 7, windowMs: QUARTER }],
        },
      },
    });
    const started = await fanOut(500);
    // Counted where they arrive, after each send's own few milliseconds of travel: two sends
    // the limiter spaced a window apart may land a little closer. A window short by that
    // travel still holds at most the limit.
    const TRAVEL_MS = 50;
    const busiest = busiestIn(
      h.connector.proactiveCalls().map((c) => c.at),
      QUARTER - TRAVEL_MS,
    );
    assert.ok(busiest <= 30, `at most 30 in any window, saw ${busiest}`);
    // 500 at 30 a window: 16 full windows at least.
    assert.ok(Date.now() - started >= 16 * QUARTER, 'and not faster than the limit allows');
  });

  it('keeps 7 a second to one conversation that follows many customers', async () => {
    // Each decision its own card (no digest window): the per-conversation limit is what is tested.
    h = await BotHarness.start({ tuning: { notifier: { digestWindowMs: 0 } } });
    const chat = h.chat();
    await chat.say('notify all');
    const user = {
      id: 'aad-ann',
      name: 'Ann',
      tenantId: 'tenant-1',
      role: 'GlobalAdmin' as const,
      partnerType: 'IndirectProvider' as const,
    };
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await h.app.service.customers.createCustomer(user, {
        ...ORGANISATION,
        ...ADDRESS,
        ...CONTACT,
        companyName: `Contoso School ${i}`,
        domain: `contoso${i}`,
      });
      assert.ok(created.ok);
      ids.push(created.value.customer.id);
    }
    await Promise.all(
      ids.map((id) => h.app.service.vetting.decide(OPERATOR, id, { status: 'Approved' })),
    );
    await eventually(
      () => (proactive(chat).length >= 20 ? true : undefined),
      20_000,
      '20 notifications',
    );
    const busiest = busiestSecond(h.connector.proactiveCalls(chat.conversationId).map((c) => c.at));
    assert.ok(busiest <= 7, `at most 7 in any second, saw ${busiest}`);
  });
});
