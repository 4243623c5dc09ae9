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
  /** Api mode: whether Partner Center (and its token endpoint) answered the last call. */
  partnerCenter?: () => boolean;
  onProblem: (what: string, error?: unknown) => void;
  timeoutMs?: number;
}

export function readinessCheck({
  probeStorage,
  notifier,
  partnerCenter,
  onProblem,
  timeoutMs = 3_000,
}: ReadinessParts): () => Promise<Readiness> {
  const check = async (): Promise<Readiness> => {
    const problems: string[] = [];
    const problem = (what: string, error?: unknown) => {
      problems.push(what);
      onProblem(what, error);
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        probeStorage(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      problem('storage', error);
    } finally {
      clearTimeout(timer);
    }
    const { running, outboxReadable } = notifier();
    if (!running) problem('notifier');
    if (!outboxReadable) problem('outbox');
    if (partnerCenter && !partnerCenter()) problem('partnercenter');
    return { ready: problems.length === 0, problems };
  };
  // The route is public: however many ask at once, one probe of the storage is under way.
  let inFlight: Promise<Readiness> | undefined;
  return () => (inFlight ??= check().finally(() => (inFlight = undefined)));
}
