import fs from 'node:fs';
import type { z } from 'zod';
import { StorageError } from '../storageError.js';

/** A data file that cannot be used; the start stops and the file is left as it is. */
export class DataFileError extends StorageError {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(
      'dataFile',
      `Cannot use data file ${file}: ${problem}. Fix or move the file and start again; it has not been changed.`,
    );
  }
}

/** Reads a JSON document and checks it against its schema; anything else is a DataFileError. */
export function readDataFile<T>(file: string, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DataFileError(file, `it is not readable JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new DataFileError(
      file,
      `it is not a valid ${what} (${first?.path.join('.')}: ${first?.message})`,
    );
  }
  return parsed.data;
}
