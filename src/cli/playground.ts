import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';

/**
 * npm run playground: the bot (emulator mode) and the Microsoft 365 Agents Playground pointed at
 * it, offline, for trying the cards with Teams-like rendering. Ctrl+C stops both.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const config = loadConfig();
const playgroundPort = process.env.PLAYGROUND_PORT ?? '56150';
const children: ChildProcess[] = [];

function start(command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(command, args, {
    cwd: root,
    stdio: 'inherit',
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
  process.exit(code);
}

if (config.bot) {
  console.error(
    'The Playground talks to the bot without authentication: unset MicrosoftAppId (emulator mode) to use it.',
  );
  process.exit(2);
}

start(process.execPath, ['--disable-warning=DEP0111', path.join(root, 'dist/src/index.js')]);
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
