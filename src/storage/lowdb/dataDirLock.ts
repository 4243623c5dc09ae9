import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { PRIVATE_FILE_MODE } from '../privateFolder.js';
import { StorageError } from '../storageError.js';

/**
 * One process per data directory, wherever it runs. The lock is proper-lockfile's: a directory
 * created atomically (mkdir works on network file systems too, e.g. App Service's shared /home)
 * whose time is refreshed while its owner lives. A lock not refreshed for STALE_MS belongs to a
 * dead process, on this host or another, and is taken over; a refreshed one is respected, from
 * any host. On this host the owner's pid says more, once the lock has missed a refresh: a lock
 * whose process is gone is taken within seconds (a restart after kill -9 need not wait for it to
 * go stale), and one naming our own pid that this process does not hold is a predecessor's
 * (containers start every process as pid 1), never a reason to refuse the start. A pid on
 * another host means nothing here: only the refresh counts.
 */

export const STALE_MS = 10_000;
const REFRESH_MS = 3_000;
const LOCK_NAME = '.owner.lock';
/** Who holds the lock, for messages and for this host's pid check (beside the lock: its directory must stay empty). */
const OWNER_FILE = '.owner.json';
/** A live owner refreshes its lock every REFRESH_MS; one older than this was not refreshed in time. */
const UNREFRESHED_MS = REFRESH_MS + 1_000;
/** Written by versions before this lock: a pid in a file, unusable in containers and across hosts. */
const LEGACY_LOCK = '.lock';

interface Owner {
  pid: number;
  host: string;
  since: string;
}

export class DataDirInUseError extends StorageError {
  constructor(
    readonly dataDir: string,
    readonly owner: Owner | undefined,
  ) {
    super(
      'dataDirInUse',
      `DATA_DIR ${dataDir} is in use by ${owner ? `process ${owner.pid} on ${owner.host} (since ${owner.since})` : 'another process'}. Two processes on one lowdb store lose updates: stop the other one, or give this one its own DATA_DIR. A lock left by a process that died is taken over ${STALE_MS / 1000} s after its last refresh.`,
    );
  }
}

export class DataDirUnusableError extends StorageError {
  constructor(
    readonly dataDir: string,
    code: string,
  ) {
    super(
      'dataDirUnusable',
      `DATA_DIR ${dataDir} cannot be written (${code}). Make it a folder the bot's user can create files in (it holds the customers' data), or set DATA_DIR to one.`,
    );
  }
}

/** Directories this process holds the lock of. */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The lock's owner is gone for sure: it ran on this host, is ourselves (not holding it) or dead,
 * and the lock missed its last refresh (so the owner file cannot be a newer owner's, not yet written).
 */
function ownerIsGone(lockPath: string, owner: Owner | undefined): boolean {
  if (!owner || owner.host !== os.hostname()) return false;
  const age = Date.now() - fs.statSync(lockPath).mtimeMs;
  return age > UNREFRESHED_MS && (owner.pid === process.pid || !isAlive(owner.pid));
}

function readOwner(dir: string): Owner | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

const UNUSABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOENT', 'ENOSPC', 'EEXIST']);

/** A file-system error while setting up DATA_DIR, as the message an operator can act on. */
export function asDataDirError(dataDir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return UNUSABLE.has(code) ? new DataDirUnusableError(path.resolve(dataDir), code) : error;
}

/**
 * Takes the data directory's lock or throws DataDirInUseError; `onLost` is called if the lock is
 * taken from us later (its refresh failed or another process removed it): stop writing then.
 */
export function lockDataDir(
  dataDir: string,
  onLost: (error: Error) => void = () => {},
): () => void {
  const dir = path.resolve(dataDir);
  const lockPath = path.join(dir, LOCK_NAME);
  if (held.has(dir)) throw new DataDirInUseError(dir, readOwner(dir));
  const options = {
    lockfilePath: lockPath,
    realpath: false,
    stale: STALE_MS,
    update: REFRESH_MS,
    onCompromised: (error: Error) => {
      held.delete(dir);
      onLost(error);
    },
  };
  let release: () => void;
  try {
    release = lockfile.lockSync(dir, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code !== 'ELOCKED') throw asDataDirError(dir, error);
    const owner = readOwner(dir);
    if (!ownerIsGone(lockPath, owner)) throw new DataDirInUseError(dir, owner);
    fs.rmSync(lockPath, { recursive: true, force: true });
    release = lockfile.lockSync(dir, options);
  }
  held.add(dir);
  const owner: Owner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  fs.writeFileSync(path.join(dir, OWNER_FILE), JSON.stringify(owner), { mode: PRIVATE_FILE_MODE });
  fs.rmSync(path.join(dir, LEGACY_LOCK), { force: true });
  return () => {
    if (!held.delete(dir)) return;
    try {
      release();
    } catch {
      // Already released or taken over: nothing of ours is left to remove.
      return;
    }
    // The owner file says who holds the lock: with the lock released, nobody does.
    const named = readOwner(dir);
    if (named?.pid === owner.pid && named.since === owner.since)
      fs.rmSync(path.join(dir, OWNER_FILE), { force: true });
  };
}
