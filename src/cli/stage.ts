import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localizer } from '../i18n/localizer.js';
import { makeProductionTree } from './productionTree.js';

/**
 * npm run stage [-- <folder>]: the production tree (build/deploy by default), as the Dockerfile's
 * runtime stage makes it: built output, cards, production dependencies only. The Agents Toolkit
 * zip-deploys this folder to App Service, which runs `npm start` in it.
 */
const i18n = localizer('en');
const root = fileURLToPath(new URL('../../../', import.meta.url));
const target = path.resolve(root, process.argv[2] ?? 'build/deploy');
fs.rmSync(target, { recursive: true, force: true });
try {
  makeProductionTree(root, target);
  console.log(i18n.t('cli.staged', { folder: path.relative(root, target) || '.' }));
} catch (error) {
  console.error(i18n.t('cli.cannotStage', { error: (error as Error).message }));
  process.exitCode = 1;
}
