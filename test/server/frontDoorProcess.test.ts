import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { ADMIN_KEY } from '../support/appHarness.js';
import { ADDRESS, CONTACT, ORGANISATION } from '../support/botHarness.js';
import { ChatClient } from '../support/chatClient.js';
import { ConnectorStub } from '../support/connectorStub.js';
import { freePort } from '../support/net.js';
import { rawRequest } from '../support/rawHttp.js';
import { eventually, tempDir } from '../support/temp.js';

// The front door against the real process (npm start's entry point): what must not end it,
// fill its memory or its disk, where it listens, and who may read its files.

const INDEX = fileURLToPath(new URL('../../src/index.js', import.meta.url));

interface Bot {
  child: ChildProcess;
  url: string;
  adminUrl: string;
  output: () => string;
}

async function startBot(work: string, env: Record<string, string> = {}): Promise<Bot> {
  const [port, adminPort] = [await freePort(), await freePort()];
  let output = '';
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', INDEX], {
    cwd: work,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      ADMIN_PORT: String(adminPort),
      DATA_DIR: path.join(work, 'data'),
      TMPDIR: path.join(work, 'tmp'),
      ADMIN_API_KEY: ADMIN_KEY,
      VETTING_REVIEW_SECONDS: '0',
      DEV_USER_ROLE: 'GlobalAdmin',
      DEV_PARTNER_TYPE: 'IndirectProvider',
      ...env,
    },
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => ((await fetch(`${url}/healthz`).catch(() => undefined))?.ok ? true : undefined),
    15_000,
    'the bot to start',
  );
  return { child, url, adminUrl: `http://127.0.0.1:${adminPort}`, output: () => output };
}

async function stop(bot: Bot): Promise<void> {
  if (bot.child.exitCode !== null) return;
  bot.child.kill('SIGTERM');
  await new Promise((resolve) => bot.child.once('exit', resolve));
}

/** Resident memory of a process, from /proc (bytes). */
function rss(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

/** The IPv4 addresses a process's listening TCP sockets on `port` are bound to, from /proc/net/tcp. */
function listeningAddresses(port: number): string[] {
  const rows = fs.readFileSync('/proc/net/tcp', 'utf8').trim().split('\n').slice(1);
  return rows
    .map((row) => row.trim().split(/\s+/))
    .filter(
      ([, local, , state]) => state === '0A' && Number.parseInt(local!.split(':')[1]!, 16) === port,
    )
    .map(([, local]) => {
      const hex = local!.split(':')[0]!;
      return [6, 4, 2, 0].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join('.');
    });
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('the front door of the bot process', function () {
  this.timeout(60_000);
  const work = tempDir('front-door-');
  let bot: Bot;
  before(async () => {
    fs.mkdirSync(path.join(work.dir, 'tmp'));
    bot = await startBot(work.dir);
  });
  after(async () => {
    await stop(bot);
    work.remove();
  });

  it('survives a body that is not the gzip it claims, and five decompression bombs, in bounded memory (findings 1, 2)', async () => {
    // 267 copies of one gzip member of 1 MB: about 270 KB on the wire, 267 MB inflated.
    const member = zlib.gzipSync(Buffer.alloc(1024 * 1024, ' '));
    const bomb = Buffer.concat(Array.from({ length: 267 }, () => member));
    const before = rss(bot.child.pid!);
    const answers = await Promise.all([
      rawRequest(`${bot.url}/api/messages`, {
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: 'this is not gzip',
      }),
      ...Array.from({ length: 5 }, () =>
        rawRequest(`${bot.url}/api/messages`, {
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body: bomb,
        }),
      ),
      ...Array.from({ length: 5 }, () =>
        rawRequest(`${bot.adminUrl}/api/admin/customers/x/decision`, {
          headers: {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            authorization: `Bearer ${ADMIN_KEY}`,
          },
          body: bomb,
        }),
      ),
    ]);
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [415]);
    const grown = rss(bot.child.pid!) - before;
    assert.ok(grown < 64 * 1024 * 1024, `memory grew by ${Math.round(grown / 1024 / 1024)} MB`);
    assert.equal(bot.child.exitCode, null, 'the process is alive');
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
  });

  it('writes nothing to the temp folder for multipart uploads to any route (finding 3)', async () => {
    const upload = (size: number) => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.alloc(size, 'a')]), 'upload.bin');
      return form;
    };
    for (const url of [
      `${bot.url}/api/messages`,
      `${bot.adminUrl}/api/admin/customers/x/decision`,
      `${bot.adminUrl}/api/admin/outbox/retry`,
    ]) {
      const res = await fetch(url, { method: 'POST', body: upload(100 * 1024) });
      assert.equal(res.status, 415, url);
      assert.match(await res.text(), /application\/json/);
      // 2 MB: refused without being read; the client sees the answer or the connection closed.
      const big = await fetch(url, { method: 'POST', body: upload(2 * 1024 * 1024) }).then(
        (r) => r.status,
        () => 'closed',
      );
      assert.ok(big === 415 || big === 413 || big === 'closed', `${url}: ${big}`);
    }
    assert.deepEqual(
      fs.readdirSync(path.join(work.dir, 'tmp')),
      [],
      'nothing was written to the temp folder',
    );
    assert.equal(bot.child.exitCode, null);
  });

  it('listens on loopback only by default, operator API included (findings 5, 9)', () => {
    for (const url of [bot.url, bot.adminUrl])
      assert.deepEqual(listeningAddresses(Number(new URL(url).port)), ['127.0.0.1'], url);
  });

  it('keeps its data readable by its own user only: folders 0700, files 0600 (finding 11)', async () => {
    const connector = await new ConnectorStub().start();
    try {
      const chat = new ChatClient(() => bot.url, connector);
      const [first] = await chat.say('add customer');
      for (const values of [ORGANISATION, ADDRESS, CONTACT])
        await chat.click(first!.id, 'Next', values);
      await chat.click(first!.id, 'Submit for verification');
    } finally {
      await connector.stop();
    }
    const data = path.join(work.dir, 'data');
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => [
          path.join(dir, e.name),
          ...(e.isDirectory() ? walk(path.join(dir, e.name)) : []),
        ]);
    const entries = [data, ...walk(data)];
    assert.ok(
      entries.some((e) => e.includes(`${path.sep}customers${path.sep}`)),
      'a customer was stored',
    );
    for (const entry of entries)
      assert.equal(mode(entry), fs.statSync(entry).isDirectory() ? 0o700 : 0o600, entry);
  });
});

describe('the bot process told to listen further, or started on an old data folder', function () {
  this.timeout(60_000);
  const work = tempDir('front-door-host-');
  after(() => work.remove());

  it('warns when HOST opens the emulator mode beyond this machine, and tightens a shared data folder (findings 5, 11)', async () => {
    const data = path.join(work.dir, 'data');
    fs.mkdirSync(path.join(data, 'customers'), { recursive: true, mode: 0o755 });
    fs.chmodSync(data, 0o755);
    fs.writeFileSync(path.join(data, 'customers', 'notes.txt'), 'left by an older version', {
      mode: 0o644,
    });
    const bot = await startBot(work.dir, { HOST: '0.0.0.0' });
    try {
      assert.deepEqual(listeningAddresses(Number(new URL(bot.url).port)), ['0.0.0.0']);
      assert.match(
        bot.output(),
        /HOST=0\.0\.0\.0: the bot listens beyond this machine without credentials/,
      );
      assert.equal(mode(data), 0o700);
      assert.equal(mode(path.join(data, 'customers')), 0o700);
      assert.equal(mode(path.join(data, 'customers', 'notes.txt')), 0o600);
    } finally {
      await stop(bot);
    }
  });
});
