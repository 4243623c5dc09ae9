import type { VettingStatus } from '../../domain/customer.js';
import { refusalText } from '../../i18n/serviceMessages.js';
import { listCard } from '../cards/customerCards.js';
import { statusNamed } from '../statusWords.js';
import { cardReply, textReply } from '../turn.js';
import { defineCommand } from './command.js';

/** "customers [in review | approved | denied]" (in any language): the partner's customers, a page at a time. */

interface CustomersArgs {
  status?: VettingStatus;
  cursor?: string;
  /** A filter that names no status: the user is told which ones there are. */
  badStatus?: string;
}

export default defineCommand<CustomersArgs>({
  name: 'customers',
  order: 30,
  inManifest: true,
  hasHelp: true,
  parse(argument) {
    if (!argument) return {};
    const status = statusNamed(argument);
    return status ? { status } : { badStatus: argument };
  },
  fromCard: ({ status, cursor }) => ({
    ...(status ? { status } : {}),
    ...(cursor ? { cursor } : {}),
  }),
  async run(turn, { status, cursor, badStatus }) {
    if (badStatus) return textReply(turn.i18n.t('list.unknownStatus'));
    const page = await turn.services.customers.listCustomers(turn.user, {
      ...(status ? { status } : {}),
      ...(cursor ? { cursor } : {}),
    });
    if (!page.ok) return textReply(refusalText(turn.i18n, page.error));
    return cardReply(listCard(turn.i18n, page.value, status));
  },
});
