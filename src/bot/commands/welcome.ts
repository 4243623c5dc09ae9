import { menuCard } from '../cards/customerCards.js';
import { defineCommand, noArguments } from './command.js';

/** "hello", "menu": the welcome card with the main actions. */
export default defineCommand({
  name: 'welcome',
  order: 100,
  inManifest: false,
  hasHelp: false,
  ...noArguments,
  async run(turn) {
    await turn.replies.sendCard(menuCard(turn.l, turn.l.t('welcome.text')));
  },
});
