import type { PartnerUser } from '../domain/roles.js';
import type { Localizer } from '../i18n/localizer.js';
import type { Logger } from '../log.js';
import type { BotServices } from './botServices.js';
import type { AdaptiveCard } from './cards/templates.js';
import type { CustomerRecord } from '../domain/customer.js';
import type { CustomerSection } from '../domain/fields.js';

/**
 * One turn as the bot's logic sees it: built once at the turn's entry (educationBot.ts) and passed
 * to the route's handler, which returns its Reply. No Bot Framework type in here.
 */
export interface Turn {
  /** In the reader's language, for cards and messages (Markdown: typed values are escaped). */
  i18n: Localizer;
  user: PartnerUser;
  /** The person acting, as the channel names them (`from`): what a card's refresh names. */
  actor: { id: string; name: string };
  /** This conversation's key in the conversation directory. */
  conversationKey: string;
  channel: ChannelFacts;
  services: BotServices;
  /** This turn's logger: its lines name the activity, channel and conversation. */
  log: Logger;
  /** The add/correct form of this person in this conversation. */
  form: FormControl;
  /** Every command's help line, in order. */
  helpLines(): string[];
}

export interface ChannelFacts {
  /** Universal Actions on this channel (Teams): cards carry Action.Execute and may refresh. */
  universal: boolean;
  /** A group chat or a channel: a card as posted is seen by everyone in it. */
  shared: boolean;
  /** The bot's own id in this channel (`28:…` in Teams): a link opens a chat with it. */
  botId: string;
  /** Set when this turn is an Action.Execute: the card acted on, and whether it asked to be replaced. */
  invoke?: { cardId: string | undefined; replacesCard: boolean };
}

export const FORM_INTENTS = [
  'next',
  'back',
  'edit',
  'submit',
  'confirm',
  'cancel',
  'refresh',
] as const;
export type FormIntent = (typeof FORM_INTENTS)[number];

/** A form card's button, with the card's inputs (routes.ts parses it). */
export interface FormSubmit {
  type: 'form';
  flowId: string;
  intent: FormIntent;
  section?: CustomerSection;
  /** Whose form the card says it is (client-sent: for words only, never for a decision). */
  owner?: string;
  /** The card's input values, as strings. */
  values: Record<string, string>;
}

/** How a form begins: a new customer, or the correction of a denied one. */
type FormStart = { kind: 'add' } | { kind: 'correct'; record: CustomerRecord };

/** What happens to the form this turn: one way into it. */
export type FormEvent =
  { kind: 'start'; start: FormStart } | { kind: 'submit'; submit: FormSubmit } | { kind: 'cancel' };

export interface FormControl {
  readonly active: boolean;
  run(event: FormEvent): Promise<Reply>;
}

/**
 * One thing the bot answers. A card goes to a new message; with `actedOn`, it replaces the card
 * acted on when the channel asked for that (a Refresh, an automatic refresh), else a new message;
 * with `replaces`, it updates a message sent earlier (for everyone, or only the person acting
 * when the card is theirs in a shared conversation), and where that cannot be done, `otherwise`
 * (or the card) goes to a new message.
 */
export type Answer =
  | { text: string }
  | { card: AdaptiveCard; actedOn?: true }
  | {
      card: AdaptiveCard;
      replaces: string | undefined;
      forEveryone: boolean;
      otherwise?: AdaptiveCard;
    };

export interface Reply {
  answers: readonly Answer[];
  /** The message the last card is meant to be in, when the handler knows it (an earlier card). */
  cardId?: string;
  /** Runs when the last card went to another message than `cardId`: a new one, with its id. */
  cardMoved?(cardId: string): Promise<void>;
}

const reply = (...answers: Answer[]): Reply => ({ answers });
export const textReply = (text: string): Reply => reply({ text });
export const cardReply = (card: AdaptiveCard): Reply => reply({ card });
/** The card that answers a card's Refresh: in place for the person acting, else a new message. */
export const refreshReply = (card: AdaptiveCard): Reply => reply({ card, actedOn: true });
