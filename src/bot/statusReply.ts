import { submissionText, type SubmissionNews } from '../i18n/customerText.js';
import { refusalText } from '../i18n/serviceMessages.js';
import { statusCard } from './cards/customerCards.js';
import { refreshReply, textReply, type Reply, type Turn } from './turn.js';

/**
 * The status card of one customer, with Follow or Unfollow for this conversation; with `news`,
 * headed by what a submit just did ("request 2 of 3").
 */
export async function statusReply(
  turn: Turn,
  customerId: string,
  news?: SubmissionNews,
): Promise<Reply> {
  const { customers, conversations } = turn.services;
  const status = await customers.getQualificationStatus(turn.user, customerId);
  if (!status.ok) return textReply(refusalText(turn.i18n, status.error));
  const following =
    (await conversations.get(turn.conversationKey))?.follows.includes(customerId) ?? false;
  const heading = news
    ? {
        title: turn.i18n.t('submitted.title'),
        intro: submissionText(turn.i18n, news, status.value),
      }
    : {};
  // A card's Refresh (or its automatic refresh) answers that card for the person who acted; typed,
  // it is a new card, which in a group chat or channel everyone sees: the least privileged view,
  // refreshed into their own for the person who asked.
  const { shared, invoke } = turn.channel;
  const postedToEveryone = shared && !invoke?.replacesCard;
  return refreshReply(
    statusCard(turn.i18n, status.value, postedToEveryone ? 'everyone' : turn.user, {
      following,
      ...heading,
      ...(shared ? { refreshFor: [turn.actor.id] } : {}),
    }),
  );
}
