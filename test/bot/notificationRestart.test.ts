import assert from 'node:assert/strict';
import { LowdbCustomerStore } from '../../src/storage/lowdb/lowdbCustomerStore.js';
import { PartnerCenterService } from '../../src/service/partnerCenterService.js';
import { silentLogger } from '../../src/log.js';
import { ADMIN_KEY } from '../support/appHarness.js';
import { ADDRESS, BotHarness, CONTACT, ORGANISATION } from '../support/botHarness.js';
import { ChatClient } from '../support/chatClient.js';
import { BotProcess } from '../support/botProcess.js';
import { eventually } from '../support/temp.js';

describe('notifications across crashes', function () {
  this.timeout(60_000);

  async function submit(chat: ChatClient): Promise<void> {
    const [first] = await chat.say('add customer');
    for (const values of [ORGANISATION, ADDRESS, CONTACT])
      await chat.click(first!.id, 'Next', values);
    await chat.click(first!.id, 'Submit for verification');
  }

  it('delivers exactly once after a kill -9 between the decision and the delivery', async () => {
    const bot = await BotProcess.start('notify-kill-');
    const { connector, adminPort } = bot;
    try {
      const chat = bot.chat();
      await submit(chat);
      // The connector never answers the notification: the process is killed while it waits.
      connector.answer = (call) =>
        call.method === 'POST' && !(call.activityId && connector.toBot.has(call.activityId))
          ? 'hang'
          : undefined;
      const decided = await fetch(
        `http://127.0.0.1:${adminPort}/api/admin/customers/contosoelementary/decision`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
          body: '{"status":"Approved"}',
        },
      );
      assert.equal(decided.status, 200);
      await eventually(
        () => (connector.proactiveCalls(chat.conversationId).length > 0 ? true : undefined),
        10_000,
        'the send to start',
      );
      await bot.killHard();
      assert.equal(
        connector.proactive(chat.conversationId).length,
        0,
        'nothing was delivered before the kill',
      );

      connector.answer = () => undefined;
      await bot.restart();
      await eventually(
        () => (connector.proactive(chat.conversationId).length > 0 ? true : undefined),
        15_000,
        'the delivery after restart',
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(connector.proactive(chat.conversationId).length, 1, 'exactly once');
    } finally {
      await bot.dispose();
    }
  });

  it('queues a decision whose process died before the notifier saw it', async () => {
    const h = await BotHarness.start();
    try {
      const chat = h.chat();
      await submit(chat);
      const dataDir = h.app.dataDir;
      // Stop the bot, and record a decision the way a process that died right after its write would leave it.
      await h.app.stop();
      const store = LowdbCustomerStore.open(dataDir);
      const decided = await new PartnerCenterService({
        store,
        log: silentLogger,
        now: h.app.clock,
      }).vetting.decide({ kind: 'operator', id: 'op', name: 'Op' }, 'contosoelementary', {
        status: 'Denied',
        reason: 'No accreditation',
      });
      assert.ok(decided.ok);
      await store.close();
      assert.equal(h.connector.proactive(chat.conversationId).length, 0);

      h.app = await h.app.restart();
      const delivered = await eventually(
        () => h.connector.proactive(chat.conversationId)[0],
        10_000,
        'the replayed notification',
      );
      assert.match(JSON.stringify(delivered.attachments), /No accreditation/);
      assert.deepEqual(await h.app.service.events.pendingDecisionEvents(), []);
    } finally {
      await h.dispose();
    }
  });
});
