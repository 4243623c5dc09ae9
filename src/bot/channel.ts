/**
 * What the channel does with cards. Teams (and the Agents Playground) run Universal Actions:
 * `Action.Execute` with a verb, answered by an invoke whose response replaces the card for the
 * person who acted. The Bot Framework Emulator cannot (BotFramework-Emulator issue 2256): there
 * the same cards keep `Action.Submit` (cards/actions.ts makes a card the channel's).
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
