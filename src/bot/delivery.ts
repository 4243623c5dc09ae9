import {
  CardFactory,
  MessageFactory,
  type AdaptiveCardInvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { forChannel, type CardRefresh } from './cards/actions.js';
import type { AdaptiveCard } from './cards/templates.js';
import type { Answer, ChannelFacts } from './turn.js';

/**
 * The edge where a turn's answers leave, through Bot Framework: each card made the channel's
 * (Action.Execute on Teams) once, then sent, put in an earlier message, or made the answer to
 * the Action.Execute that was pressed.
 */

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
  const made = (card: AdaptiveCard, refresh?: CardRefresh) =>
    forChannel(card, channel.universal, refresh);
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
    const { replaces, forEveryone, otherwise, refresh } = answer;
    const card = made(answer.card, refresh);
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
    await send(otherwise ? made(otherwise, refresh) : card);
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
