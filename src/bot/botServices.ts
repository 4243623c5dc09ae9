import type { Clock } from '../domain/clock.js';
import type { PartnerUser } from '../domain/roles.js';
import type { Localizer } from '../i18n/localizer.js';
import type { Logger } from '../log.js';
import type { PartnerCustomers, VettingWorkflow } from '../service/educationCustomers.js';
import type { PartnerUserDirectory } from './identity.js';
import type { ConversationDirectory } from './notifications/conversations.js';
import type { Replies } from './turnReplies.js';

/** What the bot asks of the service: the partner's customers, and resubmitting one. */
export type BotCustomers = PartnerCustomers & Pick<VettingWorkflow, 'resubmit'>;

/** What the bot's handlers, commands and dialog work with: one turn's facts, and the services. */

export interface BotServices {
  customers: BotCustomers;
  conversations: ConversationDirectory;
  directory: PartnerUserDirectory;
  now: Clock;
  newId: () => string;
  log: Logger;
}

export interface BotTurn {
  /** In the reader's language, for cards and messages (Markdown: typed values are escaped). */
  l: Localizer;
  user: PartnerUser;
  replies: Replies;
  /** This conversation's key in the conversation directory. */
  conversationKey: string;
  /** The channel's id of the person (`from.id`): what a card's refresh names. */
  fromId: string;
  fromName: string;
  services: BotServices;
  /** This turn's logger: its lines name the activity, channel and conversation. */
  log: Logger;
}
