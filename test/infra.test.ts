import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARIABLES, parseConfig } from '../src/config.js';

/**
 * The deployment templates against the app: every setting infra/azure.bicep gives App Service is
 * one the app reads (or the platform's own), and together they make a configuration the app
 * accepts, in the mode the template means (Azure Storage by managed identity, the bot as that
 * identity, the tab's single sign-on, the operator key from Key Vault). No Bicep compiler runs
 * here; the templates are read as text.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const bicep = read('infra/azure.bicep');

/** Settings App Service or its agents read, not the app. */
const PLATFORM = new Set([
  'WEBSITE_RUN_FROM_PACKAGE',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'NODE_ENV',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'ApplicationInsightsAgent_EXTENSION_VERSION',
]);

/** What the template's expressions stand for in a deployment (the values are examples). */
const CLIENT_ID = '0c0ffee0-0000-4000-8000-000000000001';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TAB_CLIENT_ID = '5ab00000-0000-4000-8000-000000000002';
const EXPRESSIONS: Record<string, string> = {
  'storage.properties.primaryEndpoints.table': 'https://edubotstore.table.core.windows.net/',
  'storage.properties.primaryEndpoints.queue': 'https://edubotstore.queue.core.windows.net/',
  'identity.properties.clientId': CLIENT_ID,
  'identity.properties.tenantId': TENANT_ID,
  tabAppClientId: TAB_CLIENT_ID,
  appDomain: 'edubot.azurewebsites.net',
  'insights.properties.ConnectionString': 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
  // Parameters with their defaults: the local Partner Center.
  partnerCenterMode: 'local',
  partnerCenterTenantId: '',
  partnerCenterClientId: '',
};
// App Service replaces a resolved Key Vault reference with the secret's value.
const RESOLVED_ADMIN_KEY = 'e9f1c2a7b3d84f06a5c1e7b29d3f4a60c8b1';

function valueOf(expression: string): string {
  const literal = /^'(.*)'$/.exec(expression);
  if (!literal) {
    const known = EXPRESSIONS[expression];
    assert.ok(known !== undefined, `an example value for the Bicep expression ${expression}`);
    return known;
  }
  const text = literal[1]!;
  if (text.startsWith('@Microsoft.KeyVault(')) return RESOLVED_ADMIN_KEY;
  return text.replace(/\$\{([^}]+)\}/g, (_, inner: string) => valueOf(inner));
}

function appSettings(): Map<string, string> {
  const settings = new Map<string, string>();
  for (const [, name, expression] of bicep.matchAll(
    /\{ name: '([A-Za-z_][A-Za-z0-9_]*)', value: (.+?) \}$/gm,
  ))
    settings.set(name!, expression!);
  return settings;
}

describe('the Azure deployment templates (infra/)', () => {
  it('set only variables the app reads, or the platform does', () => {
    const settings = appSettings();
    assert.ok(settings.size > 10, 'the app settings were found');
    const known = new Set(CONFIG_VARIABLES);
    for (const name of settings.keys())
      assert.ok(
        known.has(name) || PLATFORM.has(name),
        `${name} is neither the app's nor the platform's`,
      );
  });

  it("give the app a configuration it accepts: managed identity storage, the bot as that identity, the tab's SSO and the operator key", () => {
    const env: Record<string, string> = { PORT: '8080' }; // App Service sets PORT itself.
    for (const [name, expression] of appSettings()) env[name] = valueOf(expression);
    const config = parseConfig(env);
    assert.deepEqual(config.storage, {
      kind: 'azure',
      account: {
        tableUrl: 'https://edubotstore.table.core.windows.net/',
        queueUrl: 'https://edubotstore.queue.core.windows.net/',
        clientId: CLIENT_ID,
      },
      leaseSeconds: 60,
    });
    assert.deepEqual(config.bot, {
      appId: CLIENT_ID,
      appType: 'UserAssignedMSI',
      appTenantId: TENANT_ID,
    });
    assert.equal(config.tabSso?.clientId, TAB_CLIENT_ID);
    assert.equal(config.tabSso?.appIdUri, `api://edubot.azurewebsites.net/${TAB_CLIENT_ID}`);
    assert.equal(config.adminApiKey, RESOLVED_ADMIN_KEY);
    assert.equal(config.host, '0.0.0.0');
    assert.deepEqual(config.allowedChannels, ['msteams']);
  });

  it('refuse a Key Vault reference App Service could not resolve, instead of taking it as the key', () => {
    const [, reference] = /value: '(@Microsoft\.KeyVault\([^']+)'/.exec(bicep) ?? [];
    assert.ok(reference);
    assert.throws(
      () => parseConfig({ ADMIN_API_KEY: reference.replace(/\$\{[^}]+\}/g, 'x') }),
      /ADMIN_API_KEY is a Key Vault reference App Service could not resolve/,
    );
  });

  it('run what the project declares: npm start, a supported Node, the readiness check, two instances or more', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines
      .node;
    const [, major] = /linuxFxVersion: 'NODE\|(\d+)-lts'/.exec(bicep) ?? [];
    assert.ok(major && engines.includes(`^${major}.`), `Node ${major} is in engines (${engines})`);
    assert.match(bicep, /appCommandLine: 'npm start'/);
    assert.match(bicep, /healthCheckPath: '\/readyz'/);
    assert.match(bicep, /@minValue\(2\)\n(@.*\n)*param instanceCount int/);
    assert.match(bicep, /allowSharedKeyAccess: false/);
  });

  it('register the bot on Teams and Microsoft 365 (Copilot, Outlook) only: Web Chat off, no Direct Line', () => {
    const bot = read('infra/botRegistration/azurebot.bicep');
    const channels = [...bot.matchAll(/channelName: '(\w+)'/g)].map((m) => m[1]);
    assert.deepEqual(channels.sort(), ['M365Extensions', 'MsTeamsChannel', 'WebChatChannel']);
    assert.match(bot, /siteName: 'Default Site'\s+isEnabled: false/);
    assert.doesNotMatch(bot, /DirectLine/);
  });

  it("give every parameter without a default a value, and take the toolkit's variables from env/", () => {
    const parameters = JSON.parse(read('infra/azure.parameters.json')) as {
      parameters: Record<string, unknown>;
    };
    const declared = [...bicep.matchAll(/^param (\w+) \w+( = .+)?$/gm)];
    for (const [, name, fallback] of declared)
      if (!fallback) assert.ok(name! in parameters.parameters, `${name} has a value`);
    for (const name of Object.keys(parameters.parameters))
      assert.ok(
        declared.some(([, declaredName]) => declaredName === name),
        `${name} is a parameter`,
      );

    const envDev = read('env/.env.dev');
    const written = new Set([...envDev.matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    for (const file of ['infra/azure.parameters.json', 'm365agents.yml', 'aad.manifest.json'])
      for (const [, name] of read(file).matchAll(/\$\{\{([A-Z0-9_]+)\}\}/g))
        assert.ok(
          written.has(name) || name!.startsWith('SECRET_'),
          `${file} uses ${name}: env/.env.dev names it (secrets, SECRET_*, go in .env.dev.user)`,
        );
  });

  it('deploy the folder npm run stage makes', () => {
    const yml = read('m365agents.yml');
    const [, staged] = /args: run stage -- (\S+)/.exec(yml) ?? [];
    const [, deployed] = /artifactFolder: \.\/(\S+)/.exec(yml) ?? [];
    assert.ok(staged);
    assert.equal(deployed, staged);
  });
});
