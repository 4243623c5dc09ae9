import assert from 'node:assert/strict';
import { readSpreadsheet } from '../../src/import/readSpreadsheet.js';
import { startTestApp, type TestApp } from '../support/appHarness.js';
import { buttonTitles, cardText, ChatClient } from '../support/chatClient.js';
import { ConnectorStub } from '../support/connectorStub.js';
import { FileServer, schoolsCsv, teamsFile } from '../support/importFiles.js';
import { eventually } from '../support/temp.js';
import { spreadsheetFixture } from '../import/importFixtures.js';

describe('importing a spreadsheet in the chat (over HTTP, as Teams sends files)', () => {
  let app: TestApp;
  let connector: ConnectorStub;
  let files: FileServer;
  beforeEach(async () => {
    connector = await new ConnectorStub().start();
    files = await new FileServer().start();
    app = await startTestApp({ tuning: { importProgressIntervalMs: 50 } });
  });
  afterEach(async () => {
    await app.dispose();
    await connector.stop();
    await files.stop();
  });

  const chat = (options: ConstructorParameters<typeof ChatClient>[2] = {}) =>
    new ChatClient(() => app.url, connector, { locale: 'fr-FR', ...options });

  async function sendFile(client: ChatClient, name: string, bytes: Uint8Array) {
    const { status, replies } = await client.post({
      type: 'message',
      text: '',
      attachments: [teamsFile(name, files.put(name, bytes))],
    });
    assert.equal(status, 200);
    return replies;
  }

  it('previews the LibreOffice file with its problems, in French, and links the template', async () => {
    const client = chat();
    const [preview] = await sendFile(client, 'ecoles.csv', spreadsheetFixture('schools-fr.csv'));
    assert.ok(preview, 'a preview card');
    const card = client.card(preview.id);
    const text = cardText(card);
    assert.match(text, /Import de ecoles\.csv/);
    assert.match(text, /Lignes: 5/);
    assert.match(text, /Prêtes: 2/);
    assert.match(text, /Ligne 3 · .*E-mail/);
    assert.match(text, /Ligne 4 · Domaine principal : le même domaine figure déjà à la ligne 2\./);
    assert.deepEqual(buttonTitles(card).slice(0, 2), ['Créer 2 clients', 'Annuler l’import']);
    const template = (card.actions ?? []).find(
      (a) => (a as { type: string }).type === 'Action.OpenUrl',
    ) as { url: string } | undefined;
    assert.ok(template, 'a link to the template');
    const response = await fetch(template.url);
    assert.equal(response.status, 200);
    const read = await readSpreadsheet(new Uint8Array(await response.arrayBuffer()));
    assert.deepEqual(read.ok ? '' : read.error, { code: 'noRows' }, 'the template itself');
  });

  it('creates the customers once confirmed, updates the card in place, and ends with a summary', async () => {
    const client = chat({ locale: 'en-US' });
    const [preview] = await sendFile(client, 'district.csv', schoolsCsv(12));
    assert.ok(preview);
    await client.click(preview.id, 'Create 12 customers');
    const summary = await eventually(
      () => {
        const text = cardText(connector.latest.get(preview.id)?.attachments?.[0]?.content);
        return /Import of district\.csv finished/.test(text) ? text : undefined;
      },
      20_000,
      'the summary card in place of the preview',
    );
    assert.match(summary, /Created: 12/);
    assert.match(summary, /Failed: 0/);
    const page = await app.service.customers.operatorList({ limit: 50 });
    assert.equal(page.items.length, 12);
    assert.ok(
      connector.updates.filter((u) => u.id === preview.id).length >= 1,
      'the card was updated in place',
    );
    // The chat follows what it created: a decision reaches it.
    const record = await app.service.customers.operatorGet('fabrikam3');
    assert.ok(record);
    await app.service.vetting.decide({ kind: 'operator', id: 'op', name: 'Op' }, record.id, {
      status: 'Approved',
    });
    await eventually(
      () => (connector.proactive(client.conversationId).length > 0 ? true : undefined),
      20_000,
      'the decision in the chat that imported the school',
    );
  });

  it('tells the importing chat of many decisions at once in one digest card, and of one as before', async () => {
    const client = chat({ locale: 'en-US' });
    const [preview] = await sendFile(client, 'district.csv', schoolsCsv(12));
    assert.ok(preview);
    await client.click(preview.id, 'Create 12 customers');
    await eventually(
      async () =>
        (await app.service.customers.operatorList({ limit: 50 })).items.length === 12
          ? true
          : undefined,
      20_000,
      'the twelve customers',
    );
    await eventually(
      () => (/finished/.test(cardText(client.card(preview.id))) ? true : undefined),
      20_000,
      'the summary',
    );
    const operator = { kind: 'operator' as const, id: 'op', name: 'Op' };
    // Ten decisions the same morning.
    for (let i = 1; i <= 10; i++) {
      const record = await app.service.customers.operatorGet(`fabrikam${i}`);
      assert.ok(record);
      await app.service.vetting.decide(
        operator,
        record.id,
        i === 4 ? { status: 'Denied', reason: 'No accreditation' } : { status: 'Approved' },
      );
    }
    const [digest] = await eventually(
      () => {
        const sent = connector.proactive(client.conversationId);
        return sent.length > 0 ? sent : undefined;
      },
      20_000,
      'the digest',
    );
    const text = cardText(digest?.attachments?.[0]?.content);
    assert.match(text, /^10 decisions from Microsoft/);
    assert.match(text, /fabrikam School 1: approved/);
    assert.match(text, /fabrikam School 4: denied \(No accreditation\)/);
    // Nothing more comes for those ten.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(
      connector.proactive(client.conversationId).length,
      1,
      'one card for ten decisions',
    );

    const eleventh = await app.service.customers.operatorGet('fabrikam11');
    assert.ok(eleventh);
    await app.service.vetting.decide(operator, eleventh.id, { status: 'Approved' });
    const [, single] = await eventually(
      () => {
        const sent = connector.proactive(client.conversationId);
        return sent.length > 1 ? sent : undefined;
      },
      20_000,
      'the single decision',
    );
    assert.match(cardText(single?.attachments?.[0]?.content), /Verification approved/);
  });

  it('stops the pending rows when the partner types cancel; the customers made stay', async () => {
    const client = chat({ locale: 'en-US' });
    const [preview] = await sendFile(client, 'ministry.csv', schoolsCsv(1000, 'ministry'));
    assert.ok(preview);
    await client.click(preview.id, 'Create 1,000 customers');
    const [answer] = await client.say('cancel');
    assert.equal(answer?.text, 'The import is cancelled. The customers already created stay.');
    const summary = await eventually(
      () => {
        const text = cardText(client.card(preview.id));
        return /cancelled/.test(text) ? text : undefined;
      },
      20_000,
      'the summary of a cancelled import',
    );
    const created = Number(/Created: (\d+)/.exec(summary)?.[1]);
    assert.ok(created < 1000, `stopped in the middle: ${created} made`);
    const page = await app.service.customers.operatorList({ limit: 100 });
    assert.equal(page.items.length, Math.min(created, 100), 'as many customers as the card says');
    const [again] = await client.say('cancel');
    assert.equal(again?.text, 'There is nothing to cancel.');
  });

  it('says where imports work when a file is shared in a group chat', async () => {
    const client = chat({ locale: 'en-US', conversationType: 'groupChat' });
    const { replies } = await client.post({
      type: 'message',
      text: '<p>here is the list</p>',
      attachments: [
        {
          contentType: 'text/html',
          content: '<div><attachment id="abc"></attachment> schools.xlsx</div>',
        },
      ],
    });
    assert.equal(replies.length, 1);
    assert.match(replies[0]?.text ?? '', /only in our personal chat/);
    assert.match(replies[0]?.text ?? '', /teams\.microsoft\.com\/l\/chat\/0\/0\?users=bot-1/);
    assert.deepEqual(files.requests, [], 'nothing downloaded');
  });

  it('refuses a file from anywhere but this machine in emulator mode, and a binary file', async () => {
    const client = chat({ locale: 'en-US' });
    const { replies } = await client.post({
      type: 'message',
      attachments: [teamsFile('x.csv', 'https://contoso.sharepoint.com/x.csv?tempauth=1')],
    });
    assert.match(replies[0]?.text ?? '', /does not come from Teams’ file storage/);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const [binary] = await sendFile(client, 'schools.csv', png);
    assert.match(binary?.text ?? '', /not a spreadsheet/);
  });
});
