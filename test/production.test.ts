import assert from 'node:assert/strict';
import { execSync, spawn } from 'node:child_process';
import { makeProductionTree } from '../src/cli/productionTree.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { untilHealthy } from './support/botProcess.js';
import { freePort } from './support/net.js';
import { tempDir } from './support/temp.js';

/**
 * A production tree starts without a compiler: the Dockerfile's runtime stage, step by step, in
 * a temporary folder (no Docker engine runs here, so its steps are run as plain commands). COPY
 * --from=build takes what `npm run build` made in this clone; ENV gives the defaults, with the
 * port and data folder moved to free ones on this machine and the listener kept on loopback.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('a production tree (the Dockerfile runtime stage)', function () {
  this.timeout(300_000);
  const work = tempDir('production-');
  after(() => work.remove());

  it('installs production dependencies only, and npm start serves /healthz with no compiler', async () => {
    const app = path.join(work.dir, 'app');
    const env = {
      ...process.env,
      // Reuse this machine's npm cache; a clean machine downloads the same packages.
      npm_config_prefer_offline: 'true',
      npm_config_update_notifier: 'false',
    };
    const stage = makeProductionTree(ROOT, app, env);
    assert.ok(stage.steps.some((s) => 'run' in s && /npm ci --omit=dev/.test(s.run)));
    assert.ok(fs.existsSync(path.join(app, 'node_modules', 'botbuilder')));
    for (const devOnly of ['typescript', 'mocha', 'eslint'])
      assert.equal(
        fs.existsSync(path.join(app, 'node_modules', devOnly)),
        false,
        `${devOnly} is not installed in production`,
      );

    const port = await freePort();
    const runtimeEnv = {
      ...env,
      ...stage.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(work.dir, 'data'),
      LOG_LEVEL: 'info',
    };
    const [command, ...args] = stage.cmd;
    const child = spawn(command!, args, { cwd: app, env: runtimeEnv });
    let output = '';
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await untilHealthy(port, 'the production tree to start', 30_000).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}\n${output}`);
      });
      execSync(stage.healthcheck, { cwd: app, env: runtimeEnv, stdio: 'pipe' });
      assert.equal((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    assert.doesNotMatch(output, /tsc|error TS/);
  });
});
