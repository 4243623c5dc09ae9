import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { buildAppPackage, MissingVariablesError } from '../../src/cli/appPackage.js';
import { COMMANDS } from '../../src/bot/commandList.js';
import { FIND_CUSTOMER } from '../../src/bot/extension/findCustomer.js';
import { parseText } from '../../src/bot/routes.js';
import type { MessageKey } from '../../src/i18n/catalogues/en.js';
import { LANGUAGES, localizer } from '../../src/i18n/localizer.js';
import { DASHBOARD_ENTITY_ID } from '../../src/server/tab/tabLinks.js';
import { decodePng } from '../support/png.js';
import { tempDir } from '../support/temp.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS; the schemas are the ones @microsoft/app-manifest ships (their patterns are not unicode-mode regexes).
const Ajv = require('ajv-draft-04') as new (options: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] };
};
const SCHEMAS = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build/json-schemas/teams/v1.22',
);

describe('Teams app package', () => {
  /** Builds into a copy of the project's manifest/ and env/, so the working tree is not touched. */
  function build(stage: string, env: NodeJS.ProcessEnv = {}) {
    const copy = tempDir('app-package-');
    fs.cpSync(path.join(ROOT, 'manifest'), path.join(copy.dir, 'manifest'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'env'), path.join(copy.dir, 'env'), {
      recursive: true,
      filter: (src) => !src.endsWith('.user'),
    });
    try {
      const built = buildAppPackage(stage, copy.dir, env);
      return {
        entries: new AdmZip(built.zipPath)
          .getEntries()
          .map((e) => ({ name: e.entryName, data: e.getData() })),
      };
    } finally {
      copy.remove();
    }
  }
  const local = build('local');
  const file = (name: string) => local.entries.find((e) => e.name === name)!.data;
  const manifest = JSON.parse(file('manifest.json').toString('utf8'));

  /** manifest/<language>.json for each language the bot has a catalogue of. */
  const languageFiles = fs
    .readdirSync(path.join(ROOT, 'manifest'))
    .filter(
      (name) => /^[a-z]{2,3}\.json$/.test(name) && LANGUAGES.includes(name.replace('.json', '')),
    )
    .sort();

  it('holds the manifest, both icons and the localisation files at the root, nothing else', () => {
    assert.ok(languageFiles.includes('fr.json') && languageFiles.includes('sv.json'));
    assert.deepEqual(
      local.entries.map((e) => e.name).sort(),
      ['color.png', 'manifest.json', 'outline.png', ...languageFiles].sort(),
    );
    for (const entry of local.entries.filter((e) => e.name.endsWith('.json'))) {
      assert.doesNotMatch(
        entry.data.toString('utf8'),
        /\$\{\{/,
        `${entry.name} has every placeholder filled`,
      );
    }
    assert.equal(manifest.id, '5d9a3c1e-7b2f-4e8a-9c61-2f0b8d4e7a13');
  });

  it('passes the official Teams manifest schema it declares (1.22)', async () => {
    assert.match(manifest.$schema, /v1\.22\/MicrosoftTeams\.schema\.json$/);
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(manifest), []);
    assert.deepEqual(manifest.bots[0].scopes, ['personal', 'team', 'groupChat']);
  });

  it('has French, Dutch and Swedish files that pass the localisation schema', () => {
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(
      JSON.parse(
        fs.readFileSync(path.join(SCHEMAS, 'MicrosoftTeams.Localization.schema.json'), 'utf8'),
      ),
    );
    const commands = manifest.bots[0].commandLists[0].commands.length;
    for (const name of ['fr.json', 'nl.json', 'sv.json']) {
      const localized = JSON.parse(file(name).toString('utf8'));
      assert.ok(validate(localized), `${name}: ${JSON.stringify(validate.errors)}`);
      assert.ok(localized['name.short'].length <= 30, `${name}: short name within 30 characters`);
      // Each command has its title and its description translated.
      const described = Object.keys(localized).filter(
        (k) => k.startsWith('bots[0].commandLists[0].commands[') && k.endsWith('.description'),
      );
      assert.equal(described.length, commands, `${name} describes every command`);
    }
  });

  it('has the dashboard as a personal tab served by the bot, beside the chat', () => {
    assert.deepEqual(manifest.staticTabs, [
      {
        // The entity the cards' deep links open (an import's report).
        entityId: DASHBOARD_ENTITY_ID,
        name: 'Customers',
        contentUrl: 'https://localhost/tab',
        scopes: ['personal'],
      },
      { entityId: 'conversations', scopes: ['personal'] },
      { entityId: 'about', scopes: ['personal'] },
    ]);
    assert.deepEqual(JSON.parse(file('fr.json').toString('utf8'))['staticTabs[0].name'], 'Clients');
    // The local stage has no app registration: no single sign-on, the tab runs in development mode.
    assert.equal(manifest.webApplicationInfo, undefined);
  });

  it('asks Teams for single sign-on to the tab when the stage names an app registration', async () => {
    const clientId = '33333333-3333-4333-8333-333333333333';
    const withSso = build('local', {
      AAD_APP_CLIENT_ID: clientId,
      AAD_APP_ID_URI: `api://localhost/${clientId}`,
    });
    const ssoManifest = JSON.parse(
      withSso.entries.find((e) => e.name === 'manifest.json')!.data.toString('utf8'),
    );
    assert.deepEqual(ssoManifest.webApplicationInfo, {
      id: clientId,
      resource: `api://localhost/${clientId}`,
    });
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(ssoManifest), []);
    assert.deepEqual(ssoManifest.staticTabs, manifest.staticTabs);
  });

  it('lists only commands the bot understands', () => {
    for (const command of manifest.bots[0].commandLists[0].commands as { title: string }[]) {
      assert.notEqual(parseText(command.title).type, 'unknown', command.title);
    }
  });

  it('lists exactly the commands whose modules ask for the menu, each translated by name, in each language', () => {
    const listed = manifest.bots[0].commandLists[0].commands as {
      title: string;
      description: string;
    }[];
    const menu = COMMANDS.filter((c) => c.inManifest);
    // Each title is a word of its own command, and the menu is in the commands' order.
    assert.deepEqual(
      listed.map((c) => {
        const r = parseText(c.title);
        return r.type === 'command' ? r.command.name : r.type;
      }),
      menu.map((c) => c.name),
    );
    assert.deepEqual(
      listed.map((c) => c.description),
      menu.map((c) => localizer('en').t(`command.${c.name}.description` as MessageKey)),
    );
    const languages = manifest.localizationInfo.additionalLanguages as {
      languageTag: string;
      file: string;
    }[];
    // Each language file the bot has a catalogue for, tagged with its catalogue's locale.
    assert.deepEqual(
      languages,
      languageFiles.map((file) => ({
        languageTag: localizer(file.replace('.json', '')).t('language.locale').toLowerCase(),
        file,
      })),
    );
    assert.ok(languages.some((l) => l.languageTag === 'fr-fr' && l.file === 'fr.json'));
    for (const { file: name } of languages) {
      const localised = JSON.parse(file(name).toString('utf8')) as Record<string, string>;
      const i18n = localizer(name.replace('.json', ''));
      menu.forEach((command, index) => {
        // A translated title is a word the bot understands as the same command.
        const title = parseText(
          localised[`bots[0].commandLists[0].commands[${index}].title`] ?? '',
        );
        assert.equal(
          title.type === 'command' ? title.command.name : title.type,
          command.name,
          `${name}: title`,
        );
        assert.equal(
          localised[`bots[0].commandLists[0].commands[${index}].description`],
          i18n.t(`command.${command.name}.description` as MessageKey),
          `${name}: ${command.name}`,
        );
      });
    }
  });

  it('has the message extension: one search command from its module, Copilot-ready, in every language', () => {
    const [extension, ...others] = manifest.composeExtensions;
    assert.equal(others.length, 0, 'one message extension per app');
    assert.equal(extension.botId, manifest.bots[0].botId);
    // Links to a customer's shareable page (this bot's domain) and Partner Center's customer pages.
    assert.deepEqual(extension.messageHandlers, [
      { type: 'link', value: { domains: ['localhost', 'partner.microsoft.com'] } },
    ]);
    const [command] = extension.commands;
    assert.equal(command.id, FIND_CUSTOMER.id);
    assert.equal(command.type, 'query');
    assert.equal(command.initialRun, true);
    assert.deepEqual(
      command.parameters.map((p: { name: string }) => p.name),
      ['customer', 'status', 'waitingDays'],
    );
    assert.deepEqual(
      command.parameters[1].choices.map((c: { value: string }) => c.value),
      ['None', 'InReview', 'Approved', 'Denied'],
    );
    // Copilot's rules (teams-platform.md 1.1, 1.4): at most 5 parameters, 3 sample prompts or fewer
    // shown, lengths, and descriptions free of URLs, emoji and instructions.
    assert.ok(command.parameters.length <= 5);
    assert.ok(command.semanticDescription.length <= 5000);
    for (const p of command.parameters) {
      assert.ok(p.title.length <= 32 && p.description.length <= 128, p.name);
      assert.ok(p.semanticDescription.length <= 2000, p.name);
    }
    for (const text of [
      command.semanticDescription,
      ...command.parameters.map((p: { semanticDescription: string }) => p.semanticDescription),
    ]) {
      assert.doesNotMatch(
        text,
        /https?:|\p{Extended_Pictographic}|\b(you must|always|never|ignore|leave empty)\b/iu,
      );
    }
    assert.equal(command.samplePrompts.length, 3);
    for (const name of ['fr.json', 'nl.json', 'sv.json']) {
      const localised = JSON.parse(file(name).toString('utf8')) as Record<string, string>;
      const i18n = localizer(name.replace('.json', ''));
      const at = 'composeExtensions[0].commands[0]';
      assert.equal(localised[`${at}.title`], i18n.t('extension.title'));
      assert.notEqual(localised[`${at}.title`], command.title, `${name} translates the title`);
      assert.equal(
        localised[`${at}.parameters[1].choices[1].title`],
        i18n.t('extension.choice.InReview'),
      );
      for (let i = 0; i < 3; i++) {
        const prompt = localised[`${at}.samplePrompts[${i}].text`] ?? '';
        assert.ok(prompt.length > 0 && prompt.length <= 128, `${name}: prompt ${i}`);
        assert.notEqual(prompt, command.samplePrompts[i].text, `${name} translates prompt ${i}`);
      }
    }
  });

  it('has a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const color = decodePng(file('color.png'));
    assert.deepEqual([color.width, color.height], [192, 192]);
    const outline = decodePng(file('outline.png'));
    assert.deepEqual(
      [outline.width, outline.height, outline.colorType],
      [32, 32, 6],
      'RGBA: it has transparency',
    );
    let transparent = 0;
    let white = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = outline.pixel(x, y);
        if (a === 0) transparent++;
        else {
          assert.ok(
            r > 240 && g > 240 && b > 240,
            `pixel ${x},${y} is white (${r},${g},${b},${a})`,
          );
          white++;
        }
      }
    }
    assert.ok(
      transparent > 200 && white > 100,
      `a white shape on transparency (${white} white, ${transparent} clear)`,
    );
    const [, , , cornerAlpha] = color.pixel(96, 96);
    assert.equal(cornerAlpha, 255, 'the colour icon is opaque in the middle');
  });

  it('names every missing variable for a stage that lacks them', () => {
    assert.throws(
      () => build('dev'),
      (error: unknown) => {
        assert.ok(error instanceof MissingVariablesError);
        assert.deepEqual(error.variables, [
          'APP_PRIVACY_URL',
          'APP_TERMS_URL',
          'APP_WEBSITE_URL',
          'BOT_DOMAIN',
          'BOT_ID',
          'DEVELOPER_NAME',
          'TEAMS_APP_ID',
        ]);
        assert.match(error.message, /set them in env\/\.env\.dev/);
        return true;
      },
    );
    const filled = build('dev', {
      TEAMS_APP_ID: '11111111-1111-1111-1111-111111111111',
      BOT_ID: '22222222-2222-2222-2222-222222222222',
      BOT_DOMAIN: 'abc123.devtunnels.ms',
      DEVELOPER_NAME: 'Contoso Partner',
      APP_WEBSITE_URL: 'https://contoso.example',
      APP_PRIVACY_URL: 'https://contoso.example/privacy',
      APP_TERMS_URL: 'https://contoso.example/terms',
    });
    const devManifest = JSON.parse(
      filled.entries.find((e) => e.name === 'manifest.json')!.data.toString('utf8'),
    );
    assert.deepEqual(devManifest.validDomains, ['abc123.devtunnels.ms']);
    assert.equal(devManifest.bots[0].botId, '22222222-2222-2222-2222-222222222222');
  });
});
