import { z } from 'zod';
import { VETTING_STATUSES, type CustomerRecord } from '../../domain/customer.js';
import type { MessageKey } from '../../i18n/catalogues/en.js';
import { refusalText } from '../../i18n/serviceMessages.js';
import { choiceCard } from '../cards/customerCards.js';
import { cardReply, textReply, type Reply, type Turn } from '../turn.js';

/**
 * One command of the bot: its words (`command.<name>.words` in every catalogue, "|" between
 * synonyms), how its arguments are read from typed text and from a card button, what it does,
 * and its help line and Teams command-menu entry. Adding a command is adding its module, its
 * words and its line in commands/index.ts.
 */

/** The names a command can have: those with words in the English catalogue. */
export type CommandName = MessageKey extends infer K
  ? K extends `command.${infer N}.words`
    ? N
    : never
  : never;

/** What a card button sends to run a command (Action.Submit data): checked at the boundary. */
export const cardCommandSchema = z.object({
  kind: z.literal('cmd'),
  cmd: z.string().min(1).max(32),
  customer: z.string().max(200).optional(),
  /** The menu card's text box. */
  customerQuery: z.string().max(200).optional(),
  status: z.enum(VETTING_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  /** The card asks to be replaced by the answer (its Refresh, its automatic refresh). */
  replace: z.boolean().optional(),
});
export type CardCommand = z.infer<typeof cardCommandSchema>;

export interface BotCommand<Args = unknown> {
  name: CommandName;
  /** Where it comes in help and in the Teams command menu. */
  order: number;
  /** In the app manifest's command menu, described by `command.<name>.description`. */
  inManifest: boolean;
  /** Has a line in help: `command.<name>.help`. */
  hasHelp: boolean;
  /** The text typed after its word. */
  parse(argument: string): Args;
  /** A card button's data. */
  fromCard(data: CardCommand): Args;
  run(turn: Turn, args: Args): Promise<Reply>;
}

/** Declares a command; the generic keeps its parse, fromCard and run agreeing on the arguments. */
export const defineCommand = <Args>(command: BotCommand<Args>): BotCommand<Args> => command;

/** Commands that take no arguments: trailing words change nothing. */
export const noArguments = {
  parse: (): Record<string, never> => ({}),
  fromCard: (): Record<string, never> => ({}),
};

/** The arguments of commands about one customer: its id, domain or part of its name. */
export interface CustomerArgs {
  customer: string;
}
export const customerArgument = {
  parse: (argument: string): CustomerArgs => ({ customer: argument }),
  fromCard: (data: CardCommand): CustomerArgs => ({
    customer: (data.customer ?? data.customerQuery ?? '').trim(),
  }),
};

/**
 * Finds the one customer a command names; asks for it when none is named (with the command's own
 * word), and which one when several match (one button each, running the same command).
 */
export async function withCustomer(
  turn: Turn,
  command: CommandName,
  query: string,
  action: (record: CustomerRecord) => Promise<Reply>,
): Promise<Reply> {
  if (!query)
    return textReply(
      turn.i18n.t('customer.prompt', { command: turn.i18n.word(`command.${command}`) }),
    );
  const found = await turn.services.customers.findCustomers(turn.user, query);
  if (!found.ok) return textReply(refusalText(turn.i18n, found.error));
  const [first, ...others] = found.value;
  if (!first) return textReply(turn.i18n.t('notFound', { query }));
  if (others.length > 0) return cardReply(choiceCard(turn.i18n, query, found.value, command));
  return action(first);
}
