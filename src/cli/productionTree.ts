import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { localizer } from '../i18n/localizer.js';

/**
 * The production tree, made from the Dockerfile's runtime stage: its COPY and RUN steps in the
 * order written, run in a folder of this machine (COPY --from=build takes what `npm run build`
 * made here). The container, `npm run stage` (what the Agents Toolkit zip-deploys to App
 * Service) and test/production.test.ts all follow these same steps.
 */

export type Step = { copy: string; to: string } | { run: string };

export interface RuntimeStage {
  env: Record<string, string>;
  steps: Step[];
  /** The HEALTHCHECK's command. */
  healthcheck: string;
  cmd: string[];
}

/** The last stage of a Dockerfile, read as the steps above; an instruction it does not know throws. */
export function runtimeStage(dockerfile: string): RuntimeStage {
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
        const [key = '', ...value] = args.split('=');
        stage.env[key] = value.join('=');
        break;
      }
      case 'COPY': {
        // COPY [--from=build] <source>... <destination>; the build stage's /app is this clone.
        const parts = rest.filter((p) => !p.startsWith('--'));
        const to = parts.pop() ?? '.';
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
        throw new Error(localizer('en').t('cli.unknownInstruction', { instruction }));
    }
  }
  return stage;
}

/** Makes the production tree in `target` (an empty or new folder) from the clone at `root`. */
export function makeProductionTree(
  root: string,
  target: string,
  env: NodeJS.ProcessEnv = process.env,
): RuntimeStage {
  const stage = runtimeStage(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
  fs.mkdirSync(target, { recursive: true });
  for (const step of stage.steps) {
    if ('run' in step) {
      execSync(step.run, { cwd: target, env: { ...env, ...stage.env }, stdio: 'pipe' });
      continue;
    }
    const destination = step.to.endsWith('/')
      ? path.join(target, step.to, path.basename(step.copy))
      : path.join(target, step.to);
    fs.cpSync(path.join(root, step.copy), destination, { recursive: true });
  }
  return stage;
}
