import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { z } from 'zod';
import { COMMANDS } from '../bot/commandList.js';
import type { BotCommand } from '../bot/commands/command.js';
import { environmentWithFiles } from '../config.js';
import type { MessageKey } from '../i18n/catalogues/en.js';
import { LANGUAGES, localizer } from '../i18n/localizer.js';
import { FIND_CUSTOMER } from '../bot/extension/findCustomer.js';
import { PARTNER_CENTER_HOST } from '../bot/extension/customerLinks.js';

/**
 * The Teams app package: manifest/ with its ${{VARIABLE}} placeholders filled from env/ (Teams
 * Toolkit style), the two icons and the localisation files, all at the zip's root. The command
 * menu and its translations come from the bot's commands and catalogues, and every
 * manifest/<language>.json whose language has a catalogue is an additional language.
 */

const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;
const manifestShape = z.looseObject({
  icons: z.object({ color: z.string(), outline: z.string() }),
  bots: z.array(
    z.looseObject({ commandLists: z.array(z.looseObject({ commands: z.array(z.unknown()) })) }),
  ),
  localizationInfo: z.looseObject({ defaultLanguageTag: z.string() }),
});

/** The commands in Teams' command menu, in menu order. */
const menuCommands = (): BotCommand[] => COMMANDS.filter((c) => c.inManifest);

/** A command's first word in a language (its English one where the language has none). */
const commandTitle = (language: string, command: BotCommand): string =>
  localizer(language).word(`command.${command.name}`);

/** The menu's entries, in English: a command's first word, and its description. */
function commandMenu(): { title: string; description: string }[] {
  return menuCommands().map((command) => ({
    title: commandTitle('en', command),
    description: localizer('en').t(`command.${command.name}.description` as MessageKey),
  }));
}

/** Teams addresses a localised command by its place in the menu; we keep them by name until here. */
function localisedCommands(language: string): Record<string, string> {
  const i18n = localizer(language);
  return Object.fromEntries(
    menuCommands().flatMap((command, index) => [
      [`bots[0].commandLists[0].commands[${index}].title`, commandTitle(language, command)],
      [
        `bots[0].commandLists[0].commands[${index}].description`,
        i18n.t(`command.${command.name}.description` as MessageKey),
      ],
    ]),
  );
}

/**
 * The message extension (composeExtensions): its search command from bot/extension/findCustomer.ts
 * in English, and the links it unfurls: the bot's own (a customer's shareable page) and Partner
 * Center's customer pages.
 */
function messageExtension() {
  const en = localizer('en');
  const command = FIND_CUSTOMER;
  return {
    botId: '${{BOT_ID}}',
    commands: [
      {
        id: command.id,
        type: 'query',
        context: ['compose', 'commandBox'],
        title: en.t(command.title),
        description: en.t(command.description),
        semanticDescription: command.semanticDescription,
        initialRun: true,
        fetchTask: false,
        parameters: command.parameters.map((parameter) => ({
          name: parameter.name,
          title: en.t(parameter.title),
          description: en.t(parameter.description),
          semanticDescription: parameter.semanticDescription,
          inputType: parameter.inputType,
          ...(parameter.choices
            ? {
                choices: parameter.choices.map((choice) => ({
                  title: en.t(choice.title),
                  value: choice.value,
                })),
              }
            : {}),
        })),
        samplePrompts: command.samplePrompts.map((prompt) => ({ text: en.t(prompt) })),
      },
    ],
    messageHandlers: [
      { type: 'link', value: { domains: ['${{BOT_DOMAIN}}', PARTNER_CENTER_HOST] } },
    ],
  };
}

/** The message extension's words in a language, by the places the localisation schema names. */
function localisedExtension(language: string): Record<string, string> {
  const i18n = localizer(language);
  const at = 'composeExtensions[0].commands[0]';
  const entries: [string, string][] = [
    [`${at}.title`, i18n.t(FIND_CUSTOMER.title)],
    [`${at}.description`, i18n.t(FIND_CUSTOMER.description)],
  ];
  FIND_CUSTOMER.parameters.forEach((parameter, p) => {
    entries.push(
      [`${at}.parameters[${p}].title`, i18n.t(parameter.title)],
      [`${at}.parameters[${p}].description`, i18n.t(parameter.description)],
    );
    parameter.choices?.forEach((choice, c) =>
      entries.push([`${at}.parameters[${p}].choices[${c}].title`, i18n.t(choice.title)]),
    );
  });
  FIND_CUSTOMER.samplePrompts.forEach((prompt, i) =>
    entries.push([`${at}.samplePrompts[${i}].text`, i18n.t(prompt)]),
  );
  return Object.fromEntries(entries);
}

/** manifest/<language>.json files for the languages the bot speaks (English is the manifest's own). */
function languageFiles(manifestDir: string): { language: string; file: string }[] {
  return fs
    .readdirSync(manifestDir)
    .map((file) => ({ file, language: /^([a-z]{2,3})\.json$/.exec(file)?.[1] ?? '' }))
    .filter(({ language }) => language !== '' && language !== 'en' && LANGUAGES.includes(language))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The manifest with its generated parts: the command menu and the list of languages. */
function withGeneratedParts(
  manifestText: string,
  languages: { language: string; file: string }[],
): string {
  const manifest = manifestShape.parse(JSON.parse(manifestText));
  for (const bot of manifest.bots)
    for (const list of bot.commandLists) list.commands = commandMenu();
  manifest.composeExtensions = [messageExtension()];
  manifest.localizationInfo = {
    ...manifest.localizationInfo,
    additionalLanguages: languages.map(({ language, file }) => ({
      languageTag: localizer(language).t('language.locale').toLowerCase(),
      file,
    })),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export class MissingVariablesError extends Error {
  constructor(
    readonly stage: string,
    readonly variables: string[],
  ) {
    super(
      `The app package for "${stage}" needs ${variables.join(', ')}: set them in env/.env.${stage} (or env/.env.${stage}.user, or the environment).`,
    );
    this.name = 'MissingVariablesError';
  }
}

/** Fills placeholders, JSON-escaped; collects the names of those without a value. */
function fill(text: string, env: NodeJS.ProcessEnv, missing: Set<string>): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = env[name]?.trim();
    if (!value) {
      missing.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
}

/**
 * Single sign-on is optional: without AAD_APP_CLIENT_ID (the local stage, for the Playground)
 * the package has no webApplicationInfo, and the tab runs in development mode.
 */
function withoutUnusedSections(template: string, env: NodeJS.ProcessEnv): string {
  if (env.AAD_APP_CLIENT_ID?.trim()) return template;
  const manifest = JSON.parse(template) as Record<string, unknown>;
  delete manifest.webApplicationInfo;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export interface AppPackage {
  zipPath: string;
  /** file name → content, as zipped. */
  files: Map<string, Buffer>;
}

export function buildAppPackage(
  stage: string,
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): AppPackage {
  if (!/^[a-z0-9-]+$/.test(stage))
    throw new Error(`"${stage}" is not a stage name: use local, dev, …`);
  const variables = environmentWithFiles({ ...env, TEAMSFX_ENV: stage }, root);
  const manifestDir = path.join(root, 'manifest');
  const missing = new Set<string>();
  const languages = languageFiles(manifestDir);
  const template = withGeneratedParts(
    withoutUnusedSections(
      fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'),
      variables,
    ),
    languages,
  );
  const manifestText = fill(template, variables, missing);
  const manifest = manifestShape.parse(JSON.parse(manifestText));
  const files = new Map<string, Buffer>([['manifest.json', Buffer.from(manifestText)]]);
  for (const { language, file } of languages) {
    const localised = {
      ...(JSON.parse(fs.readFileSync(path.join(manifestDir, file), 'utf8')) as Record<
        string,
        unknown
      >),
      ...localisedCommands(language),
      ...localisedExtension(language),
    };
    files.set(
      file,
      Buffer.from(fill(`${JSON.stringify(localised, null, 2)}\n`, variables, missing)),
    );
  }
  for (const icon of [manifest.icons.color, manifest.icons.outline])
    files.set(icon, fs.readFileSync(path.join(manifestDir, icon)));
  if (missing.size > 0) throw new MissingVariablesError(stage, [...missing].sort());

  const zip = new AdmZip();
  for (const [name, content] of files) zip.addFile(name, content);
  const zipPath = path.join(root, 'build', `appPackage.${stage}.zip`);
  fs.mkdirSync(path.dirname(zipPath), { recursive: true });
  zip.writeZip(zipPath);
  return { zipPath, files };
}
