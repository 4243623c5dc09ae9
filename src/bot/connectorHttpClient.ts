import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent, EnvHttpProxyAgent, request as send, type Dispatcher } from 'undici';

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

function compatHeaders(
  headers: Record<string, string | string[] | undefined>,
): CompatHeaders & { get(name: string): string | undefined } {
  const json: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) json[name] = Array.isArray(value) ? value.join(', ') : value;
  return { toJson: () => ({ ...json }), get: (name) => json[name.toLowerCase()] };
}

const PROXY_VARIABLES = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
];
let egress: { settings: string; dispatcher: Dispatcher } | undefined;

/**
 * The egress proxy the environment names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), as the SDK's own
 * client honoured it: corporate networks reach the Bot Connector only through one. Without one,
 * a keep-alive agent of our own.
 */
function dispatcher(): Dispatcher {
  const settings = PROXY_VARIABLES.map((name) => `${name}=${process.env[name] ?? ''}`).join(';');
  if (egress?.settings !== settings)
    egress = {
      settings,
      dispatcher: /(HTTPS?_PROXY|https?_proxy)=[^;]/.test(settings)
        ? new EnvHttpProxyAgent()
        : new Agent(),
    };
  return egress.dispatcher;
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
    try {
      // undici's request, not fetch: the same connection pool without the web streams, which
      // cost ~280 µs a call in a turn's profile.
      const response = await send(request.url, {
        method: request.method,
        headers: request.headers.toJson({ preserveCase: true }),
        ...(typeof request.body === 'string' ? { body: request.body } : {}),
        ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
        dispatcher: dispatcher(),
      });
      return {
        request,
        status: response.statusCode,
        headers: compatHeaders(response.headers),
        bodyAsText: await response.body.text(),
      };
    } catch (error) {
      // The name the connector's retry policy knows: an aborted request is never retried.
      if (deadline?.aborted || request.abortSignal?.aborted) throw abortError();
      throw error;
    }
  },
};
