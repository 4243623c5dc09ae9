import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import {
  executeInvokeOf,
  forChannel,
  isSharedConversation,
  runsUniversalActions,
} from './cards/actions.js';
import type { AdaptiveCard } from './cards/templates.js';

/** What the bot's logic needs from a turn to answer: our own small port over TurnContext. */
export interface Replies {
  /** Sends a card; returns its activity id when the channel gives one. */
  sendCard(card: AdaptiveCard): Promise<string | undefined>;
  /**
   * Replaces a card sent earlier; false when the channel could not. On a card the user acted on
   * with Action.Execute, the new card is the invoke's answer (the actor's view); it is also put in
   * the message for everyone in a personal chat, or when `forEveryone`.
   */
  updateCard(
    activityId: string,
    card: AdaptiveCard,
    options?: { forEveryone?: boolean },
  ): Promise<boolean>;
  /**
   * An answer to a card that asked to be replaced (its Refresh, its automatic refresh with
   * Action.Execute): the invoke's answer; anything else, a new card.
   */
  answerCard(card: AdaptiveCard): Promise<void>;
  sendText(text: string): Promise<void>;
  /**
   * Whether `answerCard` answers the invoke (the card replaces the one acted on, for the person
   * who acted) rather than posting a new card that everyone in the conversation sees.
   */
  readonly answersInvoke: boolean;
  /** Set when this turn is an Action.Execute invoke and a card answers it. */
  readonly invokeAnswer: AdaptiveCard | undefined;
  /** The last text this turn sent: what an invoke with no card to answer says. */
  readonly lastText: string | undefined;
  /** Universal Actions on this channel (Teams); in a group chat or channel, cards may be per person. */
  readonly universal: boolean;
  readonly shared: boolean;
}

export function turnReplies(
  context: TurnContext,
  onUpdateFailure: (error: unknown) => void,
): Replies {
  const activity = context.activity;
  const channelCard = (card: AdaptiveCard) =>
    MessageFactory.attachment(CardFactory.adaptiveCard(forChannel(card, activity.channelId)));
  const invoked = activity.type === 'invoke' ? activity.replyToId : undefined;
  const replaceInvoked =
    invoked !== undefined && (executeInvokeOf(activity)?.replacesCard ?? false);
  const shared = isSharedConversation(activity.conversation);
  let invokeAnswer: AdaptiveCard | undefined;
  let lastText: string | undefined;
  const replies: Replies = {
    get invokeAnswer() {
      return invokeAnswer;
    },
    get lastText() {
      return lastText;
    },
    universal: runsUniversalActions(activity.channelId),
    shared,
    answersInvoke: replaceInvoked,
    async sendCard(card) {
      const sent = await context.sendActivity(channelCard(card));
      return sent?.id;
    },
    async updateCard(activityId, card, options = {}) {
      if (invoked !== undefined && activityId === invoked) {
        invokeAnswer = forChannel(card, activity.channelId);
        if (shared && !options.forEveryone) return true;
      }
      try {
        await context.updateActivity({ ...channelCard(card), id: activityId });
        return true;
      } catch (error) {
        onUpdateFailure(error);
        return false;
      }
    },
    async answerCard(card) {
      if (replaceInvoked) {
        invokeAnswer = forChannel(card, activity.channelId);
        return;
      }
      await replies.sendCard(card);
    },
    async sendText(text) {
      lastText = text;
      await context.sendActivity(MessageFactory.text(text));
    },
  };
  return replies;
}
