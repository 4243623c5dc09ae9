import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, parseConfig } from '../src/config.js';
import { tempDir } from './support/temp.js';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    parseConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a configuration error');
};

describe('configuration', () => {
  it('has defaults that need no account or credentials', () => {
    const config = parseConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.dataDir, path.resolve('./data'));
    assert.equal(config.vettingReviewSeconds, 30);
    assert.equal(config.adminApiKey, undefined);
    assert.equal(config.bot, undefined, 'no MicrosoftAppId: emulator mode');
  });

  it('treats blank values as unset', () => {
    const config = parseConfig({ PORT: '', MicrosoftAppId: '  ', ADMIN_API_KEY: '' });
    assert.equal(config.port, 3978);
    assert.equal(config.bot, undefined);
    assert.equal(config.adminApiKey, undefined);
  });

  it('names each bad variable and how to fix it', () => {
    const problems = problemsOf({
      PORT: '70000',
      VETTING_REVIEW_SECONDS: 'soon',
      ADMIN_API_KEY: 'short',
      MicrosoftAppType: 'Single',
      LOG_LEVEL: 'loud',
    });
    assert.equal(problems.length, 5);
    assert.match(
      problems.find((p) => p.startsWith('PORT'))!,
      /at most 65535 \(got "70000"\)/,
    );
    assert.match(
      problems.find((p) => p.startsWith('VETTING_REVIEW_SECONDS'))!,
      /whole number.*0 turns it off/,
    );
    assert.match(
      problems.find((p) => p.startsWith('ADMIN_API_KEY'))!,
      /at least 32 random characters/,
    );
    assert.doesNotMatch(
      problems.find((p) => p.startsWith('ADMIN_API_KEY'))!,
      /short/,
      'secrets are never echoed',
    );
    assert.match(
      problems.find((p) => p.startsWith('MicrosoftAppType'))!,
      /MultiTenant, SingleTenant or UserAssignedMSI/,
    );
    assert.match(
      problems.find((p) => p.startsWith('LOG_LEVEL'))!,
      /debug, info, warn or error/,
    );
  });

  it('refuses a guessable operator key, naming the variable and never echoing the key', () => {
    for (const weak of [
      'a'.repeat(40),
      'abcabcabcabcabcabcabcabcabcabcabcabc',
      'password'.repeat(5),
    ]) {
      const [problem, ...rest] = problemsOf({ ADMIN_API_KEY: weak });
      assert.deepEqual(rest, []);
      assert.match(problem!, /^ADMIN_API_KEY looks guessable/);
      assert.ok(!problem!.includes(weak));
    }
    assert.equal(
      parseConfig({ ADMIN_API_KEY: '3f9c1be07a4d5e26b8c0f1a3d7e94b52c6a8f0e1d3b5c7a9' }).adminApiKey
        ?.length,
      48,
    );
  });

  it('listens on loopback unless told otherwise, and takes only Teams activities with credentials by default', () => {
    const config = parseConfig({});
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.adminHost, '127.0.0.1');
    assert.equal(config.adminPort, 3979);
    assert.deepEqual(config.allowedChannels, ['msteams']);
    assert.deepEqual(
      parseConfig({ HOST: '0.0.0.0', ALLOWED_CHANNELS: 'msteams, webchat' }).allowedChannels,
      ['msteams', 'webchat'],
    );
    assert.match(problemsOf({ HOST: 'evil host; rm' })[0]!, /^HOST must be an address/);
  });

  it('requires the secret and tenant that a bot registration needs', () => {
    const appId = '00000000-0000-0000-0000-000000000001';
    assert.deepEqual(
      problemsOf({ MicrosoftAppId: appId, MicrosoftAppType: 'SingleTenant' }).map(
        (p) => p.split(' ')[0],
      ),
      ['MicrosoftAppPassword', 'MicrosoftAppTenantId'],
    );
    assert.match(problemsOf({ MicrosoftAppId: 'my-bot' })[0]!, /^MicrosoftAppId must be .* a GUID/);
    const config = parseConfig({
      MicrosoftAppId: appId,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: appId,
    });
    assert.deepEqual(config.bot, {
      appId,
      appPassword: 'secret',
      appType: 'SingleTenant',
      appTenantId: appId,
    });
  });

  it("turns the tab's single sign-on on with both ids, and refuses half a registration", () => {
    const clientId = '3c9e5b1a-2f4d-4e6a-8b7c-9d0e1f2a3b4c';
    assert.equal(parseConfig({}).tabSso, undefined, 'development mode by default');
    assert.deepEqual(
      parseConfig({
        AAD_APP_CLIENT_ID: clientId,
        AAD_APP_ID_URI: `api://bot.example.com/${clientId}`,
      }).tabSso,
      {
        clientId,
        appIdUri: `api://bot.example.com/${clientId}`,
        authorityHost: 'https://login.microsoftonline.com',
        // Tokens must have been issued to Teams' own clients (desktop and mobile, web).
        allowedClientAppIds: [
          '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
          '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
        ],
      },
    );
    assert.deepEqual(problemsOf({ AAD_APP_CLIENT_ID: clientId }), [
      'AAD_APP_ID_URI is required when AAD_APP_CLIENT_ID is set (api://<domain>/<client id>)',
    ]);
    assert.match(
      problemsOf({ AAD_APP_CLIENT_ID: 'my-app', AAD_APP_ID_URI: 'https://bot.example.com' }).join(
        '\n',
      ),
      /AAD_APP_CLIENT_ID must be the tab's Microsoft Entra app \(client\) id[\s\S]*AAD_APP_ID_URI must be the app's Application ID URI/,
    );
    assert.match(
      problemsOf({ AAD_APP_OAUTH_AUTHORITY_HOST: 'http://login.example.com' })[0] ?? '',
      /must be https \(plain http only on loopback, for tests\)/,
    );
  });

  it('runs the local Partner Center by default; api mode needs its app settings, https, and never echoes a secret', () => {
    assert.equal(parseConfig({}).partnerCenter, undefined);
    const tenant = '8f2d1c3b-4a5e-4f60-9b7c-1d2e3f4a5b6c';
    const client = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
    const problems = problemsOf({ PARTNER_CENTER: 'api', PARTNER_CENTER_TENANT_ID: tenant });
    assert.deepEqual(problems.map((p) => p.split(' ')[0]).sort(), [
      'PARTNER_CENTER_CLIENT_ID',
      'PARTNER_CENTER_CLIENT_SECRET',
    ]);
    const complete = {
      PARTNER_CENTER: 'api',
      PARTNER_CENTER_TENANT_ID: tenant,
      PARTNER_CENTER_CLIENT_ID: client,
      PARTNER_CENTER_CLIENT_SECRET: 'client-secret-value',
      PARTNER_CENTER_REFRESH_TOKEN: 'refresh-token-value',
    };
    const config = parseConfig(complete).partnerCenter;
    assert.equal(config?.apiUrl, 'https://api.partnercenter.microsoft.com');
    assert.equal(config?.authorityHost, 'https://login.microsoftonline.com');
    assert.equal(config?.pollSeconds, 900);
    assert.equal(
      parseConfig({ ...complete, PARTNER_CENTER_API_URL: 'http://127.0.0.1:4100/' }).partnerCenter
        ?.apiUrl,
      'http://127.0.0.1:4100',
    );
    const insecure = problemsOf({
      ...complete,
      PARTNER_CENTER_API_URL: 'http://pc.example.com',
      PARTNER_CENTER_CLIENT_ID: 'nope',
    });
    assert.ok(insecure.some((p) => p.startsWith('PARTNER_CENTER_API_URL')));
    assert.ok(insecure.some((p) => p.startsWith('PARTNER_CENTER_CLIENT_ID')));
    const secretProblems = problemsOf({
      ...complete,
      PARTNER_CENTER_REFRESH_TOKEN: 'x'.repeat(20_001),
      PARTNER_CENTER_CLIENT_SECRET: 'y'.repeat(1_001),
    });
    assert.equal(secretProblems.length, 2);
    assert.ok(
      secretProblems.every((p) => !p.includes('xxxx') && !p.includes('yyyy')),
      'no secret echoed',
    );
    assert.deepEqual(
      problemsOf({ PARTNER_CENTER: 'remote' }).map((p) => p.split(' ')[0]),
      ['PARTNER_CENTER'],
    );
  });

  it('keeps lowdb by default and needs a connection string for Azure Storage, never echoing it', () => {
    assert.deepEqual(parseConfig({}).storage, { kind: 'lowdb' });
    const connectionString =
      'DefaultEndpointsProtocol=https;AccountName=eduonboarding;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net';
    assert.deepEqual(
      parseConfig({ STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: connectionString }).storage,
      { kind: 'azure', account: { connectionString }, leaseSeconds: 60 },
    );
    assert.deepEqual(problemsOf({ STORAGE: 'azure' }), [
      'AZURE_STORAGE_CONNECTION_STRING is required when STORAGE=azure: a connection string, or AZURE_STORAGE_TABLE_URL and AZURE_STORAGE_QUEUE_URL with an identity',
    ]);
    assert.match(problemsOf({ STORAGE: 'cosmos' })[0] ?? '', /^STORAGE must be lowdb .* or azure/);
    const bad = problemsOf({
      STORAGE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: 'AccountKey=c2VjcmV0',
    });
    assert.equal(bad.length, 1);
    assert.doesNotMatch(bad[0] ?? '', /c2VjcmV0/, 'the key is not printed');
  });

  it('reaches Azure Storage by managed identity with both endpoints, and refuses half of it or http', () => {
    const endpoints = {
      AZURE_STORAGE_TABLE_URL: 'https://eduonboarding.table.core.windows.net',
      AZURE_STORAGE_QUEUE_URL: 'https://eduonboarding.queue.core.windows.net',
    };
    const clientId = '0c0ffee0-0000-4000-8000-000000000001';
    assert.deepEqual(
      parseConfig({ STORAGE: 'azure', ...endpoints, AZURE_CLIENT_ID: clientId }).storage,
      {
        kind: 'azure',
        account: {
          tableUrl: endpoints.AZURE_STORAGE_TABLE_URL,
          queueUrl: endpoints.AZURE_STORAGE_QUEUE_URL,
          clientId,
        },
        leaseSeconds: 60,
      },
    );
    assert.deepEqual(
      problemsOf({ STORAGE: 'azure', AZURE_STORAGE_TABLE_URL: endpoints.AZURE_STORAGE_TABLE_URL }),
      [
        'AZURE_STORAGE_QUEUE_URL is required with the other endpoint (tables and queues are both used)',
      ],
    );
    assert.match(
      problemsOf({
        STORAGE: 'azure',
        ...endpoints,
        AZURE_STORAGE_TABLE_URL: 'http://eduonboarding.table.core.windows.net',
      })[0] ?? '',
      /^AZURE_STORAGE_TABLE_URL must be the storage account's https endpoint/,
    );
    assert.deepEqual(
      problemsOf({
        STORAGE: 'azure',
        ...endpoints,
        AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      }),
      [
        'AZURE_STORAGE_CONNECTION_STRING set either AZURE_STORAGE_CONNECTION_STRING or the endpoints with an identity, not both',
      ],
    );
    assert.match(problemsOf({ AZURE_CLIENT_ID: 'me' })[0] ?? '', /^AZURE_CLIENT_ID must be/);
  });

  it('reads env/.env.<stage> then .user, with the real environment winning', () => {
    const { dir, remove } = tempDir();
    try {
      fs.mkdirSync(path.join(dir, 'env'));
      fs.writeFileSync(
        path.join(dir, 'env', '.env.local'),
        'PORT=4000\nVETTING_REVIEW_SECONDS=5\nADMIN_API_KEY=\n',
      );
      fs.writeFileSync(
        path.join(dir, 'env', '.env.local.user'),
        'ADMIN_API_KEY=from-user-file-0123456789abcdefghijk\n',
      );
      fs.writeFileSync(path.join(dir, 'env', '.env.dev'), 'PORT=5000\n');
      const local = loadConfig({ VETTING_REVIEW_SECONDS: '7' }, dir);
      assert.equal(local.port, 4000);
      assert.equal(local.vettingReviewSeconds, 7);
      assert.equal(local.adminApiKey, 'from-user-file-0123456789abcdefghijk');
      assert.equal(loadConfig({ TEAMSFX_ENV: 'dev' }, dir).port, 5000);
    } finally {
      remove();
    }
  });
});
