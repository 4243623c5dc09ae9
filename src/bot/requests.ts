import { z } from 'zod';
import { CUSTOMER_SECTIONS_IN_ORDER, type CustomerSection } from '../domain/fields.js';
import { foldText } from '../domain/text.js';
import { COMMAND_WORDS, commandNamed } from './commandList.js';
import { cardCommandSchema, type BotCommand } from './commands/command.js';

/**
 * Everything a user can send, typed or from a card button, parsed at the boundary: a command
 * with its arguments, a step of the form, or nothing we know.
 */

export interface CommandRequest {
  type: 'command';
  command: BotCommand;
  args: unknown;
}

export type FormIntent = 'next' | 'back' | 'edit' | 'submit' | 'confirm' | 'cancel' | 'refresh';
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

export type Request =
  CommandRequest | FormSubmit | { type: 'invalidSubmit' } | { type: 'unknown'; text: string };

/** Typed text (mention already removed) → a command, by the first word it starts with. */
export function parseText(raw: string): CommandRequest | { type: 'unknown'; text: string } {
  const text = raw.trim().replace(/\s+/g, ' ').slice(0, 500);
  const folded = foldText(text);
  for (const { word, command } of COMMAND_WORDS) {
    if (folded !== word && !folded.startsWith(`${word} `)) continue;
    return { type: 'command', command, args: command.parse(text.slice(word.length).trim()) };
  }
  return { type: 'unknown', text };
}

const formSubmitSchema = z.looseObject({
  kind: z.literal('form'),
  flowId: z.string().min(1).max(64),
  intent: z.enum(['next', 'back', 'edit', 'submit', 'confirm', 'cancel', 'refresh']),
  /** The form's owner, as the card names them: only for saying whose form it is. */
  owner: z.string().max(200).optional(),
  section: z.enum(CUSTOMER_SECTIONS_IN_ORDER).optional(),
});

/** A card's Action.Submit value → a request; anything else is an invalid submit. */
export function parseSubmit(value: unknown): Request {
  const card = cardCommandSchema.safeParse(value);
  if (card.success) {
    const command = commandNamed(card.data.cmd);
    return command
      ? { type: 'command', command, args: command.fromCard(card.data) }
      : { type: 'invalidSubmit' };
  }
  const form = formSubmitSchema.safeParse(value);
  if (form.success) {
    const { kind: _kind, flowId, intent, section, owner, ...inputs } = form.data;
    const values = Object.fromEntries(
      Object.entries(inputs)
        .filter((entry): entry is [string, string | number | boolean] =>
          ['string', 'number', 'boolean'].includes(typeof entry[1]),
        )
        .map(([k, v]) => [k, String(v).slice(0, 1000)]),
    );
    return {
      type: 'form',
      flowId,
      intent,
      ...(section ? { section } : {}),
      ...(owner ? { owner } : {}),
      values,
    };
  }
  return { type: 'invalidSubmit' };
}
