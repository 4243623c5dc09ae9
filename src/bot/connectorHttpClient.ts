import { AsyncLocalStorage } from 'node:async_hooks';
import type { Dispatcher } from 'undici';

/**
 * The HTTP client under botbuilder's connector client (its public `httpClient` option), so that
 * a caller's deadline reaches every request. botbuilder retries 429 and 5xx three times on its
 * own, waiting Retry-After between tries; each try passes through here, so once the deadline
 * has fired the request in flight is aborted and no later try is sent: an attempt given up is
 * given up for real, and never lands after the caller's next attempt.
 */

/** The abort signal of the connector call under way, if its caller set one. */
const callSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `call` with every connector request it makes bound to `signal`. */
export function withConnectorDeadline<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
  return callSignal.run(signal, call);
}

/** The parts of the connector's request and response objects (core-http's shapes) we use. */
interface CompatHeaders {
  toJson(options?: { preserveCase?: boolean }): Record<string, string>;
}
interface CompatRequest {
  url: string;
  method: string;
  headers: CompatHeaders;
  body?: unknown;
  abortSignal?: AbortSignal;
}

function compatHeaders(headers: {
  entries(): IterableIterator<[string, string]>;
  get(name: string): string | null;
}): CompatHeaders & { get(name: string): string | undefined } {
  const json = Object.fromEntries(headers.entries());
  return { toJson: () => ({ ...json }), get: (name) => headers.get(name) ?? undefined };
}

const PROXY_VARIABLES = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
];
/** What sends a request: Node's own fetch, or undici's with the proxy agent. */
interface SendInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  dispatcher?: Dispatcher;
}
interface Egress {
  settings: string;
  fetch: (url: string, init: SendInit) => Promise<Response>;
  dispatcher?: Dispatcher;
}
let egress: Egress | undefined;

/**
 * The egress proxy the environment names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), as the SDK's own
 * client honoured it: corporate networks reach the Bot Connector only through one. undici (the
 * package, whose fetch and agent match) is loaded only then: without a proxy Node's own fetch
 * does the same, and start-up does not pay for a second copy of undici (~45 ms, measured).
 */
async function egressFor(): Promise<Egress> {
  const settings = PROXY_VARIABLES.map((name) => `${name}=${process.env[name] ?? ''}`).join(';');
  if (egress?.settings === settings) return egress;
  if (!/(HTTPS?_PROXY|https?_proxy)=[^;]/.test(settings)) {
    egress = { settings, fetch: globalThis.fetch as Egress['fetch'] };
  } else {
    const undici = await import('undici');
    egress = {
      settings,
      fetch: undici.fetch as unknown as Egress['fetch'],
      dispatcher: new undici.EnvHttpProxyAgent(),
    };
  }
  return egress;
}

function abortError(): Error {
  const error = new Error('The connector call was abandoned at its deadline.');
  error.name = 'AbortError';
  return error;
}

export const connectorHttpClient = {
  async sendRequest(request: CompatRequest) {
    const deadline = callSignal.getStore();
    // A retry that botbuilder scheduled before the deadline fired is not sent at all.
    if (deadline?.aborted) throw abortError();
    const signals = [deadline, request.abortSignal].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    const { fetch, dispatcher } = await egressFor();
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers.toJson({ preserveCase: true }),
        ...(typeof request.body === 'string' ? { body: request.body } : {}),
        ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
        ...(dispatcher ? { dispatcher } : {}),
      });
    } catch (error) {
      // The name the connector's retry policy knows: an aborted request is never retried.
      if (deadline?.aborted || request.abortSignal?.aborted) throw abortError();
      throw error;
    }
    return {
      request,
      status: response.status,
      headers: compatHeaders(response.headers),
      bodyAsText: await response.text(),
    };
  },
};
