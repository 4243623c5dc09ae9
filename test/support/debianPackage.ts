import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Installs a Debian package when the program it provides is missing: CI machines start without
 * the browser and faketime the tests need, and the project's own scripts must bring them.
 */
export function ensureDebianPackage(program: string, pkg: string, why: string): void {
  if (fs.existsSync(program)) return;
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', pkg]]) {
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0)
      throw new Error(
        `apt-get ${args.join(' ')} failed (${result.status}): ${pkg} is needed ${why}.`,
      );
  }
}
