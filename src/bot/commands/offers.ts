import { refusalText } from '../../i18n/serviceMessages.js';
import { offersCard } from '../cards/customerCards.js';
import { cardReply, textReply } from '../turn.js';
import { customerArgument, defineCommand, withCustomer } from './command.js';

/** "offers <customer>": what the partner can sell the customer now. */
export default defineCommand({
  name: 'offers',
  order: 50,
  inManifest: true,
  hasHelp: true,
  ...customerArgument,
  run: (turn, { customer }) =>
    withCustomer(turn, 'offers', customer, async (record) => {
      const options = await turn.services.customers.purchaseOptions(turn.user, record.id);
      if (!options.ok) return textReply(refusalText(turn.i18n, options.error));
      return cardReply(offersCard(turn.i18n, record.companyProfile.companyName, options.value));
    }),
});
