import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readSpreadsheet } from '../../src/import/readSpreadsheet.js';
import type { CurrentImport, ImportView, TabError } from '../../src/tab/contract.js';
import { DEFAULT_LIMITS } from '../../src/config.js';
import { importPageLink } from '../../src/server/tab/tabLinks.js';
import { startTestApp, type TestApp } from '../support/appHarness.js';
import { cardText, ChatClient } from '../support/chatClient.js';
import { ConnectorStub } from '../support/connectorStub.js';
import { customerForm } from '../support/fixtures.js';
import { formsCsv, schoolsCsv } from '../support/importFiles.js';
import { eventually } from '../support/temp.js';

/**
 * The tab's import API over HTTP, in development mode (this machine, the development identity):
 * the file as the body, bounded; the job, its actions, its report and its live progress; and the
 * summary in the user's personal chat.
 */

const TENANT = 'tenant-1';
const MAX_BYTES = 64 * 1024;

describe('the tab’s import API', () => {
  let app: TestApp;
  let connector: ConnectorStub;
  beforeEach(async () => {
    connector = await new ConnectorStub().start();
    app = await startTestApp({
      limits: { ...DEFAULT_LIMITS, importMaxBytes: MAX_BYTES },
      tuning: { importProgressIntervalMs: 50 },
    });
  });
  afterEach(async () => {
    await app.dispose();
    await connector.stop();
  });

  const url = (path: string, query: Record<string, string> = {}) =>
    `${app.url}${path}?${new URLSearchParams({ tenant: TENANT, ...query }).toString()}`;
  const upload = (
    body: Uint8Array | string,
    query: Record<string, string> = { name: 'schools.csv' },
    type = 'application/octet-stream',
  ) =>
    fetch(url('/api/tab/imports', query), {
      method: 'POST',
      body,
      headers: { 'content-type': type },
    });
  const act = (jobId: string, action: 'start' | 'cancel', tenant = TENANT) =>
    fetch(`${app.url}/api/tab/imports/${jobId}/${action}?tenant=${tenant}`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
  const errorOf = async (res: Response) => ((await res.json()) as TabError).error;
  /** Jobs kept in the data directory (lowdb: a file each under imports/). */
  const jobCount = () => {
    const folder = path.join(app.dataDir, 'imports');
    if (!fs.existsSync(folder)) return 0;
    return fs
      .readdirSync(folder, { recursive: true })
      .filter((name) => String(name).endsWith('.json')).length;
  };

  it('checks an uploaded file and keeps it as a job: every problem with its row and column', async () => {
    const file = formsCsv([
      customerForm({ domain: 'northwind1', companyName: 'Northwind 1' }),
      customerForm({ domain: 'northwind1', companyName: 'Northwind 2', email: 'x' }),
    ]);
    const res = await upload(file, { name: 'écoles.csv', locale: 'fr-FR' });
    assert.equal(res.status, 201);
    const view = (await res.json()) as ImportView;
    assert.equal(view.title, 'Import de écoles.csv');
    assert.equal(view.startLabel, 'Créer 1 client');
    assert.deepEqual(
      view.problems.map((p) => [p.line, p.column]),
      [
        [3, 'Domaine principal'],
        [3, 'E-mail'],
      ],
    );
    const current = (await (await fetch(url('/api/tab/imports/current'))).json()) as CurrentImport;
    assert.equal(current.import?.jobId, view.jobId, 'the last file this user checked');
  });

  it('refuses a file over the limit, a wrong label or a missing name, saying what to do, and keeps nothing', async () => {
    const big = await upload(new Uint8Array(MAX_BYTES + 1).fill(65), {
      name: 'big.csv',
      locale: 'fr-FR',
    });
    assert.equal(big.status, 413);
    assert.match((await errorOf(big)).message, /Le fichier dépasse 64\sko/);

    const text = await upload('a,b\n1,2\n', { name: 'a.csv' }, 'text/plain');
    assert.equal(text.status, 400);
    assert.equal((await errorOf(text)).field, 'file');

    const unnamed = await upload(schoolsCsv(1), {});
    assert.equal(unnamed.status, 400);
    assert.equal((await errorOf(unnamed)).field, 'name');

    const garbage = await upload(new Uint8Array([0, 1, 2, 3, 0, 0, 7]), { name: 'x.csv' });
    assert.equal(garbage.status, 400);
    assert.equal((await errorOf(garbage)).code, 'binary');
    assert.equal(jobCount(), 0);
  });

  it('lists every column problem of a file it cannot read', async () => {
    const res = await upload('Name;Colour\nA;red\n', { name: 'notes.csv' });
    assert.equal(res.status, 400);
    const error = await errorOf(res);
    assert.equal(error.code, 'columns');
    assert.ok(error.details?.some((d) => d.includes('“Colour”')));
    assert.ok(error.details?.some((d) => d.includes('“Primary domain” is missing')));
  });

  it('runs a started job live on the events stream, sends the summary to the user’s personal chat with a link back', async () => {
    // The user has a personal chat with the bot: the summary goes there.
    const client = new ChatClient(() => app.url, connector, {
      user: { id: 'development-user', name: 'Developer', aadObjectId: 'development-user' },
      tenantId: TENANT,
    });
    assert.equal((await client.post({ type: 'message', text: 'help' })).status, 200);

    const preview = (await (await upload(schoolsCsv(5))).json()) as ImportView;
    const events = new AbortController();
    const stream = await fetch(url('/api/tab/events'), { signal: events.signal });
    const heard: string[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of stream.body ?? []) heard.push(decoder.decode(chunk as Uint8Array));
    })().catch(() => {});

    const started = await act(preview.jobId, 'start');
    assert.equal(started.status, 200);
    assert.equal(((await started.json()) as ImportView).state, 'running');
    const again = await act(preview.jobId, 'start');
    assert.equal(again.status, 409, 'a job starts once');

    await eventually(
      () =>
        heard.join('').match(/event: import\ndata: (\{[^\n]*"state":"finished"[^\n]*\})/) ??
        undefined,
      20_000,
      'the finished import on the stream',
    );
    events.abort();
    await reading;
    const view = (await (
      await fetch(url(`/api/tab/imports/${preview.jobId}`))
    ).json()) as ImportView;
    assert.equal(view.done, 5);
    assert.deepEqual(view.failures, []);

    const summary = await eventually(
      () =>
        connector
          .proactive(client.conversationId)
          .map((a) => a.attachments?.[0]?.content)
          .find((card) => /Import of schools\.csv finished/.test(cardText(card))),
      20_000,
      'the summary in the personal chat',
    );
    assert.match(cardText(summary), /Created: 5/);
    const links = (summary.actions ?? []) as { type: string; title: string; url?: string }[];
    assert.deepEqual(
      links.map((a) => [a.title, a.url]),
      [['Open the report in the tab', `${app.url}/tab#import/${preview.jobId}`]],
      'a link to the job on the tab’s Import page',
    );
  });

  it('gives the report as the file with a problems column, to its own partner only', async () => {
    const file = formsCsv([
      customerForm({ domain: 'northwind1' }),
      customerForm({ domain: 'northwind1' }),
    ]);
    const view = (await (await upload(file)).json()) as ImportView;
    const report = await fetch(url(`/api/tab/imports/${view.jobId}/report`));
    assert.equal(report.status, 200);
    assert.match(report.headers.get('content-disposition') ?? '', /import-problems\.csv/);
    const read = await readSpreadsheet(new Uint8Array(await report.arrayBuffer()));
    assert.ok(read.ok);
    assert.equal(read.value.header.at(-1), 'Problems');
    assert.match(String(read.value.rows[1]?.cells.at(-1)), /already on row 2/);

    const other = await fetch(
      `${app.url}/api/tab/imports/${view.jobId}/report?tenant=another-partner`,
    );
    assert.equal(other.status, 404);
    assert.equal((await act(view.jobId, 'start', 'another-partner')).status, 404);
  });

  it('takes start and cancel only as JSON, which no other site’s page can send unasked', async () => {
    const view = (await (await upload(schoolsCsv(2))).json()) as ImportView;
    const form = await fetch(url(`/api/tab/imports/${view.jobId}/start`), {
      method: 'POST',
      body: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.status, 400);
    assert.equal((await errorOf(form)).field, 'body');
    const cancelled = await act(view.jobId, 'cancel');
    assert.equal(((await cancelled.json()) as ImportView).state, 'cancelled');
    assert.equal((await app.service.customers.operatorList({ limit: 10 })).items.length, 0);
  });
});

describe('links from the chat to an import on the tab', () => {
  it('opens the tab inside Teams with credentials, the page itself in emulator mode, nothing when it cannot', () => {
    const teamsAppId = '5d9a3c1e-7b2f-4e8a-9c61-2f0b8d4e7a13';
    const teams = new URL(importPageLink({ teamsAppId, credentials: true }, 'job-1') ?? '');
    assert.equal(
      teams.origin + teams.pathname,
      `https://teams.microsoft.com/l/entity/${teamsAppId}/dashboard`,
    );
    assert.deepEqual(JSON.parse(teams.searchParams.get('context') ?? ''), {
      subEntityId: 'import/job-1',
    });
    assert.equal(
      importPageLink({ credentials: false, publicUrl: 'http://127.0.0.1:3978' }, 'job-1'),
      'http://127.0.0.1:3978/tab#import/job-1',
    );
    assert.equal(
      importPageLink({ credentials: true, publicUrl: 'https://bot.example' }, 'job-1'),
      undefined,
    );
  });
});
