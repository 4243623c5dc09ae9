import { statusReply } from '../statusReply.js';
import { customerArgument, defineCommand, withCustomer } from './command.js';

/** "status <customer>": the customer's verification status, as on its account page. */
export default defineCommand({
  name: 'status',
  order: 20,
  inManifest: true,
  hasHelp: true,
  ...customerArgument,
  run: (turn, { customer }) =>
    withCustomer(turn, 'status', customer, (record) => statusReply(turn, record.id)),
});
