import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_FILE_MODE } from './privateFolder.js';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `DATA_DIR ${dataDir} is in use by process ${pid}. Two processes on one lowdb store lose updates: stop the other one, or give this one its own DATA_DIR.`,
    );
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One store per data directory: a lock file with the owner's pid; a dead owner's is taken over. */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, '.lock');
  const mine = String(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, mine, { flag: 'wx', mode: PRIVATE_FILE_MODE });
      return () => {
        if (fs.existsSync(lockPath) && fs.readFileSync(lockPath, 'utf8') === mine) fs.unlinkSync(lockPath);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new DataDirInUseError(dataDir, owner);
      fs.unlinkSync(lockPath); // left by a process that died
    }
  }
  throw new DataDirInUseError(dataDir, -1);
}
