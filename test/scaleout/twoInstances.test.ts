import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DELIVERY_QUEUE } from '../../src/storage/azure/azureDeliveryQueue.js';
import { REVIEW_QUEUE } from '../../src/storage/azure/queueReviewQueue.js';
import { openQueue } from '../../src/storage/azure/queues.js';
import { TableCustomerStore } from '../../src/storage/azure/tableCustomerStore.js';
import { ADMIN_KEY } from '../support/appHarness.js';
import { startAzurite, type Azurite } from '../support/azurite.js';
import { ADDRESS, CONTACT, ORGANISATION } from '../support/botHarness.js';
import { cardInputs, cardText, ChatClient } from '../support/chatClient.js';
import { ConnectorStub, type SentActivity } from '../support/connectorStub.js';
import { FakePartnerCenter } from '../support/fakePartnerCenter.js';
import { freePort } from '../support/net.js';
import { eventually, tempDir } from '../support/temp.js';

/**
 * Several instances on one storage account: real bot processes (`node dist/src/index.js` with
 * STORAGE=azure) on one Azurite, behind no load balancer but the tests, which send each turn to
 * the instance they choose.
 */

const INDEX = fileURLToPath(new URL('../../src/index.js', import.meta.url));
const LEASE_SECONDS = 3;

interface Instance {
  url: string;
  adminUrl: string;
  process: ChildProcess;
}

describe('scaling out: two instances on one Azure Storage account', function () {
  this.timeout(120_000);
  let azurite: Azurite;
  let connector: ConnectorStub;
  const work = tempDir('scaleout-');
  const running: Instance[] = [];

  before(async () => {
    azurite = await startAzurite();
    connector = await new ConnectorStub().start();
  });
  after(async () => {
    for (const instance of running) instance.process.kill('SIGTERM');
    await connector?.stop();
    await azurite?.stop();
    work.remove();
  });

  async function startInstance(
    reviewSeconds = 0,
    env: Record<string, string> = {},
  ): Promise<Instance> {
    // A port found free may be taken before the instance binds it: then it exits, and starts again.
    for (let attempt = 1; ; attempt++) {
      const started = await startOnce(reviewSeconds, env);
      if ('instance' in started) return started.instance;
      if (attempt === 3) throw new Error(`the instance did not start: ${started.why}`);
    }
  }

  async function startOnce(
    reviewSeconds: number,
    env: Record<string, string>,
  ): Promise<{ instance: Instance } | { why: string }> {
    const port = await freePort();
    const adminPort = await freePort();
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', INDEX], {
      cwd: work.dir,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        ADMIN_PORT: String(adminPort),
        DATA_DIR: path.join(work.dir, `instance-${port}`),
        STORAGE: 'azure',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        AZURE_QUEUE_LEASE_SECONDS: String(LEASE_SECONDS),
        ADMIN_API_KEY: ADMIN_KEY,
        VETTING_REVIEW_SECONDS: String(reviewSeconds),
        DEV_USER_ROLE: 'GlobalAdmin',
        DEV_PARTNER_TYPE: 'IndirectProvider',
        LOG_LEVEL: 'error',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)),
    );
    const url = `http://127.0.0.1:${port}`;
    // Healthy, or gone: bounded only so that a hung start fails the test (a loaded machine is slow).
    const healthy = await eventually(
      async () =>
        child.exitCode !== null
          ? false
          : (await fetch(`${url}/healthz`).catch(() => undefined))?.ok
            ? true
            : undefined,
      60_000,
      'the instance to start',
    );
    if (!healthy) return { why: `exit ${child.exitCode}: ${stderr.trim()}` };
    const instance = { url, adminUrl: `http://127.0.0.1:${adminPort}`, process: child };
    running.push(instance);
    return { instance };
  }

  /**
   * Ends an instance and waits until it has exited: `kill -9` (SIGKILL) by default, or as its
   * host stops it (SIGTERM: it finishes the work it has begun).
   */
  async function kill(
    instance: Instance,
    signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL',
  ): Promise<void> {
    const exited = new Promise((resolve) =>
      instance.process.exitCode !== null ? resolve(null) : instance.process.once('exit', resolve),
    );
    instance.process.kill(signal);
    await exited;
    running.splice(running.indexOf(instance), 1);
  }

  /**
   * Every delivery settled: no message in the delivery queue (nor in the others named), visible
   * or leased. Only a message still there can come back when its lease ends and be sent again,
   * so once they are empty any second card would already have arrived.
   */
  async function nothingLeftToSend(...others: string[]): Promise<void> {
    const queues = await Promise.all(
      [DELIVERY_QUEUE, ...others].map((name) => openQueue(azurite.account, name)),
    );
    await eventually(
      async () => {
        const held = await Promise.all(
          queues.map(async (queue) => (await queue.getProperties()).approximateMessagesCount),
        );
        return held.every((count) => count === 0) ? true : undefined;
      },
      30_000,
      'every queued message to be settled',
    );
  }

  const decide = async (instance: Instance, domain: string) => {
    const res = await fetch(`${instance.adminUrl}/api/admin/customers/${domain}/decision`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'Approved' }),
    });
    assert.equal(res.status, 200, await res.text());
  };

  async function submit(chat: ChatClient, organisation = ORGANISATION): Promise<void> {
    const [first] = await chat.say('add customer');
    for (const values of [organisation, ADDRESS, CONTACT])
      await chat.click(first!.id, 'Next', values);
    await chat.click(first!.id, 'Submit for verification');
  }

  /** Runs the correct-and-resubmit form up to its confirmation card; returns the card's id. */
  async function toResubmitConfirmation(chat: ChatClient, domain: string): Promise<string> {
    const replies = await chat.say(`resubmit ${domain}`);
    const card = replies.find((r) => r.attachments?.length)?.id;
    if (!card) throw new Error(`no form for resubmit: ${replies.map((r) => r.text).join(' | ')}`);
    for (let step = 0; step < 3; step++)
      await chat.click(card, 'Next', cardInputs(chat.card(card)));
    await chat.click(card, 'Next'); // review → confirm
    return card;
  }

  it('adds one customer when the same domain is submitted through both instances at once', async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const chats = [a, b, a, b].map(
      (instance, i) =>
        new ChatClient(() => instance.url, connector, {
          tenantId: 'tenant-domain',
          user: { id: `u${i}`, name: `User ${i}`, aadObjectId: `aad-${i}` },
        }),
    );
    // Four different schools wanting one primary domain.
    const cards = await Promise.all(
      chats.map(async (chat, i) => {
        const organisation = {
          ...ORGANISATION,
          companyName: `Fabrikam Race Academy ${['North', 'South', 'East', 'West'][i]}`,
          domain: 'fabrikamrace',
        };
        const [first] = await chat.say('add customer');
        for (const values of [organisation, ADDRESS, CONTACT])
          await chat.click(first!.id, 'Next', values);
        return first!.id;
      }),
    );
    await Promise.all(chats.map((chat, i) => chat.click(cards[i]!, 'Submit for verification')));
    const outcomes = chats.map((chat, i) => cardText(chat.card(cards[i]!)));
    assert.equal(
      outcomes.filter((text) => /Submitted – In review/.test(text)).length,
      1,
      outcomes.join('\n---\n'),
    );
    assert.equal(
      outcomes.filter((text) => /fabrikamrace\.onmicrosoft\.com is already taken/.test(text))
        .length,
      3,
    );
    const store = await TableCustomerStore.open(azurite.account, 'eduCustomers');
    let customers = 0;
    for await (const record of store.scan('tenant-domain'))
      if (record.companyProfile.domain === 'fabrikamrace.onmicrosoft.com') customers += 1;
    assert.equal(customers, 1);
    await Promise.all([kill(a), kill(b)]);
  });

  it('never passes three verification requests when resubmissions go through both instances at once', async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const admin = (instance: Instance, i: number) =>
      new ChatClient(() => instance.url, connector, {
        tenantId: 'tenant-limit',
        user: { id: `admin${i}`, name: `Admin ${i}`, aadObjectId: `aad-admin-${i}` },
      });
    await submit(admin(a, 9), {
      ...ORGANISATION,
      companyName: 'Fabrikam Limits Academy',
      domain: 'fabrikamlimits',
    });
    const deny = async () => {
      const res = await fetch(`${b.adminUrl}/api/admin/customers/fabrikamlimits/decision`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'Denied', reason: 'Not accredited' }),
      });
      assert.equal(res.status, 200);
    };
    const resubmitted: string[] = [];
    for (let round = 0; round < 2; round++) {
      await deny();
      // Four admins, two on each instance, all at the confirmation; then all confirm at once.
      const chats = [a, b, a, b].map((instance, i) => admin(instance, i));
      const confirms = await Promise.all(
        chats.map((chat) => toResubmitConfirmation(chat, 'fabrikamlimits')),
      );
      await Promise.all(
        chats.map((chat, i) => chat.click(confirms[i]!, 'Resubmit for verification')),
      );
      const outcomes = chats.map((chat, i) => cardText(chat.card(confirms[i]!)));
      resubmitted.push(...outcomes.filter((text) => /resubmitted: request \d of 3/.test(text)));
      const refused = outcomes.filter((text) => /only possible after a denial/.test(text));
      assert.equal(refused.length, 3, outcomes.join('\n---\n'));
    }
    assert.deepEqual(
      resubmitted.map((text) => /request (\d) of 3/.exec(text)?.[1]),
      ['2', '3'],
      'one resubmission per denial',
    );
    // All three requests are used: through either instance, a fourth is refused before any form.
    await deny();
    const refusals = await Promise.all(
      [a, b, a, b].map((instance, i) => admin(instance, i).say('resubmit fabrikamlimits')),
    );
    for (const replies of refusals)
      assert.match(
        replies.map((r) => r.text).join(' '),
        /All 3 verification requests for Fabrikam Limits Academy are used/,
      );
    const store = await TableCustomerStore.open(azurite.account, 'eduCustomers');
    const stored = await store.getByDomain('fabrikamlimits.onmicrosoft.com');
    assert.equal(stored?.qualification.verificationRequests, 3);
    assert.equal(stored?.qualification.history.filter((e) => e.to === 'InReview').length, 3);
    await Promise.all([kill(a), kill(b)]);
  });

  it("loses no conversation state when one conversation's turns reach both instances at once", async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const viaA = new ChatClient(() => a.url, connector);
    const viaB = new ChatClient(() => b.url, connector, { conversationId: viaA.conversationId });
    const isForm = (reply: SentActivity) =>
      /Add an education customer/.test(cardText(reply.attachments?.[0]?.content));
    let conflicts = 0;
    for (let round = 0; round < 12; round++) {
      // Two "add customer" at the same moment. With botbuilder's '*' writes both turns stand, one
      // form silently gone; here the turn that loses the race says so (the storage-level suite
      // shows each interleaving deterministically).
      const turns = await Promise.all([viaA.say('add customer'), viaB.say('add customer')]);
      const lost = turns.filter((replies) =>
        replies.some((r) => /acted at the same moment/.test(r.text ?? '')),
      );
      conflicts += lost.length;
      assert.ok(lost.length < 2, `round ${round}: one of the two turns stands`);
      const shown = turns
        .filter((replies) => !lost.includes(replies))
        .flat()
        .filter(isForm);
      // The form shown last by a standing turn is the stored one: Next works, through either instance.
      const stored = shown
        .sort((x, y) => connector.sent.indexOf(x) - connector.sent.indexOf(y))
        .at(-1)!;
      const next = await (round % 2 ? viaB : viaA).click(stored.id, 'Next', ORGANISATION);
      // What the person who clicked sees: a new card, or the invoke's answer in place.
      const card =
        next.at(-1)?.attachments?.[0]?.content ?? (round % 2 ? viaB : viaA).card(stored.id);
      assert.match(cardText(card), /Step 2 of 3/);
      await viaA.say('cancel');
    }
    // The two instances really raced (the turns overlapped) at least once.
    assert.ok(conflicts > 0, 'no round overlapped: the test proved nothing');
    await Promise.all([kill(a), kill(b)]);
  });

  it('delivers each decision exactly once while both instances consume the outbox', async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const chats = [0, 1, 2, 3].map(
      (i) => new ChatClient(() => (i % 2 ? b.url : a.url), connector, { tenantId: 'tenant-once' }),
    );
    for (const [i, chat] of chats.entries())
      await submit(chat, {
        ...ORGANISATION,
        companyName: `Once School ${i}`,
        domain: `onceschool${i}`,
      });
    await Promise.all(chats.map((_, i) => decide(i % 2 ? a : b, `onceschool${i}`)));
    for (const chat of chats)
      await eventually(
        () => (connector.proactive(chat.conversationId).length > 0 ? true : undefined),
        20_000,
        'a notification',
      );
    await nothingLeftToSend();
    assert.deepEqual(
      chats.map((chat) => connector.proactive(chat.conversationId).length),
      [1, 1, 1, 1],
    );
    await Promise.all([kill(a), kill(b)]);
  });

  it('delivers through the other instance when one dies in the middle of a delivery', async () => {
    const a = await startInstance();
    const chat = new ChatClient(() => a.url, connector, { tenantId: 'tenant-kill' });
    await submit(chat, {
      ...ORGANISATION,
      companyName: 'Killed Delivery School',
      domain: 'killeddelivery',
    });
    // The connector does not answer the notification: A is killed while it waits.
    connector.answer = (call) =>
      call.method === 'POST' &&
      call.conversationId === chat.conversationId &&
      !(call.activityId && connector.toBot.has(call.activityId))
        ? 'hang'
        : undefined;
    await decide(a, 'killeddelivery');
    await eventually(
      () => (connector.proactiveCalls(chat.conversationId).length > 0 ? true : undefined),
      20_000,
      'A to start sending',
    );
    await kill(a);
    connector.answer = () => undefined;
    assert.equal(connector.proactive(chat.conversationId).length, 0);

    const b = await startInstance();
    const delivered: SentActivity = await eventually(
      () => connector.proactive(chat.conversationId)[0],
      30_000,
      'B to deliver',
    );
    assert.match(cardText(delivered.attachments?.[0]?.content), /Verification approved/);
    await nothingLeftToSend();
    assert.equal(connector.proactive(chat.conversationId).length, 1, 'exactly once');
    await kill(b);
  });

  it('decides a review due later on whichever instance is alive, once', async () => {
    const [a, b] = await Promise.all([startInstance(4), startInstance(4)]);
    const chat = new ChatClient(() => a.url, connector, { tenantId: 'tenant-review' });
    await submit(chat, {
      ...ORGANISATION,
      companyName: 'Scheduled Review School',
      domain: 'scheduledreview',
    });
    // The review is a queue message, invisible for four seconds; A, which scheduled it, is gone by then.
    await kill(a);
    const notification = await eventually(
      () => connector.proactive(chat.conversationId)[0],
      30_000,
      'the decision of the simulated reviewer',
    );
    assert.match(cardText(notification.attachments?.[0]?.content), /Verification approved/);
    const store = await TableCustomerStore.open(azurite.account, 'eduCustomers');
    const customer = await store.getByDomain('scheduledreview.onmicrosoft.com');
    assert.deepEqual(
      customer?.qualification.history.map((e) => e.to),
      ['InReview', 'Approved'],
      'decided once',
    );
    await nothingLeftToSend(REVIEW_QUEUE);
    assert.equal(connector.proactive(chat.conversationId).length, 1);
    await kill(b);
  });

  it('in api mode, reads each customer on one instance at a time and delivers each decision once', async function () {
    // Its waits are bounded by the doubled poll schedule, longer than the suite's own timeout.
    this.timeout(360_000);
    const fake = await FakePartnerCenter.start();
    try {
      // Each instance its own app id, so the fake can tell whose calls it answers.
      const INSTANCE_A = 'aaaaaaaa-0000-4000-8000-000000000000';
      const INSTANCE_B = 'bbbbbbbb-0000-4000-8000-000000000000';
      const apiMode = (clientId: string) => ({
        PARTNER_CENTER: 'api',
        PARTNER_CENTER_API_URL: fake.url,
        AZURE_AUTHORITY_HOST: fake.url,
        PARTNER_CENTER_TENANT_ID: '0f0e0d0c-0000-4000-8000-000000000001',
        PARTNER_CENTER_CLIENT_ID: clientId,
        PARTNER_CENTER_CLIENT_SECRET: 'app-secret',
        PARTNER_CENTER_REFRESH_TOKEN: 'consented-refresh-token',
        PARTNER_CENTER_POLL_SECONDS: '1',
        // Reads at most two seconds apart: what is shared is heard within seconds, not a minute.
        PARTNER_CENTER_POLL_MAX_SECONDS: '2',
      });
      const a = await startInstance(0, apiMode(INSTANCE_A));
      const chats = [0, 1, 2].map(
        () => new ChatClient(() => a.url, connector, { tenantId: 'tenant-api' }),
      );
      for (const [i, chat] of chats.entries())
        await submit(chat, {
          ...ORGANISATION,
          companyName: `Polled School ${i}`,
          domain: `polledschool${i}`,
        });
      assert.equal(fake.customers.size, 3);
      // B starts later and finds the three in review, on the schedule kept in the shared store
      // (and the refresh token A's exchange left there).
      const b = await startInstance(0, apiMode(INSTANCE_B));
      const reads = () =>
        fake.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/qualifications'));
      // Both serve for a few slots (whichever claims a slot first reads it), then A stops and B,
      // on the schedule alone, goes on reading: which instance wins a slot is not for a test to wait on.
      const readsAtStart = reads().length;
      await eventually(
        () => (reads().length >= readsAtStart + 3 ? true : undefined),
        40_000,
        'reads while both instances run',
      );
      // Killed in the middle of a read, A would leave its claim to lapse (two minutes) before B
      // may read that customer: that is recovery, not sharing. A is stopped as App Service stops
      // an instance (SIGTERM): it finishes the reads it has begun and claims no more.
      await kill(a, 'SIGTERM');
      const readsWithoutA = reads().length;
      await eventually(
        () =>
          reads()
            .slice(readsWithoutA)
            .some((c) => c.client === INSTANCE_B)
            ? true
            : undefined,
        90_000,
        'instance B to read on its own',
      );
      for (const id of fake.customers.keys()) {
        // One customer's reads: one per slot of its schedule, whichever instance made it. Slots
        // are at least 0.9 s apart; two instances reading one slot would be milliseconds apart.
        const times = reads()
          .filter((c) => c.path === `/v1/customers/${id}/qualifications`)
          .map((c) => c.at!);
        assert.ok(times.length >= 1, `customer ${id} was read`);
        const gaps = times.slice(1).map((t, i) => t - times[i]!);
        assert.ok(
          gaps.every((gap) => gap >= 800),
          `reads of one customer ${gaps.join(', ')} ms apart`,
        );
      }
      const readsBefore = reads().length;
      for (const id of fake.customers.keys()) fake.decide(id, 'Approved');
      for (const chat of chats)
        await eventually(
          () => (connector.proactive(chat.conversationId).length > 0 ? true : undefined),
          // The schedule doubles from 1 s: by now a read may be a minute away.
          150_000,
          'a decision card',
        );
      await nothingLeftToSend();
      assert.deepEqual(
        chats.map((chat) => connector.proactive(chat.conversationId).length),
        [1, 1, 1],
        'each decision delivered once',
      );
      assert.ok(reads().length > readsBefore);
      await kill(b);
    } finally {
      await fake.stop();
    }
  });
});
