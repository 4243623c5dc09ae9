import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ADDRESS, BotHarness, CONTACT, ORGANISATION } from '../support/botHarness.js';
import { cardText } from '../support/chatClient.js';

describe('POST /api/messages', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  it('refuses requests without a valid Bot Framework token when MicrosoftAppId is set', async () => {
    const appId = '00000000-0000-0000-0000-0000000000aa';
    h = await BotHarness.start({
      bot: {
        appId,
        appPassword: 'not-a-real-secret',
        appType: 'SingleTenant',
        appTenantId: '00000000-0000-0000-0000-0000000000bb',
      },
    });
    const chat = h.chat();
    const unsigned = await chat.post({ type: 'message', text: 'help' });
    assert.equal(unsigned.status, 401);
    const forged = await chat.post(
      { type: 'message', text: 'help' },
      { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl' },
    );
    assert.equal(forged.status, 401);
    assert.equal(h.connector.sent.length, 0, 'the bot said nothing');
  });

  it('answers without a token in emulator mode', async () => {
    h = await BotHarness.start();
    const { status, replies } = await h.chat().post({ type: 'message', text: 'help' });
    assert.equal(status, 200);
    assert.equal(replies.length, 1);
  });

  it('tells the user in their language when a turn fails, stores nothing half, and keeps the form for the same button', async () => {
    h = await BotHarness.start();
    const chat = h.chat({ locale: 'nl-NL' });
    const [first] = await chat.say('add customer');
    const card = first!.id;
    for (const values of [ORGANISATION, ADDRESS, CONTACT])
      await chat.click(card, 'Volgende', values);
    // The disk fails under the store: the customers folder becomes a file.
    const customers = path.join(h.app.dataDir, 'customers');
    fs.rmSync(customers, { recursive: true });
    fs.writeFileSync(customers, 'not a folder');
    const failed = await chat.click(card, 'Indienen voor verificatie');
    assert.deepEqual(
      failed.map((a) => a.text),
      [
        'Sorry, er ging aan mijn kant iets mis en deze stap is niet afgerond. Wat een kaart van mij als ingediend toonde, is opgeslagen; typ "status" en de naam van de klant om het te controleren en probeer het daarna opnieuw.',
      ],
    );
    assert.equal((await h.app.service.customers.operatorList()).total, 0);
    fs.rmSync(customers);
    fs.mkdirSync(customers);
    // What the user typed was not thrown away: the same button finishes the submit.
    await chat.click(card, 'Indienen voor verificatie');
    assert.match(cardText(chat.card(card)), /Ingediend – In beoordeling/);
    assert.equal((await h.app.service.customers.operatorList()).total, 1);
  });
});
