import { createHash } from 'node:crypto';
import path from 'node:path';

/** A document's file in its folder: named by a hash of its key (keys hold characters file names may not). */
export function documentFile(dir: string, key: string): string {
  return path.join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
}
