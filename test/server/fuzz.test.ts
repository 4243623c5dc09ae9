import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ADMIN_KEY } from '../support/appHarness.js';
import { ADDRESS, BotHarness, CONTACT, ORGANISATION } from '../support/botHarness.js';
import { cardText } from '../support/chatClient.js';
import { activity, rawRequest, type RawResponse } from '../support/rawHttp.js';

/**
 * A seeded, bounded fuzz of every HTTP surface: /api/messages, the operator API and the tab API
 * get thousands of generated requests (malformed and truncated JSON, wrong shapes and types,
 * hostile strings, wrong content types and encodings, huge and deep bodies, replays). None may
 * get a 5xx or end the process; /healthz answers throughout; a fresh conversation still adds a
 * customer afterwards. FUZZ_SEED and FUZZ_RUNS reproduce or widen a run.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS_PER_CATEGORY = Number(process.env.FUZZ_RUNS ?? 500);
const CONCURRENCY = 8;

interface FuzzRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '\u0000',
    '\u202E\u0645\u0631\u062D\u0628\u0627',
    '\uD800',
    '\uDFFF\uD800',
    '${evil}',
    '{{x}}',
    '[phish](https://evil.example)',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '\r\n\r\n',
    '🏫'.repeat(50),
  ),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
);

const jsonValue = fc.oneof(fc.jsonValue({ maxDepth: 4 }), hostileString, fc.constant(undefined));

const FIELDS = [
  'type',
  'id',
  'channelId',
  'serviceUrl',
  'conversation',
  'from',
  'recipient',
  'locale',
  'text',
  'value',
  'channelData',
  'replyToId',
  'localTimezone',
] as const;

function categories(
  botUrl: string,
  adminUrl: string,
  serviceUrl: string,
): Record<string, fc.Arbitrary<FuzzRequest>> {
  const messages = `${botUrl}/api/messages`;
  const post = (
    body: string | Buffer,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ): FuzzRequest => ({ url: messages, method: 'POST', headers, body });
  const valid = () => activity(serviceUrl);
  return {
    'truncated JSON': fc.nat().map((cut) => {
      const text = JSON.stringify(valid());
      return post(text.slice(0, cut % text.length));
    }),
    'random bytes': fc.uint8Array({ maxLength: 2_000 }).map((bytes) => post(Buffer.from(bytes))),
    'wrong shapes and types': fc
      .tuple(fc.constantFrom(...FIELDS), jsonValue)
      .map(([field, value]) => post(JSON.stringify({ ...valid(), [field]: value }))),
    'hostile strings': fc
      .record({
        text: hostileString,
        name: hostileString,
        locale: hostileString,
        conversationId: hostileString,
        timeZone: hostileString,
      })
      .map((s) =>
        post(
          JSON.stringify(
            activity(serviceUrl, {
              text: s.text,
              locale: s.locale,
              localTimezone: s.timeZone,
              from: { id: 'user-1', name: s.name },
              conversation: { id: s.conversationId, tenantId: 'tenant-1' },
            }),
          ),
        ),
      ),
    'card submits': fc
      .object({ maxDepth: 3 })
      .map((value) => post(JSON.stringify(activity(serviceUrl, { text: undefined, value })))),
    'wrong content types and encodings': fc
      .record({
        type: fc.constantFrom(
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
          'text/plain',
          '',
          'application/json; charset=utf-16',
          'application/json',
        ),
        encoding: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown', ''),
      })
      .map(({ type, encoding }) =>
        post(JSON.stringify(valid()), {
          ...(type ? { 'content-type': type } : {}),
          ...(encoding ? { 'content-encoding': encoding } : {}),
        }),
      ),
    'huge and deep bodies': fc.oneof(
      fc
        .integer({ min: 65, max: 5_000 })
        .map((depth) => post(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
      fc
        .integer({ min: 200_000, max: 400_000 })
        .map((size) => post(JSON.stringify({ ...valid(), text: 'y'.repeat(size) }))),
      fc.integer({ min: 64, max: 3_000 }).map((depth) =>
        post(
          JSON.stringify({
            ...valid(),
            value: JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown,
          }),
        ),
      ),
    ),
    replays: fc.constant(null).map(() =>
      post(
        JSON.stringify({
          ...valid(),
          id: 'the-same-activity',
          conversation: { id: 'the-same-conversation', tenantId: 'tenant-1' },
        }),
      ),
    ),
    'operator API': fc
      .record({
        path: fc.constantFrom(
          '/api/admin/customers',
          '/api/admin/outbox',
          '/api/admin/outbox/retry',
          '/api/admin/customers/contoso/decision',
          '/api/admin/customers/%00/decision',
          '/api/admin/customers?limit=-1&cursor=%FF',
          '/api/admin/outbox?cursor=99999999',
        ),
        method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        key: fc.constantFrom(`Bearer ${ADMIN_KEY}`, 'Bearer wrong', '', `Basic ${ADMIN_KEY}`),
        body: jsonValue,
      })
      .map(({ path, method, key, body }) => ({
        url: `${adminUrl}${path}`,
        method,
        headers: { 'content-type': 'application/json', ...(key ? { authorization: key } : {}) },
        ...(method === 'GET' ? {} : { body: JSON.stringify(body) ?? '' }),
      })),
    'tab API': fc
      .record({
        path: fc.constantFrom(
          '/api/tab/customers',
          '/api/tab/overview',
          '/api/tab/me',
          '/api/tab/strings',
          '/api/tab/customers/%2e%2e',
          '/api/tab/customers/x'.padEnd(300, 'x'),
          '/tab',
          '/tab/tab.css',
          '/tab/../package.json',
        ),
        query: fc.dictionary(
          fc.constantFrom(
            'q',
            'status',
            'sort',
            'cursor',
            'pageSize',
            'locale',
            'timeZone',
            'tenant',
          ),
          fc.string({ maxLength: 300 }),
          { maxKeys: 5 },
        ),
      })
      .map(({ path, query }) => ({
        url: `${botUrl}${path}?${new URLSearchParams(query).toString()}`,
        method: 'GET',
        headers: {},
      })),
  };
}

describe('fuzz: every HTTP surface, seeded and bounded', function () {
  this.timeout(300_000);
  let h: BotHarness;
  // Wrong keys are not throttled here, so the operator routes themselves are fuzzed.
  before(
    async () =>
      (h = await BotHarness.start({ tuning: { adminThrottle: { maxFailures: 1_000_000 } } })),
  );
  after(async () => h.dispose());

  it(`answers ${RUNS_PER_CATEGORY} generated requests per category with no 5xx and no crash, then still works`, async () => {
    const report: string[] = [];
    let total = 0;
    for (const [name, arbitrary] of Object.entries(
      categories(h.app.url, h.app.adminUrl ?? '', h.connector.url),
    )) {
      const requests = fc.sample(arbitrary, { numRuns: RUNS_PER_CATEGORY, seed: SEED });
      const statuses = new Map<number, number>();
      for (let i = 0; i < requests.length; i += CONCURRENCY) {
        const answers = await Promise.all(
          requests.slice(i, i + CONCURRENCY).map(async (r): Promise<RawResponse | Error> =>
            rawRequest(r.url, {
              method: r.method,
              headers: r.headers,
              ...(r.body === undefined ? {} : { body: r.body }),
            }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
          ),
        );
        for (const [j, answer] of answers.entries()) {
          const request = requests[i + j]!;
          // A connection the server closed after refusing an unread body is not a server error.
          const status =
            answer instanceof Error
              ? /ECONNRESET|EPIPE|socket hang up/.test(answer.message)
                ? 0
                : -1
              : answer.status;
          assert.notEqual(status, -1, `${name}: ${(answer as Error).message}`);
          assert.ok(
            status < 500,
            `${name}: ${status} for ${request.method} ${request.url.slice(0, 120)} ${String(request.body ?? '').slice(0, 300)}\n${answer instanceof Error ? '' : answer.text.slice(0, 300)}`,
          );
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }
      assert.equal(
        (await rawRequest(`${h.app.url}/healthz`, { method: 'GET' })).status,
        200,
        `healthy after ${name}`,
      );
      total += requests.length;
      report.push(
        `  ${name.padEnd(34)} ${String(requests.length).padStart(5)}  ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s === 0 ? 'closed' : s}×${n}`)
          .join(' ')}`,
      );
    }
    console.log(`\n  fuzz (seed ${SEED}): ${total} requests\n${report.join('\n')}`);
    assert.ok(total >= 5_000);

    const chat = h.chat({ locale: 'en-US' });
    const [first] = await chat.say('add customer');
    for (const values of [ORGANISATION, ADDRESS, CONTACT])
      await chat.click(first!.id, 'Next', values);
    await chat.click(first!.id, 'Submit for verification');
    assert.match(cardText(chat.card(first!.id)), /Submitted – In review/);
  });
});
