/** What the Azure Storage SDKs' errors say, and the one retry loop for optimistic writes. */

/** The HTTP status of a RestError (404 missing, 409 exists, 412 etag moved), if it has one. */
export function statusCode(error: unknown): number | undefined {
  return (error as { statusCode?: number } | undefined)?.statusCode;
}

/**
 * 412: a row moved since it was read; 409/404: a row another writer created or removed in between.
 * Either way, read again and redo the write.
 */
function isWriteConflict(error: unknown): boolean {
  const code = statusCode(error);
  return code === 412 || code === 409 || code === 404;
}

const MAX_ATTEMPTS = 20;

/** Runs `attempt` (which reads, then writes conditionally) until it does not lose a race. */
export async function retryWriteConflicts<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isWriteConflict(error) || tries >= MAX_ATTEMPTS) throw error;
      // A little random wait, growing, so racing instances do not collide again in step.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** tries)),
      );
    }
  }
}
