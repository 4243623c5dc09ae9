import assert from 'node:assert/strict';
import { ADDRESS, ORGANISATION } from '../support/botHarness.js';
import { buttonTitles, cardInputs, cardText, findAction } from '../support/chatClient.js';
import { customerForm, partnerUser } from '../support/fixtures.js';
import { cardOf, TurnHarness } from '../support/turnHarness.js';

/**
 * The route table driven in process, one turn at a time (no HTTP: the conversation suites do
 * that): which handler a typed word, a Teams Action.Execute or an Emulator Action.Submit reaches,
 * and what the turn sends, changes and answers.
 */
describe('turns in process: one route table for every channel', () => {
  let h: TurnHarness;
  beforeEach(async () => (h = await TurnHarness.start()));
  afterEach(async () => h.dispose());

  /** Starts a form in Teams: the card's message id and the card. */
  async function formStarted(): Promise<{ cardId: string; card: unknown }> {
    const { sent } = await h.say('add customer');
    assert.equal(sent.length, 1);
    return { cardId: sent[0]!.id!, card: cardOf(sent[0]) };
  }

  it("Teams' Next (an Action.Execute, verb form.next) is answered in the invoke, once: no message is sent or changed", async () => {
    const { cardId, card } = await formStarted();
    const next = findAction(card, 'Next');
    assert.equal(next?.type, 'Action.Execute');
    assert.equal(next.verb, 'form.next');
    const turn = await h.execute(cardId, next.verb, { ...(next.data as object), ...ORGANISATION });
    assert.deepEqual(turn.sent, []);
    assert.deepEqual(turn.updated, []);
    assert.deepEqual(turn.state, { reads: 1, writes: 1 });
    assert.equal(turn.invokeResponse?.status, 200);
    const answered = (turn.invokeResponse?.body as { value: unknown }).value;
    assert.match(cardText(answered), /Address/);
    assert.deepEqual(buttonTitles(answered), ['Next', 'Back', 'Cancel']);
    assert.equal(findAction(answered, 'Next')?.type, 'Action.Execute');
    // The step was kept: Back from the address card shows the organisation as typed.
    const back = findAction(answered, 'Back')!;
    const again = await h.execute(cardId, back.verb!, back.data as object);
    const organisation = (again.invokeResponse?.body as { value: unknown }).value;
    assert.equal(cardInputs(organisation).companyName, ORGANISATION.companyName);
  });

  it("the Emulator's Next (an Action.Submit) takes the same route: the card is changed in place, with Submit buttons and no refresh", async () => {
    const emulator = { channelId: 'emulator' };
    const { sent } = await h.say('add customer', emulator);
    const cardId = sent[0]!.id!;
    const next = findAction(cardOf(sent[0]), 'Next');
    assert.equal(next?.type, 'Action.Submit');
    const turn = await h.turn({
      type: 'message',
      value: { ...(next.data as object), ...ORGANISATION },
      replyToId: cardId,
      ...emulator,
    });
    assert.equal(turn.invokeResponse, undefined);
    assert.deepEqual(turn.sent, []);
    assert.equal(turn.updated.length, 1);
    assert.equal(turn.updated[0]!.id, cardId);
    const card = cardOf(turn.updated[0]);
    assert.match(cardText(card), /Address/);
    assert.equal(findAction(card, 'Next')?.type, 'Action.Submit');
    assert.equal((card as { refresh?: unknown }).refresh, undefined);
  });

  it('a typed command and its card button reach the same handler', async () => {
    // Added by someone of the same partner tenant as the turns' user.
    const created = await h.service.customers.createCustomer(
      partnerUser('GlobalAdmin', 'IndirectProvider', 'tenant-1'),
      customerForm(),
    );
    assert.ok(created.ok);
    const typed = await h.say('status contosoelementary');
    const clicked = await h.turn({
      type: 'message',
      value: { kind: 'cmd', cmd: 'status', customer: created.value.customer.id },
      channelId: 'emulator',
    });
    assert.equal(typed.sent.length, 1);
    assert.equal(clicked.sent.length, 1);
    const title = (turn: typeof typed) => cardText(cardOf(turn.sent[0])).split('\n')[0];
    assert.equal(title(clicked), title(typed));
    assert.match(cardText(cardOf(typed.sent[0])), /In review/);
  });

  it('typed cancel ends the form; its old card then says it is no longer active', async () => {
    const { cardId, card } = await formStarted();
    const cancelled = await h.say('cancel');
    assert.deepEqual(
      cancelled.sent.map((a) => a.text),
      ['Cancelled. Nothing was submitted.'],
    );
    const next = findAction(card, 'Next')!;
    const late = await h.execute(cardId, next.verb!, { ...(next.data as object), ...ADDRESS });
    assert.equal(late.invokeResponse?.status, 200);
    assert.match(JSON.stringify(late.invokeResponse?.body), /no longer active/);
  });

  it('words it does not know get the menu, and during a form a reminder of the form', async () => {
    const unknown = await h.say('frobnicate the form');
    assert.match(cardText(cardOf(unknown.sent[0])), /I did not understand "frobnicate the form"/);
    await formStarted();
    const during = await h.say('frobnicate again');
    assert.match(during.sent[0]?.text ?? '', /You are in the middle of a form/);
  });

  it('an invoke the bot does not serve is a 400 in the reader’s language, and nothing is sent', async () => {
    const turn = await h.turn({ type: 'invoke', name: 'task/fetch', locale: 'fr-FR' });
    assert.deepEqual(turn.sent, []);
    assert.equal(turn.invokeResponse?.status, 400);
    assert.match(
      JSON.stringify(turn.invokeResponse?.body),
      /Ce bot ne connaît pas ce bouton\. Tapez « aide »/,
    );
  });
});
