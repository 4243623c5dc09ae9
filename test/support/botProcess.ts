import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_KEY } from './appHarness.js';
import { eventually } from './temp.js';

const INDEX = fileURLToPath(new URL('../../src/index.js', import.meta.url));

/** The bot as `npm start` runs it (emulator mode, a Global admin), in a process a test can kill -9. */
export async function startBotProcess(
  dataDir: string,
  port: number,
  adminPort: number,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', INDEX], {
    cwd: path.dirname(dataDir),
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      ADMIN_PORT: String(adminPort),
      DATA_DIR: dataDir,
      ADMIN_API_KEY: ADMIN_KEY,
      VETTING_REVIEW_SECONDS: '0',
      DEV_USER_ROLE: 'GlobalAdmin',
      DEV_PARTNER_TYPE: 'IndirectProvider',
    },
    stdio: 'ignore',
  });
  await eventually(
    async () =>
      (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok
        ? true
        : undefined,
    10_000,
    'the bot to start',
  );
  return child;
}

export async function killHard(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}
