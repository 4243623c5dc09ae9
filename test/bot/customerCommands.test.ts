import assert from 'node:assert/strict';
import type { PartnerUser } from '../../src/domain/roles.js';
import { REVIEWER } from '../../src/service/simulatedReviewer.js';
import { customerForm } from '../support/fixtures.js';
import { BotHarness } from '../support/botHarness.js';
import { buttonTitles, cardInputs, cardText, type ChatClient } from '../support/chatClient.js';
import { eventually } from '../support/temp.js';

const OPERATOR = { kind: 'operator' as const, id: 'op', name: 'Operator' };
// The bot's own view of the chat user (emulator mode, development identity).
const ANN: PartnerUser = {
  id: 'aad-ann',
  name: 'Ann Lee',
  tenantId: 'tenant-1',
  role: 'GlobalAdmin',
  partnerType: 'IndirectProvider',
};

describe('conversation: status, customers, offers, correct and resubmit', () => {
  let h: BotHarness;
  beforeEach(async () => (h = await BotHarness.start()));
  afterEach(async () => h.dispose());

  async function addCustomer(overrides: Record<string, unknown> = {}, owner: PartnerUser = ANN) {
    const created = await h.app.service.customers.createCustomer(owner, customerForm(overrides));
    assert.ok(created.ok, JSON.stringify(!created.ok && created.error));
    return created.value.customer;
  }
  const deny = async (id: string, reason = 'The website does not match') =>
    assert.ok((await h.app.service.vetting.decide(OPERATOR, id, { status: 'Denied', reason })).ok);
  const onlyCard = (replies: { attachments?: { content: unknown }[] }[]) => {
    assert.equal(replies.length, 1);
    return replies[0]!.attachments?.[0]?.content;
  };

  it('shows the status card with the account-page label, requests and what it means for selling', async () => {
    const customer = await addCustomer();
    const chat = h.chat();
    const card = onlyCard(await chat.say('status contosoelementary'));
    const text = cardText(card);
    assert.match(text, /Contoso Elementary School/);
    // The harness lives on 22 Nov 2026 (fixtures' NOW); an en-US reader reads US dates.
    assert.match(text, /In review since Nov 22, 2026\n/);
    assert.match(text, /Nov 22, 2026: none → in review, by Ann Lee/);
    assert.match(text, /Verification requests: 1 of 3/);
    assert.match(text, /new purchases, changes and cancellations are blocked/);
    assert.deepEqual(buttonTitles(card), ['Refresh', 'Offers', 'Follow']);

    await h.app.service.vetting.decide(OPERATOR, customer.id, { status: 'Approved' });
    const approved = cardText(onlyCard(await chat.say(`status ${customer.id}`)));
    assert.match(approved, /\nEducation\n/);
    assert.match(approved, /in review → approved, by Operator/);
    const french = cardText(onlyCard(await h.chat({ locale: 'fr-FR' }).say('status contoso')));
    assert.match(french, /\nÉducation\n/);
    assert.match(french, /Vous pouvez vendre des offres Commerciales et Éducation/);
  });

  it("shows dates in the reader's conventions and time zone: region, language and the day where they are", async () => {
    await addCustomer(); // at 2026-11-22T10:00Z: already the 23rd in Kiritimati (UTC+14), still the 22nd in Honolulu (UTC−10)
    const since = async (options: { locale: string; timeZone?: string }) => {
      const text = cardText(onlyCard(await h.chat(options).say('status contosoelementary')));
      return text.split('\n')[2];
    };
    assert.equal(await since({ locale: 'en-US' }), 'In review since Nov 22, 2026');
    assert.equal(await since({ locale: 'en-GB' }), 'In review since 22 Nov 2026');
    assert.equal(
      await since({ locale: 'en-GB', timeZone: 'Pacific/Kiritimati' }),
      'In review since 23 Nov 2026',
    );
    assert.equal(
      await since({ locale: 'en-US', timeZone: 'Pacific/Honolulu' }),
      'In review since Nov 22, 2026',
    );
    assert.equal(
      await since({ locale: 'fr-CA' }),
      'En cours de vérification depuis le 22 nov. 2026',
    );
    assert.equal(
      await since({ locale: 'en-US', timeZone: 'Not/AZone' }),
      'In review since Nov 22, 2026',
      'an unknown zone reads as UTC',
    );
  });

  it('names the simulated reviewer in the reader language', async () => {
    const customer = await addCustomer();
    assert.ok(
      (await h.app.service.vetting.decide(REVIEWER, customer.id, { status: 'Approved' })).ok,
    );
    assert.match(
      cardText(onlyCard(await h.chat({ locale: 'fr-FR' }).say('status contoso'))),
      /en cours de vérification → approuvé, par Microsoft \(vérification simulée\)/,
    );
    assert.match(
      cardText(onlyCard(await h.chat().say('status contoso'))),
      /in review → approved, by Microsoft \(simulated review\)/,
    );
  });

  it('offers a choice when several customers match, and follows it', async () => {
    await addCustomer();
    const north = await addCustomer({
      companyName: 'Contoso High School North',
      domain: 'contosonorth',
    });
    await addCustomer({
      companyName: 'Fabrikam University',
      domain: 'fabrikam',
      email: 'it@fabrikam.edu',
      website: 'https://fabrikam.edu',
    });
    const chat = h.chat();
    const replies = await chat.say('status contoso');
    const choice = onlyCard(replies);
    assert.match(cardText(choice), /Several customers match "contoso"/);
    assert.deepEqual(buttonTitles(choice).sort(), [
      'Contoso Elementary School (contosoelementary.onmicrosoft.com)',
      'Contoso High School North (contosonorth.onmicrosoft.com)',
    ]);
    const chosen = onlyCard(
      await chat.click(replies[0]!.id, 'Contoso High School North (contosonorth.onmicrosoft.com)'),
    );
    assert.match(cardText(chosen), new RegExp(north.id));
    assert.deepEqual(
      (await chat.say('status nothing-like-it')).map((a) => a.text),
      ['I could not find a customer matching "nothing-like-it".'],
    );
    assert.deepEqual(
      (await chat.say('status')).map((a) => a.text),
      ['Which customer? Type "status" followed by a company name, domain or customer id.'],
    );
  });

  describe('several matches: the choice runs the command that asked', () => {
    const NORTH = 'Contoso High School North (contosonorth.onmicrosoft.com)';
    async function twoContosos() {
      await addCustomer();
      return addCustomer({ companyName: 'Contoso High School North', domain: 'contosonorth' });
    }
    // Whether this conversation follows a customer, as its status card says (Follow or Unfollow).
    const follows = async (chat: ChatClient, domain: string) => {
      const [card] = await chat.say(`status ${domain}`);
      return buttonTitles(card!.attachments?.[0]?.content).includes('Unfollow');
    };
    // Each command that takes a customer: what choosing North shows, and what it stored.
    const cases: {
      command: string;
      before?: (chat: ChatClient) => Promise<void>;
      shows: (north: string) => RegExp;
      after?: (chat: ChatClient) => Promise<void>;
    }[] = [
      { command: 'status', shows: (north) => new RegExp(`Customer id: ${north}`) },
      { command: 'offers', shows: () => /What you can sell to Contoso High School North/ },
      {
        command: 'resubmit',
        before: async () => {
          const { items } = await h.app.service.customers.operatorList({ limit: 10 });
          for (const customer of items) await deny(customer.id);
        },
        shows: () => /Correct Contoso High School North/,
      },
      {
        command: 'follow',
        shows: () => /will hear here when Microsoft decides on Contoso High School North/,
        after: async (chat) => {
          assert.equal(await follows(chat, 'contosonorth'), true);
          assert.equal(await follows(chat, 'contosoelementary'), false);
        },
      },
      {
        command: 'unfollow',
        before: async (chat) => {
          await chat.say('follow contosoelementary');
          await chat.say('follow contosonorth');
        },
        shows: () => /no longer follows Contoso High School North/,
        after: async (chat) => {
          assert.equal(await follows(chat, 'contosonorth'), false);
          assert.equal(await follows(chat, 'contosoelementary'), true);
        },
      },
    ];
    for (const { command, before, shows, after } of cases) {
      it(`${command} contoso: the choice card's button runs ${command} for the chosen one`, async () => {
        const north = await twoContosos();
        const chat = h.chat();
        await before?.(chat);
        const [choice] = await chat.say(`${command} contoso`);
        assert.match(cardText(choice!.attachments?.[0]?.content), /Several customers match/);
        const replies = await chat.click(choice!.id, NORTH);
        const shown = replies
          .map((r) => r.text ?? cardText(r.attachments?.[0]?.content))
          .join('\n');
        assert.match(shown, shows(north.id));
        await after?.(chat);
        // Named by nobody: the command's own prompt, with its own word.
        assert.deepEqual(
          (await chat.say(command)).map((a) => a.text),
          [`Which customer? Type "${command}" followed by a company name, domain or customer id.`],
        );
      });
    }
  });

  it('checks status from the menu card text box', async () => {
    await addCustomer();
    const chat = h.chat();
    const [menu] = await chat.say('hello');
    const card = onlyCard(
      await chat.click(menu!.id, 'Check status', { customerQuery: 'elementary' }),
    );
    assert.match(cardText(card), /Contoso Elementary School/);
  });

  it('lists customers with a status filter and pages', async () => {
    for (let i = 0; i < 23; i++)
      await addCustomer({
        companyName: `Fabrikam School ${String(i).padStart(2, '0')}`,
        domain: `fabrikam${i}`,
        email: `it@fabrikam${i}.edu`,
        website: '',
      });
    const approved = await addCustomer();
    await h.app.service.vetting.decide(OPERATOR, approved.id, { status: 'Approved' });
    const stranger: PartnerUser = { ...ANN, tenantId: 'another-partner' };
    await addCustomer({ companyName: 'Other Partner School', domain: 'otherpartner' }, stranger);

    const chat = h.chat();
    const replies = await chat.say('customers');
    const first = onlyCard(replies);
    assert.match(cardText(first), /Your education customers \(24\)/);
    assert.doesNotMatch(cardText(first), /Other Partner School/);
    assert.equal(buttonTitles(first).filter((t) => t === 'Status').length, 20);
    const second = onlyCard(await chat.click(replies[0]!.id, 'Next page'));
    assert.equal(buttonTitles(second).filter((t) => t === 'Status').length, 4);
    assert.ok(!buttonTitles(second).includes('Next page'));

    const filtered = cardText(onlyCard(await chat.say('customers approved')));
    assert.match(filtered, /Your education customers, approved \(1\)/);
    assert.match(filtered, /Contoso Elementary School/);
    assert.deepEqual(
      (await chat.say('customers sideways')).map((a) => a.text),
      ['Use one of: in review, approved, denied.'],
    );
  });

  it('says what can be sold in each status, and why not', async () => {
    const customer = await addCustomer();
    const chat = h.chat();
    const inReview = cardText(onlyCard(await chat.say('offers contosoelementary')));
    assert.match(inReview, /Nothing can be sold now/);
    assert.match(
      inReview,
      /Not available now:\n(.*\n)*Microsoft 365 A3: blocked while verification is in review/,
    );

    await h.app.service.vetting.decide(OPERATOR, customer.id, { status: 'Approved' });
    const approved = cardText(onlyCard(await chat.say('offers contosoelementary')));
    // Grouped in words: education offers, commercial offers, then what is not available and why.
    assert.match(
      approved,
      /Education offers you can sell now: Microsoft 365 A1, Microsoft 365 A3, /,
    );
    assert.match(approved, /Commercial offers you can sell now: .*Azure plan/);
    assert.match(
      approved,
      /\nMicrosoft 365 Business Basic \(Nonprofit\): Nonprofit offers cannot be sold to Education customers/,
    );
    assert.match(
      approved,
      /\nMicrosoft 365 G3 GCC: Government Community Cloud offers cannot be sold/,
    );

    const denied = await addCustomer({ companyName: 'Fabrikam University', domain: 'fabrikam' });
    await deny(denied.id);
    assert.match(
      cardText(onlyCard(await chat.say('offers fabrikam'))),
      /\nMicrosoft 365 A1: blocked while verification is denied/,
    );
    assert.match(
      cardText(onlyCard(await h.chat({ locale: 'sv-SE' }).say('offers fabrikam'))),
      /spärrat medan verifieringen är "nekad"/,
    );
  });

  async function correctAndResubmit(
    chat: ChatClient,
    customer: string,
    changes: Record<string, string>,
  ) {
    const replies = await chat.say(`resubmit ${customer}`);
    const card = replies[0]!.id;
    for (const step of ['organisation', 'address', 'contact'] as const) {
      const inputs = cardInputs(chat.card(card));
      await chat.click(card, 'Next', {
        ...inputs,
        ...Object.fromEntries(Object.entries(changes).filter(([k]) => k in inputs)),
      });
      assert.doesNotMatch(cardText(chat.card(card)), /Please correct/, `step ${step} passes`);
    }
    await chat.click(card, 'Next'); // review → confirm
    return card;
  }

  it('corrects and resubmits a denied customer, then refuses the fourth request', async () => {
    const customer = await addCustomer();
    await deny(customer.id);
    const chat = h.chat();
    const status = onlyCard(await chat.say('status contosoelementary'));
    assert.match(cardText(status), /Not an education customer/);
    assert.match(cardText(status), /Reason: The website does not match/);
    assert.ok(buttonTitles(status).includes('Correct and resubmit'));

    const replies = await chat.say('resubmit contosoelementary');
    const card = replies[0]!.id;
    const prefilled = cardInputs(chat.card(card));
    assert.equal(prefilled.companyName, 'Contoso Elementary School');
    assert.equal(prefilled.email, 'ann.lee@contoso.edu');
    assert.ok(!('domain' in prefilled), 'the domain is shown, not editable');
    assert.match(
      cardText(chat.card(card)),
      /contosoelementary\.onmicrosoft\.com \(cannot be changed\)/,
    );
    await chat.say('cancel');

    const confirmCard = await correctAndResubmit(chat, 'contosoelementary', { city: 'Bellevue' });
    assert.match(cardText(chat.card(confirmCard)), /This will be verification request 2 of 3/);
    await chat.click(confirmCard, 'Resubmit for verification');
    assert.match(cardText(chat.card(confirmCard)), /resubmitted: request 2 of 3/);
    const stored = await h.app.service.customers.operatorGet(customer.id);
    assert.equal(stored?.qualification.vettingStatus, 'InReview');
    assert.equal(stored?.billingProfile.defaultAddress.city, 'Bellevue');

    await deny(customer.id);
    const third = await correctAndResubmit(chat, 'contosoelementary', {
      website: 'https://contoso.edu',
    });
    assert.match(cardText(chat.card(third)), /request 3 of 3/);
    await chat.click(third, 'Resubmit for verification');
    await deny(customer.id, 'Still not verifiable');
    // The notifier acknowledges the decision's event shortly after it is stored.
    await eventually(
      async () =>
        (await h.app.service.events.pendingDecisionEvents()).length === 0 ? true : undefined,
      5_000,
      'the event to be handled',
    );

    const before = await h.app.service.customers.operatorGet(customer.id);
    const last = await chat.say('resubmit contosoelementary');
    assert.deepEqual(
      last.map((a) => a.text),
      [
        'All 3 verification requests for Contoso Elementary School are used. Contact Microsoft Support for manual verification. Nothing was changed.',
      ],
    );
    assert.deepEqual(await h.app.service.customers.operatorGet(customer.id), before);
    const finalStatus = onlyCard(await chat.say('status contosoelementary'));
    assert.match(
      cardText(finalStatus),
      /All 3 verification requests are used\. Contact Microsoft Support/,
    );
    assert.ok(!buttonTitles(finalStatus).includes('Correct and resubmit'));
  });

  it('refuses resubmission of a customer that is not denied', async () => {
    await addCustomer();
    const replies = await h.chat().say('resubmit contosoelementary');
    assert.deepEqual(
      replies.map((a) => a.text),
      ['Resubmission is only possible after a denial; Contoso Elementary School is "in review".'],
    );
  });
});

describe('conversation: who may do what', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  const partnerUsers = {
    partners: [
      {
        tenantId: 'tenant-1',
        partnerType: 'IndirectProvider' as const,
        users: [
          { aadObjectId: 'aad-admin', role: 'GlobalAdmin' as const },
          { aadObjectId: 'aad-sales', role: 'SalesAgent' as const },
        ],
      },
      {
        tenantId: 'tenant-reseller',
        partnerType: 'IndirectReseller' as const,
        users: [{ aadObjectId: 'aad-reseller', role: 'GlobalAdmin' as const }],
      },
    ],
  };

  it('maps Teams users to roles, refuses unmapped users and tells resellers what to do instead', async () => {
    h = await BotHarness.start({ partnerUsers, devIdentity: undefined });
    const sales = h.chat({ user: { id: 's', name: 'Sam', aadObjectId: 'aad-sales' } });
    const admin = h.chat({ user: { id: 'a', name: 'Ann', aadObjectId: 'aad-admin' } });
    const stranger = h.chat({ user: { id: 'x', name: 'Xavier', aadObjectId: 'aad-unknown' } });
    const reseller = h.chat({
      tenantId: 'tenant-reseller',
      user: { id: 'r', name: 'Rita', aadObjectId: 'aad-reseller' },
    });

    assert.match(
      (await stranger.say('add customer'))[0]?.text ?? '',
      /not linked to a Partner Center role/,
    );
    assert.match(
      (await stranger.say('customers'))[0]?.text ?? '',
      /not linked to a Partner Center role/,
    );
    assert.match(
      (await reseller.say('add customer'))[0]?.text ?? '',
      /Indirect resellers cannot add new customers\. Ask your indirect provider/,
    );
    assert.match(
      (
        await h
          .chat({
            locale: 'nl-NL',
            tenantId: 'tenant-reseller',
            user: { id: 'r', name: 'Rita', aadObjectId: 'aad-reseller' },
          })
          .say('add customer')
      )[0]?.text ?? '',
      /Indirecte resellers kunnen geen nieuwe klanten toevoegen/,
    );

    const card = (await sales.say('add customer'))[0];
    assert.ok(card?.attachments, 'a sales agent may add customers');

    const salesUser: PartnerUser = {
      id: 'aad-sales',
      name: 'Sam',
      tenantId: 'tenant-1',
      role: 'SalesAgent',
      partnerType: 'IndirectProvider',
    };
    const created = await h.app.service.customers.createCustomer(salesUser, customerForm());
    assert.ok(created.ok);
    await h.app.service.vetting.decide(OPERATOR, created.value.customer.id, {
      status: 'Denied',
      reason: 'No',
    });
    const salesStatus = (await sales.say('status contosoelementary'))[0]?.attachments?.[0]?.content;
    assert.ok(!buttonTitles(salesStatus).includes('Correct and resubmit'));
    assert.match(cardText(salesStatus), /Only a Global admin can correct and resubmit/);
    assert.deepEqual(
      (await sales.say('resubmit contosoelementary')).map((a) => a.text),
      [
        'Your Partner Center role (Sales agent) cannot correct and resubmit customers. Ask a Global admin to do it.',
      ],
    );
    assert.ok(
      buttonTitles(
        (await admin.say('status contosoelementary'))[0]?.attachments?.[0]?.content,
      ).includes('Correct and resubmit'),
    );
  });
});
