/**
 * `npm run test:node`: every suite again on the other supported Node lines (22 and 24; NODE_LINES
 * names others), with this clone's built output. npm's `node` package carries each line's binary
 * as a registry package, so `npx -p node@<line>` brings it without a download of its own. The
 * line's binary runs mocha and comes first on PATH, so the processes the tests start (the bot,
 * npm start in a production tree) run on it too. Ends with one line "N passed, N failed".
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMocha } from './support/mochaRun.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MOCHA = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const LINES = (process.env.NODE_LINES ?? '22,24').split(',').map((l) => l.trim());

function binaryOf(line: string): string {
  return execFileSync(
    'npx',
    ['-y', '-p', `node@${line}`, 'node', '-e', 'process.stdout.write(process.execPath)'],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  ).trim();
}

function run(node: string): Promise<{ passed: number; failed: number }> {
  return runMocha([node, '--disable-warning=DEP0111', MOCHA], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${path.dirname(node)}:${process.env.PATH ?? ''}` },
  });
}

let passed = 0;
let failed = 0;
const lines: string[] = [];
for (const line of LINES) {
  let node: string;
  try {
    node = binaryOf(line);
  } catch (error) {
    console.error(`Node ${line} could not be brought: ${(error as Error).message}`);
    failed += 1;
    lines.push(`  Node ${line}: not run`);
    continue;
  }
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`\n=== every suite on Node ${version} (${node}) ===`);
  const result = await run(node);
  passed += result.passed;
  failed += result.failed;
  lines.push(`  Node ${version}: ${result.passed} passed, ${result.failed} failed`);
}
console.log(`\nother Node lines\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
