import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'csv-stringify/sync';
import { columnHeader, TEMPLATE_COLUMNS } from '../../src/import/columns.js';
import { readSpreadsheet } from '../../src/import/readSpreadsheet.js';
import { localizer } from '../../src/i18n/localizer.js';
import { startTestApp, type TestApp } from '../support/appHarness.js';
import { buttonTitles, cardText, ChatClient } from '../support/chatClient.js';
import { ConnectorStub } from '../support/connectorStub.js';
import { customerForm } from '../support/fixtures.js';
import { eventually } from '../support/temp.js';
import { spreadsheetFixture } from '../import/importFixtures.js';

/** A loopback file server standing in for SharePoint: serves what the test put at a path. */
class FileServer {
  readonly files = new Map<string, Uint8Array>();
  readonly requests: string[] = [];
  private readonly server = http.createServer((req, res) => {
    this.requests.push(req.url ?? '');
    const file = this.files.get(req.url ?? '');
    // restify patches http.ServerResponse process-wide (its writeHead returns nothing): no chaining.
    res.statusCode = file ? 200 : 403;
    if (file) res.setHeader('content-length', file.length);
    res.end(file);
  });
  url = '';
  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  put(name: string, bytes: Uint8Array): string {
    const path = `/personal/ann/${encodeURIComponent(name)}?tempauth=t-${this.files.size}`;
    this.files.set(path, bytes);
    return `${this.url}${path}`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A file as Teams gives it to a bot in the personal chat (teams-platform.md 2.1). */
const teamsFile = (name: string, downloadUrl: string) => ({
  contentType: 'application/vnd.microsoft.teams.file.download.info',
  contentUrl:
    'https://contoso-my.sharepoint.com/personal/ann/Documents/Microsoft Teams Chat Files/x',
  name,
  content: { downloadUrl, uniqueId: 'item-1', fileType: name.split('.').pop(), etag: '"1"' },
});

function schoolsCsv(count: number): Uint8Array {
  const english = localizer('en');
  const header = TEMPLATE_COLUMNS.map((column) => columnHeader(english, column));
  const rows = Array.from({ length: count }, (_, i) => {
    const form = customerForm({
      companyName: `Fabrikam School ${i + 1}`,
      domain: `fabrikam${i + 1}`,
    });
    return TEMPLATE_COLUMNS.map((column) => (typeof form[column] === 'string' ? form[column] : ''));
  });
  return new TextEncoder().encode(stringify([header, ...rows]));
}

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
