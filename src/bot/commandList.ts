import { foldText } from '../domain/text.js';
import type { MessageKey } from '../i18n/catalogues/en.js';
import { LANGUAGES, localizer, type Localizer } from '../i18n/localizer.js';
import type { BotCommand } from './commands/command.js';
import { LISTED_COMMANDS } from './commands/index.js';

/** Every command of commands/index.ts, checked once: no name twice. */
function checkedCommands(): BotCommand[] {
  const names = LISTED_COMMANDS.map((c) => c.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Error(`Two commands are named "${twice}".`);
  return [...LISTED_COMMANDS].sort((a, b) => a.order - b.order);
}

/** In help and menu order. */
export const COMMANDS: readonly BotCommand[] = checkedCommands();

export const commandNamed = (name: string): BotCommand | undefined =>
  COMMANDS.find((c) => c.name === name);

/** A command's words in one language (folded: lower case, no accents). */
const commandWords = (i18n: Localizer, command: BotCommand): string[] =>
  i18n.words(`command.${command.name}`).map(foldText);

/** Every word of every command, in every language; the longest first, so "add customer" beats "add". */
export const COMMAND_WORDS: readonly { word: string; command: BotCommand }[] = COMMANDS.flatMap(
  (command) =>
    [...new Set(LANGUAGES.flatMap((language) => commandWords(localizer(language), command)))].map(
      (word) => ({ word, command }),
    ),
).sort((a, b) => b.word.length - a.word.length);

export function helpLines(i18n: Localizer): string[] {
  return COMMANDS.filter((c) => c.hasHelp).map((c) =>
    i18n.t(`command.${c.name}.help` as MessageKey),
  );
}
