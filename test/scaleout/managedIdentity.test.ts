import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADDRESS, CONTACT, ORGANISATION } from '../support/botHarness.js';
import { BotProcess } from '../support/botProcess.js';
import { cardText } from '../support/chatClient.js';
import { startAzurite, type Azurite } from '../support/azurite.js';

const CLIENT_ID = '0c0ffee0-0000-4000-8000-000000000001';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * App Service's managed identity endpoint, as the platform runs it beside the app
 * (IDENTITY_ENDPOINT, IDENTITY_HEADER): it hands out a token for the storage audience. Azurite
 * checks its audience, issuer and times; the signature is not checked by its "basic" mode.
 */
async function identityEndpoint() {
  const asked: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.headers['x-identity-header'] !== 'platform-secret') {
      res.writeHead(401).end();
      return;
    }
    asked.push(url);
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      aud: 'https://storage.azure.com',
      iss: `https://sts.windows.net/${TENANT}/`,
      tid: TENANT,
      oid: '11111111-1111-4111-8111-111111111111',
      appid: CLIENT_ID,
      nbf: now - 60,
      iat: now - 60,
      exp: now + 3600,
    };
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        access_token: `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJl`,
        expires_on: String(now + 3600),
        resource: 'https://storage.azure.com',
        token_type: 'Bearer',
        client_id: CLIENT_ID,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`,
    asked,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('Azure Storage by managed identity (Azurite over https with OAuth)', function () {
  this.timeout(120_000);
  let azurite: Azurite;
  before(async () => (azurite = await startAzurite({ identity: true })));
  after(async () => azurite.stop());

  it('starts with no secret, its tokens from the identity endpoint, and keeps a customer', async () => {
    const identity = await identityEndpoint();
    const bot = await BotProcess.start('managed-identity-', {
      STORAGE: 'azure',
      AZURE_STORAGE_TABLE_URL: azurite.tableUrl,
      AZURE_STORAGE_QUEUE_URL: azurite.queueUrl,
      AZURE_CLIENT_ID: CLIENT_ID,
      IDENTITY_ENDPOINT: identity.url,
      IDENTITY_HEADER: 'platform-secret',
      NODE_EXTRA_CA_CERTS: azurite.caFile!,
    });
    try {
      assert.equal((await fetch(`http://127.0.0.1:${bot.port}/readyz`)).status, 200);
      const chat = bot.chat();
      const [first] = await chat.say('add customer');
      for (const values of [ORGANISATION, ADDRESS, CONTACT])
        await chat.click(first!.id, 'Next', values);
      await chat.click(first!.id, 'Submit for verification');
      assert.match(cardText(chat.card(first!.id)), /Submitted – In review/);

      const [status] = await chat.say(`status ${ORGANISATION.domain}`);
      assert.match(cardText(status?.attachments?.[0]?.content), /In review/);
      assert.ok(identity.asked.length > 0, 'tokens came from the identity endpoint');
      for (const url of identity.asked) {
        assert.equal(url.searchParams.get('client_id'), CLIENT_ID, 'the user-assigned identity');
        assert.match(url.searchParams.get('resource') ?? '', /^https:\/\/storage\.azure\.com/);
      }
    } finally {
      await bot.dispose();
      await identity.close();
    }
  });
});
