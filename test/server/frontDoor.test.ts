import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { DEFAULT_LIMITS } from '../../src/config.js';
import { localizer } from '../../src/i18n/localizer.js';
import { createLogger } from '../../src/log.js';
import { SlidingWindowLimiter } from '../../src/bot/notifications/rateLimiter.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../support/appHarness.js';
import { BotHarness } from '../support/botHarness.js';
import { cardText } from '../support/chatClient.js';
import { customerForm } from '../support/fixtures.js';
import { nonLoopbackAddress } from '../support/net.js';
import { activity, rawRequest } from '../support/rawHttp.js';
import { eventually } from '../support/temp.js';

// The findings of the issue "The front door", one by one, over real HTTP against the real app.

const json = (value: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

describe('the front door: bodies, envelopes and exposure (emulator mode)', () => {
  let h: BotHarness;
  const healthy = async () =>
    assert.equal(
      (await rawRequest(`${h.app.url}/healthz`, { method: 'GET' })).status,
      200,
      'the process still answers',
    );
  before(async () => (h = await BotHarness.start()));
  after(async () => h.dispose());

  it('refuses a body labelled gzip, deflate or br, compressed or not, before reading it (findings 1, 2)', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, ' '));
    for (const [encoding, body] of [
      ['gzip', 'not gzip at all'],
      ['gzip', bomb],
      ['deflate', 'x'],
      ['br', 'x'],
      ['gzip, identity', 'x'],
    ] as const) {
      const res = await rawRequest(`${h.app.url}/api/messages`, {
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body,
      });
      assert.equal(res.status, 415, encoding);
      assert.match(res.text, /uncompressed/);
    }
    const onHealth = await rawRequest(`${h.app.url}/healthz`, {
      method: 'GET',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(bomb.length),
      },
      body: bomb,
    });
    assert.equal(onHealth.status, 200, 'a GET reads no body');
    await healthy();
  });

  it('takes JSON only: multipart, XML and forms get 415, nothing parsed (findings 3, 4)', async () => {
    const cases: [string, string][] = [
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nhello\r\n--x--\r\n',
      ],
      ['application/xml', '<activity><type>message</type></activity>'],
      ['application/x-www-form-urlencoded', 'type=message&text=help'],
      ['text/plain', '{"type":"message"}'],
      ['application/json; charset=latin1', '{"type":"message"}'],
    ];
    for (const [type, body] of cases) {
      const res = await rawRequest(`${h.app.url}/api/messages`, {
        headers: { 'content-type': type },
        body,
      });
      assert.equal(res.status, 415, type);
      assert.match(res.text, /application\/json/);
    }
    await healthy();
  });

  it('bounds the body while reading it, and its nesting (413, 400)', async () => {
    const big = JSON.stringify(activity(h.connector.url, { text: 'x'.repeat(300 * 1024) }));
    assert.equal(
      (await rawRequest(`${h.app.url}/api/messages`, json(JSON.parse(big)))).status,
      413,
    );
    // Chunked, so no Content-Length tells the size in advance.
    assert.equal(
      (
        await rawRequest(`${h.app.url}/api/messages`, {
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
          body: big,
        })
      ).status,
      413,
    );
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const res = await rawRequest(`${h.app.url}/api/messages`, {
      headers: { 'content-type': 'application/json' },
      body: deep,
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /nested at most 64/);
    assert.equal(
      (
        await rawRequest(`${h.app.url}/api/messages`, {
          headers: { 'content-type': 'application/json' },
          body: '{"type":',
        })
      ).status,
      400,
    );
    await healthy();
  });

  it('answers an activity the adapter could not take with 400 naming the field, never 500 (finding 4)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: undefined }, 'type'],
      [{ type: 42 }, 'type'],
      [{ serviceUrl: 42 }, 'serviceUrl'],
      [{ serviceUrl: 'not a url' }, 'serviceUrl'],
      [{ serviceUrl: 'file:///etc/passwd' }, 'serviceUrl'],
      [{ conversation: 'c' }, 'conversation'],
      [{ from: undefined }, 'from'],
      [{ from: { id: 7 } }, 'from.id'],
      [{ channelData: [] }, 'channelData'],
    ];
    for (const [overrides, field] of cases) {
      const res = await rawRequest(
        `${h.app.url}/api/messages`,
        json(activity(h.connector.url, overrides)),
      );
      assert.equal(res.status, 400, JSON.stringify(overrides));
      assert.equal((res.json() as { field: string }).field, field);
      assert.doesNotMatch(
        res.text,
        /at \w+ \(|node_modules|TypeError/,
        'no internals in the answer',
      );
    }
    for (const body of ['[]', '"text"', 'null', '42'])
      assert.equal(
        (
          await rawRequest(`${h.app.url}/api/messages`, {
            headers: { 'content-type': 'application/json' },
            body,
          })
        ).status,
        400,
        body,
      );
    await healthy();
  });

  it('caps every length it would store or log: ids, names, serviceUrl (finding 12)', async () => {
    const long = 'x'.repeat(3000);
    const cases: [Record<string, unknown>, string][] = [
      [{ conversation: { id: long, tenantId: 'tenant-1' } }, 'conversation.id'],
      [{ from: { id: 'u', name: long } }, 'from.name'],
      [{ serviceUrl: `${h.connector.url}/${long}` }, 'serviceUrl'],
      [{ channelId: long }, 'channelId'],
    ];
    for (const [overrides, field] of cases) {
      const res = await rawRequest(
        `${h.app.url}/api/messages`,
        json(activity(h.connector.url, overrides)),
      );
      assert.equal(res.status, 400, field);
      assert.equal((res.json() as { field: string }).field, field);
    }
  });

  it('replies only to this machine without credentials: another serviceUrl is refused and never called (finding 5)', async () => {
    // A connector stand-in on this machine's network address: reachable, but not loopback.
    const elsewhere = net.createServer((socket) => socket.destroy());
    let calls = 0;
    elsewhere.on('connection', () => (calls += 1));
    await new Promise<void>((resolve) => elsewhere.listen(0, '0.0.0.0', resolve));
    const address = nonLoopbackAddress();
    const port = (elsewhere.address() as net.AddressInfo).port;
    const reachable = address ? [`http://${address}:${port}/`] : [];
    try {
      for (const serviceUrl of [
        ...reachable,
        'http://10.255.255.1:9/',
        'https://smba.trafficmanager.net/emea/',
        'http://169.254.169.254/latest/meta-data/',
        'http://127.0.0.1.nip.io/',
      ]) {
        const res = await rawRequest(
          `${h.app.url}/api/messages`,
          json(activity(serviceUrl, { text: 'notify all' })),
        );
        assert.equal(res.status, 403, serviceUrl);
        assert.equal((res.json() as { code: string }).code, 'ServiceUrlNotAllowed');
      }
      assert.equal(calls, 0, 'nothing was sent to the address the activity named');
    } finally {
      await new Promise((resolve) => elsewhere.close(resolve));
    }
    // The same activity from this machine is answered.
    const ok = await rawRequest(`${h.app.url}/api/messages`, json(activity(h.connector.url)));
    assert.equal(ok.status, 200);
  });
});

describe('the front door with credentials (findings 6, 10)', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({
      bot: {
        appId: '6f4b9c1e-2d3a-4b5c-8d7e-9f0a1b2c3d4e',
        appPassword: 'not-a-real-secret',
        appType: 'MultiTenant',
      },
      devIdentity: undefined,
    });
  });
  after(async () => app.dispose());

  it('takes only Teams activities: Web Chat, Direct Line and the rest are refused before any token is read', async () => {
    for (const channelId of ['webchat', 'directline', 'emulator', 'slack']) {
      const res = await rawRequest(
        `${app.url}/api/messages`,
        json(activity('https://smba.trafficmanager.net/emea/', { channelId })),
      );
      assert.equal(res.status, 403, channelId);
      assert.equal((res.json() as { code: string }).code, 'ChannelNotAllowed');
    }
  });

  it('answers a missing or forged token with 401 or 503, never 500 or the error text', async () => {
    const forged = [
      'eyJhbGciOiJSUzI1NiIsImtpZCI6ImZvcmdlZCJ9',
      Buffer.from(
        JSON.stringify({ iss: 'https://api.botframework.com', aud: 'x', exp: 9999999999 }),
      ).toString('base64url'),
      'c2ln',
    ].join('.');
    for (const authorization of [undefined, 'Bearer nonsense', `Bearer ${forged}`]) {
      const res = await rawRequest(`${app.url}/api/messages`, {
        headers: {
          'content-type': 'application/json',
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify(activity('https://smba.trafficmanager.net/emea/')),
      });
      // The key endpoint cannot be reached from this sandbox (503); where it can, the forgery is refused (401).
      assert.ok(res.status === 401 || res.status === 503, `${authorization}: ${res.status}`);
      assert.doesNotMatch(res.text, /ENOTFOUND|getaddrinfo|ECONNREFUSED|at \w+ \(/);
    }
    assert.equal((await rawRequest(`${app.url}/healthz`, { method: 'GET' })).status, 200);
  });
});

describe('the front door with credentials: tokens no key can verify', () => {
  const APP_ID = '6f4b9c1e-2d3a-4b5c-8d7e-9f0a1b2c3d4e';
  const APP_PASSWORD = 'not-a-real-secret';
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  // Claims the Bot Framework would accept, so that only the header can make a token unverifiable.
  const claims = {
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    serviceurl: 'https://smba.trafficmanager.net/emea/',
    nbf: 1_700_000_000,
    exp: 4_000_000_000,
  };
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  function signed(header: Record<string, unknown>): string {
    const input = `${b64(header)}.${b64(claims)}`;
    const alg = String(header.alg);
    const signature = alg.startsWith('HS')
      ? crypto
          .createHmac(`sha${alg.slice(2)}`, APP_PASSWORD)
          .update(input)
          .digest()
      : alg.startsWith('RS')
        ? crypto.sign(`sha${alg.slice(2)}`, Buffer.from(input), privateKey)
        : Buffer.alloc(0);
    return `${input}.${signature.toString('base64url')}`;
  }
  const unverifiable: Record<string, string> = {
    'alg none': signed({ alg: 'none', kid: 'key-1', typ: 'JWT' }),
    'HS256 with the app password': signed({ alg: 'HS256', kid: 'key-1', typ: 'JWT' }),
    HS384: signed({ alg: 'HS384', kid: 'key-1' }),
    HS512: signed({ alg: 'HS512', kid: 'key-1' }),
    'RS256 without kid': signed({ alg: 'RS256', typ: 'JWT' }),
    'an empty kid': signed({ alg: 'RS256', kid: '' }),
    'a header that is not JSON': `${Buffer.from('{alg: RS256').toString('base64url')}.${b64(claims)}.c2ln`,
    'a header that is not base64url': `!!!.${b64(claims)}.c2ln`,
    'two parts only': `${b64({ alg: 'RS256', kid: 'key-1' })}.${b64(claims)}`,
  };

  /** A loopback stand-in for the channel's OpenID metadata and key set, counting every request. */
  async function keyServer(): Promise<{
    url: string;
    requests: () => number;
    close(): Promise<void>;
  }> {
    let requests = 0;
    const server = http.createServer((req, res) => {
      requests++;
      const { port } = server.address() as net.AddressInfo;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify(
          req.url === '/keys' ? { keys: [] } : { jwks_uri: `http://127.0.0.1:${port}/keys` },
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/openid`,
      requests: () => requests,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
  }
  const post = (app: TestApp, token: string) =>
    rawRequest(`${app.url}/api/messages`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(activity('https://smba.trafficmanager.net/emea/')),
    });
  const withCredentials = (openIdMetadataUrl: string) =>
    startTestApp({
      bot: { appId: APP_ID, appPassword: APP_PASSWORD, appType: 'MultiTenant', openIdMetadataUrl },
      devIdentity: undefined,
    });

  it('refuses each with 401 and never asks the key endpoint, which answers', async () => {
    const keys = await keyServer();
    const app = await withCredentials(keys.url);
    try {
      for (const [what, token] of Object.entries(unverifiable)) {
        const res = await post(app, token);
        assert.equal(res.status, 401, what);
        assert.equal((res.json() as { code: string }).code, 'Unauthorized', what);
      }
      assert.equal(keys.requests(), 0, 'no key was fetched for a token no key can verify');
      // A token that names an RSA key is looked up: the endpoint is the one the bot asks.
      const res = await post(app, signed({ alg: 'RS256', kid: 'key-1', typ: 'JWT' }));
      assert.equal(res.status, 401);
      assert.ok(keys.requests() > 0, 'an RS256 token with a kid fetches the keys');
    } finally {
      await app.dispose();
      await keys.close();
    }
  });

  it('refuses each with 401, not 503, while the key endpoint cannot be reached', async () => {
    const keys = await keyServer();
    await keys.close();
    const app = await withCredentials(keys.url);
    try {
      for (const [what, token] of Object.entries(unverifiable))
        assert.equal((await post(app, token)).status, 401, what);
      // What a key could verify waits for the keys: 503, with when to try again.
      const res = await post(app, signed({ alg: 'RS256', kid: 'key-1', typ: 'JWT' }));
      assert.equal(res.status, 503);
      assert.equal(keys.requests(), 0);
    } finally {
      await app.dispose();
    }
  });
});

describe('the front door with credentials: Microsoft 365 reaches the message extension', () => {
  const APP_ID = '6f4b9c1e-2d3a-4b5c-8d7e-9f0a1b2c3d4e';
  const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  /** A channel token as the Bot Framework signs it, with a key it publishes. */
  function channelToken(): string {
    const input = `${b64({ alg: 'RS256', kid: 'key-1', typ: 'JWT' })}.${b64({
      iss: 'https://api.botframework.com',
      aud: APP_ID,
      serviceurl: SERVICE_URL,
      nbf: Math.floor(Date.now() / 1000) - 60,
      exp: Math.floor(Date.now() / 1000) + 3600,
    })}`;
    return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
  }
  let keys: http.Server;
  let app: TestApp;
  before(async () => {
    // The Bot Framework's key set: each key names the channels it signs for (its endorsements).
    keys = http.createServer((req, res) => {
      const { port } = keys.address() as net.AddressInfo;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify(
          req.url === '/keys'
            ? {
                keys: [
                  {
                    ...publicKey.export({ format: 'jwk' }),
                    kid: 'key-1',
                    use: 'sig',
                    endorsements: ['msteams', 'm365extensions'],
                  },
                ],
              }
            : { jwks_uri: `http://127.0.0.1:${port}/keys` },
        ),
      );
    });
    await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
    const { port } = keys.address() as net.AddressInfo;
    app = await startTestApp({
      bot: {
        appId: APP_ID,
        appPassword: 'not-a-real-secret',
        appType: 'MultiTenant',
        openIdMetadataUrl: `http://127.0.0.1:${port}/openid`,
      },
      devIdentity: undefined,
    });
  });
  after(async () => {
    await app?.dispose();
    await new Promise((resolve) => keys?.close(resolve));
  });
  const post = (body: Record<string, unknown>) =>
    rawRequest(`${app.url}/api/messages`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${channelToken()}` },
      body: JSON.stringify(activity(SERVICE_URL, body)),
    });
  const search = {
    type: 'invoke',
    name: 'composeExtension/query',
    text: undefined,
    value: { commandId: 'findCustomer', parameters: [{ name: 'initialRun', value: 'true' }] },
  };

  it('takes its searches on the m365extensions channel, signed and checked, and nothing else there', async () => {
    const found = await post({ ...search, channelId: 'm365extensions' });
    assert.equal(found.status, 200, found.text);
    // The user is not mapped to a role: the answer says so, as a result Copilot can show.
    assert.deepEqual(found.json(), {
      composeExtension: { type: 'message', text: localizer('en-US').t('forbidden.noRole') },
    });
    const inTeams = await post({ ...search, channelId: 'msteams' });
    assert.equal(inTeams.status, 200, inTeams.text);
    // A chat message or a card's action on that channel is not the extension's: refused.
    for (const other of [
      { channelId: 'm365extensions' },
      { channelId: 'm365extensions', type: 'invoke', name: 'adaptiveCard/action', value: {} },
      { ...search, channelId: 'webchat' },
    ]) {
      const res = await post(other);
      assert.equal(res.status, 403, JSON.stringify(other));
      assert.equal((res.json() as { code: string }).code, 'ChannelNotAllowed');
    }
  });
});

describe('the operator API on its own listener (finding 9)', () => {
  let app: TestApp;
  const lines: string[] = [];
  before(async () => {
    app = await startTestApp({
      log: createLogger('warn', (line) => lines.push(line)),
      tuning: { adminThrottle: { maxFailures: 5, windowMs: 60_000 } },
    });
  });
  after(async () => app.dispose());

  it('is not on the public listener', async () => {
    assert.notEqual(app.adminUrl, app.url);
    const res = await rawRequest(`${app.url}/api/admin/customers`, {
      method: 'GET',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    assert.equal(res.status, 404);
  });

  it('slows down wrong keys per address and logs them once, not once per try', async () => {
    const tries: number[] = [];
    for (let i = 0; i < 20; i++)
      tries.push(
        (
          await rawRequest(`${app.adminUrl}/api/admin/customers`, {
            method: 'GET',
            headers: { authorization: `Bearer wrong-${i}` },
          })
        ).status,
      );
    assert.deepEqual(tries.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.ok(
      tries.slice(5).every((s) => s === 429),
      tries.join(','),
    );
    const locked = await rawRequest(`${app.adminUrl}/api/admin/customers`, {
      method: 'GET',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    assert.equal(locked.status, 429, 'while locked out, even the right key waits');
    assert.ok(Number(locked.headers['retry-after']) > 0);
    const logged = lines.filter((l) => l.includes('operator API'));
    assert.equal(logged.length, 2, logged.join('\n'));
    assert.match(logged[1]!, /throttled/);
  });

  it('marks every answer no-store, and pages the outbox', async () => {
    const other = await startTestApp();
    try {
      for (const [path, key] of [
        ['/api/admin/outbox', ADMIN_KEY],
        ['/api/admin/customers', ADMIN_KEY],
        ['/api/admin/customers', 'wrong'],
      ] as const) {
        const res = await rawRequest(`${other.adminUrl}${path}`, {
          method: 'GET',
          headers: { authorization: `Bearer ${key}` },
        });
        assert.equal(res.headers['cache-control'], 'no-store', `${path} ${res.status}`);
      }
      const page = (
        await rawRequest(`${other.adminUrl}/api/admin/outbox?limit=10`, {
          method: 'GET',
          headers: { authorization: `Bearer ${ADMIN_KEY}` },
        })
      ).json() as { deliveries: unknown[]; total: number };
      assert.deepEqual(page, { deliveries: [], total: 0 });
      assert.equal(
        (
          await rawRequest(`${other.adminUrl}/api/admin/outbox?limit=5000`, {
            method: 'GET',
            headers: { authorization: `Bearer ${ADMIN_KEY}` },
          })
        ).status,
        400,
      );
    } finally {
      await other.dispose();
    }
  });
});

describe('bounded waits and connections (finding 8)', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({
      tuning: {
        server: {
          requestTimeoutMs: 1_000,
          headersTimeoutMs: 1_000,
          connectionsCheckingIntervalMs: 100,
          maxConnections: 20,
        },
      },
    });
  });
  after(async () => app.dispose());

  it('closes a request whose body never finishes, and one whose headers never end', async () => {
    const target = new URL(app.url);
    const closes = await Promise.all(
      [
        'POST /api/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":',
        'GET /healthz HTTP/1.1\r\nHost: local',
      ].map(
        (start) =>
          new Promise<number>((resolve) => {
            const began = Date.now();
            const socket = net.connect(Number(target.port), target.hostname, () =>
              socket.write(start),
            );
            socket.on('data', () => {});
            socket.on('close', () => resolve(Date.now() - began));
          }),
      ),
    );
    for (const ms of closes) assert.ok(ms < 5_000, `closed after ${ms} ms`);
  });

  it('accepts at most maxConnections at once; the others are closed at once', async () => {
    const target = new URL(app.url);
    const sockets = await Promise.all(
      Array.from(
        { length: 40 },
        () =>
          new Promise<{ socket: net.Socket; closed: () => boolean }>((resolve) => {
            let closed = false;
            const socket = net.connect(Number(target.port), target.hostname, () =>
              resolve({ socket, closed: () => closed }),
            );
            socket.on('close', () => (closed = true));
            socket.on('error', () => {});
          }),
      ),
    );
    await eventually(
      () => (sockets.filter((s) => s.closed()).length >= 20 ? true : undefined),
      3_000,
      'connections beyond the limit to close',
    );
    assert.equal(sockets.filter((s) => !s.closed()).length, 20);
    for (const { socket } of sockets) socket.destroy();
    await eventually(
      async () =>
        (await rawRequest(`${app.url}/healthz`, { method: 'GET' }).catch(() => undefined))
          ?.status === 200
          ? true
          : undefined,
      3_000,
      'the server to answer again',
    );
  });
});

describe('bounded state (finding 12)', () => {
  it('keeps at most EMULATOR_CONVERSATIONS_PER_TENANT conversations per tenant without credentials, and still answers', async () => {
    const h = await BotHarness.start({
      limits: { ...DEFAULT_LIMITS, emulatorConversationsPerTenant: 3 },
    });
    try {
      for (let i = 0; i < 8; i++)
        assert.equal((await h.chat().say('help')).length, 1, 'every conversation is answered');
      const stored = fs
        .readdirSync(path.join(h.app.dataDir, 'conversations'))
        .filter((f) => f.endsWith('.json'));
      assert.equal(stored.length, 3, 'only the first three are remembered for notifications');
      assert.equal((await h.chat({ tenantId: 'tenant-2' }).say('help')).length, 1);
      assert.equal(
        fs.readdirSync(path.join(h.app.dataDir, 'conversations')).filter((f) => f.endsWith('.json'))
          .length,
        4,
        'per tenant',
      );
    } finally {
      await h.dispose();
    }
  });

  it('forgets rate-limiter keys once their window has passed', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 7, windowMs: 1_000 }]);
    for (let i = 0; i < 10_000; i++) limiter.record(`conversation-${i}`, i);
    // Every key but those of the last second have been swept.
    assert.ok(limiter.trackedKeys <= 1_000 + 256, `${limiter.trackedKeys} keys`);
  });
});

describe('user text is text (finding 13)', () => {
  let h: BotHarness;
  before(async () => (h = await BotHarness.start()));
  after(async () => h.dispose());

  it('escapes a company name written as a Markdown link on cards and in notifications', async () => {
    const ann = {
      id: 'aad-ann',
      name: 'Ann Lee',
      tenantId: 'tenant-1',
      role: 'GlobalAdmin' as const,
      partnerType: 'IndirectProvider' as const,
    };
    const created = await h.app.service.customers.createCustomer(
      ann,
      customerForm({
        companyName: '[phish](https://phish.contoso.edu) *School*',
        domain: 'phishschool',
      }),
    );
    assert.ok(created.ok, JSON.stringify(!created.ok && created.error));
    const chat = h.chat();
    await chat.say('notify all');
    const [status] = await chat.say('status phishschool');
    const text = cardText(status!.attachments?.[0]?.content);
    assert.match(text, /\\\[phish\\\]\(https:\/\/phish\.contoso\.edu\) \\\*School\\\*/);
    assert.ok(
      (
        await h.app.service.vetting.decide(
          { kind: 'operator', id: 'op', name: 'Op' },
          created.value.customer.id,
          { status: 'Denied', reason: 'See [our policy](https://evil.example)' },
        )
      ).ok,
    );
    await eventually(
      () => (h.connector.proactive(chat.conversationId).length > 0 ? true : undefined),
      5_000,
      'the notification',
    );
    const notification = cardText(
      h.connector.proactive(chat.conversationId)[0]!.attachments?.[0]?.content,
    );
    assert.match(notification, /\\\[phish\\\]/);
    assert.match(notification, /See \\\[our policy\\\]\(https:\/\/evil\.example\)/);
  });
});
