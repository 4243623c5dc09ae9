import assert from 'node:assert/strict';
import { execSync, spawn } from 'node:child_process';
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

type Step = { copy: string; to: string } | { run: string };
interface RuntimeStage {
  env: Record<string, string>;
  /** COPY and RUN, in the order written. */
  steps: Step[];
  healthcheck: string;
  cmd: string[];
}

function runtimeStage(dockerfile: string): RuntimeStage {
  // Continuation lines joined; comments dropped.
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const start = lines.findLastIndex((l) => /^FROM\s/i.test(l));
  const stage: RuntimeStage = { env: {}, steps: [], healthcheck: '', cmd: [] };
  for (const line of lines.slice(start + 1)) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    const args = line.slice(instruction.length).trim();
    switch (instruction.toUpperCase()) {
      case 'ENV': {
        const [key, ...value] = args.split('=');
        stage.env[key!] = value.join('=');
        break;
      }
      case 'COPY': {
        // COPY [--from=build] <source>... <destination>; the build stage's /app is this clone.
        const parts = rest.filter((p) => !p.startsWith('--'));
        const to = parts.pop()!;
        for (const from of parts) stage.steps.push({ copy: from.replace(/^\/app\//, ''), to });
        break;
      }
      case 'RUN':
        stage.steps.push({ run: args });
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = args.replace(/^.*?\bCMD\s+/, '');
        break;
      case 'CMD':
        stage.cmd = JSON.parse(args) as string[];
        break;
      case 'WORKDIR':
      case 'USER':
      case 'EXPOSE':
        break;
      default:
        throw new Error(`the test does not know the Dockerfile instruction ${instruction}`);
    }
  }
  return stage;
}

describe('a production tree (the Dockerfile runtime stage)', function () {
  this.timeout(300_000);
  const work = tempDir('production-');
  after(() => work.remove());

  it('installs production dependencies only, and npm start serves /healthz with no compiler', async () => {
    const stage = runtimeStage(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
    const app = path.join(work.dir, 'app');
    fs.mkdirSync(app);
    const env = {
      ...process.env,
      ...stage.env,
      // Reuse this machine's npm cache; a clean machine downloads the same packages.
      npm_config_prefer_offline: 'true',
      npm_config_update_notifier: 'false',
    };
    for (const step of stage.steps) {
      if ('run' in step) {
        execSync(step.run, { cwd: app, env, stdio: 'pipe' });
        continue;
      }
      const target = step.to.endsWith('/')
        ? path.join(app, step.to, path.basename(step.copy))
        : path.join(app, step.to);
      fs.cpSync(path.join(ROOT, step.copy), target, { recursive: true });
    }
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
