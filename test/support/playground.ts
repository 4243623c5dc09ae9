import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './net.js';
import { eventually, tempDir } from './temp.js';

const BIN = fileURLToPath(new URL('../../../node_modules/.bin/agentsplayground', import.meta.url));

export interface Playground {
  url: string;
  stop(): Promise<void>;
}

/**
 * The Microsoft 365 Agents Playground (offline, telemetry off) pointed at a bot. It takes the
 * locale of the activities it sends from its own process: `locale` sets LC_ALL.
 */
export async function startPlayground(botUrl: string, locale = 'en_US.UTF-8'): Promise<Playground> {
  const port = await freePort();
  const work = tempDir('playground-');
  const child = spawn(
    BIN,
    [
      '--app-endpoint',
      `${botUrl}/api/messages`,
      '--channel-id',
      'msteams',
      '--port',
      String(port),
      '--disable-telemetry',
    ],
    {
      cwd: work.dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: work.dir,
        TEAMSAPPTESTER_BROWSER: 'none',
        LC_ALL: locale,
        LANG: locale,
      },
      stdio: 'ignore',
    },
  );
  const url = `http://localhost:${port}`;
  await eventually(
    async () =>
      (await fetch(`${url}/_debug/ping`)
        .then((r) => r.text())
        .catch(() => '')) === 'pong'
        ? true
        : undefined,
    20_000,
    'the Playground',
  );
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) =>
        child.exitCode !== null ? resolve(null) : child.once('exit', resolve),
      );
      work.remove();
    },
  };
}
