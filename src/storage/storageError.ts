/**
 * The one type of storage failure a person should read: the start stops with its message (a data
 * file that cannot be used, a DATA_DIR held by another process), or a turn fails with its code
 * (a state another turn changed first). Each backend's own errors stay inside the backend.
 */
export type StorageErrorCode =
  'dataFile' | 'dataDirInUse' | 'dataDirUnusable' | 'stateConflict' | 'tooLarge';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A turn's state changed in another turn since this one read it: nothing of this turn was saved. */
export class StateConflictError extends StorageError {
  constructor(key: string) {
    super('stateConflict', `The state "${key}" changed in another turn since this turn read it.`);
  }
}
