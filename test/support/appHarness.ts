import fs from 'node:fs';
import path from 'node:path';
import { startApp, type AppTuning, type RunningApp } from '../../src/app.js';
import type { PartnerUsersFile } from '../../src/bot/identity.js';
import { DEFAULT_LIMITS, type Config } from '../../src/config.js';
import type { Clock } from '../../src/domain/clock.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { testClock } from './clock.js';
import { tempDir } from './temp.js';

export const ADMIN_KEY = 'test-operator-key-0123456789abcdef';

export type TestAppOptions = Omit<Partial<Config>, 'adminApiKey'> & {
  /** null: the operator endpoint is off, as with ADMIN_API_KEY unset. */
  adminApiKey?: string | null;
  /** Written as the partner users seed file before the start. */
  partnerUsers?: PartnerUsersFile;
  /** The clock (tuning.clock) defaults to one starting at fixtures' NOW: no test lives on today's date. */
  tuning?: AppTuning;
  /** Default 127.0.0.1; 0.0.0.0 to be reachable on the machine's other addresses too. */
  listenHost?: string;
  /** Writes data into the data directory before the first start. */
  seed?: (dataDir: string) => Promise<void>;
  /** Where the app logs (silent by default). */
  log?: Logger;
};

export interface TestApp extends RunningApp {
  dataDir: string;
  config: Config;
  /** The clock the app runs on (kept across restarts). */
  clock: Clock;
  /** Stops and starts again on the same data directory (a process restart). */
  restart(): Promise<TestApp>;
  dispose(): Promise<void>;
}

/** The real app (store, reviewer, bot, restify) on a random loopback port and a temp data dir. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { dir, remove } = tempDir();
  const {
    adminApiKey = ADMIN_KEY,
    partnerUsers,
    tuning: givenTuning,
    seed,
    listenHost = '127.0.0.1',
    log = silentLogger,
    ...rest
  } = options;
  // A short digest window: decisions that come together are still one card, without slow tests.
  const tuning: AppTuning & { clock: Clock } = {
    clock: testClock(),
    ...givenTuning,
    notifier: { digestWindowMs: 150, ...givenTuning?.notifier },
  };
  const config: Config = {
    port: 0,
    host: listenHost,
    adminHost: '127.0.0.1',
    adminPort: 0,
    allowedChannels: ['msteams'],
    limits: DEFAULT_LIMITS,
    dataDir: dir,
    storage: { kind: 'lowdb' },
    vettingReviewSeconds: 0,
    logLevel: 'error',
    partnerUsersFile: path.join(dir, 'partner-users.json'),
    devIdentity: { role: 'GlobalAdmin', partnerType: 'IndirectProvider' },
    ...rest,
    ...(adminApiKey ? { adminApiKey } : {}),
  };
  if (partnerUsers) fs.writeFileSync(config.partnerUsersFile, JSON.stringify(partnerUsers));
  await seed?.(dir);
  const launch = async (): Promise<TestApp> => {
    const app = await startApp(config, log, tuning);
    return {
      ...app,
      dataDir: dir,
      config,
      clock: tuning.clock,
      async restart() {
        await app.stop();
        return launch();
      },
      async dispose() {
        await app.stop();
        remove();
      },
    };
  };
  try {
    return await launch();
  } catch (error) {
    remove();
    throw error;
  }
}
