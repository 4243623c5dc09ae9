import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { tempDir } from './temp.js';

export const ADMIN_KEY = 'test-operator-key-0123456789abcdef';

/** The real app (store, reviewer, restify) on a random loopback port and a temp data dir. */
export async function startTestApp(
  overrides: Omit<Partial<Config>, 'adminApiKey'> & { adminApiKey?: string | null } = {},
): Promise<RunningApp & { dataDir: string; dispose(): Promise<void> }> {
  const { dir, remove } = tempDir();
  const { adminApiKey = ADMIN_KEY, ...rest } = overrides;
  // null: the operator endpoint is off, as with ADMIN_API_KEY unset.
  const config: Config = {
    port: 0,
    dataDir: dir,
    vettingReviewSeconds: 0,
    logLevel: 'error',
    partnerUsersFile: path.join(dir, 'partner-users.json'),
    devIdentity: { role: 'GlobalAdmin', partnerType: 'IndirectProvider' },
    ...rest,
    ...(adminApiKey ? { adminApiKey } : {}),
  };
  const app = await startApp(config, silentLogger, '127.0.0.1');
  return {
    ...app,
    dataDir: dir,
    async dispose() {
      await app.stop();
      remove();
    },
  };
}
