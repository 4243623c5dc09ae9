import { z } from 'zod';
import type { AdaptiveCard } from './templates.js';

/**
 * One card builder for every channel; the kind of action is the channel's. Teams (and the Agents
 * Playground) run Universal Actions: `Action.Execute` with a verb, answered by an invoke whose
 * response replaces the card for the person who acted. The Bot Framework Emulator cannot
 * (BotFramework-Emulator issue 2256): there the same cards keep `Action.Submit`.
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

/** The verb of a button: `form.<intent>` for a form step, `cmd.<command>` for a command. */
export function verbOf(data: unknown): string {
  const d = (data ?? {}) as Node;
  if (d.kind === 'form') return `form.${String(d.intent)}`;
  if (d.kind === 'cmd') return `cmd.${String(d.cmd)}`;
  return 'card';
}

/** The card with every Action.Submit turned into an Action.Execute (a copy; the card is left as it is). */
export function withUniversalActions(card: AdaptiveCard): AdaptiveCard {
  const convert = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(convert);
    if (!node || typeof node !== 'object') return node;
    const copy: Node = {};
    for (const [key, value] of Object.entries(node as Node)) copy[key] = convert(value);
    if (copy.type === 'Action.Submit')
      return { ...copy, type: 'Action.Execute', verb: verbOf(copy.data) };
    return copy;
  };
  return convert(card) as AdaptiveCard;
}

/** The card as the channel takes it: without Universal Actions, no refresh either. */
export function forChannel(card: AdaptiveCard, channelId: string | undefined): AdaptiveCard {
  if (runsUniversalActions(channelId)) return withUniversalActions(card);
  if (!('refresh' in card)) return card;
  const { refresh: _refresh, ...rest } = card as Record<string, unknown>;
  return rest as AdaptiveCard;
}

/**
 * A card that refreshes itself when shown: Teams asks the bot (an invoke with trigger
 * "automatic") for the current card, for each listed user (at most 60; needed in group chats).
 */
export function withRefresh(
  card: AdaptiveCard,
  data: Record<string, string | boolean>,
  userIds: string[] = [],
): AdaptiveCard {
  return {
    ...card,
    refresh: {
      action: { type: 'Action.Execute', verb: verbOf(data), data },
      ...(userIds.length ? { userIds: userIds.slice(0, 60) } : {}),
    },
  };
}

/** An Action.Execute as the channel sends it (an `adaptiveCard/action` invoke), checked at the boundary. */
const executeInvokeSchema = z.object({
  trigger: z.enum(['manual', 'automatic']).optional().catch(undefined),
  action: z.object({ type: z.literal('Action.Execute'), data: z.unknown() }),
});

export interface ExecuteInvoke {
  /** The button's data with the card's inputs: what an Action.Submit would send as its value. */
  data: unknown;
  /** The card asked to be replaced by its answer: its automatic refresh, or a button saying so. */
  replacesCard: boolean;
}

/** The Action.Execute of an activity, or undefined when it is none (or not well formed). */
export function executeInvokeOf(activity: {
  type?: string;
  name?: string;
  value?: unknown;
}): ExecuteInvoke | undefined {
  if (activity.type !== 'invoke' || activity.name !== 'adaptiveCard/action') return undefined;
  const parsed = executeInvokeSchema.safeParse(activity.value);
  if (!parsed.success) return undefined;
  const { trigger, action } = parsed.data;
  const replace = (action.data as { replace?: unknown } | null | undefined)?.replace === true;
  return { data: action.data, replacesCard: trigger === 'automatic' || replace };
}
