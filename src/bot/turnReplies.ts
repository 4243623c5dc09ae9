import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from './cards/templates.js';

/** What the bot's logic needs from a turn to answer: our own small port over TurnContext. */
export interface Replies {
  /** Sends a card; returns its activity id when the channel gives one. */
  sendCard(card: AdaptiveCard): Promise<string | undefined>;
  /** Replaces a card sent earlier; false when the channel could not. */
  updateCard(activityId: string, card: AdaptiveCard): Promise<boolean>;
  sendText(text: string): Promise<void>;
}

export function turnReplies(
  context: TurnContext,
  onUpdateFailure: (error: unknown) => void,
): Replies {
  return {
    async sendCard(card) {
      const sent = await context.sendActivity(
        MessageFactory.attachment(CardFactory.adaptiveCard(card)),
      );
      return sent?.id;
    },
    async updateCard(activityId, card) {
      try {
        await context.updateActivity({
          ...MessageFactory.attachment(CardFactory.adaptiveCard(card)),
          id: activityId,
        });
        return true;
      } catch (error) {
        onUpdateFailure(error);
        return false;
      }
    },
    async sendText(text) {
      await context.sendActivity(MessageFactory.text(text));
    },
  };
}
