import {
  CardFactory,
  MessageFactory,
  type AdaptiveCardInvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AdaptiveCard } from './cards/templates.js';
import type { Answer, ChannelFacts } from './turn.js';

/**
 * The channel's side of a turn, through Bot Framework: what the channel does with cards, each
 * card made the channel's once, and the turn's answers sent, put in an earlier message, or made
 * the answer to the Action.Execute that was pressed.
 */

/**
 * Teams (and the Agents Playground) run Universal Actions: `Action.Execute` with a verb, answered
 * by an invoke whose response replaces the card for the person who acted. Cards are made that way
 * (cards/templates.ts). The Bot Framework Emulator cannot (BotFramework-Emulator issue 2256).
 */
export const runsUniversalActions = (channelId: string | undefined): boolean =>
  channelId === 'msteams';

/**
 * A group chat or a channel: a card as posted is seen by everyone in it, so it carries only the
 * least privileged actions; a person's own actions come through `refresh` for the users it names.
 */
export const isSharedConversation = (conversation: unknown): boolean => {
  const type = (conversation as { conversationType?: unknown } | null | undefined)
    ?.conversationType;
  return type === 'groupChat' || type === 'channel';
};

type Node = Record<string, unknown>;

/**
 * The card as the channel takes it: as made where Universal Actions run; elsewhere a copy with
 * `Action.Submit` buttons (the same data, so the same routes) and no refresh, which only an
 * Action.Execute can answer. Only what holds an action is copied.
 */
function forChannel(card: AdaptiveCard, universal: boolean): AdaptiveCard {
  if (universal) return card;
  const { refresh: _refresh, ...rest } = card;
  return withSubmitActions(rest) as AdaptiveCard;
}

/** The node with each Action.Execute below it made an Action.Submit; itself when it holds none. */
function withSubmitActions(node: unknown): unknown {
  if (Array.isArray(node)) {
    const items = node.map(withSubmitActions);
    return items.some((item, i) => item !== node[i]) ? items : node;
  }
  if (!node || typeof node !== 'object') return node;
  let copy: Node | undefined;
  for (const [key, value] of Object.entries(node as Node)) {
    // A choice list holds no actions (and may hold 249 countries).
    if (key === 'choices') continue;
    const converted = withSubmitActions(value);
    if (converted !== value) (copy ??= { ...(node as Node) })[key] = converted;
  }
  const result = copy ?? (node as Node);
  if (result.type !== 'Action.Execute') return result;
  const { verb: _verb, ...submit } = result;
  return { ...submit, type: 'Action.Submit' };
}

export interface Delivered {
  /** The message the last card went to: sent, updated, or the one acted on. */
  cardId: string | undefined;
  /** The Action.Execute's answer: the card that replaces the one acted on, or a short message. */
  invokeResponse: AdaptiveCardInvokeResponse | undefined;
}

/** A message holding one card, in the channel's kind of actions. */
export const cardMessage = (card: AdaptiveCard, universal: boolean) =>
  messageOf(forChannel(card, universal));

/** A message holding a card already made the channel's. */
const messageOf = (channelCard: AdaptiveCard) =>
  MessageFactory.attachment(CardFactory.adaptiveCard(channelCard));

export async function deliver(
  context: TurnContext,
  channel: ChannelFacts,
  answers: readonly Answer[],
  options: { doneText: string; onUpdateFailure(error: unknown): void },
): Promise<Delivered> {
  const invoke = channel.invoke;
  let invokeCard: AdaptiveCard | undefined;
  let lastText: string | undefined;
  let cardId: string | undefined;
  // Each card is made the channel's once, whether it is sent, put in a message or answers the invoke.
  const made = (card: AdaptiveCard) => forChannel(card, channel.universal);
  const send = async (channelCard: AdaptiveCard) => {
    const sent = await context.sendActivity(messageOf(channelCard));
    cardId = sent?.id ?? cardId;
  };
  for (const answer of answers) {
    if ('text' in answer) {
      lastText = answer.text;
      await context.sendActivity(MessageFactory.text(answer.text));
      continue;
    }
    if (!('replaces' in answer)) {
      if (answer.actedOn && invoke?.replacesCard) {
        invokeCard = made(answer.card);
        cardId = invoke.cardId;
      } else await send(made(answer.card));
      continue;
    }
    const { replaces, forEveryone, otherwise } = answer;
    const card = made(answer.card);
    if (replaces !== undefined && replaces === invoke?.cardId) {
      // The card pressed: the invoke's answer replaces it for the person acting, which in a
      // personal chat is everyone; in a shared one, the message too when it is for everyone.
      invokeCard = card;
      cardId = replaces;
      if (!channel.shared || !forEveryone) continue;
    }
    if (replaces !== undefined && (await update(context, replaces, card, options))) {
      cardId = replaces;
      continue;
    }
    await send(otherwise ? made(otherwise) : card);
  }
  if (!invoke) return { cardId, invokeResponse: undefined };
  return {
    cardId,
    invokeResponse: invokeCard
      ? {
          statusCode: 200,
          type: 'application/vnd.microsoft.card.adaptive',
          value: invokeCard,
        }
      : // Nothing replaces the card: a short message (the protocol's value is a string here,
        // whatever botbuilder's type says).
        {
          statusCode: 200,
          type: 'application/vnd.microsoft.activity.message',
          value: (lastText ?? options.doneText) as unknown as Record<string, unknown>,
        },
  };
}

async function update(
  context: TurnContext,
  activityId: string,
  channelCard: AdaptiveCard,
  options: { onUpdateFailure(error: unknown): void },
): Promise<boolean> {
  try {
    await context.updateActivity({ ...messageOf(channelCard), id: activityId });
    return true;
  } catch (error) {
    options.onUpdateFailure(error);
    return false;
  }
}
