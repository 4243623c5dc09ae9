import fs from 'node:fs';
import path from 'node:path';

/**
 * The data directory holds contact names, emails, phone numbers and addresses: readable by the
 * bot's own user only. Folders are 0700 and files 0600; the process's umask (set at start-up)
 * covers the files lowdb writes, and a directory left by an older version is tightened once.
 */

const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** Group and others: none of these bits may be set. */
const SHARED_BITS = 0o077;

/** Files created by this process from now on are private, whatever the shell's umask was. */
export function keepNewFilesPrivate(): void {
  process.umask(SHARED_BITS);
}

/** Creates the folder (and its parents) private, or tightens it when it exists. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if ((fs.statSync(dir).mode & SHARED_BITS) !== 0) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * The data directory at start-up: when it was shared (an older version, or made by hand), every
 * folder and file under it is made private; a private one is left as it is (no walk at start).
 */
export function securePrivateTree(root: string): void {
  fs.mkdirSync(root, { recursive: true, mode: PRIVATE_DIR_MODE });
  if ((fs.statSync(root).mode & SHARED_BITS) === 0) return;
  const walk = (dir: string) => {
    fs.chmodSync(dir, PRIVATE_DIR_MODE);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) fs.chmodSync(full, PRIVATE_FILE_MODE);
    }
  };
  walk(root);
}
