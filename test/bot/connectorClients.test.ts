import assert from 'node:assert/strict';
import { BotHarness } from '../support/botHarness.js';
import { ChatClient } from '../support/chatClient.js';
import { ConnectorStub } from '../support/connectorStub.js';

describe('connector clients kept across turns', () => {
  it('answers each conversation at its own service URL, turn after turn', async () => {
    const h = await BotHarness.start();
    const other = await new ConnectorStub().start();
    try {
      const here = h.chat();
      const there = new ChatClient(() => h.app.url, other);
      // Alternating, so a client kept for one service URL would be reused for the other if keyed wrong.
      for (let round = 0; round < 2; round++) {
        assert.equal((await here.say('help')).length, 1);
        assert.equal((await there.say('help')).length, 1);
      }
      const conversationsAt = (stub: ConnectorStub) =>
        new Set(stub.calls.map((call) => call.conversationId));
      assert.deepEqual([...conversationsAt(h.connector)], [here.conversationId]);
      assert.deepEqual([...conversationsAt(other)], [there.conversationId]);
    } finally {
      await h.dispose();
      await other.stop();
    }
  });
});
