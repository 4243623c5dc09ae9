import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';

/**
 * npm run playground: the bot (emulator mode) and the Microsoft 365 Agents Playground pointed at
 * it, offline, for trying the cards with Teams-like rendering. Ctrl+C stops both.
 *
 * With `-- --partner-center=fake`, the bot runs in api mode against the fake Partner Center
 * (test/support/partnerCenterDemo.ts), with its data in a fresh folder: the real adapter's whole
 * flow, customer search and polling included, without an account.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const config = loadConfig();
const playgroundPort = process.env.PLAYGROUND_PORT ?? '56150';
const children: ChildProcess[] = [];
const cleanups: (() => void)[] = [];

function start(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  stdout: 'inherit' | 'pipe' = 'inherit',
): ChildProcess {
  const child = spawn(command, args, {
    cwd: root,
    stdio: ['ignore', stdout, 'inherit'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  child.on('exit', (code) => {
    if (code !== null && code !== 0) stopAll(code);
  });
  return child;
}

function stopAll(code = 0): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  for (const cleanup of cleanups) cleanup();
  process.exit(code);
}

/** Starts the fake Partner Center; the environment that points the bot at it. */
async function fakePartnerCenter(): Promise<NodeJS.ProcessEnv> {
  const demo = start(
    process.execPath,
    [path.join(root, 'dist/test/support/partnerCenterDemo.js')],
    {},
    'pipe',
  );
  // Its first line says where it listens (stdout is piped for it).
  const lines = readline.createInterface({ input: demo.stdout as NodeJS.ReadableStream });
  const [line] = (await once(lines, 'line')) as [string];
  const url = (JSON.parse(line) as { url?: string }).url;
  if (!url) {
    console.error('The fake Partner Center did not start.');
    stopAll(1);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-bot-fake-pc-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  console.log(
    `Fake Partner Center: ${url} (each first request is denied, later ones approved, ${process.env.DEMO_DECIDE_SECONDS ?? 20} s after each)`,
  );
  return {
    PARTNER_CENTER: 'api',
    PARTNER_CENTER_API_URL: url,
    AZURE_AUTHORITY_HOST: url,
    PARTNER_CENTER_TENANT_ID: '00000000-0000-4000-8000-00000000fa4e',
    PARTNER_CENTER_CLIENT_ID: '00000000-0000-4000-8000-0000000000c1',
    PARTNER_CENTER_CLIENT_SECRET: 'fake-secret',
    PARTNER_CENTER_REFRESH_TOKEN: 'consented-refresh-token',
    PARTNER_CENTER_POLL_SECONDS: '5',
    // A demo hears the fake's decision within seconds: reads stay five seconds apart.
    PARTNER_CENTER_POLL_MAX_SECONDS: '5',
    DATA_DIR: dataDir,
  };
}

const { values } = parseArgs({
  options: { 'partner-center': { type: 'string' } },
  strict: true,
});
const partnerCenter = values['partner-center'];
if (partnerCenter !== undefined && partnerCenter !== 'fake') {
  console.error('--partner-center takes one value: fake (api mode against a local fake).');
  process.exit(2);
}
if (config.bot) {
  console.error(
    'The Playground talks to the bot without authentication: unset MicrosoftAppId (emulator mode) to use it.',
  );
  process.exit(2);
}

const botEnv = partnerCenter === 'fake' ? await fakePartnerCenter() : {};
start(
  process.execPath,
  ['--disable-warning=DEP0111', path.join(root, 'dist/src/index.js')],
  botEnv,
);
start(
  path.join(root, 'node_modules/.bin/agentsplayground'),
  [
    '--app-endpoint',
    `http://localhost:${config.port}/api/messages`,
    '--channel-id',
    'msteams',
    '--port',
    playgroundPort,
    '--disable-telemetry',
  ],
  { TEAMSAPPTESTER_BROWSER: 'none' },
);
console.log(
  `Agents Playground: http://localhost:${playgroundPort} (bot on http://localhost:${config.port})`,
);
process.once('SIGINT', () => stopAll());
process.once('SIGTERM', () => stopAll());
