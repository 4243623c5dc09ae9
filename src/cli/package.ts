import { fileURLToPath } from 'node:url';
import { buildAppPackage } from './appPackage.js';

/** npm run package [-- dev]: builds build/appPackage.<stage>.zip for upload to Teams. */
const root = fileURLToPath(new URL('../../../', import.meta.url));
try {
  const { zipPath, files } = buildAppPackage(process.argv[2] ?? 'local', root);
  console.log(`${zipPath}\n  ${[...files.keys()].join('\n  ')}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
