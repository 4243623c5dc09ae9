import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ADDRESS, ORGANISATION } from '../support/botHarness.js';
import { killHard, startBotProcess } from '../support/botProcess.js';
import { cardInputs, cardText, ChatClient } from '../support/chatClient.js';
import { ConnectorStub } from '../support/connectorStub.js';
import { freePort } from '../support/net.js';
import { tempDir } from '../support/temp.js';

/**
 * The form's state is served from memory, but a step the user was shown as done is on disk
 * first: a kill -9 right after the answer loses nothing of it.
 */
describe('a form across a kill -9', function () {
  this.timeout(60_000);

  it('goes on at the step it was at, with what was typed, after a restart', async () => {
    const work = tempDir('form-kill-');
    const connector = await new ConnectorStub().start();
    const dataDir = path.join(work.dir, 'data');
    const port = await freePort();
    const adminPort = await freePort();
    let bot = await startBotProcess(dataDir, port, adminPort);
    try {
      const chat = new ChatClient(() => `http://127.0.0.1:${port}`, connector);
      const [first] = await chat.say('add customer');
      await chat.click(first!.id, 'Next', ORGANISATION);
      assert.match(cardText(chat.card(first!.id)), /Address/);
      await killHard(bot);

      bot = await startBotProcess(dataDir, port, adminPort);
      await chat.click(first!.id, 'Next', ADDRESS);
      const contact = chat.card(first!.id);
      assert.match(cardText(contact), /Contact/, 'step 3 follows the step 2 sent before the kill');
      await chat.click(first!.id, 'Back');
      await chat.click(first!.id, 'Back');
      assert.equal(
        cardInputs(chat.card(first!.id)).companyName,
        ORGANISATION.companyName,
        'step 1 still holds what was typed before the kill',
      );
      assert.ok(fs.readdirSync(path.join(dataDir, 'bot-state')).length > 0);
    } finally {
      bot.kill('SIGTERM');
      await connector.stop();
      work.remove();
    }
  });
});
