import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../src/log.js';
import { PartnerCenterService } from '../src/service/partnerCenterService.js';
import { LowdbCustomerStore } from '../src/storage/lowdb/lowdbCustomerStore.js';
import { benchAdmin, percentile, schoolForm } from './benchCustomers.js';

/**
 * npm run bench:turn — what a turn costs, side by side with the anchor (bench/anchorBot.ts, an
 * empty 5-step waterfall with conversation and user state), in one run: both processes pinned to
 * one core, 10 conversations at once, rounds interleaved. Per kind of turn: turns/s, p50/p99 and
 * CPU per turn (from each thread's /proc schedstat), and the ratios to the anchor; then start-up to a healthy
 * /healthz and idle memory. Env: BENCH_ROUNDS (9), BENCH_TURNS (20 per conversation and phase),
 * BENCH_CONVERSATIONS (10), BENCH_STARTUP_CUSTOMERS (10000; 0 skips that start), BENCH_PROFILE
 * (a folder: the bot writes a CPU profile of the run there, to open in Chrome's DevTools),
 * BENCH_ONLY (a word of one kind's name, e.g. "step": only that kind and the anchor run, so a
 * profile shows that kind alone).
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const TURNS = Number(process.env.BENCH_TURNS ?? 20);
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10);
const STARTUP_CUSTOMERS = Number(process.env.BENCH_STARTUP_CUSTOMERS ?? 10_000);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CPU = os.cpus().length > 1 ? '1' : '0';
const PROFILE = process.env.BENCH_PROFILE;
const ONLY = process.env.BENCH_ONLY;

/** The connector stand-in: every reply and update succeeds at once; card replies are kept. */
async function connector() {
  const lastCard = new Map<string, unknown>();
  let counter = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (match && body) {
        const activity = JSON.parse(body) as { attachments?: { content: unknown }[] };
        const card = activity.attachments?.[0]?.content;
        if (card) lastCard.set(decodeURIComponent(match[1]!), card);
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `a-${++counter}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lastCard,
    close: () => server.close(),
  };
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Running {
  child: ChildProcess;
  url: string;
  startupMs: number;
}

/** Starts a process pinned to one core; resolves when /healthz answers 200. */
async function start(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<Running> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(
    'taskset',
    [
      '-c',
      CPU,
      process.execPath,
      '--disable-warning=DEP0111',
      ...nodeArgs,
      path.join(ROOT, 'dist', script),
    ],
    {
      env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, url, startupMs: performance.now() - began };
    if (performance.now() - began > 30_000) throw new Error(`${script} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const stop = async ({ child }: Running) => {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
};

/**
 * CPU time of every thread of the process, in µs: the first field of each thread's schedstat
 * (nanoseconds on CPU). /proc/<pid>/stat counts 10 ms ticks, too coarse to take one phase from
 * another; Node's threads (V8's and libuv's) live as long as the process.
 */
function cpuUs(pid: number): number {
  let ns = 0;
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return ns / 1000;
}
const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

interface Conversation {
  id: string;
  user: string;
}

function activity(serviceUrl: string, c: Conversation, extra: Record<string, unknown>) {
  return {
    type: 'message',
    id: `in-${Math.random().toString(36).slice(2)}`,
    channelId: 'emulator',
    serviceUrl,
    locale: 'en-US',
    from: { id: c.user, name: 'Ann Lee', aadObjectId: `aad-${c.user}` },
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: c.id, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...extra,
  };
}

async function post(bot: string, body: unknown): Promise<number> {
  const began = performance.now();
  const response = await fetch(`${bot}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`the bot answered ${response.status}`);
  return performance.now() - began;
}

/**
 * What one conversation sends for a turn of a kind. `prepare`, when given, runs for every turn
 * of the phase before the phase is timed (its turns are not measured) and names the
 * conversation the measured turn is sent in.
 */
interface TurnKind {
  name: string;
  prepare?: (c: Conversation, n: number) => Promise<Conversation>;
  turn: (c: Conversation, n: number) => unknown;
}

async function phase(target: Running, kind: TurnKind, conversations: Conversation[]) {
  const prepared = new Map<string, Conversation>();
  const { prepare } = kind;
  if (prepare)
    await Promise.all(
      conversations.map(async (c) => {
        for (let n = 0; n < TURNS; n++) prepared.set(`${c.id}/${n}`, await prepare(c, n));
      }),
    );
  const latencies: number[] = [];
  const cpuBefore = cpuUs(target.child.pid!);
  const began = performance.now();
  await Promise.all(
    conversations.map(async (c) => {
      for (let n = 0; n < TURNS; n++) {
        const into = prepared.get(`${c.id}/${n}`) ?? c;
        latencies.push(await post(target.url, kind.turn(into, n)));
      }
    }),
  );
  const wall = performance.now() - began;
  const cpu = cpuUs(target.child.pid!) - cpuBefore;
  return {
    latencies,
    turnsPerSecond: (latencies.length / wall) * 1000,
    cpuUs: cpu,
    turns: latencies.length,
  };
}

function findAction(card: unknown, intent: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    const n = node as Record<string, unknown>;
    const data = n.data as Record<string, unknown> | undefined;
    if (n.type === 'Action.Submit' && data?.intent === intent) found = data;
    Object.values(n).forEach(walk);
  };
  walk(card);
  return found;
}

async function seed(dataDir: string, count: number): Promise<void> {
  const store = LowdbCustomerStore.open(dataDir);
  const service = new PartnerCenterService({ store, log: silentLogger });
  // The tenant the benchmark's activities come from.
  const user = benchAdmin('tenant-1', 'IndirectProvider');
  for (let i = 0; i < count; i++) {
    const created = await service.customers.createCustomer(user, schoolForm(i));
    if (!created.ok) throw new Error(`seed ${i}: ${JSON.stringify(created.error)}`);
  }
  await store.close();
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const stand = await connector();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-turn-'));
  await seed(dataDir, 1000);
  const botEnv = {
    DATA_DIR: dataDir,
    VETTING_REVIEW_SECONDS: '0',
    DEV_USER_ROLE: 'GlobalAdmin',
    DEV_PARTNER_TYPE: 'IndirectProvider',
    LOG_LEVEL: 'error',
  };
  const anchor = await start('bench/anchorBot.js', {});
  const bot = await start(
    'src/index.js',
    botEnv,
    PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE)}`] : [],
  );
  const conversations = Array.from({ length: CONVERSATIONS }, (_, i) => ({
    id: `bench-${i}`,
    user: `u${i}`,
  }));

  let forms = 0;
  const anchorTurn: TurnKind = {
    name: 'anchor: a waterfall step',
    turn: (c) => activity(stand.url, c, { text: 'next' }),
  };
  const step1: TurnKind = {
    name: 'submitting step 1 of add customer',
    // A new form in a new conversation for each measured submit (unmeasured), so every
    // submit is a step-1 submit, and the bot holds the state of many conversations.
    prepare: async (c) => {
      const form = { id: `${c.id}-form-${++forms}`, user: c.user };
      await post(bot.url, activity(stand.url, form, { text: 'add customer' }));
      return form;
    },
    turn: (c, n) => {
      const next = findAction(stand.lastCard.get(c.id), 'next');
      const school = schoolForm(100_000 + Number(c.user.slice(1)) * 1000 + n);
      return activity(stand.url, c, {
        value: {
          ...next,
          companyName: school.companyName,
          educationSegment: 'K12',
          country: 'US',
          website: school.website,
          email: school.email,
          domain: school.domain,
        },
        replyToId: 'card',
      });
    },
  };
  const status: TurnKind = {
    name: 'status <domain> with 1,000 customers',
    turn: (c, n) => activity(stand.url, c, { text: `status contoso${(n * 37) % 1000}` }),
  };
  const help: TurnKind = { name: 'help', turn: (c) => activity(stand.url, c, { text: 'help' }) };
  const addForm: TurnKind = {
    name: 'add customer (a new form)',
    turn: (c) => activity(stand.url, c, { text: 'add customer' }),
  };

  const results = new Map<
    string,
    { tps: number[]; latencies: number[]; cpu: number; turns: number }
  >();
  const record = (name: string, r: Awaited<ReturnType<typeof phase>>) => {
    const entry = results.get(name) ?? { tps: [], latencies: [], cpu: 0, turns: 0 };
    entry.tps.push(r.turnsPerSecond);
    entry.latencies.push(...r.latencies);
    entry.cpu += r.cpuUs;
    entry.turns += r.turns;
    results.set(name, entry);
  };
  // The anchor gets the same traffic as the bot: a phase of its waterfall step before each of
  // the bot's, with a new conversation per turn where the bot's phase prepares one, so "RSS
  // after the run" compares two processes after the same number of activities and
  // conversations (with one anchor phase per round, the anchor served a fifth of the bot's
  // activities and had not reached its steady heap size at the end).
  const anchorLike = (kind: TurnKind): TurnKind =>
    kind.prepare
      ? {
          ...anchorTurn,
          prepare: async (c) => {
            const fresh = { id: `${c.id}-anchor-${++forms}`, user: c.user };
            await post(anchor.url, activity(stand.url, fresh, { text: 'next' }));
            return fresh;
          },
        }
      : anchorTurn;
  // A warm-up round, not counted; then the rounds, the kinds interleaved.
  for (let round = 0; round <= ROUNDS; round++) {
    const kinds = [addForm, step1, status, help].filter(
      (kind) => ONLY === undefined || kind.name.includes(ONLY),
    );
    for (const kind of kinds) {
      for (const [target, each] of [
        [anchor, anchorLike(kind)],
        [bot, kind],
      ] as const) {
        const r = await phase(target, each, conversations);
        if (round > 0) record(each.name, r);
      }
    }
  }
  const summary = [...results].map(([name, r]) => {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    const cpuPerTurn = r.cpu / r.turns;
    return {
      name,
      tps: median(r.tps),
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      cpuPerTurn,
    };
  });
  const base = summary.find((s) => s.name === anchorTurn.name)!;
  console.log(
    `bench:turn — ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, each process pinned to core ${CPU}; ${CONVERSATIONS} conversations at once, ${TURNS} turns each per phase, ${ROUNDS} rounds interleaved (+1 warm-up)`,
  );
  console.log(
    'turn'.padEnd(40),
    'turns/s'.padStart(9),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'CPU µs'.padStart(8),
    '×tput'.padStart(7),
    '×p99'.padStart(6),
    '×CPU'.padStart(6),
  );
  for (const s of summary) {
    console.log(
      s.name.padEnd(40),
      s.tps.toFixed(0).padStart(9),
      s.p50.toFixed(2).padStart(8),
      s.p99.toFixed(2).padStart(8),
      s.cpuPerTurn.toFixed(0).padStart(8),
      (s.tps / base.tps).toFixed(2).padStart(7),
      (s.p99 / base.p99).toFixed(2).padStart(6),
      (s.cpuPerTurn / base.cpuPerTurn).toFixed(2).padStart(6),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  console.log(
    `idle RSS after the run: bot ${rssMb(bot.child.pid!).toFixed(0)} MB, anchor ${rssMb(anchor.child.pid!).toFixed(0)} MB`,
  );
  await stop(bot);
  await stop(anchor);

  // Start-up to a healthy /healthz, and idle memory right after.
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-turn-empty-'));
  const startups: [string, Running][] = [];
  startups.push(['anchor', await start('bench/anchorBot.js', {})]);
  startups.push([
    'bot, empty data folder',
    await start('src/index.js', { ...botEnv, DATA_DIR: empty }),
  ]);
  if (STARTUP_CUSTOMERS > 0) {
    const full = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-turn-full-'));
    await seed(full, STARTUP_CUSTOMERS);
    startups.push([
      `bot, ${STARTUP_CUSTOMERS} customers`,
      await start('src/index.js', { ...botEnv, DATA_DIR: full }),
    ]);
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (const [name, running] of startups) {
    console.log(
      `start-up to healthy: ${name.padEnd(28)} ${running.startupMs.toFixed(0).padStart(6)} ms, idle RSS ${rssMb(running.child.pid!).toFixed(0)} MB`,
    );
    await stop(running);
  }
  stand.close();
}

await main();
