import { menuCard } from '../cards/customerCards.js';
import { cardReply } from '../turn.js';
import { defineCommand, noArguments } from './command.js';

/** "help": what the bot can do, one line per command. */
export default defineCommand({
  name: 'help',
  order: 90,
  inManifest: true,
  hasHelp: false,
  ...noArguments,
  run: async (turn) => cardReply(menuCard(turn.i18n, turn.i18n.t('help.title'), turn.helpLines())),
});
