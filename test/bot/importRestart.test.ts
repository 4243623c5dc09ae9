import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BotProcess, fakePartnerCenterEnv } from '../support/botProcess.js';
import { cardText } from '../support/chatClient.js';
import { FakePartnerCenter } from '../support/fakePartnerCenter.js';
import { FileServer, schoolsCsv, teamsFile } from '../support/importFiles.js';
import { eventually } from '../support/temp.js';

/**
 * kill -9 in the middle of an import: the next start resumes it, and every school is made once,
 * here and in Partner Center. The process is frozen (SIGSTOP) the moment enough customers are on
 * disk, so the kill lands in the middle of the job however fast the machine is.
 */

const ROWS = 200;

/** The JSON documents of a lowdb folder under the bot's data directory. */
function documents<T>(dataDir: string, folder: string): T[] {
  const dir = path.join(dataDir, folder);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => {
      try {
        return [JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as T];
      } catch {
        return []; // a file being renamed into place
      }
    });
}

const customerDomains = (dataDir: string): string[] =>
  documents<{ companyProfile: { domain: string } }>(dataDir, 'customers').map(
    (c) => c.companyProfile.domain,
  );

async function importAndKill(bot: BotProcess, files: FileServer, enough: () => boolean) {
  const chat = bot.chat();
  const { replies } = await chat.post({
    type: 'message',
    attachments: [teamsFile('district.csv', files.put('district.csv', schoolsCsv(ROWS)))],
  });
  const preview = replies[0];
  assert.ok(preview, 'a preview card');
  await chat.click(preview.id, `Create ${ROWS} customers`);
  await eventually(() => (enough() ? true : undefined), 60_000, 'the import under way');
  bot.pause();
  const before = customerDomains(bot.dataDir).length;
  await bot.killHard();
  assert.ok(before < ROWS, `killed in the middle: ${before} of ${ROWS} made`);
  await bot.restart();
  const job = await eventually(
    () =>
      documents<{ state: string; created: number; failed: number }>(bot.dataDir, 'imports').find(
        (j) => j.state === 'finished',
      ),
    60_000,
    'the resumed import to finish',
  );
  return { chat, preview, job, before };
}

describe('an import across a kill -9', function () {
  this.timeout(180_000);
  let files: FileServer;
  beforeEach(async () => {
    files = await new FileServer().start();
  });
  afterEach(() => files.stop());

  it('completes after a restart with exactly one customer per row (local service)', async () => {
    const bot = await BotProcess.start('import-kill-');
    try {
      const { job, chat, preview } = await importAndKill(
        bot,
        files,
        () => customerDomains(bot.dataDir).length >= 20,
      );
      assert.deepEqual([job.created, job.failed], [ROWS, 0]);
      const domains = customerDomains(bot.dataDir);
      assert.equal(domains.length, ROWS);
      assert.equal(new Set(domains).size, ROWS, 'no domain twice');
      // The card the first process updated is brought to its summary by the second.
      await eventually(
        () => (/finished/.test(cardText(chat.card(preview.id))) ? true : undefined),
        30_000,
        'the summary card',
      );
    } finally {
      await bot.dispose();
    }
  });

  it('makes no duplicate in Partner Center (PARTNER_CENTER=api against the fake)', async () => {
    const fake = await FakePartnerCenter.start({ latencyMs: 5 });
    const bot = await BotProcess.start('import-kill-api-', {
      ...fakePartnerCenterEnv(fake.url),
      // Its own limiter paces the import (5 calls a second by default): a faster test.
      PARTNER_CENTER_CALLS_PER_SECOND: '100',
      PARTNER_CENTER_CONCURRENCY: '8',
    });
    try {
      const { job, before } = await importAndKill(bot, files, () => fake.customers.size >= 20);
      assert.deepEqual([job.created, job.failed], [ROWS, 0]);
      assert.ok(before < ROWS);
      assert.equal(fake.customers.size, ROWS, 'one customer per row in Partner Center');
      const domains = [...fake.customers.values()].map((c) => c.domain);
      assert.equal(new Set(domains).size, ROWS, 'no domain twice in Partner Center');
      assert.equal(customerDomains(bot.dataDir).length, ROWS, 'and one record per row here');
    } finally {
      await bot.dispose();
      await fake.stop();
    }
  });
});
