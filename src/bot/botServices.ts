import type { Clock } from '../domain/clock.js';
import type { Logger } from '../log.js';
import type { PartnerCustomers, VettingWorkflow } from '../service/educationCustomers.js';
import type { PartnerUserDirectory } from './identity.js';
import type { ConversationDirectory } from './notifications/conversations.js';

/** What the bot asks of the service: the partner's customers, and resubmitting one. */
export type BotCustomers = PartnerCustomers & Pick<VettingWorkflow, 'resubmit'>;

/** What the bot's handlers, commands and dialog work with, besides the turn itself (turn.ts). */
export interface BotServices {
  customers: BotCustomers;
  conversations: ConversationDirectory;
  directory: PartnerUserDirectory;
  now: Clock;
  newId: () => string;
  log: Logger;
}
