import { welcomeCard } from '../cards/customerCards.js';
import { cardReply } from '../turn.js';
import { defineCommand, noArguments } from './command.js';

/** "hello", "menu": the welcome card with the main actions. */
export default defineCommand({
  name: 'welcome',
  order: 100,
  inManifest: false,
  hasHelp: false,
  ...noArguments,
  run: async (turn) => cardReply(welcomeCard(turn.i18n)),
});
