import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ADDRESS, ORGANISATION } from '../support/botHarness.js';
import { BotProcess } from '../support/botProcess.js';
import { cardInputs, cardText } from '../support/chatClient.js';

/**
 * The form's state is served from memory, but a step the user was shown as done is on disk
 * first: a kill -9 right after the answer loses nothing of it.
 */
describe('a form across a kill -9', function () {
  this.timeout(60_000);

  it('goes on at the step it was at, with what was typed, after a restart', async () => {
    const bot = await BotProcess.start('form-kill-');
    try {
      const chat = bot.chat();
      const [first] = await chat.say('add customer');
      await chat.click(first!.id, 'Next', ORGANISATION);
      assert.match(cardText(chat.card(first!.id)), /Address/);
      await bot.killHard();

      await bot.restart();
      await chat.click(first!.id, 'Next', ADDRESS);
      assert.match(
        cardText(chat.card(first!.id)),
        /Contact/,
        'step 3 follows the step 2 sent before the kill',
      );
      await chat.click(first!.id, 'Back');
      await chat.click(first!.id, 'Back');
      assert.equal(
        cardInputs(chat.card(first!.id)).companyName,
        ORGANISATION.companyName,
        'step 1 still holds what was typed before the kill',
      );
      assert.ok(fs.readdirSync(path.join(bot.dataDir, 'bot-state')).length > 0);
    } finally {
      await bot.dispose();
    }
  });
});
