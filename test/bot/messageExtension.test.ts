import assert from 'node:assert/strict';
import type { Clock } from '../../src/domain/clock.js';
import type { CustomerRecord } from '../../src/domain/customer.js';
import { DEFAULT_TAB_CLIENT_APP_IDS } from '../../src/config.js';
import { localizer } from '../../src/i18n/localizer.js';
import { startTestApp, type TestApp } from '../support/appHarness.js';
import { cardText } from '../support/chatClient.js';
import { customerForm, NOW, partnerUser } from '../support/fixtures.js';
import { activity, rawRequest } from '../support/rawHttp.js';

/**
 * The message extension over HTTP, as Teams (msteams) and Microsoft 365 Copilot and Outlook
 * (m365extensions) send its invokes (teams-platform.md, section 1), against the real app: the
 * answers' shapes, what each finds, and what is refused.
 */

const OPERATOR = { kind: 'operator' as const, id: 'op', name: 'Operator' };
const DAY_MS = 86_400_000;
const CHANNELS = ['msteams', 'm365extensions'] as const;
const LOCALES = ['en-US', 'fr-FR'] as const;

const PARTNER_A = 'partner-a';
const PARTNER_B = 'partner-b';
const ANN = { id: '29:ann', name: 'Ann Lee', aadObjectId: 'aad-ann' };
const BOB = { id: '29:bob', name: 'Bob Berg', aadObjectId: 'aad-bob' };
const NOBODY = { id: '29:nobody', name: 'Nobody', aadObjectId: 'aad-nobody' };

interface Attachment {
  contentType: string;
  content: Record<string, unknown> & { actions?: Record<string, unknown>[] };
  preview: {
    contentType: string;
    content: {
      title: string;
      subtitle: string;
      text: string;
      tap: { type: string; value: unknown };
    };
  };
}
interface ExtensionBody {
  composeExtension: {
    type: 'result' | 'message';
    attachmentLayout?: string;
    attachments?: Attachment[];
    text?: string;
  };
}

/** Every action anywhere in a card, with its refresh's. */
function actionsOf(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(actionsOf);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = typeof record.type === 'string' && record.type.startsWith('Action.') ? [record] : [];
  return [...own, ...Object.values(record).flatMap(actionsOf)];
}

describe('the message extension over HTTP, as Teams and Microsoft 365 send it', function () {
  this.timeout(60_000);
  let app: TestApp;
  /** The business clock, moved forward by the test: reviews that started days apart. */
  let shiftMs = 0;
  const clock: Clock = () => new Date(NOW.getTime() + shiftMs);
  const customers: Record<string, CustomerRecord> = {};

  before(async () => {
    app = await startTestApp({
      devIdentity: undefined,
      // The tab is served (with sign-in; nothing here signs in): the cards link to it.
      tabSso: {
        clientId: '44444444-4444-4444-8444-444444444444',
        appIdUri: 'api://localhost/44444444-4444-4444-8444-444444444444',
        authorityHost: 'http://127.0.0.1:9',
        allowedClientAppIds: [...DEFAULT_TAB_CLIENT_APP_IDS],
      },
      tuning: { clock },
      partnerUsers: {
        partners: [
          {
            tenantId: PARTNER_A,
            partnerType: 'DirectBill',
            users: [{ aadObjectId: ANN.aadObjectId, role: 'GlobalAdmin' }],
          },
          {
            tenantId: PARTNER_B,
            partnerType: 'DirectBill',
            users: [{ aadObjectId: BOB.aadObjectId, role: 'GlobalAdmin' }],
          },
        ],
      },
    });
    const create = async (tenant: string, key: string, name: string, domain: string) => {
      const made = await app.service.customers.createCustomer(
        partnerUser('GlobalAdmin', 'DirectBill', tenant),
        customerForm({ companyName: name, domain }),
      );
      assert.ok(made.ok, JSON.stringify(made));
      customers[key] = made.value.customer;
    };
    await create(PARTNER_A, 'contoso', 'Contoso High School', 'contosohigh');
    shiftMs += 60_000;
    await create(PARTNER_A, 'fabrikam', 'Fabrikam College', 'fabrikamcollege');
    shiftMs += 60_000;
    const denied = await app.service.vetting.decide(OPERATOR, customers.fabrikam!.id, {
      status: 'Denied',
      reason: 'The website does not match',
    });
    assert.ok(denied.ok);
    await create(PARTNER_B, 'secret', 'Contoso Secret Academy', 'contososecret');
    shiftMs = 10 * DAY_MS;
    await create(PARTNER_A, 'ecole', 'École Saint-Exupéry', 'saintexupery');
    shiftMs = 12 * DAY_MS;
  });
  after(async () => app?.dispose());

  /** An invoke as the channel sends it: Teams' and Microsoft 365's shapes differ only in channelId. */
  async function invoke(
    name: string,
    value: unknown,
    options: { channelId?: string; locale?: string; from?: typeof ANN; tenant?: string } = {},
  ) {
    const tenant = options.tenant ?? PARTNER_A;
    const res = await rawRequest(`${app.url}/api/messages`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        activity('http://127.0.0.1:9/', {
          type: 'invoke',
          name,
          value,
          text: undefined,
          channelId: options.channelId ?? 'msteams',
          locale: options.locale ?? 'en-US',
          from: options.from ?? ANN,
          conversation: {
            id: 'a:compose-box-chat',
            conversationType: 'groupChat',
            tenantId: tenant,
          },
          channelData: { tenant: { id: tenant } },
        }),
      ),
    });
    assert.ok(res.status < 500, `${name}: ${res.status} ${res.text}`);
    return { status: res.status, body: (res.text ? res.json() : undefined) as ExtensionBody };
  }
  const query = (parameters: { name: string; value: unknown }[], options = {}) =>
    invoke(
      'composeExtension/query',
      { commandId: 'findCustomer', parameters, queryOptions: { skip: 0, count: 25 } },
      options,
    );
  const search = (customer: string, options = {}) =>
    query([{ name: 'customer', value: customer }], options);
  const names = (body: ExtensionBody) =>
    body.composeExtension.attachments?.map((a) => a.preview.content.title);

  /** The documented result shape, and each card as the channel can run it. */
  function assertResults(
    body: ExtensionBody,
    channelId: string,
    locale: string,
    expected: string[],
  ): Attachment[] {
    const { composeExtension } = body;
    assert.equal(composeExtension.type, 'result');
    assert.equal(composeExtension.attachmentLayout, 'list');
    const attachments = composeExtension.attachments ?? [];
    assert.deepEqual(
      attachments.map((a) => a.preview.content.title),
      expected,
    );
    const i18n = localizer(locale);
    for (const attachment of attachments) {
      const record = Object.values(customers).find(
        (c) => c.companyProfile.companyName === attachment.preview.content.title,
      )!;
      assert.equal(attachment.contentType, 'application/vnd.microsoft.card.adaptive');
      assert.equal(attachment.preview.contentType, 'application/vnd.microsoft.card.thumbnail');
      assert.equal(attachment.preview.content.subtitle, record.companyProfile.domain);
      assert.deepEqual(attachment.preview.content.tap, {
        type: 'invoke',
        value: { customerId: record.id },
      });
      const card = attachment.content;
      assert.equal(card.type, 'AdaptiveCard');
      assert.equal(card.version, '1.5');
      assert.ok(JSON.stringify(card).length < 28 * 1024, 'under Teams’ 28 KB');
      assert.match(cardText(card), new RegExp(record.companyProfile.domain));
      const actions = actionsOf(card);
      const link = actions.find((a) => a.type === 'Action.OpenUrl');
      assert.deepEqual(link, {
        type: 'Action.OpenUrl',
        title: i18n.t('extension.openDetail'),
        url: `${app.url}/customers/${record.id}`,
      });
      if (channelId === 'msteams') {
        // Universal Actions; the card refreshes into the searcher's own view.
        assert.ok(actions.some((a) => a.type === 'Action.Execute' && a.verb === 'cmd.status'));
        assert.deepEqual((card.refresh as { userIds: string[] }).userIds, [ANN.id]);
      } else {
        // Copilot and Outlook: links only, no refresh.
        assert.deepEqual(
          actions.map((a) => a.type),
          ['Action.OpenUrl'],
        );
        assert.equal(card.refresh, undefined);
      }
    }
    return attachments;
  }

  for (const channelId of CHANNELS)
    for (const locale of LOCALES)
      describe(`on ${channelId}, in ${locale}`, () => {
        const options = { channelId, locale };
        const i18n = localizer(locale);

        it('opens on the most recently changed customers, with their status in the reader’s language', async () => {
          const { status, body } = await query([{ name: 'initialRun', value: 'true' }], options);
          assert.equal(status, 200);
          const [ecole, fabrikam] = assertResults(body, channelId, locale, [
            'École Saint-Exupéry',
            'Fabrikam College',
            'Contoso High School',
          ]);
          assert.equal(
            ecole!.preview.content.text,
            i18n.t('status.InReview', { date: i18n.date(customers.ecole!.createdAt) }),
          );
          assert.equal(fabrikam!.preview.content.text, i18n.t('status.Denied'));
          // An empty box is the same as opening it.
          assert.deepEqual(names((await search('   ', options)).body), names(body));
        });

        it('finds by part of a name, a domain, an id, and a name typed without accents', async () => {
          assertResults((await search('contoso', options)).body, channelId, locale, [
            'Contoso High School',
          ]);
          assertResults(
            (await search('FABRIKAMCOLLEGE.onmicro', options)).body,
            channelId,
            locale,
            ['Fabrikam College'],
          );
          assertResults((await search(customers.ecole!.id, options)).body, channelId, locale, [
            'École Saint-Exupéry',
          ]);
          assertResults((await search('ecole exupery', options)).body, channelId, locale, [
            'École Saint-Exupéry',
          ]);
          assertResults((await search('nothing like it', options)).body, channelId, locale, []);
        });

        it('answers compound questions from its parameters: status, and days since the request', async () => {
          const inReview = await query([{ name: 'status', value: 'InReview' }], options);
          assertResults(inReview.body, channelId, locale, [
            'École Saint-Exupéry',
            'Contoso High School',
          ]);
          // "Which of my schools in review started more than a week ago?", as Copilot fills it.
          const weekOld = await query(
            [
              { name: 'customer', value: null },
              { name: 'status', value: 'in review' },
              { name: 'waitingDays', value: 7 },
            ],
            options,
          );
          assertResults(weekOld.body, channelId, locale, ['Contoso High School']);
          const denied = await query(
            [
              { name: 'customer', value: 'college' },
              { name: 'status', value: 'Denied' },
            ],
            options,
          );
          assertResults(denied.body, channelId, locale, ['Fabrikam College']);
        });

        it('says which parameter is wrong and how to fix it, in the reader’s language', async () => {
          const huge = await search('x'.repeat(20_000), options);
          assert.equal(huge.status, 200);
          assert.deepEqual(huge.body.composeExtension, {
            type: 'message',
            text: i18n.t('extension.tooLong', { max: 100 }),
          });
          const status = await query([{ name: 'status', value: 'Pending approval' }], options);
          assert.equal(
            status.body.composeExtension.text,
            i18n.t('extension.badStatus', { value: 'Pending approval' }),
          );
          const days = await query([{ name: 'waitingDays', value: 'a week' }], options);
          assert.equal(days.body.composeExtension.text, i18n.t('extension.badDays', { max: 3650 }));
        });

        it('inserts the chosen customer’s card, and unfurls its links and Partner Center’s', async () => {
          const chosen = await invoke(
            'composeExtension/selectItem',
            { customerId: customers.contoso!.id },
            options,
          );
          assert.equal(chosen.status, 200);
          assertResults(chosen.body, channelId, locale, ['Contoso High School']);
          const id = customers.fabrikam!.id;
          for (const url of [
            `${app.url}/customers/${id}`,
            `https://partner.microsoft.com/en-us/dashboard/v2/customers/${id}/account`,
            `https://partner.microsoft.com/dashboard/customers/${id}/subscriptions`,
          ]) {
            const unfurled = await invoke('composeExtension/queryLink', { url }, options);
            assert.equal(unfurled.status, 200, url);
            assertResults(unfurled.body, channelId, locale, ['Fabrikam College']);
          }
          for (const url of [
            'https://partner.microsoft.com/en-us/dashboard/home',
            `${app.url}/tab`,
            'not a url',
          ]) {
            const plain = await invoke('composeExtension/queryLink', { url }, options);
            assertResults(plain.body, channelId, locale, []);
          }
        });
      });

  it('tells a person without a Partner Center role why, and finds nothing for them', async () => {
    for (const locale of LOCALES) {
      const { status, body } = await search('contoso', { from: NOBODY, locale });
      assert.equal(status, 200);
      assert.deepEqual(body.composeExtension, {
        type: 'message',
        text: localizer(locale).t('forbidden.noRole'),
      });
      const chosen = await invoke(
        'composeExtension/selectItem',
        { customerId: customers.contoso!.id },
        { from: NOBODY, locale, channelId: 'm365extensions' },
      );
      assert.equal(chosen.body.composeExtension.type, 'message');
    }
  });

  it("never finds another partner's customer, by name, id, choice or link", async () => {
    const asBob = { from: BOB, tenant: PARTNER_B };
    assert.deepEqual(names((await search('contoso', asBob)).body), ['Contoso Secret Academy']);
    assert.deepEqual(names((await search(customers.contoso!.id, asBob)).body), []);
    const chosen = await invoke(
      'composeExtension/selectItem',
      { customerId: customers.contoso!.id },
      asBob,
    );
    assert.equal(chosen.body.composeExtension.type, 'message');
    assert.doesNotMatch(JSON.stringify(chosen.body), /Contoso High/);
    const link = await invoke(
      'composeExtension/queryLink',
      { url: `${app.url}/customers/${customers.contoso!.id}` },
      asBob,
    );
    assert.deepEqual(link.body.composeExtension.attachments, []);
    // And Ann never sees Bob's.
    assert.deepEqual(names((await search('secret')).body), []);
  });

  it('answers a malformed invoke with 400 naming the field, never a server error', async () => {
    const malformed: [string, unknown, string][] = [
      ['composeExtension/query', {}, 'commandId'],
      ['composeExtension/query', { commandId: 'somethingElse' }, 'commandId'],
      [
        'composeExtension/query',
        { commandId: 'findCustomer', parameters: 'contoso' },
        'parameters',
      ],
      [
        'composeExtension/query',
        { commandId: 'findCustomer', queryOptions: { skip: -1, count: 25 } },
        'queryOptions.skip',
      ],
      ['composeExtension/query', 'text', 'value'],
      ['composeExtension/selectItem', { id: 'x' }, 'customerId'],
      ['composeExtension/selectItem', null, 'value'],
      ['composeExtension/queryLink', { url: 42 }, 'url'],
      ['composeExtension/queryLink', { url: 'x'.repeat(5000) }, 'url'],
    ];
    for (const [name, value, field] of malformed) {
      const { status, body } = await invoke(name, value, { locale: 'fr-FR' });
      assert.equal(status, 400, `${name} ${JSON.stringify(value)}`);
      assert.deepEqual(
        (body as unknown as { value: { message: string } }).value.message,
        localizer('fr-FR').t('extension.badInvoke', { field }),
      );
    }
  });

  it('gives every customer a shareable link that opens its detail in the tab', async () => {
    const id = customers.contoso!.id;
    const res = await rawRequest(`${app.url}/customers/${id}`, { method: 'GET' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.location, `/tab#customer/${id}`);
    assert.equal((await rawRequest(`${app.url}/customers/a%2Fb`, { method: 'GET' })).status, 404);
  });
});
