import add from './add.js';
import cancel from './cancel.js';
import type { BotCommand } from './command.js';
import customers from './customers.js';
import follow from './follow.js';
import help from './help.js';
import notify from './notify.js';
import offers from './offers.js';
import resubmit from './resubmit.js';
import status from './status.js';
import welcome from './welcome.js';

/**
 * Every command of the bot: adding one is its module, its words in the catalogues and its line
 * here. Their order in help and the Teams command menu is each command's own `order`.
 */
export const LISTED_COMMANDS: readonly BotCommand[] = [
  add,
  status,
  customers,
  resubmit,
  offers,
  ...follow,
  ...notify,
  help,
  welcome,
  cancel,
] as BotCommand[];
