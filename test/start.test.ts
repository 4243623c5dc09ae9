import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { customerForm, globalAdmin } from './support/fixtures.js';
import { untilHealthy } from './support/botProcess.js';
import { freePort } from './support/net.js';
import { eventually, tempDir } from './support/temp.js';

const INDEX = fileURLToPath(new URL('../src/index.js', import.meta.url));

function startBot(
  env: Record<string, string>,
  cwd: string,
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', INDEX], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** The one line a refused start writes: JSON like every other line, with its fields. */
function refusal(output: string): { level: string; msg: string } & Record<string, unknown> {
  const lines = output
    .split('\n')
    .filter((line) => line.trim() && !/DeprecationWarning|trace-deprecation/.test(line));
  for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `not a JSON line: ${line}`);
  const found = lines
    .map((line) => JSON.parse(line) as { level: string; msg: string } & Record<string, unknown>)
    .find((line) => line.msg.startsWith('Cannot start: '));
  assert.ok(found, `no "Cannot start" line in:\n${output}`);
  assert.equal(found.level, 'error');
  return found;
}

/** What a refused start must not leave in DATA_DIR: the lock, or a file naming its owner. */
const lockFiles = (dataDir: string) =>
  ['.owner.lock', '.owner.json', '.lock'].filter((name) => fs.existsSync(path.join(dataDir, name)));

describe('the bot process (npm start)', () => {
  const work = tempDir('bot-process-');
  after(() => work.remove());

  it('starts on the embedded defaults, serves /healthz, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const dataDir = path.join(work.dir, 'data-ok');
    const bot = startBot({ PORT: String(port), DATA_DIR: dataDir }, work.dir);
    try {
      await untilHealthy(port, 'the bot to listen');
      const listening = bot
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => String(line.msg).startsWith('listening on'));
      assert.match(String(listening?.msg), /^listening on http:\/\/localhost:\d+$/, 'a JSON line');
      assert.equal(listening?.level, 'info');
      assert.match(String(listening?.mode), /emulator/);
      assert.doesNotMatch(bot.output(), /DeprecationWarning/);
      assert.ok(fs.existsSync(path.join(dataDir, '.owner.lock')));
    } finally {
      bot.child.kill('SIGTERM');
    }
    assert.equal(await bot.exited, 0);
    assert.deepEqual(lockFiles(dataDir), [], 'the lock is released on a clean stop');
  });

  it('refuses to start on a corrupt data file, naming it and leaving it untouched', async () => {
    const dataDir = path.join(work.dir, 'data-corrupt');
    fs.mkdirSync(path.join(dataDir, 'customers'), { recursive: true });
    const file = path.join(dataDir, 'customers', 'abc.json');
    fs.writeFileSync(file, '{"id": "abc", "companyProfile": {');
    const bot = startBot({ PORT: String(await freePort()), DATA_DIR: dataDir }, work.dir);
    assert.equal(await bot.exited, 1);
    const line = refusal(bot.output());
    assert.match(
      line.msg,
      /Cannot start: Cannot use data file .*abc\.json: it is not readable JSON/,
    );
    assert.equal(line.code, 'dataFile');
    assert.equal(fs.readFileSync(file, 'utf8'), '{"id": "abc", "companyProfile": {');
    assert.deepEqual(lockFiles(dataDir), [], 'the refused start released its lock');
  });

  it('refuses to start on a DATA_DIR it cannot write, naming the folder and the fix', async () => {
    const file = path.join(work.dir, 'not-a-folder');
    fs.writeFileSync(file, '');
    const bot = startBot(
      { PORT: String(await freePort()), DATA_DIR: path.join(file, 'data') },
      work.dir,
    );
    assert.equal(await bot.exited, 1);
    assert.match(
      refusal(bot.output()).msg,
      /Cannot start: DATA_DIR .*not-a-folder\/data cannot be written \(ENOTDIR\)\. Make it a folder the bot's user can create files in/,
    );
    assert.doesNotMatch(bot.output(), /at \w+ \(/, 'no stack trace');
  });

  it('starts in a container over the lock its predecessor left with the same pid (a new PID namespace, pid 1)', async function () {
    const probe = spawnSync(
      'unshare',
      ['--pid', '--fork', process.execPath, '-e', 'console.log(process.pid)'],
      { encoding: 'utf8' },
    );
    if (probe.stdout.trim() !== '1') this.skip(); // no PID namespaces where this runs
    const port = await freePort();
    const dataDir = path.join(work.dir, 'data-container');
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // What a crash of the previous container leaves: the lock, last refreshed 5 s ago, owned by pid 1 on this host,
    // and an older version's pid file naming pid 1 too.
    const lock = path.join(dataDir, '.owner.lock');
    fs.mkdirSync(lock);
    const refreshed = new Date(Date.now() - 5_000);
    fs.utimesSync(lock, refreshed, refreshed);
    fs.writeFileSync(
      path.join(dataDir, '.owner.json'),
      JSON.stringify({ pid: 1, host: os.hostname(), since: '2026-11-22T10:00:00Z' }),
    );
    fs.writeFileSync(path.join(dataDir, '.lock'), '1');
    let output = '';
    const child = spawn(
      'unshare',
      [
        '--pid',
        '--fork',
        '--kill-child=SIGTERM',
        process.execPath,
        '--disable-warning=DEP0111',
        INDEX,
      ],
      {
        cwd: work.dir,
        env: { PATH: process.env.PATH ?? '', PORT: String(port), DATA_DIR: dataDir },
      },
    );
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await untilHealthy(port, 'the bot to start').catch((error: unknown) => {
        throw new Error(`${(error as Error).message} (${output})`);
      });
      assert.equal(
        (JSON.parse(fs.readFileSync(path.join(dataDir, '.owner.json'), 'utf8')) as { pid: number })
          .pid,
        1,
        'it runs as pid 1, and holds the lock',
      );
    } finally {
      // unshare ignores SIGTERM; killing it hands the bot SIGTERM (--kill-child).
      child.kill('SIGKILL');
      await exited;
    }
  });

  it('refuses to start with a bad variable, naming it', async () => {
    const bot = startBot({ PORT: 'eighty', DATA_DIR: path.join(work.dir, 'unused') }, work.dir);
    assert.equal(await bot.exited, 1);
    const line = refusal(bot.output());
    assert.match(
      line.msg,
      /Cannot start: Invalid configuration:\n {2}- PORT must be a whole number/,
    );
    assert.deepEqual(line.problems, [
      'PORT must be a whole number from 1 to 65535 (the HTTP port) (got "eighty")',
    ]);
  });

  it('refuses a port in use with one JSON line, and leaves no lock behind', async () => {
    const port = await freePort();
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    const dataDir = path.join(work.dir, 'data-port-taken');
    try {
      const bot = startBot({ PORT: String(port), DATA_DIR: dataDir }, work.dir);
      assert.equal(await bot.exited, 1);
      const line = refusal(bot.output());
      assert.match(line.msg, /EADDRINUSE.*another process listens there\. Stop it, or set PORT/);
      assert.deepEqual(lockFiles(dataDir), []);
      assert.ok(fs.existsSync(path.join(dataDir, 'customers')), 'the data folder was opened');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('decides a review pending at a kill -9 after restart', async () => {
    const port = await freePort();
    const dataDir = path.join(work.dir, 'data-restart');
    // Create the customer through the service in this process, then hand the directory over.
    // Both run on the machine's clock: the child process schedules the review from this stamp.
    const { LowdbCustomerStore } = await import('../src/storage/lowdb/lowdbCustomerStore.js');
    const { PartnerCenterService } = await import('../src/service/partnerCenterService.js');
    const { silentLogger } = await import('../src/log.js');
    const store = LowdbCustomerStore.open(dataDir);
    const created = await new PartnerCenterService({
      store,
      log: silentLogger,
    }).customers.createCustomer(globalAdmin, customerForm());
    await store.close();
    assert.ok(created.ok);
    const file = path.join(dataDir, 'customers', `${created.value.customer.id}.json`);

    const first = startBot(
      { PORT: String(port), DATA_DIR: dataDir, VETTING_REVIEW_SECONDS: '3' },
      work.dir,
    );
    await eventually(
      () => (/listening/.test(first.output()) ? true : undefined),
      10000,
      'first start',
    );
    first.child.kill('SIGKILL');
    await first.exited;
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).qualification.vettingStatus, 'InReview');

    const second = startBot(
      { PORT: String(port), DATA_DIR: dataDir, VETTING_REVIEW_SECONDS: '3' },
      work.dir,
    );
    try {
      await eventually(
        () =>
          JSON.parse(fs.readFileSync(file, 'utf8')).qualification.vettingStatus === 'Approved'
            ? true
            : undefined,
        10000,
        'the review after restart',
      );
      assert.match(second.output(), /pendingReviews":1/);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
