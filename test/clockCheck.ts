/**
 * `npm run test:clock`: the suites whose results could depend on the date (domain, service,
 * conversation, notifications), run again with the clock a year ahead just before midnight on
 * New Year's Eve. They must pass as the normal run does. Other time zones and locales are run by
 * `npm run test:node` (every suite, far east and far west of UTC in other languages).
 * Ends with one line "N passed, N failed".
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackage } from './support/debianPackage.js';
import { runMocha } from './support/mochaRun.js';

const DIST_TEST = path.dirname(fileURLToPath(import.meta.url));
const SUITES = ['domain', 'service', 'bot'];
const MOCHA = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const FAKETIME = '/usr/bin/faketime';
// New Year's Eve of next year, half an hour before midnight: always ahead, whatever today is.
const AHEAD_TO = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 11, 31, 23, 30)).toISOString();

interface Setting {
  name: string;
  env: Record<string, string>;
  /** A command the run is wrapped in. */
  wrap?: () => string[];
}

const SETTINGS: Setting[] = [
  {
    name: `faketime: the clock moved ahead to ${AHEAD_TO}`,
    // An offset, not a start time: child processes (a restarted bot, Azurite) share the same clock.
    // Monotonic clocks stay real, so timers and timeouts behave.
    env: { TZ: 'UTC', FAKETIME_DONT_FAKE_MONOTONIC: '1' },
    wrap: () => [FAKETIME, '-f', `+${Math.round((Date.parse(AHEAD_TO) - Date.now()) / 1000)}s`],
  },
];

function testFiles(): string[] {
  return SUITES.flatMap((suite) =>
    fs
      .readdirSync(path.join(DIST_TEST, suite), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.js'))
      .map((f) => path.join(DIST_TEST, suite, f)),
  ).sort();
}

/** Runs mocha once; its output goes through, its summary is counted. */
function run(
  setting: Setting,
  files: string[],
): Promise<{ passed: number; failed: number; code: number }> {
  const command = [
    ...(setting.wrap?.() ?? []),
    process.execPath,
    '--disable-warning=DEP0111',
    MOCHA,
    '--no-config',
    '--timeout',
    '15000',
    '--enable-source-maps',
    ...files,
  ];
  console.log(`\n=== clock check: ${setting.name} ===`);
  return runMocha(command, { env: { ...process.env, ...setting.env } });
}

ensureDebianPackage(FAKETIME, 'faketime', 'to run the suites with the clock moved ahead');
const files = testFiles();
let passed = 0;
let failed = 0;
const lines: string[] = [];
for (const setting of SETTINGS) {
  const result = await run(setting, files);
  passed += result.passed;
  failed += result.failed;
  lines.push(`  ${setting.name}: ${result.passed} passed, ${result.failed} failed`);
}
console.log(`\nclock check\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
