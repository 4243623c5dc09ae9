import assert from 'node:assert/strict';
import { ADDRESS, BotHarness, CONTACT, ORGANISATION } from '../support/botHarness.js';
import { buttonTitles, cardText, type ChatClient } from '../support/chatClient.js';
import { customerForm } from '../support/fixtures.js';
import { eventually } from '../support/temp.js';

/** A group chat with two partner users: a form per person. */
describe('conversation: a group chat where two people add customers', function () {
  this.timeout(30_000);
  let h: BotHarness;
  beforeEach(async () => (h = await BotHarness.start()));
  afterEach(async () => h.dispose());

  const GROUP = 'group-chat-1';
  const member = (id: string, name: string, aadObjectId: string, channelId = 'emulator') =>
    h.chat({
      conversationId: GROUP,
      conversationType: 'groupChat',
      channelId,
      user: { id, name, aadObjectId },
    });

  async function toReview(chat: ChatClient, organisation: Record<string, string>): Promise<string> {
    const [first] = await chat.say('add customer');
    for (const values of [organisation, ADDRESS, CONTACT])
      await chat.click(first!.id, 'Next', values);
    assert.match(cardText(chat.card(first!.id)), /Review and submit/);
    return first!.id;
  }

  it("keeps one form per person: both fill theirs at once, neither can act on the other's", async () => {
    const ann = member('user-ann', 'Ann Lee', 'aad-ann');
    const bob = member('user-bob', 'Bob Berg', 'aad-bob');
    const annCard = await toReview(ann, ORGANISATION);
    // The Emulator cannot run Action.Execute: the same cards, with Action.Submit and no refresh.
    assert.doesNotMatch(JSON.stringify(ann.card(annCard)), /Action\.Execute|"refresh"/);
    assert.match(JSON.stringify(ann.card(annCard)), /Action\.Submit/);
    const bobCard = await toReview(bob, {
      ...ORGANISATION,
      companyName: 'Fabrikam High School',
      domain: 'fabrikamhigh',
      email: 'office@fabrikam.edu',
    });
    // Bob presses Submit on Ann's card: his own state knows no such form.
    const [refused] = await bob.click(annCard, 'Submit for verification');
    assert.match(refused?.text ?? '', /no longer active/);
    assert.deepEqual((await h.app.service.customers.operatorList({ limit: 10 })).items, []);
    await ann.click(annCard, 'Submit for verification');
    await bob.click(bobCard, 'Submit for verification');
    const stored = (await h.app.service.customers.operatorList({ limit: 10 })).items
      .map((c) => c.companyProfile.companyName)
      .sort();
    assert.deepEqual(stored, ['Contoso Elementary School', 'Fabrikam High School']);
    assert.match(cardText(ann.card(annCard)), /Submitted – In review/);
    assert.match(cardText(bob.card(bobCard)), /Submitted – In review/);
  });
});

/** The same in Teams: Universal Actions, a per-person view through refresh. */
describe('conversation: a Teams group chat or channel (Action.Execute, refresh)', function () {
  this.timeout(30_000);
  let h: BotHarness;
  const TENANT = 'tenant-1';
  const ANN = {
    id: 'aad-ann',
    name: 'Ann Lee',
    tenantId: TENANT,
    role: 'GlobalAdmin' as const,
    partnerType: 'IndirectProvider' as const,
  };
  beforeEach(
    async () =>
      (h = await BotHarness.start({
        partnerUsers: {
          partners: [
            {
              tenantId: TENANT,
              partnerType: 'IndirectProvider',
              users: [
                { aadObjectId: 'aad-ann', role: 'GlobalAdmin', name: 'Ann Lee' },
                { aadObjectId: 'aad-sam', role: 'SalesAgent', name: 'Sam Sales' },
              ],
            },
          ],
        },
      })),
  );
  afterEach(async () => h.dispose());

  const member = (
    id: string,
    name: string,
    aadObjectId: string,
    conversationType: 'groupChat' | 'channel' = 'groupChat',
  ) =>
    h.chat({ conversationId: 'teams-group-1', conversationType, user: { id, name, aadObjectId } });
  async function deniedCustomer(): Promise<string> {
    const created = await h.app.service.customers.createCustomer(ANN, customerForm());
    assert.ok(created.ok);
    const id = created.value.customer.id;
    assert.ok(
      (
        await h.app.service.vetting.decide({ kind: 'operator', id: 'op', name: 'Op' }, id, {
          status: 'Denied',
          reason: 'No accreditation',
        })
      ).ok,
    );
    return id;
  }

  for (const conversationType of ['groupChat', 'channel'] as const) {
    it(`shows the form editable to its owner only; everyone sees the outcome (${conversationType})`, async () => {
      const ann = member('29:ann', 'Ann Lee', 'aad-ann', conversationType);
      const sam = member('29:sam', 'Sam Sales', 'aad-sam', conversationType);
      const [sent] = await ann.say('add customer');
      const card = sent!.id;
      // The message says whose form it is, and refreshes for Ann alone.
      assert.match(cardText(sam.card(card)), /Ann Lee is filling in this form/);
      assert.equal(await sam.refresh(card), false, 'no refresh for Sam');
      assert.equal(await ann.refresh(card), true);
      assert.match(cardText(ann.card(card)), /Step 1 of 3/);
      for (const values of [ORGANISATION, ADDRESS, CONTACT]) await ann.click(card, 'Next', values);
      assert.match(cardText(ann.card(card)), /Review and submit/);
      assert.match(
        cardText(sam.card(card)),
        /Ann Lee is filling in this form/,
        'Sam still sees whose form it is',
      );
      // Sam sends Ann's Submit anyway: his own state has no such form.
      const action = JSON.stringify(ann.card(card)).match(
        /"data":(\{"kind":"form","flowId":"[^"]+","intent":"submit"\})/,
      )?.[1];
      await sam.execute(card, 'form.submit', JSON.parse(action!) as object);
      // Teams shows Sam the bot's answer to his click: this form is not one of his.
      assert.match(String(sam.lastInvokeAnswer?.value), /no longer active/);
      assert.deepEqual((await h.app.service.customers.operatorList({ limit: 10 })).items, []);
      await ann.click(card, 'Submit for verification');
      assert.match(cardText(sam.card(card)), /Submitted – In review/);
      assert.match(cardText(ann.card(card)), /Submitted – In review/);
    });
  }

  const CORRECT = 'Correct and resubmit';
  const offersCorrect = (chat: ChatClient, cardId: string) =>
    buttonTitles(chat.card(cardId)).includes(CORRECT);
  const OP = { kind: 'operator', id: 'op', name: 'Op' } as const;

  for (const conversationType of ['groupChat', 'channel'] as const) {
    it(`posts a status card as the least privileged view; the admin's own view comes by refresh (${conversationType})`, async () => {
      const ann = member('29:ann', 'Ann Lee', 'aad-ann', conversationType);
      const sam = member('29:sam', 'Sam Sales', 'aad-sam', conversationType);
      const id = await deniedCustomer();
      const [status] = await ann.say('status contosoelementary');
      const card = status!.id;
      // As posted, everyone sees it: no role's own action, and the note says who may correct.
      assert.equal(offersCorrect(sam, card), false, 'the posted card');
      assert.match(cardText(sam.card(card)), /Only a Global admin can correct and resubmit/);
      assert.deepEqual(buttonTitles(sam.card(card)), ['Refresh', 'Offers', 'Follow']);
      // The card names Ann for its refresh, and asks Teams for it as an Action.Execute.
      const shown = sam.card(card) as {
        refresh?: { userIds?: string[]; action: { type: string } };
      };
      assert.deepEqual(shown.refresh?.userIds, ['29:ann']);
      assert.equal(shown.refresh?.action.type, 'Action.Execute');
      assert.equal(await sam.refresh(card), false, 'Teams does not refresh it for Sam');
      assert.equal(await ann.refresh(card), true);
      assert.ok(offersCorrect(ann, card), "Ann's own view");
      // Sam's automatic refresh (were Teams to send it) and his Refresh button: his own view.
      await sam.execute(
        card,
        'cmd.status',
        { kind: 'cmd', cmd: 'status', customer: id, replace: true },
        'automatic',
      );
      assert.match(cardText(sam.card(card)), /Not an education customer/);
      assert.equal(offersCorrect(sam, card), false, "Sam's refreshed view");
      await sam.click(card, 'Refresh');
      assert.equal(offersCorrect(sam, card), false, "Sam's Refresh");
    });
  }

  it('posts a decision to the group without Correct and resubmit; each viewer refreshes to their own', async () => {
    const ann = member('29:ann', 'Ann Lee', 'aad-ann');
    const sam = member('29:sam', 'Sam Sales', 'aad-sam');
    const created = await h.app.service.customers.createCustomer(ANN, customerForm());
    assert.ok(created.ok);
    const id = created.value.customer.id;
    await ann.say('follow contosoelementary');
    assert.ok(
      (await h.app.service.vetting.decide(OP, id, { status: 'Denied', reason: 'No accreditation' }))
        .ok,
    );
    const decision = await eventually(
      () => h.connector.proactive(ann.conversationId)[0],
      15_000,
      'the decision card',
    );
    assert.match(cardText(sam.card(decision.id)), /No accreditation/);
    assert.equal(offersCorrect(sam, decision.id), false, 'the posted decision');
    await sam.click(decision.id, 'Refresh');
    assert.equal(offersCorrect(sam, decision.id), false, "Sam's refreshed decision");
    await ann.click(decision.id, 'Refresh');
    assert.ok(offersCorrect(ann, decision.id), "Ann's refreshed decision");
  });

  it('never offers Correct and resubmit to a sales agent on an old card after a resubmission', async () => {
    const ann = member('29:ann', 'Ann Lee', 'aad-ann');
    const sam = member('29:sam', 'Sam Sales', 'aad-sam');
    const id = await deniedCustomer();
    const [status] = await ann.say('status contosoelementary');
    const card = status!.id;
    assert.ok((await h.app.service.vetting.resubmit(ANN, id, { city: 'Bellevue' })).ok);
    assert.equal(offersCorrect(sam, card), false, 'the old card as posted');
    await sam.click(card, 'Refresh');
    assert.match(cardText(sam.card(card)), /In review since/);
    assert.equal(offersCorrect(sam, card), false);
    // Denied again, with requests left: still only the admin's own view offers it.
    assert.ok(
      (await h.app.service.vetting.decide(OP, id, { status: 'Denied', reason: 'Still no proof' }))
        .ok,
    );
    await sam.click(card, 'Refresh');
    assert.equal(offersCorrect(sam, card), false, "Sam's view of the denied customer");
    const [again] = await ann.say('status contosoelementary');
    assert.equal(offersCorrect(sam, again!.id), false, 'the new card as posted');
    assert.equal(await ann.refresh(again!.id), true);
    assert.ok(offersCorrect(ann, again!.id), "Ann's view: request 3 of 3 is left");
  });

  it('refreshes an old card to the current state, with no action that state refuses', async () => {
    const ann = member('29:ann', 'Ann Lee', 'aad-ann');
    const created = await h.app.service.customers.createCustomer(ANN, customerForm());
    assert.ok(created.ok);
    const [status] = await ann.say('status contosoelementary');
    assert.match(cardText(ann.card(status!.id)), /In review since/);
    assert.ok(
      (
        await h.app.service.vetting.decide(
          { kind: 'operator', id: 'op', name: 'Op' },
          created.value.customer.id,
          { status: 'Approved' },
        )
      ).ok,
    );
    assert.equal(await ann.refresh(status!.id), true);
    const now = ann.card(status!.id);
    assert.match(cardText(now), /\nEducation\n/);
    assert.equal(buttonTitles(now).includes('Correct and resubmit'), false);
  });
});
