import type { AdaptiveCard } from './templates.js';

/**
 * One card builder for every channel; the kind of action is the channel's. Teams (and the Agents
 * Playground) run Universal Actions: `Action.Execute` with a verb, answered by an invoke whose
 * response replaces the card for the person who acted. The Bot Framework Emulator cannot
 * (BotFramework-Emulator issue 2256): there the same cards keep `Action.Submit`.
 */

type Node = Record<string, unknown>;

/** The verb of a button: `form.<intent>` for a form step, `cmd.<command>` for a command. */
function verbOf(data: unknown): string {
  const d = (data ?? {}) as Node;
  if (d.kind === 'form') return `form.${String(d.intent)}`;
  if (d.kind === 'cmd') return `cmd.${String(d.cmd)}`;
  return 'card';
}

/** The card with every Action.Submit turned into an Action.Execute (a copy; the card is left as it is). */
function withUniversalActions(card: AdaptiveCard): AdaptiveCard {
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

/** What a card asks Teams to refresh it with, for the users named (at most 60). */
export interface CardRefresh {
  data: Record<string, string | boolean>;
  userIds: string[];
}

/**
 * The card as the channel takes it, made once: with Universal Actions, Action.Execute and the
 * refresh asked for; without them, Action.Submit and no refresh at all.
 */
export function forChannel(
  card: AdaptiveCard,
  universal: boolean,
  refresh?: CardRefresh,
): AdaptiveCard {
  if (universal)
    return withUniversalActions(refresh ? withRefresh(card, refresh.data, refresh.userIds) : card);
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
