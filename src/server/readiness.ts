/**
 * /healthz says the process answers; /readyz says it can do its work now: the storage answers
 * within a few seconds and the notifier is delivering. A load balancer or App Service's health
 * check takes an instance out of rotation on 503 and keeps it running.
 */
export interface Readiness {
  ready: boolean;
  /** Short names of what is not ready; details go to the log, not to whoever asks. */
  problems: string[];
}

export interface ReadinessParts {
  probeStorage: () => Promise<void>;
  notifier: () => { running: boolean; outboxReadable: boolean };
  onProblem: (what: string, error?: unknown) => void;
  timeoutMs?: number;
}

export function readinessCheck({
  probeStorage,
  notifier,
  onProblem,
  timeoutMs = 3_000,
}: ReadinessParts): () => Promise<Readiness> {
  return async () => {
    const problems: string[] = [];
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        probeStorage(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      problems.push('storage');
      onProblem('storage', error);
    } finally {
      clearTimeout(timer);
    }
    const { running, outboxReadable } = notifier();
    if (!running) problems.push('notifier');
    if (!outboxReadable) problems.push('outbox');
    for (const problem of problems.filter((p) => p !== 'storage')) onProblem(problem);
    return { ready: problems.length === 0, problems };
  };
}
