/**
 * `npm run test:node`: every suite again on the other supported Node lines (22 and 24; NODE_LINES
 * names others), with this clone's built output, each somewhere else than this machine: far east
 * of UTC in Swedish, far west in French. No test may depend on the time zone or the locale, so
 * these runs are also the clock check's time-zone and locale runs, for every suite
 * (`test/clockCheck.ts` moves the clock). npm's `node` package carries each line's binary as a
 * registry package, so `npx -p node@<line>` brings it without a download of its own. The line's
 * binary runs mocha and comes first on PATH, so the processes the tests start (the bot, npm start
 * in a production tree) run on it too. Ends with one line "N passed, N failed".
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMocha } from './support/mochaRun.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MOCHA = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const LINES = (process.env.NODE_LINES ?? '22,24').split(',').map((l) => l.trim());
/** Where each line runs, in turn: a time zone and a system locale unlike this machine's. */
const PLACES = [
  {
    name: 'TZ=Pacific/Kiritimati (UTC+14), LANG=sv_SE',
    env: { TZ: 'Pacific/Kiritimati', LANG: 'sv_SE.UTF-8', LC_ALL: 'sv_SE.UTF-8' },
  },
  {
    name: 'TZ=Pacific/Honolulu (UTC−10), LANG=fr_FR',
    env: { TZ: 'Pacific/Honolulu', LANG: 'fr_FR.UTF-8', LC_ALL: 'fr_FR.UTF-8' },
  },
] as const;

function binaryOf(line: string): string {
  return execFileSync(
    'npx',
    ['-y', '-p', `node@${line}`, 'node', '-e', 'process.stdout.write(process.execPath)'],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  ).trim();
}

function run(
  node: string,
  place: Record<string, string>,
): Promise<{ passed: number; failed: number }> {
  return runMocha([node, '--disable-warning=DEP0111', MOCHA], {
    cwd: ROOT,
    env: { ...process.env, ...place, PATH: `${path.dirname(node)}:${process.env.PATH ?? ''}` },
  });
}

let passed = 0;
let failed = 0;
const lines: string[] = [];
for (const [i, line] of LINES.entries()) {
  const place = PLACES[i % PLACES.length]!;
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
  console.log(`\n=== every suite on Node ${version}, ${place.name} (${node}) ===`);
  const result = await run(node, place.env);
  passed += result.passed;
  failed += result.failed;
  lines.push(`  Node ${version}, ${place.name}: ${result.passed} passed, ${result.failed} failed`);
}
console.log(`\nother Node lines\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
