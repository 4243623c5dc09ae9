import fs from 'node:fs';
import { foldText } from '../domain/text.js';
import type { MessageKey } from '../i18n/catalogues/en.js';
import { LANGUAGES, localizer, type Localizer } from '../i18n/localizer.js';
import type { BotCommand } from './commands/command.js';

/**
 * Every command of the bot: each module in commands/ (but command.ts) is one or several. Found by
 * file name when this module is first imported, so a command is its module and its words.
 */

const isCommand = (value: unknown): value is BotCommand =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as BotCommand).name === 'string' &&
  typeof (value as BotCommand).run === 'function';

async function loadCommands(): Promise<BotCommand[]> {
  const folder = new URL('./commands/', import.meta.url);
  const commands: BotCommand[] = [];
  for (const file of fs.readdirSync(folder).sort()) {
    if (!file.endsWith('.js') || file === 'command.js') continue;
    const exported = ((await import(new URL(file, folder).href)) as { default?: unknown }).default;
    const found = Array.isArray(exported) ? exported : [exported];
    if (!found.every(isCommand))
      throw new Error(`commands/${file} must export a command (or a list of them) as its default.`);
    commands.push(...found);
  }
  const names = commands.map((c) => c.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Error(`Two commands are named "${twice}".`);
  return commands.sort((a, b) => a.order - b.order);
}

/** In help and menu order. */
export const COMMANDS: readonly BotCommand[] = await loadCommands();

export const commandNamed = (name: string): BotCommand | undefined =>
  COMMANDS.find((c) => c.name === name);

/** A command's words in one language (folded: lower case, no accents). */
const commandWords = (l: Localizer, command: BotCommand): string[] =>
  l.words(`command.${command.name}`).map(foldText);

/** Every word of every command, in every language; the longest first, so "add customer" beats "add". */
export const COMMAND_WORDS: readonly { word: string; command: BotCommand }[] = COMMANDS.flatMap(
  (command) =>
    [...new Set(LANGUAGES.flatMap((language) => commandWords(localizer(language), command)))].map(
      (word) => ({ word, command }),
    ),
).sort((a, b) => b.word.length - a.word.length);

export function helpLines(l: Localizer): string[] {
  return COMMANDS.filter((c) => c.hasHelp).map((c) => l.t(`command.${c.name}.help` as MessageKey));
}
