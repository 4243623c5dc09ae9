import type { Clock } from '../domain/clock.js';
import type { PartnerCustomers, VettingWorkflow } from '../service/educationCustomers.js';
import type { PartnerUserDirectory } from './identity.js';
import type { ConversationDirectory } from './conversations.js';
import type { ImportDoor } from './imports.js';

/** What the bot's handlers, commands and dialog work with, besides the turn itself (turn.ts). */
export interface BotServices {
  /** The partner's customers: adding, finding, what may be sold. */
  customers: PartnerCustomers;
  /** Resubmitting a denied customer for verification. */
  vetting: Pick<VettingWorkflow, 'resubmit'>;
  conversations: ConversationDirectory;
  directory: PartnerUserDirectory;
  now: Clock;
  newId: () => string;
  /** Imports of many customers from a file; unset where the app does not offer them. */
  imports?: ImportDoor;
}
